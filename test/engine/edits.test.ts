import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  appendLines,
  applyTextEdits,
  deleteLine,
  detectEol,
  endPosition,
  lineStarts,
  lineText,
  offsetAt,
  positionAt,
  replaceRange,
} from '../../server/src/engine/edits';

const apply = (text: string | undefined, fe: ReturnType<typeof appendLines>): string =>
  applyTextEdits(text ?? '', fe.edits).text;

test('detectEol: first line break decides; no break means LF', () => {
  assert.equal(detectEol('a\r\nb\n'), '\r\n');
  assert.equal(detectEol('a\nb\r\n'), '\n');
  assert.equal(detectEol('abc'), '\n');
  assert.equal(detectEol('\nx'), '\n');
});

test('endPosition counts lines and the UTF-16 length of the last one', () => {
  assert.deepEqual(endPosition(''), { line: 0, character: 0 });
  assert.deepEqual(endPosition('ab\ncd'), { line: 1, character: 2 });
  assert.deepEqual(endPosition('ab\n'), { line: 1, character: 0 });
  assert.deepEqual(endPosition('x\r\n😀'), { line: 1, character: 2 });
});

test('appendLines: LF, CRLF, BOM and a missing final newline are kept', () => {
  assert.equal(apply('a\n', appendLines('f', 'a\n', ['b', 'c'])), 'a\nb\nc\n');
  assert.equal(apply('a\r\n', appendLines('f', 'a\r\n', ['b'])), 'a\r\nb\r\n');
  // No final newline: the separator goes first so patterns are never glued, and none is added after.
  assert.equal(apply('a', appendLines('f', 'a', ['b'])), 'a\nb');
  assert.equal(apply('x\r\na', appendLines('f', 'x\r\na', ['b'])), 'x\r\na\r\nb');
  assert.equal(apply('\uFEFFa\n', appendLines('f', '\uFEFFa\n', ['b'])), '\uFEFFa\nb\n');
  assert.equal(apply('\uFEFF', appendLines('f', '\uFEFF', ['b'])), '\uFEFFb\n');
  assert.equal(apply('', appendLines('f', '', ['b'])), 'b\n');
});

test('appendLines on a missing file creates it with LF and a final newline', () => {
  const fe = appendLines('/c/.dockerignore', undefined, ['vendor/', '.git']);
  assert.equal(fe.create, true);
  assert.equal(fe.file, '/c/.dockerignore');
  assert.equal(apply(undefined, fe), 'vendor/\n.git\n');
});

test('deleteLine removes a line with its break; the last line takes the break before it', () => {
  const t = 'a\nb\nc';
  assert.equal(applyTextEdits(t, deleteLine('f', t, 0).edits).text, 'b\nc');
  assert.equal(applyTextEdits(t, deleteLine('f', t, 1).edits).text, 'a\nc');
  assert.equal(applyTextEdits(t, deleteLine('f', t, 2).edits).text, 'a\nb');
  assert.equal(applyTextEdits('only', deleteLine('f', 'only', 0).edits).text, '');
  const crlf = 'a\r\nb\r\n';
  assert.equal(applyTextEdits(crlf, deleteLine('f', crlf, 1).edits).text, 'a\r\n');
  assert.equal(applyTextEdits('a\r\nb', deleteLine('f', 'a\r\nb', 1).edits).text, 'a');
});

test('lineStarts / lineText / offsetAt / positionAt agree', () => {
  const t = 'ab\r\ncd\n\né😀';
  assert.deepEqual(lineStarts(t), [0, 4, 7, 8]);
  assert.equal(lineText(t, 0), 'ab');
  assert.equal(lineText(t, 2), '');
  assert.equal(lineText(t, 3), 'é😀');
  assert.equal(lineText(t, 9), '');
  for (let o = 0; o <= t.length; o++) assert.equal(offsetAt(t, positionAt(t, o)), o);
  assert.equal(offsetAt(t, { line: 99, character: 0 }), t.length);
  assert.equal(offsetAt(t, { line: 0, character: 99 }), t.length);
  assert.deepEqual(positionAt(t, -5), { line: 0, character: 0 });
  assert.deepEqual(positionAt(t, 999), { line: 3, character: 3 });
});

test('applyTextEdits: order-independent, overlapping edits after the first are dropped and counted', () => {
  const r = (sl: number, sc: number, el: number, ec: number, newText: string) => ({
    range: { start: { line: sl, character: sc }, end: { line: el, character: ec } },
    newText,
  });
  assert.deepEqual(applyTextEdits('hello world', [r(0, 6, 0, 11, 'there'), r(0, 0, 0, 5, 'hi')]), {
    text: 'hi there',
    dropped: 0,
  });
  assert.deepEqual(applyTextEdits('abcdef', [r(0, 1, 0, 4, 'X'), r(0, 2, 0, 5, 'Y')]), { text: 'aXef', dropped: 1 });
  // Two inserts at one point both apply, in the order given.
  assert.deepEqual(applyTextEdits('ab', [r(0, 1, 0, 1, '1'), r(0, 1, 0, 1, '2')]), { text: 'a12b', dropped: 0 });
  assert.deepEqual(replaceRange('f', r(0, 0, 0, 1, 'z').range, 'z').edits[0]!.newText, 'z');
});
