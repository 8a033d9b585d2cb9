import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { scanContextSync, type ScanOptions } from '../../../../server/src/engine/context/scan/scan';
import { lookup, sentFiles } from '../../../../server/src/engine/context/queries';
import type { DirEntry, FileEntry } from '../../../../server/src/engine/context/model';
import type { Builder } from '../../../../server/src/engine/types';
import { makeTree, verdicts } from '../helpers';

function scan(dir: string, builder: Builder, ignoreText?: string, extra: Partial<ScanOptions> = {}) {
  return scanContextSync({
    contextDir: dir,
    builder,
    ignoreFile: path.join(dir, '.dockerignore'),
    ignoreText,
    ...extra,
  });
}

test('counts files and bytes per directory, sent and excluded, with the deciding pattern', () => {
  const dir = makeTree({
    'go.mod': 100,
    'vendor/a/x.go': 1000,
    'vendor/b/y.go': 2000,
    'docs/r.md': 30,
    'main.go': 7,
    '.dockerignore': 'vendor/\n*.md\ndocs/*.md\n',
  });
  const s = scan(dir, 'buildkit');
  assert.equal(s.fatal, null);
  assert.deepEqual(s.sent, { files: 3, bytes: 100 + 7 + 23 }, 'go.mod, main.go and the 23-byte .dockerignore');
  assert.deepEqual(s.excluded, { files: 3, bytes: 3030 });
  const vendor = s.root.dirs.get('vendor')!;
  assert.equal(vendor.excludedBy, 0);
  assert.deepEqual(vendor.excluded, { files: 2, bytes: 3000 });
  assert.equal(vendor.dirs.get('a')!.files.get('x.go')!.excludedBy, 0);
  // `*.md` is anchored at the root, so docs/r.md is decided by line 3, not line 2.
  assert.equal((lookup(s, 'docs/r.md') as FileEntry).excludedBy, 2);
  assert.deepEqual(
    s.patternStats.map((p) => p.decided),
    [
      { files: 2, bytes: 3000 },
      { files: 0, bytes: 0 },
      { files: 1, bytes: 30 },
    ],
  );
});

test('an unsaved ignore buffer wins over the file on disk', () => {
  const dir = makeTree({ 'a.txt': 1, 'b.txt': 2, '.dockerignore': 'a.txt\n' });
  assert.deepEqual(verdicts(scan(dir, 'buildkit')).excluded, ['a.txt']);
  assert.deepEqual(verdicts(scan(dir, 'buildkit', 'b.txt\n')).excluded, ['b.txt']);
});

test('no ignore file: everything is sent', () => {
  const dir = makeTree({ 'a/b/c': 5, d: 6 });
  const s = scanContextSync({ contextDir: dir, builder: 'buildkit', ignoreFile: null });
  assert.deepEqual(s.sent, { files: 2, bytes: 11 });
  assert.deepEqual(s.patterns, []);
});

test("re-inclusion under an excluded directory follows each builder's walk (SEMANTICS.md §5)", () => {
  const dir = makeTree({ 'dir/keep.txt': 1, 'dir/other': 1, 'dir/a/keep.txt': 1, 'top.txt': 1 });
  const cases: Array<[string, Builder, string[]]> = [
    ['dir\n!dir/keep.txt\n', 'classic', ['dir/keep.txt', 'top.txt']],
    ['dir\n!dir/keep.txt\n', 'buildkit', ['dir/keep.txt', 'top.txt']],
    // A wildcard '!' cannot reach into a directory the classic walker skipped; BuildKit enters.
    ['dir\n!**/keep.txt\n', 'classic', ['top.txt']],
    ['dir\n!**/keep.txt\n', 'buildkit', ['dir/a/keep.txt', 'dir/keep.txt', 'top.txt']],
    ['dir\n!*/keep.txt\n', 'classic', ['top.txt']],
    ['dir\n!*/keep.txt\n', 'buildkit', ['dir/keep.txt', 'top.txt']],
    // Classic enters dir (the pattern starts with dir/) but skips dir/a (case 51).
    ['dir\n!dir/**/keep.txt\n', 'classic', ['dir/keep.txt', 'top.txt']],
    ['dir\n!dir/**/keep.txt\n', 'buildkit', ['dir/a/keep.txt', 'dir/keep.txt', 'top.txt']],
  ];
  for (const [text, builder, sent] of cases) {
    const s = scan(dir, builder, text);
    assert.deepEqual(verdicts(s).sent, sent, `${builder}: ${JSON.stringify(text)}`);
    assert.equal(s.sent.files, sent.length);
  }
});

