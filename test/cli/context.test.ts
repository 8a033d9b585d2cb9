// Runs the built CLI (`npm run build` first; `npm test` does) as a user would.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { progressLine, table } from '../../server/src/cli/format';
import { formatBytes as bytes, formatTotals as totals, plural } from '../../server/src/engine/format';

const root = path.resolve(__dirname, '..', '..');
const cli = path.join(root, 'server', 'out', 'cli.js');
const example = path.join(root, 'examples', 'go-service');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}
function buildctx(args: string[], cwd = root): Run {
  assert.ok(fs.existsSync(cli), `${cli} is missing: run npm run build`);
  const r = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
function json(args: string[], cwd = root): Record<string, any> {
  const r = buildctx([...args, '--json'], cwd);
  assert.equal(r.code, 0, r.stderr);
  return JSON.parse(r.stdout) as Record<string, any>;
}

/** A throwaway context: `files` maps relative paths to contents. */
function tree(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'buildctx-cli-'));
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}

test('the committed example: JSON shape, totals, exclusions and the whole-context COPY', () => {
  const r = json(['context', '-f', 'examples/go-service/docker/gateway.Dockerfile', 'examples/go-service', '--files']);
  assert.equal(r.contextDir, example);
  assert.equal(r.dockerfile, path.join(example, 'docker', 'gateway.Dockerfile'));
  assert.equal(r.ignoreFile, path.join(example, '.dockerignore'));
  assert.equal(r.builder, 'buildkit');
  assert.equal(typeof r.provenance, 'string');
  assert.deepEqual(r.errors, []);
  assert.deepEqual(r.transferred, r.totals, 'COPY . . transfers everything that is sent');
  const md = r.excluded.find((e: any) => e.pattern === '*.md');
  assert.deepEqual(md, {
    pattern: '*.md',
    line: 2,
    files: 1,
    bytes: fs.statSync(path.join(example, 'README.md')).size,
  });
  const paths = r.files.map((f: any) => f.path);
  assert.equal(paths.length, r.totals.files);
  assert.ok(paths.includes('vendor/modules.txt') && paths.includes('cmd/gateway/main.go'));
  assert.ok(!paths.includes('README.md'));
  assert.deepEqual(paths, [...paths].sort(), 'files are sorted');
  assert.equal(
    r.files.reduce((n: number, f: any) => n + f.size, 0),
    r.totals.bytes,
  );
  assert.ok(r.largest.some((d: any) => d.path === 'vendor' && d.files === 2));
});

test('text output names the context, ignore file, builder and sizes in human units', () => {
  const r = buildctx(['context', '-f', 'examples/go-service/docker/gateway.Dockerfile', 'examples/go-service']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^Context: +examples\/go-service$/m);
  assert.match(r.stdout, /^Ignore file: +examples\/go-service\/\.dockerignore$/m);
  assert.match(r.stdout, /^Builder: +buildkit$/m);
  assert.match(r.stdout, /^Transferred: .*line 4: COPY \. \. sends the whole context/m);
  assert.match(r.stdout, /^ +\*\.md +line 2 +1 file +\d+ B$/m);
  assert.equal(r.stderr, '', 'no progress line when stderr is not a terminal');
});

