// One cleaned pattern compiled the way the builder's Go code compiles it, with the same
// shortcuts so that the answers (and the lazy errors) are the same:
//  - 'moby': moby/patternmatcher 0.5.0 Pattern.compile (Docker CLI ≥ 23, BuildKit): exact,
//    prefix (`foo/**`), suffix (leading `**`) and regexp matches; `.+()$` escaped.
//  - 'storage': containers/storage pkg/fileutils Pattern.compile (buildah/podman): always a
//    regexp, only `.` and `$` escaped (the moby 20.10 translation), ending in `(/.*)?$` so a
//    pattern also matches everything below what it matches (there is no parent check).
// Both read the pattern with Go's text/scanner, which drops a BOM that starts the pattern.
import type { Builder } from '../types';
import type { RE2JS } from 're2js';
import { re2Compile } from './goregexp/re2';

export type Flavour = 'moby' | 'storage';
export const flavourOf = (b: Builder): Flavour => (b === 'podman' ? 'storage' : 'moby');

export const EXACT = 0;
export const PREFIX = 1;
export const SUFFIX = 2;
export const SUFFIX_BYTES = 3;
export const REGEXP = 4;
export const BAD = 5;
/** storage flavour, literal pattern: `^p(/.*)?$`, the path itself or anything below it. */
export const SELF_OR_BELOW = 6;

export interface CompiledPattern {
  kind: number;
  /** EXACT: the pattern; PREFIX: it without the trailing `**`; SUFFIX: it without the leading `**`. */
  text: string;
  re: RegExp | null;
  /** SUFFIX_BYTES only: Go slices bytes, so a BOM before `**` leaves part of the BOM in the suffix. */
  bytes: Buffer | null;
  /** BAD only: the error Docker reports when the pattern is first evaluated. */
  error?: string;
  /** Longer paths go to the linear-time `linear` engine: the RegExp could backtrack for too long. */
  maxSafeLen: number;
  /** REGEXP with a finite maxSafeLen: the Go regexp, which `linear` is compiled from. */
  goRegexp: string | null;
  /** re2js (RE2 in JavaScript, Go's syntax): linear in the path, slower per call than a RegExp. */
  linear: RE2JS | null;
}

/** Backtracking steps we accept per evaluation (~n^k for k wide repetitions) before going linear. */
const BACKTRACK_BUDGET = 1e7;

// patternmatcher means to escape `.+()|{}$`, but its bitmap stores `1 << (b/8)` in a byte:
// for '{' '|' '}' (b >= 64) the bit is lost, so those three reach the regexp unescaped.
// Real docker 28.2.2 agrees: `\s|` excludes every path (`^\s|$`), `\s\|` does not.
const MOBY_ESCAPED = new Set(['.', '+', '(', ')', '$']);
const STORAGE_ESCAPED = new Set(['.', '$']);
/** Storage-flavour patterns whose regexp is only literals (no RE2 syntax, no BOM to drop). */
const STORAGE_LITERAL = /^[^*?\\[\]^+(){}|\uFEFF]*$/;

interface Translation {
  kind: number;
  regStr: string;
}

/** Pattern.compile's loop; `kind` is the detected match type (moby) or REGEXP (storage). */
function translate(pattern: string, flavour: Flavour): Translation {
  const cps = Array.from(pattern);
  const escaped = flavour === 'moby' ? MOBY_ESCAPED : STORAGE_ESCAPED;
  let reg = '^';
  let kind = EXACT;
  let k = cps[0] === '\uFEFF' ? 1 : 0;
  for (let i = 0; k < cps.length; i++) {
    const ch = cps[k++];
    if (ch === '*') {
      if (cps[k] === '*') {
        k++;
        if (cps[k] === '/') k++;
        if (k >= cps.length) {
          // Only patternmatcher has the prefix shortcut; buildah's regexp always ends in .*
          if (kind === EXACT && flavour === 'moby') kind = PREFIX;
          else {
            reg += '.*';
            kind = REGEXP;
          }
        } else {
          reg += '(.*/)?';
          kind = REGEXP;
        }
        if (i === 0) kind = SUFFIX;
      } else {
        reg += '[^/]*';
        kind = REGEXP;
      }
    } else if (ch === '?') {
      reg += '[^/]';
      kind = REGEXP;
    } else if (escaped.has(ch)) {
      reg += `\\${ch}`;
    } else if (ch === '\\') {
      if (k < cps.length) {
        reg += `\\${cps[k++]}`;
        kind = REGEXP;
      } else reg += '\\';
    } else if (flavour === 'moby' && (ch === '[' || ch === ']')) {
      reg += ch;
      kind = REGEXP;
    } else {
      reg += ch;
    }
  }
  return { kind: flavour === 'moby' ? kind : REGEXP, regStr: reg };
}

