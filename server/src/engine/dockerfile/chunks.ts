// Splits a Dockerfile into instruction chunks without parsing it, so an edit re-parses only
// the instruction it touched (issue 4: diagnostics ≤ 5 ms after an edit; dockerfile-ast's
// parse of a 1,300-line file alone costs tens of milliseconds). A chunk is one instruction
// with its continuation lines and the comments and blank lines that follow it. Anything the
// line-wise split cannot be sure of (heredocs, an escape directive) returns null: a cold parse.

export interface Chunk {
  text: string;
  /** Line and offset of the chunk's first character in the whole text. */
  line: number;
  offset: number;
}

// The escape directive changes what ends a line; heredoc bodies are not instructions; a lone
// CR is a line break to dockerfile-ast.
const ESCAPE_DIRECTIVE = /^[ \t]*#[ \t]*escape[ \t]*=/im;
const LONE_CR = /\r(?!\n)/;
// Read in place rather than on a slice of each line: 10,000 lines per keystroke (issue 7).
// `\s` is the set trimStart() removes; the line's own '\n' is not part of the line.
const LEADING_SPACE = /[^\S\n]*/y;

function kindOf(text: string, start: number, end: number): 'blank' | 'comment' | 'content' {
  LEADING_SPACE.lastIndex = start;
  LEADING_SPACE.test(text);
  const first = LEADING_SPACE.lastIndex;
  if (first >= end) return 'blank';
  return text.charCodeAt(first) === 0x23 /* # */ ? 'comment' : 'content';
}

/** The line ends in a backslash, spaces, tabs and a CR aside (the line goes on). */
function continued(text: string, start: number, end: number): boolean {
  let i = end - 1;
  if (i >= start && text.charCodeAt(i) === 0x0d) i--;
  while (i >= start && (text.charCodeAt(i) === 0x20 || text.charCodeAt(i) === 0x09)) i--;
  return i >= start && text.charCodeAt(i) === 0x5c;
}

/** The instruction chunks of `text` in order (leading comments in none); null when unsure. */
export function splitChunks(text: string): Chunk[] | null {
  if (text.includes('<<') || ESCAPE_DIRECTIVE.test(text) || LONE_CR.test(text)) return null;
  const chunks: Chunk[] = [];
  let continuing = false;
  let start = -1;
  let startLine = 0;
  let offset = 0;
  let line = 0;
  for (;;) {
    const nl = text.indexOf('\n', offset);
    const lineEnd = nl < 0 ? text.length : nl;
    // Comments and blank lines inside a continued instruction do not end it (BuildKit skips them).
    if (kindOf(text, offset, lineEnd) === 'content') {
      if (!continuing) {
        if (start >= 0) chunks.push({ text: text.slice(start, offset), line: startLine, offset: start });
        start = offset;
        startLine = line;
      }
      continuing = continued(text, offset, lineEnd);
    }
    if (nl < 0) break;
    offset = nl + 1;
    line++;
  }
  if (start >= 0) chunks.push({ text: text.slice(start), line: startLine, offset: start });
  return chunks;
}

/** A copy of `value` moved down by `lines` lines (RUN's `scriptOffsets` are line-relative: shared). */
export function shifted<T>(value: T, lines: number): T {
  if (lines === 0) return value;
  return shift(value, lines) as T;
}

function shift(v: unknown, lines: number): unknown {
  if (Array.isArray(v)) return v.map((x) => shift(x, lines));
  if (v === null || typeof v !== 'object') return v;
  const o = v as Record<string, unknown>;
  if (typeof o.line === 'number' && typeof o.character === 'number' && Object.keys(o).length === 2) {
    return { line: o.line + lines, character: o.character };
  }
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(o)) out[k] = k === 'scriptOffsets' ? o[k] : shift(o[k], lines);
  return out;
}
