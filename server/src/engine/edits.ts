// Text edits that keep a file's conventions: its line ending, its BOM, and whether it
// ends with a newline. Appending to a file without a final newline must not glue two
// patterns together, and a file we create gets LF and a final newline.
import type { FileEdit, Position, Range, TextEdit } from './types';

export function detectEol(text: string): '\n' | '\r\n' {
  const i = text.indexOf('\n');
  return i > 0 && text[i - 1] === '\r' ? '\r\n' : '\n';
}

/** Position just past the last character of `text`, in LSP coordinates. */
export function endPosition(text: string): Position {
  let line = 0;
  let lastBreak = -1;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) {
    line++;
    lastBreak = i;
  }
  return { line, character: text.length - lastBreak - 1 };
}

const point = (p: Position): Range => ({ start: p, end: p });

/**
 * Appends `lines` to a text file, or creates it when `text` is undefined.
 * A file that had no final newline keeps having none, so the separator goes before the new lines.
 */
export function appendLines(file: string, text: string | undefined, lines: string[]): FileEdit {
  if (text === undefined)
    return {
      file,
      create: true,
      edits: [{ range: point({ line: 0, character: 0 }), newText: lines.map((l) => `${l}\n`).join('') }],
    };
  const eol = detectEol(text);
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const end = endPosition(text);
  let newText: string;
  if (body.length === 0) newText = lines.join(eol) + eol;
  else if (text.endsWith('\n')) newText = lines.join(eol) + eol;
  else newText = eol + lines.join(eol);
  return { file, edits: [{ range: point(end), newText }] };
}

/** Deletes whole line `line` (0-based) including its line break; the last line takes the break before it. */
export function deleteLine(file: string, text: string, line: number, starts = lineStarts(text)): FileEdit {
  if (line < starts.length - 1) {
    return {
      file,
      edits: [{ range: { start: { line, character: 0 }, end: { line: line + 1, character: 0 } }, newText: '' }],
    };
  }
  if (line === 0)
    return { file, edits: [{ range: { start: { line: 0, character: 0 }, end: endPosition(text) }, newText: '' }] };
  const prevLen = lineText(text, line - 1, starts).length;
  return {
    file,
    edits: [{ range: { start: { line: line - 1, character: prevLen }, end: endPosition(text) }, newText: '' }],
  };
}

export function replaceRange(file: string, range: Range, newText: string): FileEdit {
  return { file, edits: [{ range, newText }] };
}

export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** The text of a line without its line break (and without a trailing CR). */
export function lineText(text: string, line: number, starts = lineStarts(text)): string {
  const s = starts[line];
  if (s === undefined) return '';
  const next = starts[line + 1];
  const raw = next === undefined ? text.slice(s) : text.slice(s, next - 1);
  return raw.endsWith('\r') ? raw.slice(0, -1) : raw;
}

export function offsetAt(text: string, pos: Position, starts = lineStarts(text)): number {
  const s = starts[pos.line];
  if (s === undefined) return text.length;
  return Math.min(s + pos.character, text.length);
}

/** Applies non-overlapping edits to one text; overlapping ones after the first are dropped and reported. */
export function applyTextEdits(text: string, edits: TextEdit[]): { text: string; dropped: number } {
  const starts = lineStarts(text);
  const sorted = edits
    .map((e, i) => ({ e, i, from: offsetAt(text, e.range.start, starts), to: offsetAt(text, e.range.end, starts) }))
    .sort((a, b) => a.from - b.from || a.to - b.to || a.i - b.i);
  let out = '';
  let at = 0;
  let dropped = 0;
  for (const { e, from, to } of sorted) {
    if (from < at) {
      dropped++;
      continue;
    }
    out += text.slice(at, from) + e.newText;
    at = to;
  }
  return { text: out + text.slice(at), dropped };
}

/** The LSP position of a UTF-16 offset (clamped to the text). */
export function positionAt(text: string, offset: number, starts = lineStarts(text)): Position {
  const o = Math.max(0, Math.min(offset, text.length));
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] ?? 0) <= o) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo, character: o - (starts[lo] ?? 0) };
}