test("files kept out by a skipped directory are attributed to the directory's pattern", () => {
  const dir = makeTree({ 'dir/a/keep.txt': 4, 'dir/b': 5 });
  const s = scan(dir, 'classic', 'dir\n!**/keep.txt\n');
  assert.equal((lookup(s, 'dir/a/keep.txt') as FileEntry).excludedBy, 0);
  assert.deepEqual(s.patternStats[0].decided, { files: 2, bytes: 9 });
  assert.deepEqual(s.patternStats[1].decided, { files: 0, bytes: 0 });
  const b = scan(dir, 'buildkit', 'dir\n!**/keep.txt\n');
  assert.deepEqual(b.patternStats[1].decided, { files: 1, bytes: 4 }, 'what the ! pattern re-included');
});

test('classic always sends the Dockerfile and .dockerignore; BuildKit does not (SEMANTICS.md §15)', () => {
  const dir = makeTree({
    Dockerfile: 'FROM x\n',
    '.dockerignore': '*\n',
    'a.txt': 3,
    'docker/app.Dockerfile': 'FROM y\n',
    'docker/other': 1,
  });
  assert.deepEqual(verdicts(scan(dir, 'classic')).sent, ['.dockerignore', 'Dockerfile']);
  assert.deepEqual(verdicts(scan(dir, 'buildkit')).sent, []);
  const f = path.join(dir, 'docker/app.Dockerfile');
  assert.deepEqual(verdicts(scan(dir, 'classic', 'docker\n', { dockerfile: f })).sent, [
    '.dockerignore',
    'Dockerfile',
    'a.txt',
    'docker/app.Dockerfile',
  ]);
  assert.deepEqual(verdicts(scan(dir, 'buildkit', 'docker\n', { dockerfile: f })).sent, [
    '.dockerignore',
    'Dockerfile',
    'a.txt',
  ]);
  // The synthetic '!' patterns are invisible: only the file's patterns have stats.
  assert.equal(scan(dir, 'classic').patternStats.length, 1);
});

test("an invalid pattern is fatal with Docker's message, the file and the line", () => {
  const dir = makeTree({ 'a.txt': 1, '.dockerignore': 'ok\n[\n' });
  const s = scan(dir, 'buildkit');
  assert.ok(s.fatal, 'fatal expected');
  assert.match(s.fatal.message, /syntax error in pattern/);
  assert.equal(s.fatal.file, path.join(dir, '.dockerignore'));
  assert.equal(s.fatal.line, 1);
  assert.deepEqual(s.sent, { files: 2, bytes: 1 + 5 }, 'the tree stays usable');
  const bang = scan(dir, 'buildkit', 'a\n!\n');
  assert.match(bang.fatal?.message ?? '', /illegal exclusion pattern: "!"/);
});

test('a pattern that only fails when evaluated is fatal once something reaches it', () => {
  const dir = makeTree({ x: 1, y: 1 });
  assert.equal(scan(dir, 'buildkit', 'zzz\n![z-a]\n').fatal, null, 'never evaluated: builds fine');
  assert.match(scan(dir, 'buildkit', 'x\n![z-a]\n').fatal?.message ?? '', /error/i);
});

test('a missing context directory is fatal, not a crash', () => {
  const s = scanContextSync({ contextDir: '/nonexistent/buildctx-ctx', builder: 'buildkit', ignoreFile: null });
  assert.match(s.fatal?.message ?? '', /unable to prepare context/);
  assert.deepEqual(s.sent, { files: 0, bytes: 0 });
});

test('symlinks are sent as links, never followed: loops and dangling links', () => {
  const dir = makeTree({
    'real/f': 10,
    loop: { link: '.' },
    a: { link: 'b' },
    b: { link: 'a' },
    dangling: { link: 'nowhere/at/all' },
    'real/up': { link: '..' },
  });
  const s = scan(dir, 'buildkit');
  const loop = s.root.files.get('loop')!;
  assert.deepEqual([loop.kind, loop.size], ['symlink', 1]);
  assert.deepEqual(
    [s.root.files.get('dangling')!.kind, s.root.files.get('dangling')!.size],
    ['symlink', 'nowhere/at/all'.length],
  );
  assert.equal(s.root.dirs.size, 1, 'links to directories are not walked');
  assert.deepEqual(s.sent, { files: 6, bytes: 10 + 1 + 1 + 1 + 14 + 2 });
  assert.deepEqual(s.errors, []);
});

