import { test } from 'node:test';
import assert from 'node:assert/strict';
import { unusedIgnoreFile } from '../../../server/src/engine/rules/unused-ignore-file';
import { buildFor, ignoreFileCtx, makeTree, runRule, type TreeSpec } from './helpers';

function unused(files: TreeSpec, file: string, builder?: 'classic'): string[] {
  const t = makeTree(files);
  try {
    return runRule(unusedIgnoreFile, ignoreFileCtx(t.abs(file), [], builder ? { builder } : {})).map((f) => `${f.severity} ${f.range.start.line}: ${f.message}`);
  } finally { t.cleanup(); }
}

test('a .dockerignore shadowed by Dockerfile.dockerignore names the file read instead', () => {
  assert.deepEqual(unused({ Dockerfile: 'FROM x\n', 'Dockerfile.dockerignore': 'a\n', '.dockerignore': 'b\n' }, '.dockerignore'), [
    'hint 0: .dockerignore: no build uses it: BuildKit and podman read Dockerfile.dockerignore instead for Dockerfile, and no classic build has its context here',
  ]);
});

test('a .containerignore beside a .dockerignore: buildah lets .dockerignore win, Docker never reads it', () => {
  const [m] = unused({ '.containerignore': 'a\n', '.dockerignore': 'b\n' }, '.containerignore');
  assert.match(m!, /podman\/buildah read \.dockerignore instead when both exist/);
});

test('a per-Dockerfile file without its Dockerfile, and one the classic builder never reads', () => {
  const [a] = unused({ 'api.Dockerfile.dockerignore': 'x\n' }, 'api.Dockerfile.dockerignore');
  assert.match(a!, /there is no api\.Dockerfile beside it/);
  const [b] = unused({ 'api.Dockerfile': 'FROM x\n', 'api.Dockerfile.dockerignore': 'x\n' }, 'api.Dockerfile.dockerignore', 'classic');
  assert.match(b!, /classic builder ignores per-Dockerfile files and reads \.dockerignore at the context root/);
});

test('a .dockerignore outside every build context', () => {
  const [m] = unused({ 'docs/.dockerignore': 'x\n' }, 'docs/.dockerignore');
  assert.match(m!, /no build has its context in this directory/);
});

test('not reported for a file some build uses', () => {
  const t = makeTree({ Dockerfile: 'FROM x\nCOPY . .\n', '.dockerignore': 'a\n' });
  try {
    const build = buildFor({ contextDir: t.dir });
    assert.deepEqual(runRule(unusedIgnoreFile, ignoreFileCtx(t.abs('.dockerignore'), [build])), []);
  } finally { t.cleanup(); }
});
