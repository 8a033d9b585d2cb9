// Reading .dockerignore / .containerignore exactly as the builder's own reader does.
//
// Docker (CLI ≥ 23 and BuildKit) reads with moby/patternmatcher ignorefile.ReadAll and then
// builds the matcher with patternmatcher.New; podman/buildah reads with openshift/imagebuilder
// ParseIgnore and builds containers/storage fileutils.NewPatternMatcher. Each pattern below is
// the result of both steps, so `pattern`/`negate` are what the matcher actually compiles.
import type { Builder } from '../types';
import { goClean, goTrimSpace, trimSlashes, trimSpaceSpan, utf8Length } from './goText';
import { globSyntaxOk } from './globSyntax';
import { compilePattern, flavourOf } from './pattern';

export interface IgnorePattern {
  /** The pattern after Docker's normalisation (trim, Clean, one leading '/' dropped), without '!'. */
  pattern: string;
  negate: boolean;
  /** 0-based line in the file and the UTF-16 column span of the trimmed text on that line. */
  line: number;
  start: number;
  end: number;
  /** The line's text as written, for messages and fixes. */
  raw: string;
  /** The string the file reader hands to the matcher (ReadAll's output, with its `!`). */
  source?: string;
  /** Set when the matcher constructor rejects the pattern: every build with this file fails. */
  error?: string;
  /**
   * Set when the pattern passes the constructor but its regexp does not compile: the build
   * fails only once the pattern is first evaluated (SEMANTICS.md §10), so this is not in `errors`.
   */
  lazyError?: string;
}

/** Errors that fail every build using the file (reader errors and rejected patterns). */
export interface IgnoreFileError {
  line: number;
  start: number;
  end: number;
  message: string;
}

export interface ParsedIgnoreFile {
  patterns: IgnorePattern[];
  errors: IgnoreFileError[];
}

export const SYNTAX_ERROR = 'syntax error in pattern';
export const BANG_ERROR = 'illegal exclusion pattern: "!"';
/** bufio.Scanner's limit: ReadAll fails on a line of 64 KiB or more. */
const MAX_LINE_BYTES = 64 * 1024;

interface RawLine {
  text: string;
  from: number;
  to: number;
}
type Positioner = (offset: number) => { line: number; character: number };

/** Reads an ignore file as `builder` does (podman uses buildah's reader, the others Docker's). */
export function readIgnoreFile(text: string, builder: Builder = 'buildkit'): ParsedIgnoreFile {
  const pos = positioner(text);
  const out: ParsedIgnoreFile = { patterns: [], errors: [] };
  const podman = builder === 'podman';
  for (const l of splitLines(text, podman)) {
    const bom = !podman && l.from === 0 && text.charCodeAt(0) === 0xfeff ? 1 : 0;
    const [a, b] = trimSpaceSpan(text, l.from + bom, l.to);
    const span = spanOf(text, pos, a, b);
    if (!podman && utf8Length(text.slice(l.from, l.to)) >= MAX_LINE_BYTES) {
      out.errors.push({ ...span, message: 'error reading .dockerignore: bufio.Scanner: token too long' });
      return out;
    }
    const source = podman ? imagebuilderLine(l.text) : readAllLine(l.text, l.from === 0);
    if (source === null) continue;
    const p = cachedPattern(source, builder);
    if (p === null) continue;
    const pattern = placed(p, span, l.text, source);
    out.patterns.push(pattern);
    if (pattern.error) out.errors.push({ ...span, message: pattern.error });
  }
  return out;
}

/** Lines as bufio.ScanLines (Docker: final CR dropped) or strings.Split on "\n" (buildah). */
function splitLines(text: string, keepCR: boolean): RawLine[] {
  const lines: RawLine[] = [];
  let from = 0;
  while (from < text.length) {
    let nl = text.indexOf('\n', from);
    const last = nl === -1;
    if (last) nl = text.length;
    const to = !keepCR && nl > from && text.charCodeAt(nl - 1) === 0x0d ? nl - 1 : nl;
    lines.push({ text: text.slice(from, to), from, to });
    from = nl + 1;
  }
  return lines;
}

