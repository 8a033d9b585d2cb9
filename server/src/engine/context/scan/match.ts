// The scanner's view of the dockerignore matcher: one small interface, so the walk and the
// classification depend on "decide a path given its parent" and nothing else.
import type { Builder } from '../../types';
import type { IgnorePattern } from '../../dockerignore/read';
import { IgnoreMatcher, ROOT_RESULT, type MatchResult } from '../../dockerignore/match';

/** The matcher's per-path result; children are decided from their parent's. */
export type MatchState = MatchResult;

export interface ContextMatcher {
  /** No patterns at all: everything is sent, no matching needed. */
  readonly empty: boolean;
  readonly root: MatchState;
  match(rel: string, parent: MatchState): MatchState;
  /** Whether the builder's walker enters an excluded directory (to look for '!' re-inclusions). */
  descendsInto(relDir: string, state: MatchState): boolean;
}

function wrap(patterns: IgnorePattern[], builder: Builder): ContextMatcher {
  if (patterns.length === 0) {
    return { empty: true, root: ROOT_RESULT, match: (_r, parent) => parent, descendsInto: () => false };
  }
  const m = IgnoreMatcher.compile(patterns, builder);
  return {
    empty: false,
    root: ROOT_RESULT,
    match: m.match.bind(m),
    descendsInto: m.descendsInto.bind(m),
  };
}

/** Decides a path from the root down, as the walker would reach it. */
export function excludedOnWalk(m: ContextMatcher, rel: string): boolean {
  return decidedOnWalk(m, rel).excluded;
}

/**
 * The walker's verdict on a path and the pattern that decides it (-1: none): the one that closed
 * an ancestor the builder does not enter, else the last to match the path itself.
 */
export function decidedOnWalk(m: ContextMatcher, rel: string): { excluded: boolean; by: number } {
  let state = m.root;
  const parts = rel.split('/');
  for (let i = 0; i < parts.length; i++) {
    const sub = parts.slice(0, i + 1).join('/');
    state = m.match(sub, state);
    if (state.excluded && i < parts.length - 1 && !m.descendsInto(sub, state)) return { excluded: true, by: state.by };
  }
  return { excluded: state.excluded, by: state.by };
}

function synthetic(path: string): IgnorePattern {
  return { pattern: path, negate: true, line: -1, start: 0, end: 0, raw: `!${path}` };
}

/**
 * Compiles the patterns for one builder. The classic CLI always sends `.dockerignore` and the
 * Dockerfile: when its (deprecated) `Matches` says one is excluded it appends `!<name>` to the
 * patterns (cli/command/image/build/context.go TrimBuildFilesFromExcludes). We do the same,
 * after the real patterns, so their indices are unchanged and the extras have no stats slot.
 * Limitation: `Matches` looks at one parent level only; we use the walk's verdict instead, so
 * the `a/**\/b/c` + `-f a/b/c/Dockerfile` build failure in SEMANTICS.md §15 is not modelled.
 */
export function compileContextMatcher(
  patterns: IgnorePattern[],
  builder: Builder,
  alwaysSent: string[] = [],
): ContextMatcher {
  const base = wrap(patterns, builder);
  if (builder !== 'classic' || base.empty) return base;
  const extra = alwaysSent.filter((p) => excludedOnWalk(base, p)).map(synthetic);
  return extra.length === 0 ? base : wrap([...patterns, ...extra], builder);
}
