// readIgnoreFile reuses what it compiled for a line (the editor re-reads the whole file on each
// keystroke): the cached answer must follow the line's text, the builder and its place.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readIgnoreFile } from '../../../server/src/engine/dockerignore/read';

const shape = (text: string, builder?: 'buildkit' | 'podman') =>
  readIgnoreFile(text, builder).patterns.map((p) => ({
    pattern: p.pattern,
    negate: p.negate,
    line: p.line,
    start: p.start,
    error: p.error,
    lazyError: p.lazyError,
  }));

test('an edited line gives the new answer, the unedited ones their old one', () => {
  const before = shape('vendor/\n[z-a]\n');
  assert.equal(before[1]!.lazyError, 'syntax error in pattern');
  const after = shape('vendor/\n[a-z]\n');
  assert.deepEqual(after[0], before[0]);
  assert.equal(after[1]!.pattern, '[a-z]');
  assert.equal(after[1]!.lazyError, undefined);
  assert.equal(shape('vendor/\n[z-a]\n')[1]!.lazyError, 'syntax error in pattern');
});

test('the same line read for another builder is compiled as that builder compiles it', () => {
  // buildah's regexp leaves `(` unescaped, so the pattern fails when evaluated; Docker escapes it.
  assert.equal(shape('a(\n', 'buildkit')[0]!.lazyError, undefined);
  assert.equal(shape('a(\n', 'podman')[0]!.lazyError, 'syntax error in pattern');
  assert.equal(shape('a(\n', 'buildkit')[0]!.lazyError, undefined);
});

test('a line moved to another place keeps its own position', () => {
  assert.deepEqual(
    shape('a\n  b\n').map((p) => [p.line, p.start]),
    [
      [0, 0],
      [1, 2],
    ],
  );
  assert.deepEqual(
    shape('\n\n  b\n').map((p) => [p.line, p.start]),
    [[2, 2]],
  );
});

test('patterns are separate objects: changing one read does not change another', () => {
  const a = readIgnoreFile('x\n').patterns[0]!;
  a.pattern = 'changed';
  assert.equal(readIgnoreFile('x\n').patterns[0]!.pattern, 'x');
});
