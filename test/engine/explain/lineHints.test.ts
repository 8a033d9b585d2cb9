// Issue 16: every line of an ignore file says what it keeps out now, from the scan's per-pattern
// totals; the hover lists paths it matches with the line deciding each, and what `**/` would add.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TreeWork } from '../../../server/src/engine/background/treeWork';
import { rematch } from '../../../server/src/engine/context/scan/scan';
import { lineHints, type LineScan } from '../../../server/src/engine/explain/lineHints';
import { describeLine } from '../../../server/src/engine/explain/lineHover';
import { unmatchedPatterns } from '../../../server/src/engine/rules/unmatched-pattern';
import type { BuildInfo } from '../../../server/src/engine/rules/types';
import { buildFor, fileAccess, makeTree, type TreeSpec } from '../rules/helpers';

function scanOf(b: BuildInfo, work = new TreeWork(), name = 'context `.`, buildkit'): LineScan {
  const scan = b.scan!;
  return { scan, unmatched: unmatchedPatterns(work, scan, scan.patterns), name };
}

function withTree<T>(files: TreeSpec, run: (b: BuildInfo, text: string) => T): T {
  const t = makeTree({ Dockerfile: 'FROM scratch\nCOPY . .\n', ...files });
  try {
    const b = buildFor({ contextDir: t.dir });
    return run(b, t.read('.dockerignore') ?? '');
  } finally {
    t.cleanup();
  }
}

const IGNORE = [
  '# generated',
  'vendor/a.go',
  'vendor/',
  '',
  '*.md',
  '!README.md',
  'nothing-here',
  'node_modules',
  '!nothing',
  'docs/*.tmp\r',
].join('\n');

test('each pattern line gets what it keeps out now, re-includes, or that it matches nothing', () => {
  const labels = withTree(
    {
      '.dockerignore': IGNORE,
      'vendor/a.go': 1000,
      'vendor/b/c.go': 2000,
      'vendor/modules.txt': 3000,
      'README.md': 10,
      'CHANGES.md': 20,
      'web/node_modules/x.js': 2,
      'docs/a.tmp': 2048,
      'docs/b.tmp': 1,
    },
    (b, text) => lineHints(text, [scanOf(b)]),
  );
  assert.deepEqual(
    labels.map((h) => [h.line, h.label]),
    [
      [1, 'keeps out nothing (other lines decide)'],
      [2, '\u22123 files · 5.9 KiB'],
      [4, '\u22121 file · 20 B'],
      [5, '+1 file · 10 B re-included'],
      [6, 'matches nothing'],
      [7, 'matches nothing at the root'],
      [8, 're-includes nothing'],
      [9, '\u22122 files · 2 KiB'],
    ],
  );
  assert.deepEqual(
    labels.map((h) => h.character),
    [11, 7, 4, 10, 12, 12, 8, 10],
    'at the end of each line, before a CR',
  );
  assert.ok(
    labels.every((h) => h.tooltip === undefined),
    'one context: no per-context tooltip',
  );
});

test('a line that matches but another line decides is not "nothing": the first exclusion of a run decides', () => {
  const labels = withTree({ '.dockerignore': '**/dist\ndist\n', 'dist/a.js': 5 }, (b, text) =>
    lineHints(text, [scanOf(b)]),
  );
  assert.deepEqual(
    labels.map((h) => h.label),
    ['\u22121 file · 5 B', 'keeps out nothing (other lines decide)'],
  );
});