test('an unreadable directory is reported and the rest is scanned', () => {
  const dir = makeTree({ 'locked/secret': 5, 'open/f': 3 });
  const s = scan(dir, 'buildkit', undefined, {
    hooks: {
      beforeReaddir(_abs, rel) {
        if (rel === 'locked')
          throw Object.assign(new Error(`EACCES: permission denied, scandir '${_abs}'`), { code: 'EACCES' });
      },
    },
  });
  assert.deepEqual(s.errors, [{ path: 'locked', code: 'EACCES', message: 'open locked: permission denied' }]);
  assert.equal(s.root.dirs.get('locked')!.error, 'open locked: permission denied');
  assert.deepEqual(s.sent, { files: 1, bytes: 3 });
});

test('a directory removed during the walk is reported, not fatal', () => {
  const dir = makeTree({ 'gone/a/b': 5, 'stays/f': 3 });
  const s = scan(dir, 'buildkit', undefined, {
    hooks: {
      beforeReaddir(abs, rel) {
        if (rel === 'gone') fs.rmSync(abs, { recursive: true });
      },
    },
  });
  assert.equal(s.errors.length, 1);
  assert.equal(s.errors[0].code, 'ENOENT');
  assert.equal(s.errors[0].path, 'gone');
  assert.deepEqual(s.sent, { files: 1, bytes: 3 });
});

test('a file removed between readdir and lstat is reported, not fatal', () => {
  const dir = makeTree({ 'd/a': 1, 'd/b': 2 });
  const s = scan(dir, 'buildkit', undefined, {
    hooks: {
      afterReaddir(abs, rel) {
        if (rel === 'd') fs.rmSync(path.join(abs, 'a'));
      },
    },
  });
  assert.deepEqual(
    s.errors.map((e) => [e.path, e.code]),
    [['d/a', 'ENOENT']],
  );
  assert.deepEqual(s.sent, { files: 1, bytes: 2 });
});

test('FIFOs and sockets are recorded as "other" with size 0 and never opened', async () => {
  const dir = makeTree({ 'f.txt': 4 });
  execFileSync('mkfifo', [path.join(dir, 'pipe')]);
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(path.join(dir, 'sock'), resolve));
  try {
    const s = scan(dir, 'buildkit');
    for (const name of ['pipe', 'sock'])
      assert.deepEqual([s.root.files.get(name)!.kind, s.root.files.get(name)!.size], ['other', 0]);
    assert.deepEqual(s.sent, { files: 3, bytes: 4 });
  } finally {
    server.close();
  }
});

test('unicode, spaces, newlines and invalid UTF-8 in names', () => {
  const names = ['ünï cödé 😀.txt', 'new\nline', ' lead and trail ', 'tab\there', '#hash', 'back\\slash'];
  const dir = makeTree(Object.fromEntries(names.map((n, i) => [`d/${n}`, i + 1])));
  fs.writeFileSync(Buffer.concat([Buffer.from(`${path.join(dir, 'd')}/`), Buffer.from([0x62, 0xff, 0xfe])]), 'xyz');
  const s = scan(dir, 'buildkit', 'd/new\nline\n');
  const d = s.root.dirs.get('d')!;
  for (const [i, n] of names.entries()) assert.equal(d.files.get(n)?.size, i + 1, n);
  assert.equal(d.files.get('b\uFFFD\uFFFD')?.size, 3, 'invalid UTF-8 is kept under its lossy name, size still counted');
  assert.deepEqual(s.errors, []);
  assert.deepEqual(verdicts(s).excluded, [], 'a pattern cannot contain a newline, so nothing matches');
  const listed = [...sentFiles(s)].map((f) => f.path).sort();
  assert.ok(listed.includes('d/new\nline'));
});

test('1,000 levels of nesting: no stack overflow anywhere', () => {
  const deep = Array.from({ length: 1000 }, () => 'd').join('/');
  const dir = makeTree({ [`${deep}/leaf`]: 9, top: 1 });
  const s = scan(dir, 'buildkit', 'd/d/d\n!d/d/d/d\n');
  assert.deepEqual(s.sent, { files: 2, bytes: 10 });
  assert.deepEqual([...sentFiles(s)].map((f) => f.path).sort(), [`${deep}/leaf`, 'top']);
  assert.deepEqual(s.errors, []);
});

test('100,000 entries in one directory', () => {
  const dir = makeTree({});
  const big = path.join(dir, 'big');
  fs.mkdirSync(big);
  for (let i = 0; i < 100_000; i++) fs.closeSync(fs.openSync(path.join(big, `f${i}`), 'w'));
  const s = scan(dir, 'buildkit', 'big/f1*\n');
  assert.equal(s.sent.files + s.excluded.files, 100_000);
  assert.equal(s.excluded.files, 11_111);
  const bigDir: DirEntry = s.root.dirs.get('big')!;
  assert.equal(bigDir.files.size, 100_000);
});
