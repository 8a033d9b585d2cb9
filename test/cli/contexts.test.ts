// `buildctx contexts` end to end: the real CLI entry point in a child process, on committed
// fixtures and on small repositories written to a temp folder.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { ContextsJson } from '../../server/src/cli/contexts';

const REPO = path.resolve(__dirname, '../..');
const MAIN = path.join(REPO, 'server/src/cli/main.ts');
const FIXTURES = path.join(REPO, 'test/fixtures/discovery');

function cli(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', MAIN, 'contexts', ...args], {
    cwd: REPO,
    encoding: 'utf8',
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function tempRepo(files: Record<string, string>): string {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'buildctx-contexts-')));
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), text);
  }
  return root;
}

const GO_DOCKERFILE =
  'FROM golang:1.24 AS builder\nWORKDIR /src\nCOPY go.mod go.sum ./\nCOPY . .\nRUN go build -o /out/svc ./cmd/svc\n';

test('go-vendor layout: docker/*.Dockerfile resolve to the repository root by inference', (t) => {
  // The shape of make-tree.mjs go-vendor, small: vendor/ is skipped by discovery anyway.
  const root = tempRepo({
    'go.mod': 'module example.com/svc\n',
    'go.sum': '',
    '.gitignore': 'vendor/\n',
    '.dockerignore': '.git\n',
    'docker/gateway.Dockerfile': GO_DOCKERFILE,
    'docker/aianalysis.Dockerfile': GO_DOCKERFILE,
    'cmd/gateway/main.go': 'package main\n',
    'vendor/modules.txt': '# example.com/dep v1.0.0\n',
    'vendor/github.com/x/y/Dockerfile': 'FROM scratch\n',
  });
  t.after(() => fs.rmSync(root, { recursive: true, force: true }));
  const r = cli(root, '--json');
  assert.equal(r.code, 0, r.stderr);
  const report = JSON.parse(r.stdout) as ContextsJson;
  assert.deepEqual(
    report.dockerfiles.map((d) => path.relative(root, d.dockerfile)),
    ['docker/aianalysis.Dockerfile', 'docker/gateway.Dockerfile'],
  );
  for (const d of report.dockerfiles) {
    assert.deepEqual(
      d.contexts.map((c) => [c.contextDir, c.source, c.provenance]),
      [[root, 'inference', 'inferred from COPY sources']],
    );
    assert.deepEqual(d.sites, []);
  }
});

test('text output names each context with its origin and each build site', () => {
  const r = cli(path.join(FIXTURES, 'duplicate'));
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout.split('\n');
  assert.match(lines[0] ?? '', /^3 Dockerfiles, 6 build sites under /);
  const at = lines.indexOf('docker/gateway.Dockerfile');
  assert.ok(at > 0, r.stdout);
  assert.deepEqual(
    lines.slice(at + 1, at + 4).map((l) => l.split(/\s{2,}/).filter(Boolean)),
    [
      ['context', '.', 'from deploy/deploy.sh:3 (podman)'],
      ['built', 'deploy/deploy.sh:3', 'podman build --no-cache -t gateway'],
      ['built', 'Makefile:3', 'podman build -t gateway'],
    ],
  );
});

test('.buildctx.json contexts are used, and its problems are reported without failing', (t) => {
  const root = tempRepo({
    'docker/app.Dockerfile': 'FROM alpine\nCOPY app.sh /\n',
    'app.sh': '',
    '.buildctx.json': JSON.stringify({
      contexts: [{ dockerfile: 'docker/*.Dockerfile', context: '.', builder: 'podman' }],
      builder: 'nope',
    }),
  });
  t.after(() => fs.rmSync(root, { recursive: true, force: true }));
  const r = cli(root, '--json');
  assert.equal(r.code, 0, r.stderr);
  const report = JSON.parse(r.stdout) as ContextsJson;
  assert.deepEqual(
    report.dockerfiles[0]?.contexts.map((c) => [c.contextDir, c.source, c.builder]),
    [[root, 'config', 'podman']],
  );
  assert.equal(report.configErrors.length, 1);
  assert.match(report.configErrors[0] ?? '', /builder/);
});

test('a missing directory is a usage error (exit 2, one line)', () => {
  const r = cli(path.join(FIXTURES, 'does-not-exist'));
  assert.equal(r.code, 2);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, /^buildctx: .*does-not-exist: not a directory\n$/);
});

test('all sites and contexts of a Dockerfile are listed, with which contexts the diagnostics come from', (t) => {
  const root = tempRepo({
    'api/Dockerfile': 'FROM scratch\nCOPY go.mod /src/\n',
    'go.mod': 'module x\n',
    Makefile: 'api:\n\tdocker build -f api/Dockerfile api\n',
    '.github/workflows/ci.yml': 'jobs:\n  b:\n    steps:\n      - run: docker build -f api/Dockerfile .\n',
  });
  t.after(() => fs.rmSync(root, { recursive: true, force: true }));
  const text = cli(root).stdout;
  assert.match(text, /context {2}api +from Makefile:2\n {2}context {2}\. +from \.github\/workflows\/ci\.yml:4\n/);
  assert.match(text, /built {4}\.github\/workflows\/ci\.yml:4 +docker build\n {2}built {4}Makefile:2/);
  assert.match(text, /checks {3}api, \. +each is checked; a finding true for one names it\n/);
  const json = JSON.parse(cli(root, '--json').stdout) as ContextsJson;
  assert.deepEqual(json.dockerfiles[0]?.checked, [path.join(root, 'api'), root]);
});
