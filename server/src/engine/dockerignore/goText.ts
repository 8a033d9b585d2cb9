// Go standard-library string behaviour that Docker's ignore-file code relies on, reproduced
// exactly: strings.TrimSpace (unicode.IsSpace, which is not JavaScript's \s: no U+FEFF),
// path/filepath.Clean (lexical, Unix) and UTF-8 byte lengths (Go strings are bytes).

/** unicode.IsSpace: Go's White_Space table. JavaScript's \s also has U+FEFF, which Go does not trim. */
export function isGoSpace(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  if (c < 0x85) return false;
  return (
    c === 0x85 ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000
  );
}

/** [start, end) of `s` after strings.TrimSpace, in UTF-16 indices. All Go spaces are single code units. */
export function trimSpaceSpan(s: string, from = 0, to = s.length): [number, number] {
  let a = from;
  let b = to;
  while (a < b && isGoSpace(s.charCodeAt(a))) a++;
  while (b > a && isGoSpace(s.charCodeAt(b - 1))) b--;
  return [a, b];
}

export function goTrimSpace(s: string): string {
  const [a, b] = trimSpaceSpan(s);
  return a === 0 && b === s.length ? s : s.slice(a, b);
}

/** strings.Trim(s, "/"). */
export function trimSlashes(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && s.charCodeAt(a) === 0x2f) a++;
  while (b > a && s.charCodeAt(b - 1) === 0x2f) b--;
  return s.slice(a, b);
}

/** filepath.Clean on Unix: the shortest lexically equivalent path ("" becomes "."). */
export function goClean(p: string): string {
  if (p === '') return '.';
  const rooted = p.charCodeAt(0) === 0x2f;
  const out: string[] = [];
  for (const seg of p.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg !== '..') out.push(seg);
    else if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
    else if (!rooted) out.push('..');
  }
  const body = out.join('/');
  if (rooted) return `/${body}`;
  return body === '' ? '.' : body;
}

/** Length of `s` in UTF-8 bytes (lone surrogates count as the 3-byte U+FFFD Node would write). */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}
