import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { scanContextSync } from '../../../server/src/engine/context/scan/scan';
import {
  allDirs,
  excludedFiles,
  exclusionsByPattern,
  largestDirs,
  lookup,
  sentFiles,
} from '../../../server/src/engine/context/queries';
import { makeTree } from './helpers';

const IGNORE = '# deps\n.git\nvendor/\n*.md\n!README.md\nnothing-here\n';

function sample() {
  const dir = makeTree({
    'vendor/github.com/a/a.go': 5000,
    'vendor/github.com/b/b.go': 3000,
    'vendor/modules.txt': 10,
    'pkg/api/x.go': 700,
    'pkg/api/y.go': 300,
    'pkg/util/z.go': 900,
    'cmd/main.go': 50,
    'README.md': 40,
    'CHANGES.md': 60,
    '.git/HEAD': 20,
    '.dockerignore': IGNORE,
  });
  return scanContextSync({ contextDir: dir, builder: 'buildkit', ignoreFile: path.join(dir, '.dockerignore') });
}

test('largestDirs ranks sent and excluded directories by bytes', () => {
  const s = sample();
  assert.deepEqual(largestDirs(s, 3, 'sent'), [
    { path: 'pkg', files: 3, bytes: 1900 },
    { path: 'pkg/api', files: 2, bytes: 1000 },
    { path: 'pkg/util', files: 1, bytes: 900 },
  ]);
  assert.deepEqual(largestDirs(s, 2, 'excluded'), [
    { path: 'vendor', files: 3, bytes: 8010 },
    { path: 'vendor/github.com', files: 2, bytes: 8000 },
  ]);
  assert.deepEqual(largestDirs(s, 0, 'sent'), []);
});

test('exclusionsByPattern: what each pattern keeps out, as written, with its 1-based line', () => {
  const s = sample();
  assert.deepEqual(
    exclusionsByPattern(s).map(({ index: _i, ...rest }) => rest),
    [
      { pattern: 'vendor/', line: 3, files: 3, bytes: 8010 },
      { pattern: '*.md', line: 4, files: 1, bytes: 60 },
      { pattern: '.git', line: 2, files: 1, bytes: 20 },
      { pattern: 'nothing-here', line: 6, files: 0, bytes: 0 },
    ],
  );
});

test('sentFiles and excludedFiles partition every file, with paths relative to the context', () => {
  const s = sample();
  const sent = [...sentFiles(s)];
  const excluded = [...excludedFiles(s)];
  assert.deepEqual(sent.map((f) => f.path).sort(), [
    '.dockerignore',
    'README.md',
    'cmd/main.go',
    'pkg/api/x.go',
    'pkg/api/y.go',
    'pkg/util/z.go',
  ]);
  assert.equal(
    sent.reduce((n, f) => n + f.size, 0),
    s.sent.bytes,
  );
  assert.equal(excluded.length, s.excluded.files);
  assert.deepEqual(
    excluded.find((f) => f.path === 'vendor/modules.txt'),
    { path: 'vendor/modules.txt', size: 10, by: 1 },
  );
});

test('lookup finds files and directories, and nothing else', () => {
  const s = sample();
  assert.equal(lookup(s, ''), s.root);
  assert.equal(lookup(s, 'pkg/api')!.name, 'api');
  assert.equal((lookup(s, 'pkg/api/x.go') as { size: number }).size, 700);
  assert.equal(lookup(s, 'pkg/nope/x.go'), undefined);
});

test('per-directory aggregates add up to the totals', () => {
  const s = sample();
  const sum =
    [...s.root.dirs.values()].reduce((n, d) => n + d.sent.bytes, 0) +
    [...s.root.files.values()].filter((f) => f.excludedBy < 0).reduce((n, f) => n + f.size, 0);
  assert.equal(sum, s.sent.bytes);
  assert.deepEqual(s.sent, s.root.sent);
});

test('largestDirs equals a full sort of every directory, for any n', () => {
  const spec: Record<string, number> = {};
  for (let i = 0; i < 60; i++) spec[`d${i % 7}/e${i % 5}/f${i}`] = (i * 37) % 11; // ties on purpose
  const dir = makeTree(spec);
  const s = scanContextSync({ contextDir: dir, builder: 'buildkit', ignoreFile: null, ignoreText: 'd1\nd2/e3\n' });
  for (const which of ['sent', 'excluded'] as const) {
    const all = [...allDirs(s.root)]
      .filter((d) => d[which].files > 0)
      .map((d) => ({ path: d.path, files: d[which].files, bytes: d[which].bytes }));
    all.sort((a, b) => b.bytes - a.bytes || b.files - a.files || (a.path < b.path ? -1 : 1));
    for (const n of [1, 3, 10, 1000]) assert.deepEqual(largestDirs(s, n, which), all.slice(0, n), `${which} n=${n}`);
  }
});
