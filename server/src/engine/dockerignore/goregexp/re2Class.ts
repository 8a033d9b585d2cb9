// The character-level half of the RE2 → JavaScript translation: escapes and bracket classes,
// parsed as Go's regexp/syntax does (parseEscape, parseClass, parseNamedClass,
// parseUnicodeClass, parsePerlClassEscape) and emitted as JS class items. Go's \d \s \w and
// POSIX classes are ASCII-only, so they become explicit ranges; \pX becomes JS \p{X}.
import { GO_CATEGORIES, GO_SCRIPTS } from './re2Unicode';

export class Re2Error extends Error {}

/** Flat list of inclusive code point ranges: [lo0, hi0, lo1, hi1, ...]. */
export type Ranges = number[];

export function lit(cp: number): string {
  const isWord = (cp >= 0x30 && cp <= 0x39) || (cp >= 0x41 && cp <= 0x5a) || (cp >= 0x61 && cp <= 0x7a) || cp === 0x5f;
  return isWord ? String.fromCodePoint(cp) : `\\u{${cp.toString(16)}}`;
}

export const isDigit = (c: number | undefined): boolean => c !== undefined && c >= 0x30 && c <= 0x39;
const isOctal = (c: number | undefined): boolean => c !== undefined && c >= 0x30 && c <= 0x37;
const isAlnum = (c: number): boolean => isDigit(c) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);

function unhex(c: number | undefined): number {
  if (c === undefined) return -1;
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x61 && c <= 0x66) return c - 0x61 + 10;
  if (c >= 0x41 && c <= 0x46) return c - 0x41 + 10;
  return -1;
}

/** regexp/syntax parseEscape: one escaped character at cps[i] (the backslash); returns [rune, next]. */
export function parseEscape(cps: number[], i: number): [number, number] {
  let j = i + 1;
  if (j >= cps.length) throw new Re2Error('trailing backslash');
  const c = cps[j++];
  if (c < 0x80 && !isAlnum(c)) return [c, j];
  if (c >= 0x31 && c <= 0x37 && !isOctal(cps[j])) throw new Re2Error('backreference');
  if (c >= 0x30 && c <= 0x37) {
    let r = c - 0x30;
    for (let k = 1; k < 3 && isOctal(cps[j]); k++) r = r * 8 + cps[j++] - 0x30;
    return [r, j];
  }
  if (c === 0x78) return parseHex(cps, j);
  const simple: Record<number, number> = { 97: 7, 102: 12, 110: 10, 114: 13, 116: 9, 118: 11 };
  if (simple[c] !== undefined) return [simple[c], j];
  throw new Re2Error('invalid escape');
}

function parseHex(cps: number[], at: number): [number, number] {
  let j = at;
  if (j >= cps.length) throw new Re2Error('invalid escape');
  if (cps[j] === 0x7b) {
    j++;
    let r = 0;
    let n = 0;
    for (;;) {
      if (j >= cps.length) throw new Re2Error('invalid escape');
      const c = cps[j++];
      if (c === 0x7d) break;
      const v = unhex(c);
      if (v < 0) throw new Re2Error('invalid escape');
      r = r * 16 + v;
      if (r > 0x10ffff) throw new Re2Error('invalid escape');
      n++;
    }
    if (n === 0) throw new Re2Error('invalid escape');
    return [r, j];
  }
  const x = unhex(cps[j]);
  const y = unhex(cps[j + 1]);
  if (x < 0 || y < 0) throw new Re2Error('invalid escape');
  return [x * 16 + y, j + 2];
}

const MAX = 0x10ffff;
const PERL: Record<number, Ranges> = {
  100: [0x30, 0x39], // \d
  115: [0x09, 0x0a, 0x0c, 0x0d, 0x20, 0x20], // \s: no \v in Go
  119: [0x30, 0x39, 0x41, 0x5a, 0x5f, 0x5f, 0x61, 0x7a], // \w
};
const POSIX: Record<string, Ranges> = {
  alnum: [0x30, 0x39, 0x41, 0x5a, 0x61, 0x7a],
  alpha: [0x41, 0x5a, 0x61, 0x7a],
  ascii: [0x00, 0x7f],
  blank: [0x09, 0x09, 0x20, 0x20],
  cntrl: [0x00, 0x1f, 0x7f, 0x7f],
  digit: [0x30, 0x39],
  graph: [0x21, 0x7e],
  lower: [0x61, 0x7a],
  print: [0x20, 0x7e],
  punct: [0x21, 0x2f, 0x3a, 0x40, 0x5b, 0x60, 0x7b, 0x7e],
  space: [0x09, 0x0d, 0x20, 0x20],
  upper: [0x41, 0x5a],
  word: [0x30, 0x39, 0x41, 0x5a, 0x5f, 0x5f, 0x61, 0x7a],
  xdigit: [0x30, 0x39, 0x41, 0x46, 0x61, 0x66],
};

function complement(r: Ranges): Ranges {
  const out: Ranges = [];
  let next = 0;
  for (let k = 0; k < r.length; k += 2) {
    if (r[k] > next) out.push(next, r[k] - 1);
    next = r[k + 1] + 1;
  }
  if (next <= MAX) out.push(next, MAX);
  return out;
}

