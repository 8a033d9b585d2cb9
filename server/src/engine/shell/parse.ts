// Reads a shell script into the simple commands it runs, using mvdan-sh (the Go shell
// parser compiled to JS) rather than regexes, so `&&`, `;`, `||`, if/else branches,
// subshells, continuations and heredocs are all seen the way sh sees them (issue 3, rule 6).
import { mvdanSh, type ShParser } from './mvdanSh';
import { parsePlain } from './plain';
import type { ShellAssign, ShellCommand, ShellScript } from './script';

export type { ShellAssign, ShellCommand, ShellScript, ShellWord } from './script';

// mvdan-sh is Go compiled by GopherJS. Its public wrappers (Walk, NodeType, field access)
// go through reflection and cost milliseconds per small script, so we read the compiled
// objects directly: `constructor.string` is the Go type, slices are {$array,$offset,$length},
// strings hold UTF-8 bytes one per char, and Pos()/End() give byte offsets.
interface GoPos {
  offs: number;
}
interface GoNode {
  constructor: { string?: string };
  Pos(): GoPos;
  End(): GoPos;
  [field: string]: unknown;
}
interface GoSlice {
  $array: unknown[];
  $offset: number;
  $length: number;
}
interface ParsedFile {
  __internal_object__: GoNode;
}

const items = <T = GoNode>(s: unknown): T[] => {
  const sl = s as GoSlice | null | undefined;
  return sl && Array.isArray(sl.$array) ? (sl.$array.slice(sl.$offset, sl.$offset + sl.$length) as T[]) : [];
};
const typeOf = (n: unknown): string => (n as GoNode | null)?.constructor?.string ?? '';
// biome-ignore lint/suspicious/noControlCharactersInRegex: ASCII is the range U+0000-U+007F.
const ASCII_ONLY = /^[\x00-\x7f]*$/;
const goString = (s: unknown): string =>
  typeof s !== 'string' ? '' : ASCII_ONLY.test(s) ? s : Buffer.from(s, 'latin1').toString('utf8');

/** Maps the parser's UTF-8 byte offsets back to UTF-16 indexes (identity for ASCII text). */
function offsetMapper(src: string): (byte: number) => number {
  if (ASCII_ONLY.test(src)) return (b) => b;
  const map: number[] = [];
  for (let i = 0; i < src.length; i++) {
    const cp = src.codePointAt(i) ?? 0;
    const bytes = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    for (let k = 0; k < bytes; k++) map.push(i);
    if (cp >= 0x10000) i++;
  }
  map.push(src.length);
  return (b) => map[Math.min(b, map.length - 1)] ?? src.length;
}

/** A word part's static text; `partial` is the static text before an expansion inside it. */
function partValue(part: GoNode): { value: string | null; partial: string } {
  const type = typeOf(part);
  if (type === '*syntax.Lit') return { value: unescapeLit(goString(part.Value)), partial: '' };
  if (type === '*syntax.SglQuoted') return { value: goString(part.Value), partial: '' };
  if (type === '*syntax.DblQuoted') {
    let out = '';
    for (const p of items(part.Parts)) {
      if (typeOf(p) !== '*syntax.Lit') return { value: null, partial: out };
      out += goString(p.Value);
    }
    return { value: out, partial: '' };
  }
  return { value: null, partial: '' };
}

// An unquoted literal keeps its backslashes in the AST; sh removes them (and `\<newline>`).
function unescapeLit(s: string): string {
  return s.includes('\\') ? s.replace(/\\\n/g, '').replace(/\\(.)/g, '$1') : s;
}

function readWord(word: GoNode): { value: string | null; prefix: string } {
  let out = '';
  for (const part of items(word.Parts)) {
    const v = partValue(part);
    if (v.value === null) return { value: null, prefix: out + v.partial };
    out += v.value;
  }
  return { value: out, prefix: out };
}

/** A Go nil pointer: GopherJS gives it as its type's `nil` object, which is truthy. */
const isNil = (n: unknown): boolean => !n || (n as { constructor?: { nil?: unknown } }).constructor?.nil === n;

function assignOf(a: GoNode): ShellAssign {
  const name = goString((a.Name as GoNode | null)?.Value);
  // `X= cmd` has no value word: reading the nil one panicked, and the whole RUN read as an error.
  return { name, value: isNil(a.Value) ? '' : readWord(a.Value as GoNode).value };
}

function parseError(e: unknown): string {
  const err = e as { Error?: () => string; message?: string };
  return typeof err?.Error === 'function' ? err.Error() : String(err?.message ?? e);
}

const DECLARE = new Set(['export', 'declare', 'typeset']);
const MAX_DEPTH = 400;

/** Collects every simple command and variable assignment, in any nesting (if/else, subshells, $(…)). */
function collect(root: GoNode, at: (b: number) => number): Omit<ShellScript, 'error'> {
  const commands: ShellCommand[] = [];
  const variables: ShellScript['variables'] = [];
  const visit = (node: unknown, depth: number): void => {
    if (!node || typeof node !== 'object' || depth > MAX_DEPTH) return;
    if (Array.isArray((node as GoSlice).$array)) {
      for (const x of items<unknown>(node)) visit(x, depth + 1);
      return;
    }
    const type = typeOf(node);
    if (!type.startsWith('*syntax.')) return;
    const n = node as GoNode;
    if (type === '*syntax.CallExpr') {
      const assigns = items(n.Assigns).map(assignOf);
      const args = items(n.Args).map((w) => ({ ...readWord(w), start: at(w.Pos().offs), end: at(w.End().offs) }));
      if (args.length === 0) for (const a of assigns) variables.push({ ...a, at: at(n.Pos().offs) });
      else commands.push({ args, assigns, start: at(n.Pos().offs), end: at(n.End().offs) });
    } else if (type === '*syntax.DeclClause' && DECLARE.has(goString((n.Variant as GoNode | null)?.Value))) {
      for (const a of items(n.Args)) if (a.Name) variables.push({ ...assignOf(a), at: at(n.Pos().offs) });
    }
    for (const key of Object.keys(n)) if (key !== '$val') visit(n[key], depth + 1);
  };
  visit(root, 0);
  commands.sort((a, b) => a.start - b.start);
  return { commands, variables };
}

/** The parser's reading of `src`; never throws. */
export function parseWithMvdan(src: string): ShellScript {
  try {
    return collect(getParser().Parse(src, 'RUN').__internal_object__, offsetMapper(src));
  } catch (e) {
    return { commands: [], variables: [], error: parseError(e) };
  }
}

// Loaded on the first RUN read (shell/mvdanSh.ts), not when the rule registry is imported.
const getParser = (): ShParser<ParsedFile> => mvdanSh<ParsedFile>().parser;

const cache = new Map<string, ShellScript>();
// Enough for every RUN of a long Dockerfile and its edits: an unchanged RUN is never re-parsed.
const CACHE_SIZE = 2048;

/** Parses `src` as a POSIX/bash script; never throws. Results are cached by text (an edit changes one RUN). */
export function parseShell(src: string): ShellScript {
  const hit = cache.get(src);
  if (hit) {
    cache.delete(src);
    cache.set(src, hit);
    return hit;
  }
  const result = parsePlain(src) ?? parseWithMvdan(src);
  cache.set(src, result);
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  return result;
}
