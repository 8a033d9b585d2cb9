// More build definitions found on real repositories (issue 15): GoReleaser's dockers (with its
// temporary context), Gitpod's workspace image, npm scripts and Tiltfile docker_build calls.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { buildSpecs } from '../../../server/src/engine/build/assemble';
import { contextsReport, renderContexts } from '../../../server/src/cli/contexts';
import { discoverContexts } from '../../../server/src/engine/discovery';
import { classify, isDockerfileName } from '../../../server/src/engine/discovery/walk';
import { DEFAULT_SETTINGS } from '../../../server/src/engine/types';
import { contextsOf, sitesOf, tempRepo } from './helpers';

const run = (root: string) => discoverContexts(root, { settings: DEFAULT_SETTINGS });

test('Dockerfile-<x> and Dockerfile_<x> are Dockerfiles; build definition files are read', () => {
  for (const n of ['Dockerfile-alpine', 'Dockerfile_debug', 'Containerfile-dev', 'Dockerfile-distroless-static'])
    assert.ok(isDockerfileName(n), n);
  for (const n of ['Dockerfile-alpine.dockerignore', 'Dockerfile_notes.md', 'Dockerfile-lint.sh'])
    assert.ok(!isDockerfileName(n), n);
  assert.equal(classify('.goreleaser.yml'), 'goreleaser');
  assert.equal(classify('.goreleaser.yaml'), 'goreleaser');
  assert.equal(classify('goreleaser.yml'), 'goreleaser');
  assert.equal(classify('.gitpod.yml'), 'gitpod');
  assert.equal(classify('web/package.json'), 'npm');
  assert.equal(classify('dev/Tiltfile'), 'tiltfile');
});

const GORELEASER = `version: 2
variables:
  dockerfile_alpine: ".docker/Dockerfile-alpine"
  dockerfile_static: ".docker/Dockerfile-static"
  not_a_path: "hello"
dockers:
  - image_templates: ["example/app:{{ .Tag }}-alpine"]
    dockerfile: "{{ .Var.dockerfile_alpine }}"
    extra_files: [LICENSE]
  - image_templates: ["example/app:{{ .Tag }}-env"]
    dockerfile: "{{ .Env.DOCKERFILE }}"
dockers_v2:
  - images: [example/plain]
`;