export function rangesToJs(r: Ranges): string {
  let s = '';
  for (let k = 0; k < r.length; k += 2) s += r[k] === r[k + 1] ? lit(r[k]) : `${lit(r[k])}-${lit(r[k + 1])}`;
  return s;
}

/** \d \D \s \S \w \W at cps[i]; null when it is another escape. */
export function perlClass(cps: number[], i: number): Ranges | null {
  if (cps[i] !== 0x5c) return null;
  const c = cps[i + 1];
  if (c === undefined) return null;
  const lower = c | 0x20;
  const table = PERL[lower];
  if (!table || !(c === lower || c === lower - 0x20)) return null;
  return c === lower ? table : complement(table);
}

/** JS class items for a Go Unicode table name (category, script or Any), or null if Go has none. */
function unicodeItems(name: string, negated: boolean): string | null {
  if (name === 'Any') return negated ? '' : rangesToJs([0, MAX]);
  if (name === 'C') return negated ? '\\P{C}\\p{Cn}' : '\\p{Cc}\\p{Cf}\\p{Co}\\p{Cs}';
  const prop = GO_CATEGORIES.has(name) ? name : GO_SCRIPTS.has(name) ? `Script=${name}` : null;
  if (prop === null) return null;
  return negated ? `\\P{${prop}}` : `\\p{${prop}}`;
}

/** \pX, \PX, \p{Name}, \p{^Name} at cps[i]; null when not a \p escape, Re2Error when Go rejects it. */
export function unicodeClass(cps: number[], i: number): { items: string; next: number } | null {
  if (cps[i] !== 0x5c || (cps[i + 1] !== 0x70 && cps[i + 1] !== 0x50)) return null;
  let negated = cps[i + 1] === 0x50;
  let j = i + 2;
  if (j >= cps.length) throw new Re2Error('invalid character class range');
  let name: string;
  if (cps[j] !== 0x7b) {
    name = String.fromCodePoint(cps[j]);
    j++;
  } else {
    const end = cps.indexOf(0x7d, j);
    if (end < 0) throw new Re2Error('invalid character class range');
    name = String.fromCodePoint(...cps.slice(j + 1, end));
    j = end + 1;
  }
  if (name.startsWith('^')) {
    negated = !negated;
    name = name.slice(1);
  }
  const items = unicodeItems(name, negated);
  if (items === null) throw new Re2Error('invalid character class range');
  return { items, next: j };
}

/** [:name:] / [:^name:] at cps[i] (Go searches for the closing ":]" anywhere after it). */
function namedClass(cps: number[], i: number): { ranges: Ranges; next: number } | null {
  if (cps.length - i <= 2 || cps[i] !== 0x5b || cps[i + 1] !== 0x3a) return null;
  let end = -1;
  for (let k = i + 2; k + 1 < cps.length; k++)
    if (cps[k] === 0x3a && cps[k + 1] === 0x5d) {
      end = k;
      break;
    }
  if (end < 0) return null;
  let name = String.fromCodePoint(...cps.slice(i + 2, end));
  const negated = name.startsWith('^');
  if (negated) name = name.slice(1);
  const table = Object.hasOwn(POSIX, name) ? POSIX[name] : undefined;
  if (!table) throw new Re2Error('invalid character class range');
  return { ranges: negated ? complement(table) : table, next: end + 2 };
}

function classChar(cps: number[], i: number): [number, number] {
  if (i >= cps.length) throw new Re2Error('missing closing ]');
  return cps[i] === 0x5c ? parseEscape(cps, i) : [cps[i], i + 1];
}

/** One item of a class body at cps[i]: named, Unicode or Perl class, or a char/range. */
function classItem(cps: number[], i: number): { js: string; next: number } {
  const named = namedClass(cps, i);
  if (named) return { js: rangesToJs(named.ranges), next: named.next };
  const uni = unicodeClass(cps, i);
  if (uni) return { js: uni.items, next: uni.next };
  const perl = perlClass(cps, i);
  if (perl) return { js: rangesToJs(perl), next: i + 2 };
  const [lo, afterLo] = classChar(cps, i);
  if (cps.length - afterLo >= 2 && cps[afterLo] === 0x2d && cps[afterLo + 1] !== 0x5d) {
    const [hi, afterHi] = classChar(cps, afterLo + 1);
    if (hi < lo) throw new Re2Error('invalid character class range');
    return { js: rangesToJs([lo, hi]), next: afterHi };
  }
  return { js: rangesToJs([lo, lo]), next: afterLo };
}

/** Go parseClass from the `[` at cps[at]: the JS class and the index after its `]`. */
export function parseClassBody(cps: number[], at: number): { js: string; next: number } {
  let i = at + 1;
  let negated = false;
  if (cps[i] === 0x5e) {
    negated = true;
    i++;
  }
  let body = '';
  let first = true;
  while (i >= cps.length || cps[i] !== 0x5d || first) {
    if (i >= cps.length) throw new Re2Error('missing closing ]');
    first = false;
    const item = classItem(cps, i);
    body += item.js;
    i = item.next;
  }
  return { js: `[${negated ? '^' : ''}${body}]`, next: i + 1 };
}