/** One line of patternmatcher's ignorefile.ReadAll; null when the line yields no pattern. */
function readAllLine(line: string, first: boolean): string | null {
  if (first && line.charCodeAt(0) === 0xfeff) line = line.slice(1);
  if (line.charCodeAt(0) === 0x23) return null; // '#' as the first byte, before trimming
  let p = goTrimSpace(line);
  if (p === '') return null;
  const invert = p.charCodeAt(0) === 0x21;
  if (invert) p = goTrimSpace(p.slice(1));
  if (p.length > 0) {
    p = goClean(p);
    if (p.length > 1 && p.charCodeAt(0) === 0x2f) p = p.slice(1);
  }
  return invert ? `!${p}` : p;
}

/** One line of imagebuilder.ParseIgnore: no BOM, CR or space handling, only slashes trimmed. */
function imagebuilderLine(line: string): string | null {
  if (line.length === 0 || line.charCodeAt(0) === 0x23) return null;
  const p = trimSlashes(line);
  return p.length > 0 ? p : null;
}

type NewResult = Pick<IgnorePattern, 'pattern' | 'negate' | 'error' | 'lazyError'>;

// The editor re-reads the whole file on each keystroke: compiling its regexps again is most of
// the cost for thousands of patterns, and the result depends only on the line and the builder.
const CACHE_SIZE = 20_000;
const compiled = new Map<string, NewResult | null>();

function cachedPattern(source: string, builder: Builder): NewResult | null {
  const key = `${builder}\0${source}`;
  let r = compiled.get(key);
  if (r !== undefined) return r;
  r = newPattern(source, builder);
  compiled.set(key, r);
  if (compiled.size > CACHE_SIZE) compiled.delete(compiled.keys().next().value as string);
  return r;
}

/** The pattern at its place in the file. Built field by field: object spread is ~10x slower in V8 here. */
function placed(
  p: NewResult,
  span: { line: number; start: number; end: number },
  raw: string,
  source: string,
): IgnorePattern {
  const out: IgnorePattern = {
    pattern: p.pattern,
    negate: p.negate,
    line: span.line,
    start: span.start,
    end: span.end,
    raw,
    source,
  };
  if (p.error !== undefined) out.error = p.error;
  if (p.lazyError !== undefined) out.lazyError = p.lazyError;
  return out;
}

/** What the matcher constructor (patternmatcher.New / fileutils.NewPatternMatcher) makes of one string. */
function newPattern(source: string, builder: Builder): NewResult | null {
  let p = goTrimSpace(source);
  if (p === '') return null;
  p = goClean(p);
  const negate = p.charCodeAt(0) === 0x21;
  if (negate) {
    if (p.length === 1) return { pattern: '', negate, error: BANG_ERROR };
    p = p.slice(1);
    // containers/storage cleans what follows `!` again and drops a leading slash.
    if (builder === 'podman') p = goClean(p).replace(/^\//, '');
  }
  if (!globSyntaxOk(p)) return { pattern: p, negate, error: SYNTAX_ERROR };
  const compiled = compilePattern(p, flavourOf(builder));
  return compiled.error ? { pattern: p, negate, lazyError: compiled.error } : { pattern: p, negate };
}

/** The LSP range of [a, b); a lone CR inside the text ends the LSP line, so the span stops there. */
function spanOf(text: string, pos: Positioner, a: number, b: number): { line: number; start: number; end: number } {
  const s = pos(a);
  const e = pos(b);
  if (e.line === s.line) return { line: s.line, start: s.character, end: e.character };
  return { line: s.line, start: s.character, end: s.character + (text.indexOf('\r', a) - a) };
}

/** Maps a UTF-16 offset to an LSP position (CRLF, LF and a lone CR all end a line). */
function positioner(text: string): Positioner {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a) starts.push(i + 1);
    else if (c === 0x0d) {
      if (text.charCodeAt(i + 1) === 0x0a) i++;
      starts.push(i + 1);
    }
  }
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: offset - starts[lo] };
  };
}
