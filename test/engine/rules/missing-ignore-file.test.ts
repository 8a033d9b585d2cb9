import { test } from 'node:test';
import assert from 'node:assert/strict';
import { missingIgnoreFile } from '../../../server/src/engine/rules/missing-ignore-file';
import { heavyDirectoryInContext } from '../../../server/src/engine/rules/heavy-directory-in-context';
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

function check(files: TreeSpec, builder?: 'classic') {
  const t = makeTree(files);
  const build = buildFor({ contextDir: t.dir, builder });
  return { t, build, found: runRule(missingIgnoreFile, dockerfileCtx([build])) };
}

test('no ignore file and a whole-context copy: the fix creates .dockerignore from what the context holds', () => {
  const { t, found } = check({
    Dockerfile: 'FROM node\nCOPY . .\nRUN npm ci\n',
    'package.json': '{}',
    '.git/HEAD': 'ref',
    'node_modules/a/i.js': 'a',
    'web/node_modules/b/i.js': 'b',
    '.gitignore': 'dist/\n',
    'dist/out.js': 'o',
    '.env': 'TOKEN=1',
    'src/i.js': 'i',
  });
  try {
    assert.equal(found.length, 1);
    const f = found[0]!;
    assert.equal(f.severity, 'warning');
    assert.match(
      f.message,
      /^No \.dockerignore in the context: `COPY \. \.` sends all of it \(\d+ files, \d+ B\), including `\.git`, `\*\*\/node_modules`/,
    );
    const fe = f.fixes[0]!.edits[0]!;
    assert.equal(f.fixes[0]!.safe, true);
    assert.equal(fe.create, true);
    assert.equal(fe.file, t.abs('.dockerignore'));
    // .env lands in the image, where the program may load it: not excluded without asking.
    assert.equal(fe.edits[0]!.newText.split('\n').slice(1).join('\n'), '.git\n**/node_modules\n**/dist\n');
  } finally {
    t.cleanup();
  }
});

test('never excludes a path a COPY names', () => {
  const { t, found } = check({
    Dockerfile: 'FROM node\nCOPY dist/ /app/\nCOPY .env /app/\nCOPY . .\n',
    '.git/HEAD': 'r',
    '.gitignore': 'dist/\n',
    'dist/a.js': 'a',
    '.env': 'A=1',
  });
  try {
    assert.equal(found[0]!.fixes[0]!.edits[0]!.edits[0]!.newText.split('\n').slice(1).join('\n'), '.git\n');
  } finally {
    t.cleanup();
  }
});

test("the same file is created whichever rule's fix runs first (fix-all meets one version)", () => {
  const t = makeTree({
    Dockerfile: 'FROM golang\nCOPY . .\n',
    'go.mod': 'm',
    'vendor/modules.txt': '#',
    '.git/HEAD': 'r',
  });
  try {
    const ctx = dockerfileCtx([buildFor({ contextDir: t.dir })]);
    const a = runRule(missingIgnoreFile, ctx)[0]!.fixes[0]!.edits;
    const b = runRule(heavyDirectoryInContext, ctx).map((f) => f.fixes[0]!.edits);
    assert.deepEqual(b, [a, a]);
  } finally {
    t.cleanup();
  }
});

test('not reported: an ignore file exists, nothing to leave out, no whole-context copy, still scanning', () => {
  for (const files of [
    { Dockerfile: 'FROM node\nCOPY . .\n', '.dockerignore': '', 'node_modules/a': 'a' },
    { Dockerfile: 'FROM node\nCOPY . .\n', 'src/i.js': 'i' },
    { Dockerfile: 'FROM node\nCOPY src ./src\n', 'src/i.js': 'i', 'node_modules/a': 'a' },
  ] as TreeSpec[]) {
    const { t, found } = check(files);
    try {
      assert.deepEqual(found, [], JSON.stringify(files));
    } finally {
      t.cleanup();
    }
  }
  const t = makeTree({ Dockerfile: 'FROM node\nCOPY . .\n', 'node_modules/a': 'a' });
  try {
    assert.deepEqual(runRule(missingIgnoreFile, dockerfileCtx([buildFor({ contextDir: t.dir, scan: false })])), []);
  } finally {
    t.cleanup();
  }
});

test('classic sends the whole context without any COPY . .', () => {
  const { t, found } = check(
    { Dockerfile: 'FROM node\nCOPY src ./src\n', 'src/i.js': 'i', 'node_modules/a': 'a' },
    'classic',
  );
  try {
    assert.equal(found.length, 1);
    assert.equal(found[0]!.range.start.line, 0);
  } finally {
    t.cleanup();
  }
});

test('fixture: creates .dockerignore once; the second pass finds nothing to do', () => {
  const t = copyFixture('missing-ignore-file');
  try {
    const run = () => runRule(missingIgnoreFile, dockerfileCtx([buildFor({ contextDir: t.dir })]));
    assert.equal(fixToFixpoint(run), 1);
    assertSameTree(t.dir, fixtureDir('missing-ignore-file', 'expected'));
  } finally {
    t.cleanup();
  }
});
