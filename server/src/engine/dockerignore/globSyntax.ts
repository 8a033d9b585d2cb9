// The syntax check patternmatcher.New runs on every pattern: `filepath.Match(p, ".")` and keep
// only its error. Since Go 1.16, Match validates every chunk of the pattern whatever the name,
// so the error depends on the pattern alone: an unterminated or empty class (`[`, `[]a]`,
// `[^]`), a range with a missing end (`[a-]`) or a trailing backslash. A class whose range is
// reversed (`[z-a]`) is *accepted* here; it fails later, in the regexp (SEMANTICS.md §10).
// Ported from Go's path/filepath/match.go (scanChunk, matchChunk, getEsc), Unix flavour.

/** True when filepath.Match accepts `pattern` (on Unix, where `\` escapes). */
export function globSyntaxOk(pattern: string): boolean {
  let rest = pattern;
  while (rest.length > 0) {
    let i = 0;
    while (i < rest.length && rest[i] === '*') i++;
    const end = chunkEnd(rest, i);
    if (!chunkOk(rest.slice(i, end))) return false;
    rest = rest.slice(end);
  }
  return true;
}

/** scanChunk: a chunk runs to the next `*` outside brackets; `\` protects the next char. */
function chunkEnd(s: string, from: number): number {
  let inRange = false;
  let i = from;
  for (; i < s.length; i++) {
    const c = s[i];
    if (c === '\\') {
      if (i + 1 < s.length) i++;
    } else if (c === '[') inRange = true;
    else if (c === ']') inRange = false;
    else if (c === '*' && !inRange) break;
  }
  return i;
}

/** matchChunk after the match has failed: it keeps parsing only to report ErrBadPattern. */
function chunkOk(chunk: string): boolean {
  let i = 0;
  while (i < chunk.length) {
    const c = chunk[i];
    if (c === '[') {
      const next = classEnd(chunk, i + 1);
      if (next < 0) return false;
      i = next;
    } else if (c === '\\') {
      if (i + 1 >= chunk.length) return false;
      i += 2;
    } else {
      i++;
    }
  }
  return true;
}

/** Parses a class body starting after `[`; returns the index after `]`, or -1 on ErrBadPattern. */
function classEnd(chunk: string, from: number): number {
  let i = from;
  if (chunk[i] === '^') i++;
  let nrange = 0;
  for (;;) {
    if (i < chunk.length && chunk[i] === ']' && nrange > 0) return i + 1;
    i = escEnd(chunk, i);
    if (i < 0) return -1;
    if (chunk[i] === '-') {
      i = escEnd(chunk, i + 1);
      if (i < 0) return -1;
    }
    nrange++;
  }
}

/** getEsc: one (possibly escaped) class character; -1 when missing or followed by nothing. */
function escEnd(chunk: string, at: number): number {
  let i = at;
  if (i >= chunk.length || chunk[i] === '-' || chunk[i] === ']') return -1;
  if (chunk[i] === '\\') {
    i++;
    if (i >= chunk.length) return -1;
  }
  const cp = chunk.codePointAt(i) ?? 0;
  i += cp > 0xffff ? 2 : 1;
  return i >= chunk.length ? -1 : i;
}
