// The reader keeps Docker's normalisation and the positions diagnostics need.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readIgnoreFile, type IgnorePattern } from '../../../server/src/engine/dockerignore/read';

const brief = (ps: IgnorePattern[]): string[] =>
  ps.map((p) => `${p.negate ? '!' : ''}${p.pattern}@${p.line}:${p.start}-${p.end}`);

test('UTF-8 BOM is stripped on line 1 only', () => {
  const r = readIgnoreFile('\uFEFFfoo\n\uFEFFbar\n');
  assert.deepEqual(
    r.patterns.map((p) => p.pattern),
    ['foo', '\uFEFFbar'],
  );
  // Columns count the BOM as the text holds it, like every other position in the engine.
  assert.deepEqual(brief(r.patterns), ['foo@0:1-4', '\uFEFFbar@1:0-4']);
});

test('a BOM before # still leaves a comment; a BOM on line 2 does not', () => {
  assert.deepEqual(
    readIgnoreFile('\uFEFF# c\nx').patterns.map((p) => p.pattern),
    ['x'],
  );
  assert.deepEqual(
    readIgnoreFile('x\n\uFEFF# c').patterns.map((p) => p.pattern),
    ['x', '\uFEFF# c'],
  );
});

test('CRLF: the CR is dropped and columns stay on the right line', () => {
  const r = readIgnoreFile('foo\r\n  bar  \r\n!baz\r\n');
  assert.deepEqual(brief(r.patterns), ['foo@0:0-3', 'bar@1:2-5', '!baz@2:0-4']);
  assert.equal(r.patterns[1].raw, '  bar  ');
});

test('comments only when # is the first byte; no inline comments', () => {
  const r = readIgnoreFile('#a\n #b\nc #d\n\\#e');
  assert.deepEqual(
    r.patterns.map((p) => p.pattern),
    ['#b', 'c #d', '\\#e'],
  );
  assert.deepEqual(brief(r.patterns)[0], '#b@1:1-3');
});

test('Go TrimSpace: NBSP and NEL are spaces, U+FEFF and U+200B are not', () => {
  const r = readIgnoreFile('\u00a0foo\u0085\nbar\u200b\n\u3000baz\u2029');
  assert.deepEqual(
    r.patterns.map((p) => p.pattern),
    ['foo', 'bar\u200b', 'baz'],
  );
});

test("negation: space after ! is trimmed, bare ! is Docker's error with its position", () => {
  const r = readIgnoreFile('! a\n  !  \n');
  assert.deepEqual(r.patterns[0], { pattern: 'a', negate: true, line: 0, start: 0, end: 3, raw: '! a', source: '!a' });
  assert.deepEqual(r.errors, [{ line: 1, start: 2, end: 3, message: 'illegal exclusion pattern: "!"' }]);
});

test('filepath.Clean and one leading slash dropped, before and after !', () => {
  const r = readIgnoreFile('/foo\n//bar\na/./b/../c/\n!/x/\n/\n./\n../a');
  assert.deepEqual(
    r.patterns.map((p) => p.source),
    ['foo', 'bar', 'a/c', '!x', '/', '.', '../a'],
  );
});

test('the matcher constructor cleans again: "!./../.." reads as "!../.." and compiles as "."', () => {
  const [p] = readIgnoreFile('!./../..').patterns;
  assert.equal(p.source, '!../..');
  assert.equal(p.negate, false);
  assert.equal(p.pattern, '.');
});

test('syntax errors at load time carry the line and span; lazy regexp errors are not build errors', () => {
  const r = readIgnoreFile('ok\n  [  \nfoo\\ \n[z-a]\n\\é');
  assert.deepEqual(r.errors, [
    { line: 1, start: 2, end: 3, message: 'syntax error in pattern' },
    { line: 2, start: 0, end: 4, message: 'syntax error in pattern' },
  ]);
  assert.equal(r.patterns[3].lazyError, 'syntax error in pattern');
  assert.equal(r.patterns[4].lazyError, 'syntax error in pattern');
  assert.equal(r.patterns[0].lazyError, undefined);
});

test('columns are UTF-16 units and lines follow LSP (a lone CR ends a line too)', () => {
  const r = readIgnoreFile('😀x  \n a\rb\n');
  assert.deepEqual(brief(r.patterns), ['😀x@0:0-3', 'a\rb@1:1-2']);
});

test('missing final newline, empty file, blank lines', () => {
  assert.deepEqual(readIgnoreFile('').patterns, []);
  assert.deepEqual(readIgnoreFile('\n\n   \n\t\n').patterns, []);
  assert.deepEqual(brief(readIgnoreFile('\n\nlast').patterns), ['last@2:0-4']);
});

test('a line of 64 KiB or more fails like bufio.Scanner does', () => {
  const ok = readIgnoreFile('a'.repeat(65535));
  assert.deepEqual(ok.errors, []);
  const long = readIgnoreFile(`x\n${'é'.repeat(32768)}\ny`);
  assert.equal(long.errors.length, 1);
  assert.match(long.errors[0].message, /token too long/);
  assert.equal(long.errors[0].line, 1);
});

test("podman reads with imagebuildah's reader: no BOM or space handling before #, slashes trimmed", () => {
  const r = readIgnoreFile('\uFEFF# not a comment\n/foo/\n!/bar\n  #x\r\n/\n', 'podman');
  assert.deepEqual(
    r.patterns.map((p) => (p.negate ? '!' : '') + p.pattern),
    ['\uFEFF# not a comment', 'foo', '!bar', '#x'],
  );
  assert.deepEqual(
    r.patterns.map((p) => p.source),
    ['\uFEFF# not a comment', 'foo', '!/bar', '  #x\r'],
  );
  assert.deepEqual(r.errors, []);
});
