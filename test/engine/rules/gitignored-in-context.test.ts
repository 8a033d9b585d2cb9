import { test } from 'node:test';
import { git } from '../../git';
import assert from 'node:assert/strict';
import { gitignoredInContext } from '../../../server/src/engine/rules/gitignored-in-context';
import {
  assertSameTree,
  buildFor,
  copyFixture,
  dockerfileCtx,
  fixToFixpoint,
  fixtureDir,
  makeTree,
  runRule,
  type TreeSpec,
} from './helpers';

function check(files: TreeSpec) {
  const t = makeTree({ Dockerfile: 'FROM node\nCOPY . .\n', ...files });
  return { t, found: runRule(gitignoredInContext, dockerfileCtx([buildFor({ contextDir: t.dir })])) };
}

test('groups what git ignores by gitignore line, with sizes, and fixes exact translations safely', () => {
  const { t, found } = check({
    '.gitignore': 'dist/\n*.log\n',
    '.dockerignore': '.git\n',
    'dist/a.js': 'aaaa',
    'dist/b.js': 'bb',
    'a.log': 'x',
    'srv/b.log': 'y',
    'src/i.js': 'i',
  });
  try {
    assert.deepEqual(
      found.map((f) => f.message),
      [
        '`COPY . .` sends dist/ (2 files, 6 B), which git ignores (`dist/` in .gitignore:1)',
        '`COPY . .` sends a.log, srv/b.log (2 files, 2 B), which git ignores (`*.log` in .gitignore:2)',
      ],
    );
    assert.deepEqual(
      found.map((f) => [f.severity, f.range.start.line, f.fixes[0]!.safe, f.fixes[0]!.edits[0]!.edits[0]!.newText]),
      [
        ['warning', 1, true, '**/dist\n'],
        ['warning', 1, true, '**/*.log\n'],
      ],
    );
  } finally {
    t.cleanup();
  }
});

test('without an exact translation, the concrete paths are offered and the fix is not safe', () => {
  // A '!' in the gitignore carves an exception one Docker line cannot reproduce.
  const { t, found } = check({ '.gitignore': 'tmp/\n!tmp/keep\n', '.dockerignore': '.git\n', 'tmp/x': 'x' });
  try {
    assert.equal(found.length, 1);
    assert.match(found[0]!.message, /no Docker pattern means exactly the same, so only the listed paths are offered/);
    assert.equal(found[0]!.fixes[0]!.safe, false);
    assert.equal(found[0]!.fixes[0]!.edits[0]!.edits[0]!.newText, 'tmp/\n');
  } finally {
    t.cleanup();
  }
});

test('a dir-only line stays unsafe when a plain file of that name would be caught by Docker', () => {
  const { t, found } = check({ '.gitignore': 'out/\n', '.dockerignore': '.git\n', 'out/x': 'x', 'docs/out': 'a file' });
  try {
    assert.equal(found.length, 1);
    assert.equal(found[0]!.fixes[0]!.safe, false);
  } finally {
    t.cleanup();
  }
});

test('a COPY naming a git-ignored path keeps it out of the fix', () => {
  const { t, found } = check({
    Dockerfile: 'FROM node\nCOPY dist/ /app/\nCOPY . .\n',
    '.gitignore': 'dist\n',
    '.dockerignore': '.git\n',
    'dist/a.js': 'a',
  });
  try {
    assert.equal(found.length, 1);
    assert.match(found[0]!.message, /excluding it would affect `COPY dist\/ \/app\/`/);
    assert.deepEqual(found[0]!.fixes, []);
  } finally {
    t.cleanup();
  }
});

test('not reported: nothing git-ignored is sent, heavy directories (another rule), no whole-context copy', () => {
  for (const files of [
    { '.gitignore': 'dist/\n', '.dockerignore': 'dist\n', 'dist/a': 'a' },
    { '.gitignore': 'node_modules\n', '.dockerignore': '.git\n', 'node_modules/x/i.js': 'x' },
    { Dockerfile: 'FROM node\nCOPY src ./src\n', '.gitignore': 'dist/\n', 'dist/a': 'a', 'src/i': 'i' },
    { 'dist/a': 'a' },
  ] as TreeSpec[]) {
    const { t, found } = check(files);
    try {
      assert.deepEqual(found, [], JSON.stringify(files));
    } finally {
      t.cleanup();
    }
  }
});

test('fixture: exact translations appended once; a second pass changes nothing', () => {
  const t = copyFixture('gitignored-in-context');
  try {
    const run = () => runRule(gitignoredInContext, dockerfileCtx([buildFor({ contextDir: t.dir })]));
    assert.equal(run().length, 3);
    assert.equal(fixToFixpoint(run), 1);
    assertSameTree(t.dir, fixtureDir('gitignored-in-context', 'expected'));
  } finally {
    t.cleanup();
  }
});

test('silent while the context is being scanned', () => {
  const t = makeTree({ Dockerfile: 'FROM node\nCOPY . .\n', '.gitignore': 'dist/\n', 'dist/a': 'a' });
  try {
    assert.deepEqual(runRule(gitignoredInContext, dockerfileCtx([buildFor({ contextDir: t.dir, scan: false })])), []);
    assert.equal(runRule(gitignoredInContext, dockerfileCtx([buildFor({ contextDir: t.dir })])).length, 1);
  } finally {
    t.cleanup();
  }
});

test('a file git tracks is never git-ignored, whatever .gitignore says, nor is a directory holding one', () => {
  const t = makeTree({
    Dockerfile: 'FROM node\nCOPY . .\n',
    '.gitignore': '*.log\nvendor/\n',
    '.dockerignore': '.git\n',
    'tracked.log': 'tt',
    'untracked.log': 'u',
    'vendor/kept.go': 'kkk',
    'vendor/extra.go': 'e',
  });
  try {
    git(t.dir, 'init', '-q');
    git(t.dir, 'add', '-f', 'tracked.log', 'vendor/kept.go');
    const found = runRule(gitignoredInContext, dockerfileCtx([buildFor({ contextDir: t.dir })]));
    assert.deepEqual(
      found.map((f) => f.message),
      [
        '`COPY . .` sends untracked.log (1 file, 1 B), which git ignores (`*.log` in .gitignore:1)',
        // Excluding vendor/ would also take the tracked vendor/kept.go out of the image.
        '`COPY . .` sends vendor/extra.go (1 file, 1 B), which git ignores (`vendor/` in .gitignore:2). ' +
          'Not excluded automatically: it would drop vendor/kept.go: `COPY . .` (line 2) puts it in the image ' +
          '(stage 1): it may be read when the image runs',
      ],
    );
    assert.equal(found[1]!.fixes[0]!.safe, false);
  } finally {
    t.cleanup();
  }
});
