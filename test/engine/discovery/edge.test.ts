// Discovery on repositories written for each test: the incident's layout, bake JSON, compose
// interpolation, editor buffers, and input that must never crash or hang it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { diskAccess, discoverContexts, SOURCE_BUDGET_BYTES } from '../../../server/src/engine/discovery';
import { parseBuildCommand } from '../../../server/src/engine/discovery/command';
import { interpolate, readDotEnv } from '../../../server/src/engine/discovery/compose';
import { makeRecipes } from '../../../server/src/engine/discovery/makefile';
import { scanShell } from '../../../server/src/engine/discovery/shellWords';
import { DEFAULT_SETTINGS } from '../../../server/src/engine/types';
import { tempRepo } from './helpers';

const GO_DOCKERFILE =
  'FROM golang:1.24 AS builder\nWORKDIR /src\nCOPY go.mod go.sum ./\nCOPY . .\nRUN go build -o /out/svc ./cmd/svc\n';
const discover = (root: string, extra: Parameters<typeof discoverContexts>[1] = { settings: DEFAULT_SETTINGS }) =>
  discoverContexts(root, extra);

test('go-vendor layout (make-tree.mjs go-vendor, small): docker/*.Dockerfile resolve to the root; vendor/ is never read', (t) => {
  const root = tempRepo({
    'go.mod': 'module example.com/svc\n',
    'go.sum': '',
    '.gitignore': 'vendor/\nbin/\n',
    '.dockerignore': '.git\n*.md\n',
    'docker/gateway.Dockerfile': GO_DOCKERFILE,
    'docker/aianalysis.Dockerfile': GO_DOCKERFILE,
    'docker/data-storage.Dockerfile': GO_DOCKERFILE,
    'cmd/gateway/main.go': 'package main\n',
    'pkg/api/x.go': 'package api\n',
    'vendor/modules.txt': '',
    'vendor/github.com/dep/Makefile': 'x:\n\tdocker build -f ../../../docker/gateway.Dockerfile ../../..\n',
  });
  t.after(() => fs.rmSync(root, { recursive: true, force: true }));
  const r = discover(root);
  assert.deepEqual(
    [...r.candidates.keys()].map((d) => path.relative(root, d)),
    ['docker/aianalysis.Dockerfile', 'docker/data-storage.Dockerfile', 'docker/gateway.Dockerfile'],
  );
  for (const list of r.candidates.values())
    assert.deepEqual(
      list.map((c) => [c.contextDir, c.source]),
      [[root, 'inference']],
    );
  assert.deepEqual(r.sites, []);
  assert.ok(!r.read.some((f) => f.includes(`${path.sep}vendor${path.sep}`)));
});

test('bake JSON with an override file and a variable that refers to another', (t) => {
  const root = tempRepo({
    'docker-bake.json': JSON.stringify({
      variable: { BASE: { default: 'services' }, DIR: { default: '${BASE}/api' } },
      target: { api: { context: '${DIR}', dockerfile: 'Containerfile' }, gone: { context: '${MISSING}' } },
    }),
    'docker-bake.override.json': JSON.stringify({ target: { api: { 'no-cache': true, target: 'prod' } } }),
    'services/api/Containerfile': 'FROM alpine\n',
  });
  t.after(() => fs.rmSync(root, { recursive: true, force: true }));
  const r = discover(root);
  assert.deepEqual(
    r.sites.map((s) => [path.relative(root, s.file), s.line, path.relative(root, s.contextDir), s.noCache, s.target]),
    [['docker-bake.json', 1, 'services/api', true, 'prod']],
  );
});

test('compose interpolation: defaults, .env, $$ and unknown variables', () => {
  const env = readDotEnv('# comment\nA=1\nexport B="two words"\nC=x # trailing\nEMPTY=\n');
  assert.deepEqual(
    [...env],
    [
      ['A', '1'],
      ['B', 'two words'],
      ['C', 'x'],
      ['EMPTY', ''],
    ],
  );
  assert.equal(interpolate('./${A}/$B', env), './1/two words');
  assert.equal(interpolate('${NOPE:-dflt}/${EMPTY:-e}/${EMPTY-set}', env), 'dflt/e/', 'EMPTY is set, so `-` keeps it');
  assert.equal(interpolate('${A:?required}/${A:+alt}/${NOPE+alt}', env), '1/alt/');
  assert.equal(interpolate('${EMPTY:?required}', env), undefined);
  assert.equal(interpolate('$$HOME', env), '$HOME');
  assert.equal(interpolate('${NOPE}/x', env), undefined);
});

