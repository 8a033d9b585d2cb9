import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(__dirname, '../..');
const MAIN = path.join(ROOT, 'server/src/cli/main.ts');

function cli(args: string[], cwd = ROOT): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', MAIN, 'check', ...args], {
    cwd,
    encoding: 'utf8',
    timeout: 180_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const DOCKERFILE =
  'FROM golang:1.24 AS builder\nWORKDIR /src\nCOPY go.mod go.sum ./\nRUN go mod download\nCOPY . .\nRUN CGO_ENABLED=0 go build \\\n    -o /out/app ./cmd/app\n';

/** A small incident-shaped tree: Go module with vendor/ excluded, Dockerfile in docker/. */
function tree(files: Record<string, string> = {}): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'buildctx-check-'));
  const all: Record<string, string> = {
    'go.mod': 'module example.com/app\n\ngo 1.24\n',
    'go.sum': '',
    'cmd/app/main.go': 'package main\n',
    'vendor/modules.txt': '# example.com/dep v1\n',
    'vendor/example.com/dep/dep.go': 'package dep\n',
    '.dockerignore': 'vendor/\n',
    'docker/app.Dockerfile': DOCKERFILE,
    ...files,
  };
  for (const [rel, text] of Object.entries(all)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}

const snapshot = (dir: string): Record<string, string> => {
  const out: Record<string, string> = {};
  const walk = (d: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out[path.relative(dir, p)] = fs.readFileSync(p, 'latin1');
    }
  };
  walk(dir);
  return out;
};

test('text: one line per finding `file:line:col  severity  message  rule-id`, a summary, exit 1', () => {
  const dir = tree();
  const r = cli(['--context', dir, dir]);
  assert.equal(r.code, 1, r.stderr);
  const line = r.stdout.split('\n').find((l) => l.endsWith('  go-build-mod-flag'));
  assert.ok(line, r.stdout);
  assert.match(
    line,
    /^\S*docker\/app\.Dockerfile:6:19 {2}warning {2}`go build` has no -mod= flag: .+ {2}go-build-mod-flag$/,
  );
  assert.match(r.stdout, /\d+ problems? \(0 errors, \d+ warnings?, \d+ info, \d+ hints?\)/);
  // The text counts the same severities as the JSON summary (a hint is not an info).
  const j = JSON.parse(cli(['--context', dir, dir, '--format', 'json']).stdout) as { summary: Record<string, number> };
  assert.match(r.stdout, new RegExp(`${j.summary.info} info, ${j.summary.hint} hints?\\)`));
  assert.match(r.stdout, /fixable with --fix/);
});

test('text: each reported rule once under "rule docs:", with the path of its page shipped beside the CLI', () => {
  const dir = tree();
  const r = cli(['--context', dir, dir]);
  const block = /^rule docs:\n((?: {2}.+\n)+)/m.exec(r.stdout);
  assert.ok(block, r.stdout);
  const rows = block[1]!
    .trimEnd()
    .split('\n')
    .map((l) => l.trim().split(/ {2,}/));
  const reported = new Set([...r.stdout.matchAll(/ {2}([a-z]+(?:-[a-z]+)*)$/gm)].map((m) => m[1]));
  assert.deepEqual(rows.map(([id]) => id).sort(), [...reported].sort());
  for (const [id, file] of rows) {
    assert.equal(file, path.join(ROOT, 'docs', 'rules', `${id}.md`));
    assert.ok(fs.existsSync(file!), `${file} does not exist`);
  }
});

test('--max-warnings: warnings within the limit exit 0; an error always exits 1', () => {
  const dir = tree();
  assert.equal(cli(['--context', dir, '--max-warnings', '50', dir]).code, 0);
  assert.equal(cli(['--context', dir, '--max-warnings', '-1', dir]).code, 0);
  const broken = tree({ 'docker/app.Dockerfile': 'FROM alpine\nCOPY missing.txt /\n' });
  const r = cli(['--context', broken, '--max-warnings', '-1', broken]);
  assert.equal(r.code, 1);
  assert.match(
    r.stdout,
    /docker\/app\.Dockerfile:2:6 {2}error {2}COPY source `missing.txt` does not exist .+ {2}copy-source-missing/,
  );
});

test('clean tree exits 0 and says so', () => {
  const dir = tree({
    'docker/app.Dockerfile':
      'FROM golang\nCOPY go.mod go.sum ./\nRUN go mod download\nCOPY cmd ./cmd\nRUN go build -mod=mod ./cmd/app\n',
  });
  const r = cli(['--context', dir, dir]);
  assert.equal(r.code, 0, r.stdout);
  assert.match(r.stdout, /^no problems$/m);
});

