// Offsets, positions, and the "logical line" BuildKit builds from an instruction: escaped
// newlines removed, and the comment or blank lines inside a continuation dropped. Each
// logical character remembers its document offset so findings land on the right column.
import type { Position, Range } from '../types';

export function positionAt(lineStarts: number[], offset: number): Position {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lineStarts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo, character: offset - lineStarts[lo]! };
}

export function rangeAt(lineStarts: number[], start: number, end: number): Range {
  return { start: positionAt(lineStarts, start), end: positionAt(lineStarts, end) };
}

export function offsetOf(lineStarts: number[], text: string, p: Position): number {
  const s = lineStarts[p.line];
  return s === undefined ? text.length : Math.min(s + p.character, text.length);
}

export interface LogicalText {
  text: string;
  offsets: number[];
}

/** Length of an escaped line break at `i` (escape, trailing blanks, CR?, LF), or 0. */
function continuationAt(text: string, i: number, esc: string): number {
  if (text[i] !== esc) return 0;
  let j = i + 1;
  while (text[j] === ' ' || text[j] === '\t') j++;
  if (text[j] === '\r') j++;
  return text[j] === '\n' ? j + 1 - i : 0;
}

/** Skips blank and `#` comment lines that BuildKit drops inside a continued instruction. */
function skipDroppedLines(text: string, i: number, end: number): number {
  for (;;) {
    let j = i;
    while (j < end && (text[j] === ' ' || text[j] === '\t')) j++;
    const nl = text.indexOf('\n', j);
    const lineEnd = nl < 0 || nl > end ? end : nl;
    const blank = j >= lineEnd || (text[j] === '\r' && j + 1 >= lineEnd);
    if (!(blank || text[j] === '#') || lineEnd >= end) return i;
    i = lineEnd + 1;
  }
}

export function logicalText(text: string, start: number, end: number, esc: string): LogicalText {
  let out = '';
  const offsets: number[] = [];
  let i = start;
  while (i < end) {
    const cont = continuationAt(text, i, esc);
    if (cont > 0) {
      i = skipDroppedLines(text, i + cont, end);
      continue;
    }
    out += text[i];
    offsets.push(i);
    i++;
  }
  offsets.push(end);
  return { text: out, offsets };
}

/** [start, end) of every JSON string literal (quotes included) in text that JSON.parse accepted. */
export function jsonStringSpans(text: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  for (let i = 0; i < text.length; i++) {
    if (text[i] !== '"') continue;
    let j = i + 1;
    while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
    spans.push([i, j + 1]);
    i = j;
  }
  return spans;
}