test('unsaved editor buffers win over the disk, and only the requested Dockerfiles are resolved', (t) => {
  const root = tempRepo({
    Makefile: 'img:\n\tdocker build -f docker/a.Dockerfile docker\n',
    'docker/a.Dockerfile': 'FROM alpine\n',
    'b/Dockerfile': 'FROM alpine\n',
  });
  t.after(() => fs.rmSync(root, { recursive: true, force: true }));
  const makefile = path.join(root, 'Makefile');
  const buffers = {
    readText: (p: string) =>
      p === makefile ? 'img:\n\tpodman build -f docker/a.Dockerfile .\n' : diskAccess.readText(p),
    readBytes: diskAccess.readBytes,
    exists: diskAccess.exists,
  };
  const dockerfile = path.join(root, 'docker/a.Dockerfile');
  const r = discover(root, { settings: DEFAULT_SETTINGS, fs: buffers, dockerfiles: [dockerfile] });
  assert.deepEqual([...r.candidates.keys()], [dockerfile]);
  assert.deepEqual(
    r.candidates.get(dockerfile)?.map((c) => [c.contextDir, c.builder, c.provenance]),
    [[root, 'podman', 'Makefile:2']],
  );
  assert.ok(r.read.includes(makefile));
});

test('broken YAML, HCL, JSON and binary files are skipped without failing discovery', (t) => {
  const root = tempRepo({
    'compose.yaml': 'services:\n  a: [\n',
    'docker-bake.hcl': 'target "x" {\n',
    'docker-bake.json': '{nope',
    '.github/workflows/ci.yml': 'jobs: {',
    'scripts/x.sh': '\u0000\u0001docker build "\n',
    Dockerfile: 'FROM alpine\n',
  });
  t.after(() => fs.rmSync(root, { recursive: true, force: true }));
  const r = discover(root);
  assert.deepEqual(r.sites, []);
  assert.deepEqual(
    r.candidates.get(path.join(root, 'Dockerfile'))?.map((c) => c.source),
    ['fallback'],
  );
});

test('arbitrary text never throws in the shell, make and command readers', () => {
  const alphabet = fc.constantFrom(
    ...'docker build podman $ { } ( ) " \' \\ \n\t -f . ; & | # = : @ % * ` buildx'.split(' '),
    ' ',
    '\n',
    '"',
    "'",
    '\\',
    '$(',
    '${',
    '}',
  );
  const text = fc.array(alphabet, { maxLength: 60 }).map((xs) => xs.join(''));
  fc.assert(
    fc.property(text, (src) => {
      const calls = scanShell(src);
      for (const c of calls ?? []) parseBuildCommand(c.args, c.env);
      for (const r of makeRecipes(src)) scanShell(r.text);
    }),
    { numRuns: 300 },
  );
});

test("CRLF files read like LF ones; podman without a context builds in the Containerfile's folder", (t) => {
  const root = tempRepo({
    Makefile: 'img:\r\n\tdocker build \\\r\n\t\t-f docker/a.Dockerfile .\r\n',
    'build.sh': '#!/bin/sh\r\ncd "$(dirname "$0")"\r\npodman build -f images/Containerfile\r\n',
    'docker/a.Dockerfile': 'FROM alpine\r\n',
    'images/Containerfile': 'FROM alpine\n',
  });
  t.after(() => fs.rmSync(root, { recursive: true, force: true }));
  const r = discover(root);
  assert.deepEqual(
    r.sites.map((s) => [path.relative(root, s.file), s.line, path.relative(root, s.contextDir) || '.', s.tool]),
    [
      ['build.sh', 3, 'images', 'podman'],
      ['Makefile', 2, '.', 'docker'],
    ],
  );
});