test('several contexts share the file: the label is the largest effect, the tooltip names each context', () => {
  const t = makeTree({
    'a/Dockerfile': 'FROM scratch\nCOPY . .\n',
    'a/logs/x.log': 100,
    'b/Dockerfile': 'FROM scratch\nCOPY . .\n',
    'b/logs/y.log': 4096,
    'b/logs/z.log': 4096,
    'shared.dockerignore': 'logs/\n',
  });
  try {
    const text = t.read('shared.dockerignore')!;
    const scans = ['a', 'b'].map((d) => {
      // Both builds name the shared file (`-f`-style); rematched as the server does for a buffer.
      const b = buildFor({ contextDir: t.abs(d) });
      const scan = rematch(b.scan!, text, t.abs('shared.dockerignore'));
      return scanOf({ ...b, scan }, new TreeWork(), `context \`${d}\``);
    });
    const [hint] = lineHints(text, scans);
    assert.equal(hint!.label, '\u22122 files · 8 KiB');
    assert.equal(hint!.tooltip, 'context `a`: \u22121 file · 100 B\ncontext `b`: \u22122 files · 8 KiB');
  } finally {
    t.cleanup();
  }
});

test('no scan agrees yet: no hints', () => {
  assert.deepEqual(lineHints('vendor/\n', []), []);
});

test('hover: example paths with the line deciding each last, a later `!` overriding', () => {
  const md = withTree(
    { '.dockerignore': '*.md\n!README.md\n', 'README.md': 10, 'CHANGES.md': 20, 'docs/x.md': 1 },
    (b) => describeLine({ work: new TreeWork(), fs: fileAccess() }, { ...scanOf(b), builds: [b] }, 0),
  );
  assert.equal(
    md,
    [
      '**`*.md`** keeps out **1 file, 20 B**',
      '',
      'Matches, for example:',
      '- `CHANGES.md`: kept out, decided by this line',
      '- `README.md`: sent, decided by line 2 `!README.md`',
      '',
      'Matches only at the context root. `**/*.md` would also keep out 1 path below it (1 file, 1 B):',
      '- `docs/x.md` 1 file, 1 B',
      '',
      'context `.`, buildkit',
    ].join('\n'),
  );
});

test('hover: a directory pattern shows the directory, not its thousand files', () => {
  const md = withTree({ '.dockerignore': 'vendor/\n', 'vendor/a/b.go': 1, 'vendor/c.go': 1 }, (b) =>
    describeLine({ work: new TreeWork(), fs: fileAccess() }, { ...scanOf(b), builds: [b] }, 0),
  );
  assert.match(
    md,
    /^\*\*`vendor\/`\*\* keeps out \*\*2 files, 2 B\*\*\n\nMatches, for example:\n- `vendor\/`: kept out, decided by this line\n/,
  );
});

test('hover: a root-anchored pattern says what **/ would add and marks the build inputs among it', () => {
  const t = makeTree({
    Dockerfile:
      'FROM golang AS build\nWORKDIR /src\nCOPY . .\nRUN go build -o /out/store ./cmd/store\n' +
      'FROM scratch\nCOPY --from=build /out/store /store\n',
    'go.mod': 'module example.com/mono\n',
    'cmd/store/main.go': 'package main\n\nimport "example.com/mono/pkg/store/models"\n\nfunc main() { models.X() }\n',
    'pkg/store/models/user.go': 'package models\n\nfunc X() {}\n',
    'tools/models/old.txt': 'stale notes',
    'models/fixture.bin': 'x',
    '.dockerignore': 'models/\n',
  });
  try {
    const b = buildFor({ contextDir: t.dir });
    const md = describeLine({ work: new TreeWork(), fs: fileAccess() }, { ...scanOf(b), builds: [b] }, 0);
    const lines = md.split('\n');
    assert.equal(lines[0], '**`models/`** keeps out **1 file, 1 B**');
    assert.ok(lines.includes('- `models/`: kept out, decided by this line'), md);
    assert.ok(
      lines.includes(
        'Matches only at the context root. `**/models/` would also keep out 2 paths below it (2 files, 39 B):',
      ),
      md,
    );
    const store = lines.find((l) => l.startsWith('- `pkg/store/models/`'));
    assert.match(
      store ?? '',
      /^- `pkg\/store\/models\/` 1 file, 28 B · \*\*build input\*\*: `go build .*` compiles it/,
    );
    assert.equal(
      lines.find((l) => l.startsWith('- `tools/models/`')),
      '- `tools/models/` 1 file, 11 B',
      'not read by the build: no mark',
    );
  } finally {
    t.cleanup();
  }
});
