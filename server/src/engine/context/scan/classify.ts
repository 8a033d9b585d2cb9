// Applies compiled ignore patterns to an in-memory tree: decides every entry, attributes each
// exclusion to its pattern and sums sent/excluded totals per directory. Used for a fresh scan,
// for rematch (new patterns, same tree) and for incremental updates (one subtree at a time).
import type { Totals } from '../../types';
import type { DirEntry, FileEntry } from '../model';
import type { ContextMatcher, MatchState } from './match';
import { totals } from '../tree/nodes';

/** Where a directory stands: its match state, or the pattern that closed it to the builder. */
export interface DirState {
  state: MatchState /** >= 0: the builder never enters; everything below is excluded by it. */;
  closedBy: number;
}

/** Per-pattern decided totals, indexed like the matcher's patterns. */
export type StatsAcc = Totals[];

export function newStats(n: number): StatsAcc {
  return Array.from({ length: n }, () => ({ files: 0, bytes: 0 }));
}

/** A directory's standing from its parent's, and the pattern that excluded it (-1: not excluded). */
export function dirStanding(m: ContextMatcher, rel: string, parent: DirState): { at: DirState; by: number } {
  if (parent.closedBy >= 0) return { at: parent, by: parent.closedBy };
  const state = m.match(rel, parent.state);
  const closed = state.excluded && !m.descendsInto(rel, state);
  return { at: { state, closedBy: closed ? Math.max(state.by, 0) : -1 }, by: state.excluded ? state.by : -1 };
}

/** Decides one directory from its parent's standing (the directory itself, not its contents). */
export function decideDir(m: ContextMatcher, dir: DirEntry, parent: DirState): DirState {
  const { at, by } = dirStanding(m, dir.path, parent);
  dir.excludedBy = by;
  return at;
}

/**
 * Decides one file of `size` bytes and adds it to the deciding pattern's stats. Returns the
 * pattern that excluded it, or -1 when it is sent. A number, not an object: it runs per file.
 */
export function fileVerdict(m: ContextMatcher, rel: string, size: number, at: DirState, stats: StatsAcc): number {
  if (at.closedBy >= 0) {
    const acc = stats[at.closedBy];
    if (acc) {
      acc.files++;
      acc.bytes += size;
    }
    return at.closedBy;
  }
  const s = m.match(rel, at.state);
  // Negations decide too ("what `!keep` re-included"); synthetic patterns have no stats slot.
  const acc = s.by >= 0 ? stats[s.by] : undefined;
  if (acc) {
    acc.files++;
    acc.bytes += size;
  }
  return s.excluded ? s.by : -1;
}

function decideFile(m: ContextMatcher, f: FileEntry, rel: string, at: DirState, stats: StatsAcc): boolean {
  f.excludedBy = fileVerdict(m, rel, f.size, at, stats);
  return f.excludedBy >= 0;
}

interface Frame {
  dir: DirEntry;
  at: DirState;
  children: Iterator<DirEntry>;
  /** Subtree totals so far: sent files, sent bytes, excluded files, excluded bytes. */
  sf: number;
  sb: number;
  ef: number;
  eb: number;
}

/**
 * Classifies everything below `top` (whose own standing is `at`) and recomputes the subtree
 * aggregates of `top` and of every directory under it. Adds per-pattern totals into `stats`.
 * Depth-first with an explicit stack: trees 1,000 levels deep must not overflow, and nothing
 * proportional to the tree size is allocated (large temporary arrays inflated peak RSS).
 */
export function classifySubtree(m: ContextMatcher, top: DirEntry, at: DirState, stats: StatsAcc): void {
  const stack: Frame[] = [enter(m, top, at, stats)];
  while (stack.length > 0) {
    const f = stack[stack.length - 1];
    const next = f.children.next();
    if (!next.done) {
      stack.push(enter(m, next.value, decideDir(m, next.value, f.at), stats));
      continue;
    }
    stack.pop();
    f.dir.sent = totals(f.sf, f.sb);
    f.dir.excluded = totals(f.ef, f.eb);
    const up = stack[stack.length - 1];
    if (up) {
      up.sf += f.sf;
      up.sb += f.sb;
      up.ef += f.ef;
      up.eb += f.eb;
    }
  }
}

function enter(m: ContextMatcher, dir: DirEntry, at: DirState, stats: StatsAcc): Frame {
  const f: Frame = { dir, at, children: dir.dirs.values(), sf: 0, sb: 0, ef: 0, eb: 0 };
  if (m.empty && at.closedBy < 0 && !at.state.excluded) {
    for (const e of dir.files.values()) {
      e.excludedBy = -1;
      f.sf++;
      f.sb += e.size;
    }
    return f;
  }
  const prefix = dir.path === '' ? '' : `${dir.path}/`;
  for (const e of dir.files.values()) {
    if (decideFile(m, e, prefix + e.name, at, stats)) {
      f.ef++;
      f.eb += e.size;
    } else {
      f.sf++;
      f.sb += e.size;
    }
  }
  return f;
}

/** Standing of the directory at `relDir` (must exist in the tree or be the root), from the root down. */
export function standingOf(m: ContextMatcher, root: DirEntry, relDir: string): DirState {
  let at: DirState = { state: m.root, closedBy: -1 };
  if (relDir === '') return at;
  let dir = root;
  for (const name of relDir.split('/')) {
    const next = dir.dirs.get(name);
    if (!next) throw new Error(`not in the scanned tree: ${relDir}`);
    at = standingWithout(m, next, at);
    dir = next;
  }
  return at;
}

/** Like decideDir but without writing to the entry. */
function standingWithout(m: ContextMatcher, dir: DirEntry, parent: DirState): DirState {
  const saved = dir.excludedBy;
  const at = decideDir(m, dir, parent);
  dir.excludedBy = saved;
  return at;
}

/** Decides one file in isolation (incremental updates). Returns its pattern contribution slot. */
export function classifyOne(m: ContextMatcher, f: FileEntry, rel: string, at: DirState, stats: StatsAcc): boolean {
  return decideFile(m, f, rel, at, stats);
}