test('a build of a Dockerfile that does not exist is not a site, and remote contexts are skipped', (t) => {
  const root = tempRepo({
    'ci.sh':
      'docker build -f docker/generated.Dockerfile .\ndocker build https://github.com/x/y.git#main\ndocker build -f - . < Dockerfile\ndocker build - < ctx.tar\n',
    Dockerfile: 'FROM alpine\n',
  });
  t.after(() => fs.rmSync(root, { recursive: true, force: true }));
  assert.deepEqual(discover(root).sites, []);
});

test('commands quoted in code comments are documentation, not build sites', (t) => {
  const root = tempRepo({
    'tools/build.go':
      '// Equivalent to: docker build -f docker/a.Dockerfile .\n/*\n * docker build -f docker/a.Dockerfile .\n */\nvar cmd = "docker build -f docker/a.Dockerfile ."\n',
    'tools/build.py':
      '# docker build -f docker/a.Dockerfile .\n# subprocess.run(["docker", "build", "-f", "docker/a.Dockerfile", "."])\n',
    'docker/a.Dockerfile': 'FROM alpine\n',
  });
  t.after(() => fs.rmSync(root, { recursive: true, force: true }));
  assert.deepEqual(
    discover(root).sites.map((s) => `${path.relative(root, s.file)}:${s.line}`),
    ['tools/build.go:5'],
  );
});

test('source files are read within a byte budget, likely build code first', (t) => {
  const root = tempRepo({
    'tools/images.go': 'package tools\nvar c = exec.Command("docker", "build", "-f", "docker/a.Dockerfile", ".")\n',
    'pkg/zz.go': 'package pkg\nvar c = exec.Command("docker", "build", "-f", "docker/b.Dockerfile", ".")\n',
    'docker/a.Dockerfile': 'FROM alpine\n',
    'docker/b.Dockerfile': 'FROM alpine\n',
  });
  t.after(() => fs.rmSync(root, { recursive: true, force: true }));
  // Sparse files: real sizes to stat(), no disk; together they exhaust the budget before pkg/zz.go.
  const each = 500 * 1024;
  for (let i = 0; i < Math.ceil(SOURCE_BUDGET_BYTES / each); i++) {
    const file = path.join(root, 'pkg', `a${String(i).padStart(2, '0')}.go`);
    fs.writeFileSync(file, '');
    fs.truncateSync(file, each);
  }
  const r = discover(root);
  assert.deepEqual(
    r.sites.map((s) => path.relative(root, s.file)),
    ['tools/images.go'],
  );
});

test('GitLab CI scripts and an explicit compose override (-f base -f prod) are sites of their own', (t) => {
  const root = tempRepo({
    '.gitlab-ci.yml':
      'image-job:\n  script:\n    - docker build -f docker/a.Dockerfile -t $CI_REGISTRY_IMAGE --no-cache .\n',
    'docker-compose.yml': 'services:\n  a:\n    build:\n      context: .\n      dockerfile: docker/a.Dockerfile\n',
    'docker-compose.prod.yml': 'services:\n  a:\n    build:\n      target: prod\n',
    'docker/a.Dockerfile': 'FROM alpine\n',
  });
  t.after(() => fs.rmSync(root, { recursive: true, force: true }));
  const r = discover(root);
  assert.deepEqual(
    r.sites.map((s) => [
      path.relative(root, s.file),
      s.line,
      s.tool,
      path.relative(root, s.contextDir) || '.',
      s.target,
      s.noCache,
    ]),
    [
      ['.gitlab-ci.yml', 3, 'docker', '.', undefined, true],
      ['docker-compose.prod.yml', 3, 'compose', '.', 'prod', false],
      ['docker-compose.yml', 3, 'compose', '.', undefined, false],
    ],
  );
  assert.deepEqual(
    r.candidates.get(path.join(root, 'docker/a.Dockerfile'))?.map((c) => [c.source, c.provenance]),
    [['compose', 'docker-compose.prod.yml:3']],
  );
});
