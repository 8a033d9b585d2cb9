// A few paths an ignore-file pattern matches, each with the line that decides it last: the hover
// shows what a line means on this tree, and whether a later line overrides it. The walk starts
// below the pattern's literal head and stops at the pattern's depth, so a hover on `vendor/` or
// `packages/*/dist` reads a few directories, not the whole context.
import type { ContextScan, DirEntry } from '../context/model';
import { findDir } from '../context/queries';
import { decidedOnWalk } from '../context/scan/match';
import { matcherFor } from '../context/scan/scan';
import type { IgnorePattern } from '../dockerignore/read';
import { directMatcher, type PathTest } from '../rules/support/match';
import { byNameDesc } from '../rules/support/tree';

export interface Example {
  /** Relative to the context; directories end in '/'. */
  path: string;
  /** Whether the build sends it, and the pattern index deciding that (-1: no line matches it). */
  excluded: boolean;
  by: number;
}

// Glob syntax, and the regexp syntax the builders leave unescaped: a segment holding any of it
// is not a literal directory to look up (as in unmatched-pattern).
const WILDCARD = /[*?[\\{}|+()^]/;
/** Entries a hover may visit: a pattern matching nothing must not walk a million files. */
const BUDGET = 50_000;

/** Up to `max` paths `p` itself matches (a directory stands for everything below it). */
export function examplesOf(scan: ContextScan, p: IgnorePattern, max = 5): Example[] {
  const test = directMatcher(p, scan.builder);
  if (!test || max <= 0) return [];
  const segs = p.pattern.split('/');
  const wild = segs.findIndex((s) => WILDCARD.test(s));
  const head = wild < 0 ? segs.slice(0, -1) : segs.slice(0, wild);
  const top = findDir(scan.root, head.join('/'));
  if (!top) return [];
  // Without `**` a match has exactly as many segments as the pattern (Docker's `*` stops at '/').
  const depth = p.pattern.includes('**') ? Infinity : segs.length;
  const found = matching(top, test, depth, max);
  const m = matcherFor(scan);
  return found.map((path) => {
    let verdict: { excluded: boolean; by: number };
    try {
      verdict = decidedOnWalk(m, path.replace(/\/$/, ''));
    } catch {
      verdict = { excluded: false, by: -1 }; // a lazily failing pattern: the scan says fatal
    }
    return { path, ...verdict };
  });
}

const segments = (rel: string): number => (rel === '' ? 0 : rel.split('/').length);

/** Pre-order, by name: matching directories are taken whole, their insides not listed. */
function matching(top: DirEntry, test: PathTest, depth: number, max: number): string[] {
  const out: string[] = [];
  const stack: DirEntry[] = [top];
  let budget = BUDGET;
  while (stack.length > 0 && out.length < max && budget > 0) {
    const dir = stack.pop()!;
    const below = segments(dir.path) + 1;
    if (below > depth) continue;
    const prefix = dir.path === '' ? '' : `${dir.path}/`;
    const names = [...dir.files.keys()].sort();
    budget -= names.length + dir.dirs.size;
    const kids = [...dir.dirs.values()].sort(byNameDesc);
    for (let i = kids.length - 1; i >= 0 && out.length < max; i--) {
      const k = kids[i]!;
      if (test(k.path)) out.push(`${k.path}/`);
    }
    for (const name of names) {
      if (out.length >= max) break;
      if (test(prefix + name)) out.push(prefix + name);
    }
    for (const k of kids) if (!out.includes(`${k.path}/`)) stack.push(k);
  }
  return out;
}
