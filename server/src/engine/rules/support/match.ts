// Single-pattern questions the ignore-file rules ask, answered by the engine's own matcher so
// they keep Docker's semantics exactly: "does this pattern itself match that path?"
import type { Builder } from '../../types';
import { IgnoreMatcher } from '../../dockerignore/match';
import { readIgnoreFile, type IgnorePattern } from '../../dockerignore/read';
import type { ContextCopy } from './copies';

export type PathTest = (relPath: string) => boolean;

/**
 * A test for whether `p` matches a path itself (not through a parent). A '!' is ignored: the
 * test says what the pattern's text matches. Null for a pattern that does not compile.
 */
export function directMatcher(p: IgnorePattern | string, builder: Builder): PathTest | null {
  const pat = typeof p === 'string' ? readIgnoreFile(p, builder).patterns[0] : p;
  if (!pat || pat.error || pat.lazyError) return null;
  let m: IgnoreMatcher;
  try {
    m = IgnoreMatcher.compile([{ ...pat, negate: false }], builder);
  } catch {
    return null;
  }
  return (rel) => {
    try {
      return m.patternMatches(0, rel);
    } catch {
      return false;
    }
  };
}

/** True when the pattern matches `relPath` or one of its parent directories. */
export function matchesPathOrParent(test: PathTest, relPath: string): boolean {
  const segs = relPath.split('/');
  for (let i = 1; i <= segs.length; i++) if (test(segs.slice(0, i).join('/'))) return true;
  return false;
}

/**
 * The first explicit COPY (not a whole-context one) a pattern would break or trim: it matches a
 * source, a directory above it, or (tested on the glob's own text) what a wildcard source names.
 */
export function copyBrokenBy(test: PathTest, copies: ContextCopy[]): ContextCopy | undefined {
  return copies.find((c) => !c.whole && c.sources.some((s) => s !== '' && matchesPathOrParent(test, s)));
}
