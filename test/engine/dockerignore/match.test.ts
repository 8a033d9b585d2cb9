// Matcher behaviour beyond the corpus: Go regexp features through the JS translation, the
// walk API the scanner uses, and the helpers rules call.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readIgnoreFile } from '../../../server/src/engine/dockerignore/read';
import {
  IgnoreMatcher,
  IgnoreSyntaxError,
  ROOT_RESULT,
  builderErrorMessage,
  isExcluded,
  patternMatchesPath,
  type MatchResult,
} from '../../../server/src/engine/dockerignore/match';
import type { Builder } from '../../../server/src/engine/types';

const excl = (text: string, path: string, builder: Builder = 'buildkit'): boolean =>
  isExcluded(readIgnoreFile(text, builder).patterns, path, false, builder);

test("{ | } reach the regexp unescaped (patternmatcher's escape bitmap), . + ( ) $ do not", () => {
  assert.equal(excl('\\s|', 'anything'), true); // ^\s|$ : the empty branch matches at the end
  assert.equal(excl('\\s\\|', 'anything'), false);
  assert.equal(excl('*x{2}', 'axx'), true);
  assert.equal(excl('*x{2}', 'ax{2}'), false);
  assert.equal(excl('a|b', 'a'), false); // no wildcard: an exact compare, no regexp at all
  assert.equal(excl('*a+', 'xaa'), false);
  assert.equal(excl('*a+', 'xa+'), true);
  assert.equal(excl('*(x)', '(x)'), true);
});

test('backslash escapes are Go regexp escapes', () => {
  assert.equal(excl('\\x41', 'A'), true);
  assert.equal(excl('\\101', 'A'), true); // octal
  // \Q quotes the rest of the regexp: the `[^/]*` that `*` became and the final `$` too.
  assert.equal(excl('\\Qa*b', 'a[^/]*b$'), true);
  assert.equal(excl('\\Qa*b', 'a*b'), false);
  assert.equal(excl('\\pL', 'Σ'), true);
  assert.equal(excl('\\pL', '5'), false);
  assert.equal(excl('\\PL?', '5é'), true);
  assert.equal(excl('[[:digit:]]x', '7x'), true);
  assert.equal(excl('[[:^digit:]]x', '7x'), false);
  assert.equal(excl('\\d', '٣'), false); // \d is ASCII in Go
  assert.equal(excl('\\s', '\u00a0'), false); // so is \s (JS \s would match)
  assert.equal(excl('\\s', '\u000b'), false); // Go's \s has no \v
  assert.equal(excl('\\w*', 'é'), false);
  assert.equal(excl('a\\b', 'a'), true);
  assert.equal(excl('?', '😀'), true); // one code point
  assert.equal(excl('*.go', 'x\n.go'), true); // [^/] crosses newlines, . does not
  assert.equal(excl('\\x2e*', 'x'), false);
});

test("regexps Go rejects fail lazily, each with Docker's message", () => {
  for (const bad of ['[z-a]', '\\é', '\\1', '\\C', '\\pX', '[[:foo:]]', '\\x{110000}', '*\\E', 'x{1001}*', 'a**/{2}']) {
    const { patterns, errors } = readIgnoreFile(bad);
    assert.deepEqual(errors, [], bad);
    assert.throws(
      () => isExcluded(patterns, 'a', false, 'classic'),
      (e: unknown) => e instanceof IgnoreSyntaxError && e.lazy && e.message === 'syntax error in pattern',
      bad,
    );
  }
});

test('BuildKit wraps the message; the error carries the pattern position', () => {
  const patterns = readIgnoreFile('ok\n  [z-a]').patterns;
  try {
    isExcluded(patterns, 'x', false, 'buildkit');
    assert.fail('expected a lazy error');
  } catch (e) {
    assert.ok(e instanceof IgnoreSyntaxError);
    assert.deepEqual([e.line, e.start, e.end, e.index], [1, 2, 7, 1]);
    assert.equal(builderErrorMessage(e, 'buildkit'), 'failed to match excludepatterns: syntax error in pattern');
    assert.equal(builderErrorMessage(e, 'classic'), 'syntax error in pattern');
  }
  assert.throws(
    () => IgnoreMatcher.compile(readIgnoreFile('a\n!').patterns, 'buildkit'),
    /illegal exclusion pattern: "!"/,
  );
});

