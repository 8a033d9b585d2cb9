// Which files discovery reads, and which trees it never enters.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { git } from '../../git';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { classify, isDockerfileName, walkRepository } from '../../../server/src/engine/discovery/walk';
import { affectsDiscovery, diskAccess } from '../../../server/src/engine/discovery';
import { tempRepo } from './helpers';

test('Dockerfile names', () => {
  for (const n of ['Dockerfile', 'Containerfile', 'Dockerfile.dev', 'api.Dockerfile', 'x.containerfile', 'dockerfile'])
    assert.ok(isDockerfileName(n), n);
  for (const n of ['Dockerfile.dockerignore', '.dockerignore', 'Dockerfiles.md', 'docker-compose.yml'])
    assert.ok(!isDockerfileName(n), n);
});

test('classification of discovery sources', () => {
  const table: Array<[string, string | undefined]> = [
    ['compose.yaml', 'compose'],
    ['deploy/docker-compose.prod.yml', 'compose'],
    ['docker-bake.hcl', 'bake'],
    ['docker-bake.override.json', 'bake'],
    ['skaffold.yaml', 'skaffold'],
    ['deploy/skaffold.dev.yml', 'skaffold'],
    ['.devcontainer/devcontainer.json', 'devcontainer'],
    ['.devcontainer/gpu/devcontainer.json', 'devcontainer'],
    ['tools/.devcontainer.json', 'devcontainer'],
    ['devcontainer.json', undefined],
    ['Makefile', 'makefile'],
    ['mk/images.mk', 'makefile'],
    ['GNUmakefile', 'makefile'],
    ['scripts/build.sh', 'shell'],
    ['.github/workflows/ci.yml', 'workflow'],
    ['.gitlab-ci.yml', 'gitlab'],
    ['Jenkinsfile', 'ci'],
    ['.circleci/config.yml', 'ci'],
    ['tools/build.go', 'source'],
    ['scripts/release', 'source'],
    ['justfile', 'source'],
    ['README.md', undefined],
    ['config.yaml', 'manifest'],
    ['.tekton/push.yaml', 'manifest'],
    ['Taskfile.yml', 'source'],
    ['.github/dependabot.yml', undefined],
    ['release', undefined],
  ];
  for (const [rel, kind] of table) assert.equal(classify(rel), kind, rel);
});

test('node_modules, vendor, third_party, .git and git-ignored folders are never entered', (t) => {
  const root = tempRepo({
    Dockerfile: 'FROM alpine\n',
    '.gitignore': 'build-out/\n*.gen.sh\n',
    'ok.sh': '',
    'node_modules/x/Dockerfile': '',
    'vendor/y/Dockerfile': '',
    'third_party/z/Dockerfile': '',
    'third_party/z/.dockerignore': '',
    '.git/hooks/pre-commit.sh': '',
    'build-out/Dockerfile': '',
    'gen.gen.sh': '',
    'sub/.gitignore': 'local/\n',
    'sub/local/Dockerfile': '',
    'sub/Dockerfile': '',
  });
  t.after(() => fs.rmSync(root, { recursive: true, force: true }));
  const read: string[] = [];
  const found = walkRepository(root, diskAccess, read).map((f) => path.relative(root, f.path));
  assert.deepEqual(found, ['Dockerfile', 'ok.sh', 'sub/Dockerfile']);
  assert.deepEqual(read.map((f) => path.relative(root, f)).sort(), ['.gitignore', 'sub/.gitignore']);
});

test('symlinked folders are not followed (no loops)', (t) => {
  const root = tempRepo({ 'a/Dockerfile': '' });
  t.after(() => fs.rmSync(root, { recursive: true, force: true }));
  fs.symlinkSync(root, path.join(root, 'a', 'loop'));
  assert.deepEqual(
    walkRepository(root, diskAccess, []).map((f) => path.relative(root, f.path)),
    ['a/Dockerfile'],
  );
});

test('affectsDiscovery: which changed files make a cached result stale', () => {
  const root = '/repo';
  for (const f of [
    '/repo/scripts/new.sh',
    '/repo/Makefile',
    '/repo/compose.yaml',
    '/repo/.env',
    '/repo/sub/.gitignore',
    '/repo/docker/x.Dockerfile',
    '/repo/tools/b.go',
  ]) {
    assert.ok(affectsDiscovery(f, root), f);
  }
  for (const f of ['/repo/README.md', '/repo/data.csv', '/other/Makefile', '/repo'])
    assert.ok(!affectsDiscovery(f, root), f);
});

test('a Dockerfile git tracks is found even where .gitignore would ignore it (issue 14)', (t) => {
  const root = tempRepo({
    '.gitignore': 'deploy/\n*.Dockerfile\n',
    'deploy/Dockerfile': '',
    'api.Dockerfile': '',
    'x.Dockerfile': '',
  });
  t.after(() => fs.rmSync(root, { recursive: true, force: true }));
  git(root, 'init', '-q');
  git(root, 'add', '-f', 'deploy/Dockerfile', 'api.Dockerfile');
  const found = walkRepository(root, diskAccess, []).map((f) => path.relative(root, f.path));
  assert.deepEqual(found, ['api.Dockerfile', 'deploy/Dockerfile'], 'the untracked x.Dockerfile stays ignored');
});