test('json: findings with ranges, fixes and docs links; builds with sizes', () => {
  const dir = tree();
  const r = cli(['--context', dir, '--format', 'json', dir]);
  assert.equal(r.code, 1);
  const out = JSON.parse(r.stdout) as {
    findings: Array<Record<string, any>>;
    builds: Array<Record<string, any>>;
    summary: Record<string, number>;
  };
  const f = out.findings.find((x) => x.ruleId === 'go-build-mod-flag');
  assert.ok(f);
  assert.deepEqual(f.range, { start: { line: 5, character: 18 }, end: { line: 5, character: 26 } });
  assert.equal(f.fixes[0].safe, true);
  assert.equal(f.fixes[0].edits[0].edits[0].newText, ' -mod=mod');
  assert.equal(f.docsUrl, pathToFileURL(path.join(ROOT, 'docs/rules/go-build-mod-flag.md')).href);
  assert.ok(fs.existsSync(fileURLToPath(f.docsUrl)));
  const b = out.builds[0]!;
  assert.equal(b.contextDir, dir);
  assert.equal(b.ignoreFile, path.join(dir, '.dockerignore'));
  assert.ok(b.sent.files >= 5 && b.excluded.files === 2, JSON.stringify(b));
  assert.equal(out.summary.warning, out.findings.filter((x) => x.severity === 'warning').length);
});

test('sarif: 2.1.0 with rule metadata and help links, valid for sarif-multitool', () => {
  const dir = tree();
  const r = cli(['--context', dir, '--format', 'sarif', dir]);
  const log = JSON.parse(r.stdout) as Record<string, any>;
  assert.equal(log.version, '2.1.0');
  const run = log.runs[0];
  const rule = run.tool.driver.rules.find((x: { id: string }) => x.id === 'go-build-mod-flag');
  assert.equal(rule.helpUri, pathToFileURL(path.join(ROOT, 'docs/rules/go-build-mod-flag.md')).href);
  for (const r of run.tool.driver.rules as Array<{ helpUri: string }>)
    assert.ok(fs.existsSync(fileURLToPath(r.helpUri)), r.helpUri);
  assert.equal(run.tool.driver.informationUri, undefined, 'no link to a web page that does not exist');
  const res = run.results.find((x: { ruleId: string }) => x.ruleId === 'go-build-mod-flag');
  assert.deepEqual(res.locations[0].physicalLocation.region, {
    startLine: 6,
    startColumn: 19,
    endLine: 6,
    endColumn: 27,
  });
  assert.equal(res.locations[0].physicalLocation.artifactLocation.uri, 'docker/app.Dockerfile');
  assert.deepEqual(res.fixes[0].artifactChanges[0].replacements[0], {
    deletedRegion: { startLine: 6, startColumn: 27, endLine: 6, endColumn: 27 },
    insertedContent: { text: ' -mod=mod' },
  });
  const file = path.join(dir, 'out.sarif');
  const report = path.join(dir, 'validation.sarif');
  fs.writeFileSync(file, r.stdout);
  const v = spawnSync(
    path.join(ROOT, 'node_modules/.bin/sarif-multitool'),
    ['validate', file, '-o', report, '--quiet'],
    { encoding: 'utf8', timeout: 120_000 },
  );
  assert.equal(v.status, 0, v.stderr);
  // The validator exits 0 even on schema errors: its own SARIF report holds the verdict.
  const verdict = JSON.parse(fs.readFileSync(report, 'utf8').replace(/^\uFEFF/, '')) as {
    runs: Array<{ results: Array<{ level: string; ruleId: string }> }>;
  };
  assert.deepEqual(
    verdict.runs[0]!.results.filter((x) => x.level === 'error' || x.level === 'warning'),
    [],
  );
});

test('--fix-dry-run prints a unified diff and writes nothing', () => {
  const dir = tree();
  const before = snapshot(dir);
  const r = cli(['--context', dir, '--fix-dry-run', dir]);
  assert.match(r.stdout, /^-RUN CGO_ENABLED=0 go build \\$/m);
  assert.match(r.stdout, /^\+RUN CGO_ENABLED=0 go build -mod=mod \\$/m);
  assert.deepEqual(snapshot(dir), before);
});

