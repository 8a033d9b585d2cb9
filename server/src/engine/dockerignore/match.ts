// Deciding whether the build sends a path, the way each builder's walker decides it.
//
// classic  — docker CLI ≥ 23 (cli/command/image/build: ValidateContextDirectory, then
//            moby pkg/archive TarWithOptions): MatchesUsingParentResults per entry; an excluded
//            directory is entered only if some `!` pattern string + "/" starts with "dir/".
// buildkit — tonistiigi/fsutil filter.go (current): the same matcher; excluded directories are
//            skipped as above only while every `!` pattern is a plain prefix (no `*[]?^\` once a
//            trailing `/**` or `/*` is cut); otherwise every directory is entered.
// podman   — buildah copier.go (pathIsExcluded + copierHandlerGet's walk) with containers/storage
//            pkg/fileutils (as vendored by podman, and as buildah 1.28.2 behaves): `Matches`
//            evaluates every pattern, last match wins, and each regexp ends in `(/.*)?$`
//            instead of checking parents; an excluded directory is entered if some `!` pattern
//            (slashes trimmed) + "/" starts with the directory path (no trailing slash).
// Docker 20.10 profiles (classic-20.10, buildkit-20.10 in the corpus) are not modelled: 20.10
// is end-of-life and its matcher (MatchesOrParentMatches, 20.10 escaping) is a third flavour.
import type { Builder } from '../types';
import type { IgnorePattern } from './read';
import { BANG_ERROR, SYNTAX_ERROR } from './read';
import { trimSlashes } from './goText';
import { globSyntaxOk } from './globSyntax';
import { BAD, type CompiledPattern, compilePattern, flavourOf, testPattern } from './pattern';

export interface MatchResult {
  excluded: boolean;
  /** Index of the deciding pattern (a `!` pattern when re-included), or -1 when none matched. */
  by: number;
  /** The parent results Docker's MatchInfo carries to children; absent at the top level. */
  bits?: number | Uint32Array;
  /** classic with lazily failing patterns: the CLI's validation walk skipped this directory. */
  vskip?: boolean;
}

/** The parent result to pass for entries directly under the context root. */
export const ROOT_RESULT: MatchResult = Object.freeze({ excluded: false, by: -1 });

/** A pattern Docker rejects; `message` is Docker's own text (see builderErrorMessage). */
export class IgnoreSyntaxError extends Error {
  override name = 'IgnoreSyntaxError';
  constructor(
    message: string,
    readonly line: number,
    readonly start: number,
    readonly end: number,
    /** Index of the pattern in the list given to compile. */
    readonly index: number,
    /** True when the pattern was accepted at load time and failed when first evaluated. */
    readonly lazy: boolean,
  ) {
    super(message);
  }
}

/** The error line each builder prints (BuildKit wraps the matcher's message). */
export function builderErrorMessage(err: IgnoreSyntaxError, builder: Builder): string {
  if (builder !== 'buildkit') return err.message;
  return `${err.lazy ? 'failed to match excludepatterns' : 'invalid excludepatterns'}: ${err.message}`;
}

const EMPTY_WIDE = new Uint32Array(0);

function hasBit(bits: number | Uint32Array, i: number): boolean {
  if (typeof bits === 'number') return (bits & (1 << i)) !== 0;
  return bits.length > 0 && (bits[i >>> 5] & (1 << (i & 31))) !== 0;
}

function syntaxErrorOf(p: IgnorePattern, index: number): IgnoreSyntaxError | null {
  let message = p.error;
  if (!message && p.negate && p.pattern === '') message = BANG_ERROR;
  if (!message && !globSyntaxOk(p.pattern)) message = SYNTAX_ERROR;
  return message ? new IgnoreSyntaxError(message, p.line, p.start, p.end, index, false) : null;
}

/** fsutil's patternWithoutTrailingGlob. */
function withoutTrailingGlob(p: string): string {
  if (p.endsWith('/**')) p = p.slice(0, -3);
  if (p.endsWith('/*')) p = p.slice(0, -2);
  return p;
}

