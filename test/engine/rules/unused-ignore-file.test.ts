import { test } from 'node:test';
import assert from 'node:assert/strict';
import { unusedIgnoreFile } from '../../../server/src/engine/rules/unused-ignore-file';
import { resolveBuild } from '../../../server/src/engine/build/resolve';
import { buildFor, ignoreFileCtx, makeTree, runRule, type TreeSpec } from './helpers';

function unused(files: TreeSpec, file: string, builder?: 'classic' | 'podman'): string[] {
  const t = makeTree(files);
  try {
    return runRule(unusedIgnoreFile, ignoreFileCtx(t.abs(file), [], builder ? { builder } : {})).map(
      (f) => `${f.severity} ${f.range.start.line}: ${f.message}`,
    );
  } finally {
    t.cleanup();
  }
}

test('a .dockerignore shadowed by Dockerfile.dockerignore names the file read instead', () => {
  assert.deepEqual(
    unused({ Dockerfile: 'FROM x\n', 'Dockerfile.dockerignore': 'a\n', '.dockerignore': 'b\n' }, '.dockerignore'),
    [
      'hint 0: .dockerignore: no build uses it: BuildKit and podman/buildah read Dockerfile.dockerignore instead, and no classic build has its context here',
    ],
  );
});

test('a context-root .containerignore beside a .dockerignore is what podman reads: Docker reads .dockerignore instead', () => {
  const files = { Containerfile: 'FROM x\n', '.containerignore': 'a\n', '.dockerignore': 'b\n' };
  const t = makeTree(files);
  try {
    // The rule agrees with the resolver (checked against real buildah): podman picks .containerignore here.
    assert.equal(resolveBuild({ contextDir: t.dir, builder: 'podman' }).ignoreFile, t.abs('.containerignore'));
  } finally {
    t.cleanup();
  }
  const [m] = unused(files, '.containerignore');
  assert.equal(
    m,
    'hint 0: .containerignore: no build uses it: BuildKit and the classic builder read .dockerignore instead, and no podman build has its context here',
  );
  assert.doesNotMatch(m!, /podman\/buildah read \.dockerignore instead/);
});

test('the .dockerignore beside a .containerignore is not read by podman, only by Docker', () => {
  const [m] = unused({ '.containerignore': 'a\n', '.dockerignore': 'b\n' }, '.dockerignore');
  assert.equal(
    m,
    'hint 0: .dockerignore: no build uses it: podman/buildah reads .containerignore instead, and no BuildKit or classic build has its context here',
  );
});

test('a lone .containerignore: only podman reads it', () => {
  const [m] = unused({ '.containerignore': 'a\n' }, '.containerignore');
  assert.equal(
    m,
    'hint 0: .containerignore: no build uses it: only podman/buildah read .containerignore, and no podman build has its context here',
  );
});

test('next to the Containerfile, <name>.dockerignore wins over <name>.containerignore (resolver order)', () => {
  const [m] = unused(
    { Containerfile: 'FROM x\n', 'Containerfile.containerignore': 'a\n', 'Containerfile.dockerignore': 'b\n' },
    'Containerfile.containerignore',
  );
  assert.equal(
    m,
    'hint 0: Containerfile.containerignore: no build uses it: podman/buildah reads Containerfile.dockerignore instead',
  );
  const [n] = unused(
    { Containerfile: 'FROM x\n', 'Containerfile.containerignore': 'a\n' },
    'Containerfile.containerignore',
  );
  assert.equal(n, 'hint 0: Containerfile.containerignore: no build of Containerfile uses it');
});

test('a per-Dockerfile file without its Dockerfile, and one the classic builder never reads', () => {
  const [a] = unused({ 'api.Dockerfile.dockerignore': 'x\n' }, 'api.Dockerfile.dockerignore');
  assert.match(a!, /there is no api\.Dockerfile beside it/);
  const [b] = unused(
    { 'api.Dockerfile': 'FROM x\n', 'api.Dockerfile.dockerignore': 'x\n' },
    'api.Dockerfile.dockerignore',
    'classic',
  );
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
  } finally {
    t.cleanup();
  }
});
