// `buildctx inputs` and the promise behind every safe fix: `check --fix` never takes out of a
// context what a build reads. Each tree is a minimal shape of a real case (issue 13).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { makeTree } from '../../bench/make-tree.mjs';

const root = path.resolve(__dirname, '..', '..');
const cli = path.join(root, 'server', 'out', 'cli.js');

function buildctx(args: string[], cwd = root): { code: number | null; stdout: string; stderr: string } {
  assert.ok(fs.existsSync(cli), `${cli} is missing: run npm run build`);
  const r = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function tree(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'buildctx-inputs-'));
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}

interface Inputs {
  groups: Array<{ certainty: string; reason: string; files: number; paths: string[] }>;
  unusedDirs: Array<{ path: string; why: string | null }>;
  needed: { files: number };
}

function inputs(dir: string, dockerfile: string): Inputs {
  const r = buildctx(['inputs', '-f', path.join(dir, dockerfile), dir, '--json']);
  assert.equal(r.code, 0, r.stderr);
  return JSON.parse(r.stdout) as Inputs;
}

/** Every input path (sampled groups fully expanded by asking for each group's count). */
const inputCount = (i: Inputs): number => i.needed.files;
const listed = (i: Inputs): string[] => i.groups.flatMap((g) => g.paths);

test('go-vendor bench tree: inputs are go.mod, go.sum, the cmd and pkg sources; not vendor/ or docs/', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'buildctx-gv-'));
  try {
    makeTree(dir, 'go-vendor');
    const i = inputs(dir, 'docker/gateway.Dockerfile');
    const paths = listed(i);
    for (const p of ['go.mod', 'go.sum', 'cmd/gateway/main.go']) assert.ok(paths.includes(p), p);
    assert.ok(paths.some((p) => p.startsWith('pkg/')));
    assert.ok(!paths.some((p) => p.startsWith('vendor/') || p.startsWith('docs/')));
    assert.deepEqual(i.unusedDirs.map((d) => d.path).slice(0, 2), ['vendor/', 'docs/']);
    const fixed = buildctx(['check', dir, '--fix']);
    assert.match(fs.readFileSync(path.join(dir, '.dockerignore'), 'utf8'), /^vendor\/$/m, fixed.stdout);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

const MONO: Record<string, string> = {
  'go.mod': 'module example.com/mono\n\ngo 1.24\n',
  'go.sum': '',
  'vendor/modules.txt': '# example.com/dep v1.0.0\n',
  'vendor/example.com/dep/dep.go': 'package dep\n',
  'cmd/store/main.go':
    'package main\n\nimport (\n\t"example.com/mono/internal/config"\n\t"example.com/mono/internal/db"\n' +
    '\t"example.com/mono/pkg/store/models"\n)\n\nfunc main() { config.Load(); db.Open(); models.New() }\n',
  'pkg/store/models/user.go': 'package models\n\nfunc New() {}\n',
  'internal/config/config.go': 'package config\n\nfunc Load() {}\n',
  'internal/db/db.go':
    'package db\n\nimport "embed"\n\n//go:embed migrations/*.sql\nvar fs embed.FS\n\nfunc Open() {}\n',
  'internal/db/migrations/001_init.sql': 'create table t (id int);\n',
  'services/store/logs/run.log': 'log line\n',
  'models/diagram.png': 'png',
  'docker/store.Dockerfile':
    'FROM golang:1.24 AS build\nWORKDIR /src\nCOPY . .\nRUN go build -o /out/store ./cmd/store\n' +
    'FROM gcr.io/distroless/static\nCOPY --from=build /out/store /store\n',
  '.dockerignore': '.git\nmodels/\nconfig/\nmigrations/\nlogs/\n',
  Makefile: 'image:\n\tdocker build -f docker/store.Dockerfile .\n',
};

test('Go monorepo: check --fix keeps every Go input and still excludes vendor/', () => {
  const dir = tree(MONO);
  try {
    const before = inputs(dir, 'docker/store.Dockerfile');
    for (const p of ['pkg/store/models/user.go', 'internal/config/config.go', 'internal/db/migrations/001_init.sql'])
      assert.ok(listed(before).includes(p), `${p} is an input`);
    const r = buildctx(['check', dir, '--fix']);
    assert.notEqual(r.code, null, r.stderr);
    const ignore = fs.readFileSync(path.join(dir, '.dockerignore'), 'utf8');
    assert.match(ignore, /^vendor\/$/m);
    assert.match(ignore, /^\*\*\/logs\/$/m, 'a widening that drops no input is still applied');
    for (const p of ['models/', 'config/', 'migrations/']) assert.match(ignore, new RegExp(`^${p}$`, 'm'));
    const after = inputs(dir, 'docker/store.Dockerfile');
    assert.equal(inputCount(after), inputCount(before), 'no input left the context');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('PHP app: `storage` is not widened over app/config/storage/*.php, which the image runs', () => {
  const dir = tree({
    'composer.json': '{"require":{}}',
    'app/bootstrap.php': "<?php require __DIR__ . '/config/storage/disks.php';\n",
    'app/config/storage/disks.php': "<?php return ['local' => '/tmp'];\n",
    'storage/cache.bin': 'cache',
    Dockerfile: 'FROM php:8.3-apache\nCOPY . /var/www/html\nRUN composer install --no-dev\n',
    '.dockerignore': 'storage\n',
  });
  try {
    buildctx(['check', dir, '--fix']);
    assert.equal(fs.readFileSync(path.join(dir, '.dockerignore'), 'utf8'), 'storage\n');
    const r = buildctx(['check', dir, '--format', 'json']);
    const f = (JSON.parse(r.stdout).findings as Array<{ ruleId: string; message: string }>).find(
      (x) => x.ruleId === 'root-anchored-pattern',
    );
    assert.equal(f, undefined, 'every deeper match is read: root-only is right');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('Expo app: a committed .env of public build settings is an input, never excluded by --fix', () => {
  const dir = tree({
    'package.json': '{"dependencies":{"expo":"~52.0.0"}}',
    'package-lock.json': '{}',
    '.env': 'EXPO_PUBLIC_API_PORT=8080\n',
    'App.tsx': 'export default function App() { return null; }\n',
    Dockerfile:
      'FROM node:22 AS build\nWORKDIR /app\nCOPY . .\nRUN npm ci && npx expo export --platform web\n' +
      'FROM nginx\nCOPY --from=build /app/dist /usr/share/nginx/html\n',
    '.dockerignore': 'node_modules\n',
  });
  try {
    const i = inputs(dir, 'Dockerfile');
    const env = i.groups.find((g) => g.paths.includes('.env'));
    assert.equal(env?.certainty, 'read');
    assert.match(env!.reason, /build-time env file/);
    buildctx(['check', dir, '--fix']);
    assert.doesNotMatch(fs.readFileSync(path.join(dir, '.dockerignore'), 'utf8'), /^\.env$/m);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('inputs: a clear error for a missing Dockerfile or context', () => {
  const r = buildctx(['inputs', '-f', 'nope/Dockerfile', 'nope']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /not found/);
});