export class IgnoreMatcher {
  readonly hasExclusions: boolean;
  private readonly n: number;
  private readonly neg: boolean[];
  private readonly compiled: CompiledPattern[];
  private readonly wide: boolean;
  private readonly podman: boolean;
  /** Strings that keep an excluded directory walked (see descendsInto). */
  private readonly enterPrefixes: string[];
  /** BuildKit with a wildcard `!` pattern: excluded directories are always walked. */
  private readonly enterAll: boolean;
  private readonly validateWalk: boolean;
  private readonly none: MatchResult;

  private constructor(
    private readonly patterns: IgnorePattern[],
    readonly builder: Builder,
  ) {
    this.n = patterns.length;
    this.neg = patterns.map((p) => p.negate);
    this.compiled = patterns.map((p) => compilePattern(p.pattern, flavourOf(builder)));
    this.wide = this.n > 31;
    this.podman = builder === 'podman';
    this.hasExclusions = this.neg.some(Boolean);
    const exclusions = patterns.filter((p) => p.negate).map((p) => p.pattern);
    if (builder === 'podman') this.enterPrefixes = exclusions.map((p) => `${trimSlashes(p)}/`);
    else if (builder === 'buildkit') this.enterPrefixes = exclusions.map((p) => `${withoutTrailingGlob(p)}/`);
    else this.enterPrefixes = exclusions.map((p) => `${p}/`);
    this.enterAll = builder === 'buildkit' && this.enterPrefixes.some((s) => /[*[\]?^\\]/.test(s));
    this.validateWalk = builder === 'classic' && this.compiled.some((c) => c.kind === BAD);
    this.none = Object.freeze({ excluded: false, by: -1, bits: this.wide ? EMPTY_WIDE : 0 });
  }

  /** Builds the matcher as Docker does; throws IgnoreSyntaxError for the first rejected pattern. */
  static compile(patterns: IgnorePattern[], builder: Builder): IgnoreMatcher {
    for (let i = 0; i < patterns.length; i++) {
      const err = syntaxErrorOf(patterns[i], i);
      if (err) throw err;
    }
    return new IgnoreMatcher(patterns, builder);
  }

  /**
   * Decides `relPath` ('/'-separated, relative to the context) given its parent directory's
   * result (ROOT_RESULT for top-level entries). Throws IgnoreSyntaxError when a pattern that
   * only fails on evaluation is evaluated, as Docker does.
   */
  match(relPath: string, parent: MatchResult): MatchResult {
    if (this.podman) return this.matchPodman(relPath);
    const vskip = this.validateWalk ? parent.vskip === true || this.matchesOrParentMatches(relPath) : false;
    const pbits = parent.bits;
    let matched = false;
    let by = -1;
    let narrow = 0;
    let wide: Uint32Array | null = null;
    for (let i = 0; i < this.n; i++) {
      let m = pbits !== undefined && hasBit(pbits, i);
      if (!m) {
        if (this.neg[i] !== matched) continue;
        m = this.evalAt(i, relPath);
        if (!m && pbits === undefined) m = this.anyAncestorMatches(i, relPath);
      }
      if (!m) continue;
      matched = !this.neg[i];
      by = i;
      if (!this.wide) narrow |= 1 << i;
      else (wide ??= new Uint32Array((this.n + 31) >>> 5))[i >>> 5] |= 1 << (i & 31);
    }
    if (by === -1 && !vskip) return this.none;
    const bits = this.wide ? (wide ?? EMPTY_WIDE) : narrow;
    return vskip ? { excluded: matched, by, bits, vskip } : { excluded: matched, by, bits };
  }

  /** Does this builder's walker enter the directory `relDir` whose result is `result`? */
  descendsInto(relDir: string, result: MatchResult): boolean {
    if (!result.excluded) return true;
    if (this.enterAll) return true;
    if (!this.hasExclusions) return false;
    const prefix = this.podman ? trimSlashes(relDir) : `${relDir}/`;
    for (const s of this.enterPrefixes) if (s.startsWith(prefix)) return true;
    return false;
  }

  /** Pattern.match: does pattern `index` alone match `relPath` (no parent logic)? May throw (lazy). */
  patternMatches(index: number, relPath: string): boolean {
    return this.evalAt(index, relPath);
  }

