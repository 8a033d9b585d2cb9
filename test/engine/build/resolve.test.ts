import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { resolveBuild, type ResolveFs } from '../../../server/src/engine/build/resolve';
import type { Builder } from '../../../server/src/engine/types';

const CTX = '/repo';
const memFs = (files: string[]): ResolveFs => {
  const set = new Set(files.map((f) => path.join(CTX, f)));
  return { exists: (p) => set.has(p) };
};
const resolve = (builder: Builder, files: string[], dockerfile?: string) =>
  resolveBuild({
    contextDir: CTX,
    builder,
    fs: memFs(files),
    dockerfile: dockerfile && path.join(CTX, dockerfile),
    cwd: '/elsewhere',
  });
const rel = (p: string | null): string | null => (p === null ? null : path.relative(CTX, p));

test('default Dockerfile name: Dockerfile, then dockerfile; podman: Containerfile, then Dockerfile', () => {
  assert.equal(rel(resolve('buildkit', ['Dockerfile', 'dockerfile']).dockerfile), 'Dockerfile');
  assert.equal(rel(resolve('buildkit', ['dockerfile']).dockerfile), 'dockerfile');
  assert.equal(rel(resolve('classic', ['dockerfile']).dockerfile), 'dockerfile');
  assert.equal(rel(resolve('podman', ['Containerfile', 'Dockerfile']).dockerfile), 'Containerfile');
  assert.equal(rel(resolve('podman', ['Dockerfile']).dockerfile), 'Dockerfile');
  assert.equal(rel(resolve('podman', ['dockerfile']).dockerfile), 'Containerfile', 'podman does not try lower case');
  const none = resolve('buildkit', []);
  assert.equal(none.dockerfileExists, false);
  assert.equal(rel(none.dockerfile), 'Dockerfile');
});

test('buildkit: <Dockerfile>.dockerignore next to the Dockerfile replaces the context one', () => {
  const files = ['docker/gateway.Dockerfile', 'docker/gateway.Dockerfile.dockerignore', '.dockerignore'];
  assert.equal(
    rel(resolve('buildkit', files, 'docker/gateway.Dockerfile').ignoreFile),
    'docker/gateway.Dockerfile.dockerignore',
  );
  assert.equal(
    rel(resolve('buildkit', files.slice(0, 1).concat('.dockerignore'), 'docker/gateway.Dockerfile').ignoreFile),
    '.dockerignore',
  );
  // Only the exact `<name>.dockerignore` counts, not `.dockerignore` beside it or a name without the extension.
  const near = ['docker/gateway.Dockerfile', 'docker/.dockerignore', 'docker/gateway.dockerignore'];
  assert.equal(resolve('buildkit', near, 'docker/gateway.Dockerfile').ignoreFile, null);
  assert.equal(
    rel(resolve('buildkit', ['Dockerfile', 'Dockerfile.dockerignore', '.dockerignore']).ignoreFile),
    'Dockerfile.dockerignore',
  );
});

test('buildkit: a lower-case fallback still looks for Dockerfile.dockerignore (the name asked for)', () => {
  assert.equal(
    rel(resolve('buildkit', ['dockerfile', 'Dockerfile.dockerignore', 'dockerfile.dockerignore']).ignoreFile),
    'Dockerfile.dockerignore',
  );
  assert.equal(
    rel(resolve('buildkit', ['dockerfile', 'dockerfile.dockerignore', '.dockerignore']).ignoreFile),
    '.dockerignore',
  );
});

test('classic: only <context>/.dockerignore, never the per-Dockerfile file or .containerignore', () => {
  const files = ['docker/gateway.Dockerfile', 'docker/gateway.Dockerfile.dockerignore', '.containerignore'];
  assert.equal(resolve('classic', files, 'docker/gateway.Dockerfile').ignoreFile, null);
  assert.equal(
    rel(resolve('classic', [...files, '.dockerignore'], 'docker/gateway.Dockerfile').ignoreFile),
    '.dockerignore',
  );
});