test('GoReleaser: dockers and dockers_v2 Dockerfiles, via {{ .Var }} and bare variables, temporary context', () => {
  const root = tempRepo({
    '.goreleaser.yml': GORELEASER,
    '.docker/Dockerfile-alpine': 'FROM alpine\nCOPY app /usr/bin/app\n',
    '.docker/Dockerfile-static': 'FROM scratch\nCOPY app /app\n',
    Dockerfile: 'FROM scratch\nCOPY app /app\n',
    LICENSE: '',
  });
  const result = run(root);
  assert.deepEqual(contextsOf(root, result, '.docker/Dockerfile-alpine'), [
    [
      '.docker',
      'ci',
      '.goreleaser.yml:8 (dockerfile_alpine=.docker/Dockerfile-alpine from .goreleaser.yml:3)',
      undefined,
    ],
  ]);
  assert.deepEqual(contextsOf(root, result, '.docker/Dockerfile-static'), [
    ['.docker', 'ci', '.goreleaser.yml:4 (goreleaser variable dockerfile_static; no dockers: here use it)', undefined],
  ]);
  assert.deepEqual(contextsOf(root, result, 'Dockerfile'), [
    ['.', 'ci', '.goreleaser.yml:13 (the default Dockerfile)', undefined],
  ]);
  for (const d of ['.docker/Dockerfile-alpine', '.docker/Dockerfile-static', 'Dockerfile']) {
    const c = result.candidates.get(path.join(root, d))?.[0];
    assert.equal(c?.temporaryContext, 'goreleaser', d);
    // The context is goreleaser's temporary folder: nothing of the repository to check it against.
    assert.deepEqual(buildSpecs(path.join(root, d), result, DEFAULT_SETTINGS), [], d);
  }
  assert.deepEqual(sitesOf(root, result), [], 'no build site: its context would be a placeholder');
  const text = renderContexts(contextsReport(root, result));
  assert.match(text, /context {2}\(goreleaser's temporary folder: binaries and extra_files\) {2}from \.goreleaser/);
});

test('GoReleaser: another build of the same Dockerfile is still checked against the repository', () => {
  const root = tempRepo({
    '.goreleaser.yaml': 'dockers:\n  - dockerfile: build/Dockerfile\n',
    'build/Dockerfile': 'FROM scratch\nCOPY app /app\n',
    Makefile: 'image:\n\tdocker build -f build/Dockerfile .\n',
  });
  const result = run(root);
  const dockerfile = path.join(root, 'build/Dockerfile');
  assert.deepEqual(
    result.candidates.get(dockerfile)?.map((c) => [c.provenance, c.temporaryContext]),
    [
      ['Makefile:2', undefined],
      ['.goreleaser.yaml:2', 'goreleaser'],
    ],
  );
  const specs = buildSpecs(dockerfile, result, DEFAULT_SETTINGS);
  assert.deepEqual(
    specs.map((s) => [path.relative(root, s.candidate.contextDir) || '.', s.candidate.provenance]),
    [['.', 'Makefile:2']],
  );
});

test('Gitpod: image.file from the repository root, image.context or the root as context', () => {
  const root = tempRepo({
    '.gitpod.yml': 'image:\n  file: .gitpod/Dockerfile\n  context: tools\ntasks:\n  - init: make\n',
    '.gitpod/Dockerfile': 'FROM gitpod/workspace-full\nCOPY setup.sh /\n',
    'tools/setup.sh': '',
  });
  const result = run(root);
  assert.deepEqual(contextsOf(root, result, '.gitpod/Dockerfile'), [['tools', 'ci', '.gitpod.yml:2', undefined]]);
  assert.deepEqual(
    sitesOf(root, result).map((s) => [s.at, s.tool]),
    [['.gitpod.yml:2', 'gitpod']],
  );

  const plain = tempRepo({
    '.gitpod.yml': 'image:\n  file: ./.devcontainer/Dockerfile\n',
    '.devcontainer/Dockerfile': 'FROM gitpod/workspace-full\n',
  });
  assert.deepEqual(contextsOf(plain, run(plain), '.devcontainer/Dockerfile'), [
    ['.', 'ci', '.gitpod.yml:2 (no image.context: the repository root)', undefined],
  ]);

  const named = tempRepo({ '.gitpod.yml': 'image: gitpod/workspace-full\n', Dockerfile: 'FROM scratch\n' });
  assert.equal(run(named).candidates.get(path.join(named, 'Dockerfile'))?.[0]?.source, 'fallback');
});

test('npm scripts: docker/podman/buildx builds run in the package folder; node_modules skipped', () => {
  const pkg = {
    name: 'web',
    scripts: {
      build: 'tsc -p .',
      'build-docker': 'npm run build && docker build -f docker/web.dockerfile -t web --target prod ..',
      'build-multi': 'docker buildx build -f docker/web.dockerfile --platform linux/amd64 .',
      'build-podman': 'podman build -f docker/web.dockerfile .',
      start: 'node server.js',
    },
  };
  const root = tempRepo({
    'web/package.json': JSON.stringify(pkg, null, 2),
    'web/docker/web.dockerfile': 'FROM node:22\nCOPY . .\n',
    'web/node_modules/x/package.json': JSON.stringify({
      scripts: { b: 'docker build -f ../../docker/web.dockerfile .' },
    }),
  });
  const result = run(root);
  assert.deepEqual(contextsOf(root, result, 'web/docker/web.dockerfile'), [
    ['.', 'script', 'web/package.json:5', undefined],
    ['web', 'script', 'web/package.json:6', 'buildkit'],
    ['web', 'script', 'web/package.json:7', 'podman'],
  ]);
  assert.deepEqual(
    sitesOf(root, result).map((s) => `${s.at} ${s.tool}`),
    ['web/package.json:5 docker', 'web/package.json:6 buildx', 'web/package.json:7 podman'],
  );
  assert.equal(result.sites[0]?.target, 'prod');
});

test('Tiltfile: docker_build positional and keyword arguments, paths from the Tiltfile folder', () => {
  const tilt = [
    "load('ext://restart_process', 'docker_build_with_restart')",
    "docker_build('example/api', 'api')",
    'docker_build(',
    "    'example/web',",
    "    context='.',",
    "    dockerfile='web/Dockerfile.dev',",
    "    only=['web'],",
    ')',
    "# docker_build('example/old', '.', dockerfile='tools.Dockerfile')",
    "docker_build_with_restart('example/worker', context='..', dockerfile='worker.Dockerfile', entrypoint=['/w'])",
    'docker_build(ref, ctx_dir)',
    "local('docker build -f tools.Dockerfile .')",
    '',
  ].join('\n');
  const root = tempRepo({
    'dev/Tiltfile': tilt,
    'dev/api/Dockerfile': 'FROM scratch\n',
    'dev/web/Dockerfile.dev': 'FROM scratch\n',
    'dev/worker.Dockerfile': 'FROM scratch\n',
    'dev/tools.Dockerfile': 'FROM scratch\n',
  });
  const result = run(root);
  assert.deepEqual(contextsOf(root, result, 'dev/api/Dockerfile'), [
    ['dev/api', 'script', 'dev/Tiltfile:2', undefined],
  ]);
  assert.deepEqual(contextsOf(root, result, 'dev/web/Dockerfile.dev'), [
    ['dev', 'script', 'dev/Tiltfile:3 (only= narrows what Tilt sends)', undefined],
  ]);
  assert.deepEqual(contextsOf(root, result, 'dev/worker.Dockerfile'), [['.', 'script', 'dev/Tiltfile:10', undefined]]);
  assert.deepEqual(contextsOf(root, result, 'dev/tools.Dockerfile'), [['dev', 'script', 'dev/Tiltfile:12', undefined]]);
  assert.deepEqual(
    sitesOf(root, result).map((s) => `${s.at} ${s.tool}`),
    ['dev/Tiltfile:2 tilt', 'dev/Tiltfile:3 tilt', 'dev/Tiltfile:10 tilt', 'dev/Tiltfile:12 docker'],
  );
  assert.equal(result.sites[0]?.tag, 'example/api');
});