  /** Pattern `index` matches `relPath` or one of its ancestor directories. May throw (lazy). */
  patternMatchesOrParent(index: number, relPath: string): boolean {
    return this.evalAt(index, relPath) || this.anyAncestorMatches(index, relPath);
  }

  /** Single-path verdict: the walk reaches each ancestor first; a skipped ancestor excludes all below. */
  verdict(relPath: string): boolean {
    const parts = relPath.split('/');
    let parent = ROOT_RESULT;
    let prefix = '';
    for (let k = 0; k < parts.length; k++) {
      prefix = k === 0 ? parts[0] : `${prefix}/${parts[k]}`;
      const r = this.match(prefix, parent);
      if (k === parts.length - 1) return r.excluded;
      if (r.excluded && !this.descendsInto(prefix, r)) {
        this.finishValidateWalk(parts, k, r.vskip === true);
        return true;
      }
      parent = r;
    }
    return false;
  }

  private evalAt(i: number, path: string): boolean {
    const c = this.compiled[i];
    if (c.kind === BAD) {
      const p = this.patterns[i];
      throw new IgnoreSyntaxError(c.error ?? SYNTAX_ERROR, p.line, p.start, p.end, i, true);
    }
    return testPattern(c, path);
  }

  /** The fallback Docker applies when it has no parent results: try every ancestor directory. */
  private anyAncestorMatches(i: number, relPath: string): boolean {
    for (let j = relPath.indexOf('/'); j > 0; j = relPath.indexOf('/', j + 1)) {
      if (testPattern(this.compiled[i], relPath.slice(0, j))) return true;
    }
    return false;
  }

  /** MatchesOrParentMatches, which the classic CLI's ValidateContextDirectory walk uses. */
  private matchesOrParentMatches(relPath: string): boolean {
    let matched = false;
    for (let i = 0; i < this.n; i++) {
      if (this.neg[i] !== matched) continue;
      if (this.evalAt(i, relPath) || this.anyAncestorMatches(i, relPath)) matched = !this.neg[i];
    }
    return matched;
  }

  /** The classic CLI validates the context before sending it: its walk may reach deeper. */
  private finishValidateWalk(parts: string[], from: number, skipped: boolean): void {
    if (!this.validateWalk || skipped) return;
    for (let k = from + 1; k < parts.length; k++) {
      if (this.matchesOrParentMatches(parts.slice(0, k + 1).join('/'))) return;
    }
  }

  /** containers/storage fileutils Matches: every pattern, last match wins, no parent results. */
  private matchPodman(relPath: string): MatchResult {
    let by = -1;
    for (let i = 0; i < this.n; i++) if (this.evalAt(i, relPath)) by = i;
    return by === -1 ? this.none : { excluded: !this.neg[by], by };
  }
}

/**
 * Docker's verdict for one path, modelling a context that holds only it and its ancestors.
 * A directory and a file at the same path get the same verdict (only ancestors are skipped
 * or entered); `isDir` is kept so call sites read like the corpus.
 */
export function isExcluded(patterns: IgnorePattern[], relPath: string, _isDir: boolean, builder: Builder): boolean {
  return IgnoreMatcher.compile(patterns, builder).verdict(relPath);
}

const cache = new WeakMap<IgnorePattern, Map<Builder, IgnoreMatcher | null>>();

/**
 * Does pattern `p` (alone, as Pattern.match) match `relPath` — or, with `orParent`, one of its
 * ancestor directories? For rules; never throws: an invalid pattern matches nothing.
 */
export function patternMatchesPath(
  p: IgnorePattern,
  relPath: string,
  orParent = false,
  builder: Builder = 'buildkit',
): boolean {
  let perBuilder = cache.get(p);
  if (!perBuilder) cache.set(p, (perBuilder = new Map()));
  let m = perBuilder.get(builder);
  if (m === undefined) {
    try {
      m = IgnoreMatcher.compile([p], builder);
    } catch {
      m = null;
    }
    perBuilder.set(builder, m);
  }
  if (m === null) return false;
  try {
    return orParent ? m.patternMatchesOrParent(0, relPath) : m.patternMatches(0, relPath);
  } catch {
    return false;
  }
}
