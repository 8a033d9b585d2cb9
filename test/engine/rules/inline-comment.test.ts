import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inlineComment, splitInlineComment } from '../../../server/src/engine/rules/inline-comment';
import {
  assertSameTree,
  copyFixture,
  fixToFixpoint,
  fixtureDir,
  ignoreFileCase,
  ignoreFileCtx,
  buildFor,
  runRule,
} from './helpers';

test('splits a trailing # comment off a pattern, and spots an indented comment', () => {
  assert.deepEqual(splitInlineComment('vendor/ # deps'), { pattern: 'vendor/', comment: '# deps' });
  assert.deepEqual(splitInlineComment('!keep.txt\t#why'), { pattern: '!keep.txt', comment: '#why' });
  assert.deepEqual(splitInlineComment('   # note'), { pattern: '', comment: '# note' });
  assert.equal(splitInlineComment('a#b'), null);
  assert.equal(splitInlineComment('foo\\ #bar'), null);
  assert.deepEqual(splitInlineComment('  # a # b'), { pattern: '', comment: '# a # b' });
  assert.equal(splitInlineComment('#a #b'), null);
  assert.equal(splitInlineComment('#comment'), null);
  assert.equal(splitInlineComment('plain'), null);
});

test('vendor/ # deps never matches: a warning whose safe fix moves the comment to its own line', () => {
  const { t, ctx } = ignoreFileCase({ '.dockerignore': '.git\nvendor/ # deps\n', 'vendor/a.go': 'x' });
  try {
    const [f, ...rest] = runRule(inlineComment, ctx);
    assert.equal(rest.length, 0);
    assert.equal(f!.severity, 'warning');
    assert.equal(f!.range.start.line, 1);
    assert.match(f!.message, /no inline comments.*`vendor\/` never matches/);
    assert.deepEqual(f!.fixes[0]!.edits[0]!.edits, [
      { range: { start: { line: 1, character: 0 }, end: { line: 1, character: 14 } }, newText: '# deps\nvendor/' },
    ]);
    assert.equal(f!.fixes[0]!.safe, true);
  } finally {
    t.cleanup();
  }
});

test('an indented # line is a pattern to Docker: the fix makes it a comment', () => {
  const { t, ctx } = ignoreFileCase({ '.dockerignore': 'a\n  # about b\nb\n' });
  try {
    const [f] = runRule(inlineComment, ctx);
    assert.match(f!.message, /reads `# about b` as a pattern/);
    assert.equal(f!.fixes[0]!.edits[0]!.edits[0]!.newText, '# about b');
  } finally {
    t.cleanup();
  }
});

test('not reported for plain patterns, real comments, or a # line that does match a file', () => {
  const { t, ctx } = ignoreFileCase({
    '.dockerignore': '# real comment\nnode_modules\nweird #name\n',
    'weird #name': 'x',
  });
  try {
    assert.deepEqual(runRule(inlineComment, ctx), []);
  } finally {
    t.cleanup();
  }
});

test('fixture: CRLF and a BOM are kept; a second fix pass changes nothing', () => {
  const t = copyFixture('inline-comment');
  try {
    const run = () => {
      const build = buildFor({ contextDir: t.dir });
      return runRule(inlineComment, ignoreFileCtx(t.abs('.dockerignore'), [build]));
    };
    assert.equal(run().length, 2);
    assert.equal(fixToFixpoint(run), 1);
    assertSameTree(t.dir, fixtureDir('inline-comment', 'expected'));
  } finally {
    t.cleanup();
  }
});
