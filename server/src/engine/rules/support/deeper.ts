// What a root-anchored pattern misses: `node_modules` matches only at the context root in Docker
// (SEMANTICS.md §1), so the same name deeper down is still sent. Asked by root-anchored-pattern
// for its findings and by the ignore-file hover for what `**/` would add.
import type { Totals } from '../../types';
import type { IgnorePattern } from '../../dockerignore/read';
import type { ContextScan } from '../../context/model';
import { directMatcher, type PathTest } from './match';
import { isSentFile, sendsSomething, walkDirs } from './tree';
import { KeyIndex, nameKey } from './nameKey';

export interface Deeper {
  /** Index of the pattern in the list given to `deeperMatches`. */
  index: number;
  p: IgnorePattern;
  test: PathTest;
  /** Sent entries below the root whose own name it matches; directories end in '/'. */
  paths: Set<string>;
  totals: Totals;
}

/** Whether `p` is written root-anchored by habit: no '/', no leading '**', no written leading '/'. */
export function floats(p: IgnorePattern): boolean {
  if (p.negate || p.error || p.lazyError || p.pattern.includes('/') || p.pattern.startsWith('**')) return false;
  return !p.raw.trim().startsWith('/');
}

function candidates(patterns: IgnorePattern[], scan: ContextScan): Deeper[] {
  const out: Deeper[] = [];
  patterns.forEach((p, index) => {
    if (!floats(p)) return;
    const test = directMatcher(p, scan.builder);
    if (test) out.push({ index, p, test, paths: new Set(), totals: { files: 0, bytes: 0 } });
  });
  return out;
}

/**
 * The candidates matching a name, looked up by name key rather than testing them all (thousands
 * of `*.ext` lines against every file took seconds); names repeat, so answers are kept per call.
 */
function byName(cands: Deeper[]): (name: string) => Deeper[] {
  const byKey = new KeyIndex<Deeper>();
  const keyless: Deeper[] = [];
  for (const c of cands) {
    const key = nameKey(c.p.pattern);
    if (key) byKey.add(key, c);
    else keyless.push(c);
  }
  const seen = new Map<string, Deeper[]>();
  return (name) => {
    let hit = seen.get(name);
    if (!hit) seen.set(name, (hit = byKey.candidates(name, [...keyless]).filter((c) => c.test(name))));
    return hit;
  };
}

/** Records, per candidate, the sent entries below the root whose own name it matches. */
function collect(scan: ContextScan, cands: Deeper[]): void {
  const matching = byName(cands);
  const add = (c: Deeper, path: string, t: Totals): void => {
    if (c.paths.has(path)) return;
    c.paths.add(path);
    c.totals.files += t.files;
    c.totals.bytes += t.bytes;
  };
  walkDirs(scan.root, (dir) => {
    if (!sendsSomething(dir)) return false;
    let taken = false;
    if (dir.path.includes('/'))
      for (const c of matching(dir.name)) {
        add(c, `${dir.path}/`, dir.sent);
        taken = true;
      }
    if (taken) return false;
    for (const f of dir.files.values()) {
      if (!isSentFile(f)) continue;
      for (const c of matching(f.name)) add(c, `${dir.path}/${f.name}`, { files: 1, bytes: f.size });
    }
    return true;
  });
}

/**
 * The root-anchored patterns among `patterns`, each with the sent entries deeper down that
 * `**\/<pattern>` would also match (possibly none). One walk of the tree for all of them.
 */
export function deeperMatches(scan: ContextScan, patterns: IgnorePattern[]): Deeper[] {
  const cands = candidates(patterns, scan);
  if (cands.length > 0) collect(scan, cands);
  return cands;
}
