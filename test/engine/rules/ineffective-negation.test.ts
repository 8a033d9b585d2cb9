import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ineffectiveNegation } from '../../../server/src/engine/rules/ineffective-negation';
import type { Builder } from '../../../server/src/engine/types';
import { ignoreFileCase, runRule, type TreeSpec } from './helpers';

function messages(files: TreeSpec, builder: Builder = 'buildkit'): string[] {
  const { t, ctx } = ignoreFileCase(files, { builder });
  try { return runRule(ineffectiveNegation, ctx).map((f) => `${f.range.start.line}: ${f.message}`); } finally { t.cleanup(); }
}

test('classic skips an excluded directory unless a ! pattern starts with its path (SEMANTICS.md §5, case 47)', () => {
  const files = { '.dockerignore': 'dir\n!**/keep.txt\n', 'dir/keep.txt': 'k', 'dir/other': 'o' };
  assert.deepEqual(messages(files, 'classic'), [
    '1: `!**/keep.txt` cannot reach dir/keep.txt: the classic builder skips the excluded directory dir/ (`dir` on line 1) because no `!` pattern starts with `dir/`',
  ]);
  // BuildKit walks in once a ! pattern has a wildcard: the same file re-includes there.
  assert.deepEqual(messages(files, 'buildkit'), []);
});

test('classic: !dir/**/keep.txt enters dir but not the excluded dir/a below it (case 51)', () => {
  const files = { '.dockerignore': 'dir\n!dir/**/keep.txt\n', 'dir/a/keep.txt': 'k' };
  const [m] = messages(files, 'classic');
  assert.match(m!, /skips the excluded directory dir\/a\//);
});

test('a ! pattern that matches nothing, or whose paths nothing excluded', () => {
  assert.deepEqual(messages({ '.dockerignore': 'logs\n!logs/keep.log\n', 'logs/a.log': 'a' }), [
    '1: `!logs/keep.log` matches nothing in the context, so it re-includes nothing',
  ]);
  assert.deepEqual(messages({ '.dockerignore': '*.tmp\n!src/main.go\n', 'src/main.go': 'x' }), [
    '1: `!src/main.go` re-includes nothing: no earlier pattern excludes src/main.go',
  ]);
});

test('a later pattern excluding the path again undoes the !', () => {
  assert.deepEqual(messages({ '.dockerignore': 'docs\n!docs/README.md\n*/README.md\n', 'docs/README.md': 'r' }), [
    '1: `!docs/README.md` is undone: `*/README.md` on line 3 excludes docs/README.md again',
  ]);
});

test('effective negations are not reported, under every builder', () => {
  const files = { '.dockerignore': '*\n!src\n!go.mod\ndir\n!dir/keep.txt\n', 'src/main.go': 'x', 'go.mod': 'm', 'dir/keep.txt': 'k', 'dir/x': 'x' };
  for (const b of ['buildkit', 'classic', 'podman'] as const) assert.deepEqual(messages(files, b), [], b);
});

test('an empty directory brought back counts as re-included', () => {
  assert.deepEqual(messages({ '.dockerignore': 'cache\n!cache/keep\n', 'cache/keep/': 0, 'cache/x': 'x' }), []);
});
