// Walks over the scanned tree for the context rules. Iterative, because hostile contexts nest
// a thousand levels deep.
import type { DirEntry, FileEntry } from '../../context/model';
import { drain } from '../../background/steps';

/**
 * Entries (directories and the files in them) a generator walk passes between two yields: a
 * thousand keep the yields cheap next to the work, and a step, even one that tests every file
 * name, around a millisecond, well inside a background slice (issue 7).
 */
export const ENTRIES_PER_STEP = 1024;

/**
 * Visits directories below `root` (not `root` itself) in pre-order, sorted by name so findings
 * come out in a stable order (`sorted: false` skips the sorting where order cannot show).
 * `visit` returns false to skip a directory's children.
 */
/** Sees a directory and its parent; returning `false` skips the directory's children. */
type Visit = (dir: DirEntry, parent: DirEntry) => unknown;

export function walkDirs(root: DirEntry, visit: Visit, sorted = true): void {
  drain(walkDirsSteps(root, visit, sorted));
}

/** `walkDirs` as generator work, for `TreeWork.defer`: yields every ENTRIES_PER_STEP entries. */
export function* walkDirsSteps(root: DirEntry, visit: Visit, sorted = true): Generator<void, void> {
  // Two parallel stacks rather than one of pairs: no allocation per directory on a 1M-entry walk.
  const dirs: DirEntry[] = [];
  const parents: DirEntry[] = [];
  const push = (d: DirEntry): void => {
    const kids = sorted && d.dirs.size > 1 ? [...d.dirs.values()].sort(byNameDesc) : d.dirs.values();
    for (const k of kids) {
      dirs.push(k);
      parents.push(d);
    }
  };
  push(root);
  let budget = ENTRIES_PER_STEP;
  while (dirs.length > 0) {
    if (budget <= 0) {
      yield;
      budget = ENTRIES_PER_STEP;
    }
    const dir = dirs.pop()!;
    budget -= 1 + dir.files.size;
    const parent = parents.pop()!;
    if (visit(dir, parent) !== false) push(dir);
  }
}

/** Visits every file of the tree with its relative path. */
export function walkFiles(
  root: DirEntry,
  visit: (file: FileEntry, relPath: string, dir: DirEntry) => void,
  enter: (dir: DirEntry) => boolean = () => true,
): void {
  const each = (dir: DirEntry): void => {
    for (const f of dir.files.values()) visit(f, dir.path ? `${dir.path}/${f.name}` : f.name, dir);
  };
  each(root);
  walkDirs(root, (dir) => {
    if (!enter(dir)) return false;
    each(dir);
    return true;
  });
}

export function byNameDesc(a: DirEntry, b: DirEntry): number {
  return a.name < b.name ? 1 : a.name > b.name ? -1 : 0;
}

import { findDir } from '../../context/queries';

export { findDir };

/** The file or directory at `relPath`, if the scan saw one. */
export function entryAt(root: DirEntry, relPath: string): { dir?: DirEntry; file?: FileEntry } | undefined {
  const i = relPath.lastIndexOf('/');
  const parent = findDir(root, i < 0 ? '' : relPath.slice(0, i));
  if (!parent) return undefined;
  const name = i < 0 ? relPath : relPath.slice(i + 1);
  const dir = parent.dirs.get(name);
  if (dir) return { dir };
  const file = parent.files.get(name);
  return file ? { file } : undefined;
}

export const isSentFile = (f: FileEntry): boolean => f.excludedBy === -1;
export const sendsSomething = (d: DirEntry): boolean => d.sent.files > 0;