test('podman: <Containerfile>.dockerignore, <Containerfile>.containerignore, .containerignore, .dockerignore', () => {
  const cf = 'build/Containerfile';
  const all = [cf, `${cf}.dockerignore`, `${cf}.containerignore`, '.containerignore', '.dockerignore'];
  const pick = (files: string[]): string | null => rel(resolve('podman', files, cf).ignoreFile);
  // buildah checks .containerignore first but an existing .dockerignore then overrides the choice.
  assert.equal(pick(all), `${cf}.dockerignore`);
  assert.equal(pick(all.filter((f) => f !== `${cf}.dockerignore`)), `${cf}.containerignore`);
  assert.equal(pick([cf, '.containerignore', '.dockerignore']), '.containerignore');
  assert.equal(pick([cf, '.dockerignore']), '.dockerignore');
  assert.equal(pick([cf]), null);
  assert.equal(
    rel(resolve('podman', ['Containerfile', 'Containerfile.containerignore', '.dockerignore']).ignoreFile),
    'Containerfile.containerignore',
  );
});

test('podman: a relative -f names its ignore file relative to the context, as buildah joins it there', () => {
  const files = ['ctx/sub/Containerfile', 'ctx/sub/Containerfile.dockerignore', 'ctx/.containerignore'];
  const fs2 = memFs(files);
  const fromParent = resolveBuild({
    contextDir: 'ctx',
    dockerfile: 'ctx/sub/Containerfile',
    builder: 'podman',
    fs: fs2,
    cwd: CTX,
  });
  assert.equal(fromParent.dockerfile, path.join(CTX, 'ctx/sub/Containerfile'));
  assert.equal(rel(fromParent.ignoreFile), 'ctx/.containerignore', 'looks for ctx/ctx/sub/Containerfile.dockerignore');
  const fromContext = resolveBuild({
    contextDir: '.',
    dockerfile: 'sub/Containerfile',
    builder: 'podman',
    fs: fs2,
    cwd: path.join(CTX, 'ctx'),
  });
  assert.equal(rel(fromContext.ignoreFile), 'ctx/sub/Containerfile.dockerignore');
  const bk = resolveBuild({
    contextDir: 'ctx',
    dockerfile: 'ctx/sub/Containerfile',
    builder: 'buildkit',
    fs: memFs([...files, 'ctx/sub/Containerfile.dockerignore']),
    cwd: CTX,
  });
  assert.equal(
    rel(bk.ignoreFile),
    'ctx/sub/Containerfile.dockerignore',
    'BuildKit reads it next to the Dockerfile wherever -f points',
  );
});

test('ignoreFileToCreate: the file in use, else <context>/.dockerignore', () => {
  assert.equal(rel(resolve('buildkit', ['Dockerfile']).ignoreFileToCreate), '.dockerignore');
  assert.equal(rel(resolve('podman', ['Containerfile', '.containerignore']).ignoreFileToCreate), '.containerignore');
});

test('on disk: relative -f resolves against cwd like docker build; directories are not ignore files', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'buildctx-resolve-'));
  try {
    fs.mkdirSync(path.join(dir, 'ctx', 'docker'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'ctx', 'docker', 'api.Dockerfile'), 'FROM x\n');
    fs.mkdirSync(path.join(dir, 'ctx', 'docker', 'api.Dockerfile.dockerignore'));
    fs.writeFileSync(path.join(dir, 'ctx', '.dockerignore'), 'vendor/\n');
    const b = resolveBuild({
      contextDir: 'ctx',
      dockerfile: 'ctx/docker/api.Dockerfile',
      builder: 'buildkit',
      cwd: dir,
    });
    assert.equal(b.contextDir, path.join(dir, 'ctx'));
    assert.equal(b.dockerfile, path.join(dir, 'ctx', 'docker', 'api.Dockerfile'));
    assert.equal(b.dockerfileExists, true);
    assert.equal(b.ignoreFile, path.join(dir, 'ctx', '.dockerignore'));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
