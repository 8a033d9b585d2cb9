// podman/buildah: buildah's reader (openshift/imagebuilder ParseIgnore), containers/storage
// fileutils matching (every pattern, last match wins, 20.10-style regexp ending in `(/.*)?$`)
// and the copier's walk. Sources: containers/buildah copier/copier.go (pathIsExcluded,
// copierHandlerGet), pkg/parse ContainerIgnoreFile, containers/storage pkg/fileutils as vendored
// by containers/podman; checked against real buildah 1.28.2 (154 corpus cases, all agree).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readIgnoreFile } from '../../../server/src/engine/dockerignore/read';
import {
  IgnoreMatcher,
  IgnoreSyntaxError,
  ROOT_RESULT,
  isExcluded,
} from '../../../server/src/engine/dockerignore/match';
import type { Builder } from '../../../server/src/engine/types';

const excl = (text: string, path: string, builder: Builder): boolean =>
  isExcluded(readIgnoreFile(text, builder).patterns, path, false, builder);

test('what follows `!` is cleaned again and loses a leading slash (the reader only trims slashes)', () => {
  assert.equal(excl('foo\n!/foo', 'foo', 'podman'), false);
  assert.equal(excl('foo\n!./foo', 'foo', 'podman'), false);
  const [, neg] = readIgnoreFile('foo\n!/foo/', 'podman').patterns;
  assert.deepEqual([neg.negate, neg.pattern], [true, 'foo']);
});

test('a BOM before # is not stripped by buildah: the line is a pattern (text/scanner drops the BOM)', () => {
  assert.equal(excl('\uFEFF# notes', '# notes', 'buildkit'), false);
  assert.equal(excl('\uFEFF#*', '#notes', 'podman'), true);
});

test('no parent results: each regexp matches the path or anything below it, every pattern counts', () => {
  // `!a` matches a/b through `(/.*)?$`, so it re-includes it; Docker's walker does not (case 58).
  assert.equal(excl('a/b\n!a', 'a/b', 'classic'), true);
  assert.equal(excl('a/b\n!a', 'a/b', 'podman'), false);
  assert.equal(excl('**/x\n!a/b/x/y/keep', 'a/b/x/y/other', 'podman'), true);
  assert.equal(excl('**/x\n!a/b/x/y/keep', 'a/b/x/y/keep', 'podman'), false);
  // The copier walks into a.go for the `!` pattern; the . of (/.*)? does not cross a newline.
  assert.equal(excl('*.go\n!a.go/q', 'a.go/xy', 'podman'), true);
  assert.equal(excl('*.go\n!a.go/q', 'a.go/x\ny', 'podman'), false);
});

test("a trailing ** is .* in buildah's regexp (no prefix shortcut)", () => {
  assert.equal(excl('**', 'anything/at/all', 'podman'), true);
  assert.equal(excl('foo/**', 'foo/x', 'podman'), true);
  assert.equal(excl('foo/**', 'foo', 'podman'), false);
  assert.equal(excl('**/', 'x', 'podman'), true);
});

test('only `.` and `$` are escaped, and every pattern is a regexp', () => {
  assert.equal(excl('a+b', 'aab', 'podman'), true);
  assert.equal(excl('a+b', 'aab', 'buildkit'), false);
  assert.equal(excl('a|b', 'abc', 'podman'), true); // ^a|b$
  assert.equal(excl('x{2}', 'xx', 'podman'), true);
  assert.equal(excl('a.b', 'axb', 'podman'), false);
});

test('every pattern is evaluated for every path, so a bad regexp fails at once', () => {
  assert.equal(excl('x\n![z-a]', 'y', 'classic'), false); // Docker never evaluates it
  assert.throws(() => excl('x\n![z-a]', 'y', 'podman'), IgnoreSyntaxError);
  assert.throws(() => excl('(x', 'y', 'podman'), IgnoreSyntaxError);
  assert.equal(excl('(x', '(x', 'buildkit'), true);
});

test("last match wins without Docker's skipping, parent results are not used", () => {
  assert.equal(excl('a\n!a/b', 'a/b', 'podman'), false);
  assert.equal(excl('a\n!a/b', 'a/c', 'podman'), true);
  assert.equal(excl('*\n!*.md', 'README.md', 'podman'), false);
  const m = IgnoreMatcher.compile(readIgnoreFile('a/b\n!a', 'podman').patterns, 'podman');
  assert.equal(m.match('a/b', ROOT_RESULT).excluded, m.match('a/b', m.match('a', ROOT_RESULT)).excluded);
});

test('the copier enters an excluded directory when a `!` pattern starts with its path, slash or not', () => {
  const m = IgnoreMatcher.compile(readIgnoreFile('a\n!ab/x', 'podman').patterns, 'podman');
  assert.equal(m.descendsInto('a', m.match('a', ROOT_RESULT)), true);
  const c = IgnoreMatcher.compile(readIgnoreFile('a\n!ab/x').patterns, 'classic');
  assert.equal(c.descendsInto('a', c.match('a', ROOT_RESULT)), false);
  const none = IgnoreMatcher.compile(readIgnoreFile('a', 'podman').patterns, 'podman');
  assert.equal(none.descendsInto('a', none.match('a', ROOT_RESULT)), false);
  // The prefix test is literal: `dir/*/keep` does not start with `dir/sub`, so that is skipped.
  assert.equal(excl('dir\n!dir/*/keep', 'dir/sub/keep', 'podman'), true);
  assert.equal(excl('dir\n!dir/*/keep', 'dir/sub/keep', 'buildkit'), false);
});