test('--fix writes atomically keeping the mode, says what changed; a second --fix changes no byte', () => {
  const dir = tree({ 'docker/app.Dockerfile': DOCKERFILE.replace(/\n/g, '\r\n') });
  const df = path.join(dir, 'docker/app.Dockerfile');
  fs.chmodSync(df, 0o640);
  const r = cli(['--context', dir, '--fix', dir]);
  assert.match(r.stdout, /fixed \S*docker\/app\.Dockerfile: Add -mod=mod to `go build`/);
  assert.equal(fs.statSync(df).mode & 0o777, 0o640);
  assert.equal(
    fs.readFileSync(df, 'utf8'),
    DOCKERFILE.replace('go build \\', 'go build -mod=mod \\').replace(/\n/g, '\r\n'),
  );
  const after = snapshot(dir);
  const again = cli(['--context', dir, '--fix', dir]);
  assert.doesNotMatch(again.stdout, /^fixed /m);
  assert.deepEqual(snapshot(dir), after);
  assert.deepEqual(fs.readdirSync(path.join(dir, 'docker')), ['app.Dockerfile']);
});

test('.buildctx.json: rules off or raised, bad keys warned about', () => {
  const dir = tree({
    '.buildctx.json': JSON.stringify({ rules: { 'go-build-mod-flag': 'off', 'nope-rule': 'error' }, colour: 1 }),
  });
  const r = cli(['--context', dir, '--format', 'json', dir]);
  const ids = (JSON.parse(r.stdout) as { findings: Array<{ ruleId: string }> }).findings.map((f) => f.ruleId);
  assert.ok(!ids.includes('go-build-mod-flag'));
  assert.match(r.stderr, /rules\.nope-rule: unknown rule/);
  assert.match(r.stderr, /colour: unknown key/);
  const raised = tree({ '.buildctx.json': JSON.stringify({ rules: { 'go-build-mod-flag': 'error' } }) });
  const r2 = cli(['--context', raised, '--max-warnings', '-1', raised]);
  assert.equal(r2.code, 1);
  assert.match(r2.stdout, / {2}error {2}`go build` has no -mod= flag/);
});

test('inline suppression: # buildctx-ignore on the line above', () => {
  const dir = tree({
    'docker/app.Dockerfile': DOCKERFILE.replace('RUN CGO', '# buildctx-ignore go-build-mod-flag\nRUN CGO'),
  });
  assert.doesNotMatch(cli(['--context', dir, dir]).stdout, /go-build-mod-flag/);
});

test('discovers Dockerfiles and skips node_modules, .git and git-ignored directories', () => {
  const dir = tree({
    'node_modules/x/Dockerfile': 'FROM a\nCOPY nope /\n',
    'build/Dockerfile': 'FROM a\nCOPY nope /\n',
    '.gitignore': 'build/\n',
    'svc/Containerfile': 'FROM a\nCOPY absent.txt /\n',
  });
  const r = cli(['--format', 'json', dir]);
  const files = (JSON.parse(r.stdout) as { findings: Array<{ file: string; ruleId: string }> }).findings
    .filter((f) => f.ruleId === 'copy-source-missing')
    .map((f) => path.relative(dir, f.file));
  assert.deepEqual(files, ['svc/Containerfile']);
});

test('Docker refusing the build exits 2: an invalid pattern, a Dockerfile it cannot parse', () => {
  const bad = tree();
  fs.writeFileSync(path.join(bad, '.dockerignore'), '[z-a]\n');
  assert.equal(cli(['--context', bad, bad]).code, 2);
  const unparsable = tree();
  fs.writeFileSync(path.join(unparsable, 'docker/app.Dockerfile'), 'FROM golang\nCOPY\n');
  assert.equal(cli(['--context', unparsable, unparsable]).code, 2);
});

test('usage errors exit 2 with one line', () => {
  const dir = tree();
  for (const args of [
    ['--format', 'xml', dir],
    ['/nonexistent/path'],
    ['--fix', '--fix-dry-run', dir],
    ['--max-warnings', 'many', dir],
  ]) {
    const r = cli(args);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stdout}${r.stderr}`);
    assert.ok(r.stderr.trim().length > 0);
  }
});

test('.buildctx.json contexts choose the context when --context is not given', () => {
  const files = { 'docker/app.Dockerfile': 'FROM golang\nCOPY . .\nRUN go build .\n' };
  const ids = (dir: string): string[] =>
    (
      JSON.parse(cli(['--format', 'json', dir]).stdout) as {
        findings: Array<{ ruleId: string }>;
        builds: Array<{ contextDir: string }>;
      }
    ).findings.map((f) => f.ruleId);
  // The Dockerfile's own folder holds no Go module: nothing to say about -mod.
  assert.ok(!ids(tree(files)).includes('go-build-mod-flag'));
  const mapped = tree({
    ...files,
    '.buildctx.json': JSON.stringify({ contexts: [{ dockerfile: 'docker/*.Dockerfile', context: '.' }] }),
  });
  assert.ok(ids(mapped).includes('go-build-mod-flag'));
});