test('BuildKit transfers only what COPY names; classic and podman send everything', () => {
  const dir = tree({
    Dockerfile: 'FROM x\nCOPY go.mod ./\n',
    'go.mod': 'module m\n',
    'big/blob.bin': 'x'.repeat(5000),
  });
  try {
    const bk = json(['context', dir]);
    assert.deepEqual(bk.transferred, { files: 1, bytes: 9 });
    assert.equal(bk.totals.files, 3);
    const text = buildctx(['context', dir]).stdout;
    assert.match(text, /^Transferred: +1 file, 9 B {2}\(only the paths COPY\/ADD name\)$/m);
    assert.match(text, /^Transferred by instruction:\n {2}line 2: COPY go\.mod \.\/ {2}1 file {2}9 B$/m);
    for (const builder of ['classic', 'podman']) {
      const other = json(['context', dir, '--builder', builder]);
      assert.deepEqual(other.transferred, other.totals, builder);
      assert.equal(other.builder, builder);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('per-Dockerfile ignore file under BuildKit only; -f is relative to cwd; DIR defaults to .', () => {
  const dir = tree({
    'docker/api.Dockerfile': 'FROM x\nCOPY . .\n',
    'docker/api.Dockerfile.dockerignore': 'secret\n',
    '.dockerignore': 'vendor\n',
    secret: 's3cret',
    'vendor/a.go': 'package a\n',
  });
  try {
    const bk = json(['context', '-f', 'docker/api.Dockerfile'], dir);
    assert.equal(bk.contextDir, dir);
    assert.equal(bk.ignoreFile, path.join(bk.contextDir, 'docker', 'api.Dockerfile.dockerignore'));
    assert.deepEqual(
      bk.excluded.map((e: any) => [e.pattern, e.files]),
      [['secret', 1]],
    );
    const classic = json(['context', '.', '-f', 'docker/api.Dockerfile', '--builder', 'classic'], dir);
    assert.equal(classic.ignoreFile, path.join(classic.contextDir, '.dockerignore'));
    assert.deepEqual(
      classic.excluded.map((e: any) => [e.pattern, e.files]),
      [['vendor', 1]],
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('an invalid pattern fails like docker build: exit 2, one line naming file and line', () => {
  const dir = tree({ Dockerfile: 'FROM x\nCOPY . .\n', '.dockerignore': 'ok\n[\n', a: '' });
  try {
    const r = buildctx(['context', dir]);
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    const lines = r.stderr.trimEnd().split('\n');
    assert.equal(lines.length, 1, r.stderr);
    assert.match(lines[0]!, /\.dockerignore:2: .*syntax error in pattern/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('usage errors exit 2 with a one-line message', () => {
  const cases: Array<[string[], RegExp]> = [
    [['context', 'examples/go-service', '--builder', 'kaniko'], /kaniko/],
    [['context', 'no/such/dir'], /no\/such\/dir/],
    [['context', 'examples/go-service', '-f', 'examples/go-service/Nope.Dockerfile'], /Nope\.Dockerfile/],
    [['context', 'examples/go-service'], /Dockerfile not found/],
    [['context', 'examples/go-service', '--bogus'], /bogus/],
  ];
  for (const [args, message] of cases) {
    const r = buildctx(args);
    assert.equal(r.code, 2, args.join(' '));
    assert.match(r.stderr, message);
    assert.equal(r.stderr.trimEnd().split('\n').length, 1, r.stderr);
  }
});

test('largest lists the biggest directories without repeating their subdirectories; --files lists every file', () => {
  const dir = tree({
    Dockerfile: 'FROM x\nCOPY . .\n',
    'a/b/big.bin': 'x'.repeat(3000),
    'a/small': 'x',
    'c/mid.bin': 'x'.repeat(1000),
  });
  try {
    const r = json(['context', dir]);
    assert.deepEqual(
      r.largest.map((d: any) => [d.path, d.files, d.bytes]),
      [
        ['a', 2, 3001],
        ['c', 1, 1000],
      ],
    );
    const text = buildctx(['context', dir, '--files']);
    assert.equal(text.code, 0, text.stderr);
    assert.match(
      text.stdout,
      /^Files sent:\n {2}Dockerfile {2}\d+ B\n {2}a\/b\/big\.bin {2}2\.9 KiB\n {2}a\/small {2}1 B\n {2}c\/mid\.bin {2}1000 B$/m,
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('the incident shape: vendor/ is named with 7,994 files and 105.8 MiB', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'buildctx-govendor-'));
  try {
    const gen = spawnSync(process.execPath, [path.join(root, 'bench', 'make-tree.mjs'), dir, 'go-vendor'], {
      encoding: 'utf8',
    });
    assert.equal(gen.status, 0, gen.stderr);
    const r = buildctx(['context', '-f', path.join(dir, 'docker', 'gateway.Dockerfile'), dir]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^ {2}vendor\/ +7,994 files +105\.8 MiB$/m);
    assert.match(r.stdout, /^Transferred: .*line 4: COPY \. \. sends the whole context/m);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('format: IEC units, thousands separators, aligned tables', () => {
  assert.equal(bytes(110965517), '105.8 MiB');
  assert.equal(bytes(0), '0 B');
  assert.equal(bytes(1536), '1.5 KiB');
  assert.equal(totals({ files: 7994, bytes: 110965517 }), '7,994 files, 105.8 MiB');
  assert.equal(plural(1, 'file'), '1 file');
  assert.equal(
    table([
      ['vendor/', '7,994 files'],
      ['a/', '1 file'],
    ]),
    '  vendor/  7,994 files\n  a/            1 file',
  );
});

test('the progress line is written only to a terminal, and erased at the end', (t) => {
  const writes: string[] = [];
  t.mock.method(process.stderr, 'write', (s: string) => {
    writes.push(s);
    return true;
  });
  const tty = Object.getOwnPropertyDescriptor(process.stderr, 'isTTY');
  try {
    Object.defineProperty(process.stderr, 'isTTY', { value: false, configurable: true });
    const quiet = progressLine();
    quiet.update('scanning');
    quiet.done();
    assert.deepEqual(writes, []);
    Object.defineProperty(process.stderr, 'isTTY', { value: true, configurable: true });
    let now = 1000;
    const p = progressLine(() => now);
    p.update('scanning 10 files');
    now += 50;
    p.update('scanning 11 files'); // within 100 ms of the last repaint: skipped
    now += 60;
    p.update('scanning 12 files');
    p.done();
    assert.deepEqual(writes, ['\r\x1b[2Kscanning 10 files', '\r\x1b[2Kscanning 12 files', '\r\x1b[2K']);
  } finally {
    if (tty) Object.defineProperty(process.stderr, 'isTTY', tty);
    else delete (process.stderr as { isTTY?: boolean }).isTTY;
  }
});

test('--target limits the transfer to the stages that target needs', () => {
  const dir = tree({
    Dockerfile: 'FROM x AS docs\nCOPY docs/ /docs\nFROM y AS app\nCOPY app/ /app\n',
    'docs/a.md': 'doc',
    'app/main.go': 'package main\n',
  });
  try {
    assert.deepEqual(json(['context', dir]).transferred, { files: 1, bytes: 13 });
    assert.deepEqual(json(['context', dir, '--target', 'docs']).transferred, { files: 1, bytes: 3 });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