test('the walk API: parent results, skipping and re-entering excluded directories', () => {
  const patterns = readIgnoreFile('dir\n!**/keep.txt').patterns;
  const bk = IgnoreMatcher.compile(patterns, 'buildkit');
  const cl = IgnoreMatcher.compile(patterns, 'classic');
  for (const m of [bk, cl]) {
    const dir = m.match('dir', ROOT_RESULT);
    assert.deepEqual([dir.excluded, dir.by], [true, 0]);
    const keep = m.match('dir/keep.txt', dir);
    assert.deepEqual([keep.excluded, keep.by], [false, 1]);
    assert.equal(m.match('dir/other', dir).excluded, true);
    assert.equal(m.match('src', ROOT_RESULT).by, -1);
  }
  // BuildKit walks into `dir` because a `!` pattern has a wildcard; the classic CLI does not.
  assert.equal(bk.descendsInto('dir', bk.match('dir', ROOT_RESULT)), true);
  assert.equal(cl.descendsInto('dir', cl.match('dir', ROOT_RESULT)), false);
  const plain = IgnoreMatcher.compile(readIgnoreFile('dir\n!dir/keep.txt').patterns, 'classic');
  assert.equal(plain.descendsInto('dir', plain.match('dir', ROOT_RESULT)), true);
  assert.equal(plain.descendsInto('dir/sub', plain.match('dir/sub', plain.match('dir', ROOT_RESULT))), false);
  assert.equal(plain.hasExclusions, true);
});

test('a parent result from match() is not the same as no parent result', () => {
  // Without parent results Docker tries every ancestor (MatchesOrParentMatches); with them, it
  // trusts the parent: `a/b` + `!a` re-includes `a` but not `a/b` (SEMANTICS.md §5, case 58).
  const m = IgnoreMatcher.compile(readIgnoreFile('a/b\n!a').patterns, 'classic');
  const a = m.match('a', ROOT_RESULT);
  assert.equal(a.excluded, false);
  assert.equal(m.match('a/b', a).excluded, true);
  assert.equal(m.match('a/b/c', ROOT_RESULT).excluded, false);
});

test('more than 31 patterns keep their parent results (wide bit sets)', () => {
  const lines = Array.from({ length: 40 }, (_, i) => `p${i}`);
  lines[35] = 'dir';
  lines[38] = '!dir/keep';
  lines.push('dir/keep/no');
  const m = IgnoreMatcher.compile(readIgnoreFile(lines.join('\n')).patterns, 'classic');
  let r: MatchResult = m.match('dir', ROOT_RESULT);
  assert.deepEqual([r.excluded, r.by], [true, 35]);
  r = m.match('dir/keep', r);
  assert.deepEqual([r.excluded, r.by], [false, 38]);
  assert.deepEqual([m.match('dir/keep/no', r).excluded, m.match('dir/keep/no', r).by], [true, 40]);
  assert.equal(m.match('dir/keep/yes', r).excluded, false);
  assert.equal(isExcluded(readIgnoreFile(lines.join('\n')).patterns, 'dir/other', false, 'classic'), true);
});

test('patternMatchesPath answers for one pattern alone, and never throws', () => {
  const [vendor, logs, bad] = readIgnoreFile('vendor/\n**/*.log\n[z-a]').patterns;
  assert.equal(patternMatchesPath(vendor, 'vendor'), true);
  assert.equal(patternMatchesPath(vendor, 'vendor/x.go'), false);
  assert.equal(patternMatchesPath(vendor, 'vendor/x.go', true), true);
  assert.equal(patternMatchesPath(logs, 'a/b/c.log'), true);
  assert.equal(patternMatchesPath(logs, 'a/b/c.txt'), false);
  assert.equal(patternMatchesPath(bad, 'a'), false);
});

test('a BOM starting a later line is part of an exact pattern but dropped from a regexp', () => {
  assert.equal(excl('x\n\uFEFFfoo', 'foo'), false);
  assert.equal(excl('x\n\uFEFFfo?', 'foo'), true);
});
