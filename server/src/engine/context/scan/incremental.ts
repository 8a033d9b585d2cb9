// Incremental updates from file-watcher events: re-stat one path (or walk one new directory),
// re-decide just that part, and move the totals of its ancestors by the difference. The
// result equals a full rescan of the same disk state (tested), at the cost of one path.
import * as path from 'node:path';
import type { Totals } from '../../types';
import type { ContextScan, DirEntry, FileEntry } from '../model';
import { classifyOne, classifySubtree, decideDir, newStats, standingOf, type StatsAcc } from './classify';
import { failOnLazyPattern, matcherFor } from './scan';
import { IgnoreSyntaxError } from '../../dockerignore/match';
import type { ContextMatcher } from './match';
import { addDir, addFile, makeFile, newDir, totals } from '../tree/nodes';
import { statPath, walkInto } from './walk';

export type FsChange = 'created' | 'changed' | 'deleted';

// Compiling thousands of patterns per watcher event would dominate; a scan's patterns never
// change (rematch returns a new scan object), so the matcher is cached per scan.
const matchers = new WeakMap<ContextScan, ContextMatcher>();
function matcherOf(scan: ContextScan): ContextMatcher {
  let m = matchers.get(scan);
  if (!m) {
    m = matcherFor(scan);
    matchers.set(scan, m);
  }
  return m;
}

interface Delta {
  sent: Totals;
  excluded: Totals;
  stats: StatsAcc;
}

/**
 * Updates `scan` in place for a change at `absPath` (a file, link or directory). Paths outside
 * the context are ignored. A change to the ignore file itself needs `rematch` instead.
 */
export function applyFsChange(scan: ContextScan, absPath: string, change: FsChange): void {
  const rel = path.relative(scan.contextDir, path.resolve(absPath)).split(path.sep).join('/');
  if (rel === '' || rel === '..' || rel.startsWith('../') || path.isAbsolute(rel)) return;
  const parts = rel.split('/');
  // A change below a directory we have never seen: the whole missing directory is new.
  let parent = scan.root;
  for (let i = 0; i < parts.length - 1; i++) {
    const next = parent.dirs.get(parts[i]);
    if (!next) {
      if (change !== 'deleted') applyFsChange(scan, path.join(scan.contextDir, ...parts.slice(0, i + 1)), 'created');
      return;
    }
    parent = next;
  }
  const name = parts[parts.length - 1];
  try {
    const m = matcherOf(scan);
    const at = standingOf(m, scan.root, parent.path);
    const delta: Delta = {
      sent: { files: 0, bytes: 0 },
      excluded: { files: 0, bytes: 0 },
      stats: newStats(scan.patterns.length),
    };
    removeEntry(scan, m, parent, name, at, delta);
    if (change !== 'deleted') addEntry(scan, m, parent, name, path.resolve(absPath), at, delta);
    applyDelta(scan, parts.slice(0, -1), delta);
  } catch (err) {
    // A new path reached a pattern that only fails when evaluated (`[z-a]`): from now on the
    // build fails, exactly as a fresh scan would say. The tree itself is complete (entries are
    // attached before they are decided), so only the decisions are redone.
    if (!(err instanceof IgnoreSyntaxError)) throw err;
    failOnLazyPattern(scan, err);
  }
}

type Standing = ReturnType<typeof standingOf>;

function removeEntry(
  scan: ContextScan,
  m: ContextMatcher,
  parent: DirEntry,
  name: string,
  at: Standing,
  delta: Delta,
): void {
  const rel = parent.path === '' ? name : `${parent.path}/${name}`;
  const file = parent.files.get(name);
  if (file) {
    parent.files.delete(name);
    const tmp = newStats(scan.patterns.length);
    count(delta, file, classifyOne(m, file, rel, at, tmp), -1);
    merge(delta.stats, tmp, -1);
  }
  const dir = parent.dirs.get(name);
  if (dir) {
    parent.dirs.delete(name);
    const tmp = newStats(scan.patterns.length);
    classifySubtree(m, dir, decideDir(m, dir, at), tmp);
    addTotals(delta.sent, dir.sent, -1);
    addTotals(delta.excluded, dir.excluded, -1);
    merge(delta.stats, tmp, -1);
  }
  // Issues recorded for what is gone no longer hold.
  scan.errors = scan.errors.filter((e) => e.path !== rel && !e.path.startsWith(`${rel}/`));
}

function addEntry(
  scan: ContextScan,
  m: ContextMatcher,
  parent: DirEntry,
  name: string,
  abs: string,
  at: Standing,
  delta: Delta,
): void {
  const st = statPath(abs);
  if (!st) return;
  const rel = parent.path === '' ? name : `${parent.path}/${name}`;
  const tmp = newStats(scan.patterns.length);
  if (st.kind === 'dir') {
    const dir = newDir(name, parent);
    walkInto(abs, dir, scan.errors);
    addDir(parent, dir);
    classifySubtree(m, dir, decideDir(m, dir, at), tmp);
    addTotals(delta.sent, dir.sent, 1);
    addTotals(delta.excluded, dir.excluded, 1);
  } else {
    const file = makeFile(name, st.kind, st.size);
    addFile(parent, file);
    count(delta, file, classifyOne(m, file, rel, at, tmp), 1);
  }
  merge(delta.stats, tmp, 1);
}

function count(delta: Delta, f: FileEntry, excluded: boolean, sign: number): void {
  const t = excluded ? delta.excluded : delta.sent;
  t.files += sign;
  t.bytes += sign * f.size;
}

function addTotals(into: Totals, from: Totals, sign: number): void {
  into.files += sign * from.files;
  into.bytes += sign * from.bytes;
}

function merge(into: StatsAcc, from: StatsAcc, sign: number): void {
  for (let i = 0; i < into.length; i++) addTotals(into[i], from[i], sign);
}

/** Moves the totals of the root, every ancestor down to the changed entry's parent, and the scan. */
function applyDelta(scan: ContextScan, parentParts: string[], delta: Delta): void {
  let dir: DirEntry | undefined = scan.root;
  const dirs: DirEntry[] = [dir];
  for (const p of parentParts) {
    dir = dir.dirs.get(p)!;
    dirs.push(dir);
  }
  // Replaced, not mutated: zero totals are one shared frozen object.
  for (const d of dirs) {
    d.sent = plus(d.sent, delta.sent);
    d.excluded = plus(d.excluded, delta.excluded);
  }
  scan.sent = { ...scan.root.sent };
  scan.excluded = { ...scan.root.excluded };
  for (const s of scan.patternStats) addTotals(s.decided, delta.stats[s.index], 1);
}

function plus(a: Totals, b: Totals): Totals {
  return totals(a.files + b.files, a.bytes + b.bytes);
}