/**
 * re2js loaded on demand: only patterns a backtracking RegExp could stall on need it, and its
 * 270 KB initialised at load cost every `buildctx context` ~15 ms.
 */
function linearEngine(source: string): RE2JS {
  const { RE2JS: engine } = require('re2js') as typeof import('re2js');
  return engine.compile(source);
}

/**
 * A path too long for the RegExp. re2js is compiled here, the first time, not with the pattern:
 * it costs several RegExp compiles, and a pattern with two wide repeats (`*.log` under `**`)
 * needs it only past 3,162 characters. It refuses only regexps beyond Go's size and nesting
 * limits, which we do not model; the RegExp still has the answer then.
 */
function linearTest(p: CompiledPattern, path: string): boolean {
  if (p.linear === null) {
    try {
      p.linear = linearEngine(p.goRegexp as string);
    } catch {
      p.maxSafeLen = Infinity;
      return (p.re as RegExp).test(path);
    }
  }
  return p.linear.test(path);
}

/** Compiles a cleaned pattern (no `!`); a regexp Go rejects yields kind BAD, as the lazy error. */
export function compilePattern(pattern: string, flavour: Flavour): CompiledPattern {
  // `^literal$` is an exact compare; buildah always builds the regexp, we skip it when safe.
  const base: CompiledPattern = {
    kind: EXACT,
    text: pattern,
    re: null,
    bytes: null,
    maxSafeLen: Infinity,
    goRegexp: null,
    linear: null,
  };
  if (flavour === 'storage' && STORAGE_LITERAL.test(pattern)) return { ...base, kind: SELF_OR_BELOW };
  const t = translate(pattern, flavour);
  base.kind = t.kind;
  if (t.kind === PREFIX) return { ...base, text: pattern.slice(0, -2) };
  if (t.kind === SUFFIX) {
    if (pattern.startsWith('**')) return { ...base, text: pattern.slice(2) };
    return { ...base, kind: SUFFIX_BYTES, bytes: Buffer.from(pattern, 'utf8').subarray(2) };
  }
  if (t.kind !== REGEXP) return base;
  const source = t.regStr + (flavour === 'storage' ? '(/.*)?$' : '$');
  const prog = re2Compile(source);
  if (prog === null) return { ...base, kind: BAD, error: 'syntax error in pattern' };
  try {
    const re = new RegExp(prog.js, 'u');
    if (prog.k <= 1 && !prog.nested) return { ...base, re };
    // Nested: every path goes to re2js, so it is compiled now and an error is the pattern's.
    if (prog.nested) return { ...base, re, maxSafeLen: 0, goRegexp: source, linear: linearEngine(source) };
    return { ...base, re, maxSafeLen: Math.floor(BACKTRACK_BUDGET ** (1 / prog.k)), goRegexp: source };
  } catch {
    // Our translation is meant to be valid JS whenever Go accepts the regexp; if it is not,
    // failing like Docker would is safer than guessing a verdict.
    return { ...base, kind: BAD, error: 'syntax error in pattern' };
  }
}

/** Pattern.match for a compiled pattern; throws nothing (BAD is handled by the caller). */
export function testPattern(p: CompiledPattern, path: string): boolean {
  switch (p.kind) {
    case EXACT:
      return path === p.text;
    case SELF_OR_BELOW:
      return (
        path === p.text ||
        (path.length > p.text.length &&
          path.charCodeAt(p.text.length) === 0x2f &&
          path.startsWith(p.text) &&
          path.indexOf('\n', p.text.length) === -1)
      );
    case PREFIX:
      return path.startsWith(p.text);
    case SUFFIX:
      return path.endsWith(p.text) || (p.text.charCodeAt(0) === 0x2f && path === p.text.slice(1));
    case REGEXP:
      return path.length > p.maxSafeLen ? linearTest(p, path) : (p.re as RegExp).test(path);
    case SUFFIX_BYTES: {
      const b = Buffer.from(path, 'utf8');
      const s = p.bytes as Buffer;
      return b.length >= s.length && b.subarray(b.length - s.length).equals(s);
    }
    default:
      return false;
  }
}
