// The report's picture of a context: its largest folders, each split into what the build reads
// (needed), what is sent but not read (unused) and what the ignore file keeps out (excluded).
// Folders only, a few levels deep and the largest few per level, so a 198k-file tree becomes a
// few hundred rows; the split comes from the model's per-folder sums, with no walk of files.
import type { DirEntry } from '../context/model';
import type { Totals } from '../types';
import type { InputSplit } from './classify';

export interface MapFolder {
  /** Context path, '/'-separated; '' for the root. */
  path: string;
  needed: Totals;
  unused: Totals;
  excluded: Totals;
  /** Its largest subfolders (not all of them: the rest is what the parent's totals leave over). */
  children: MapFolder[];
}

export interface MapLimits {
  /** Levels of folders below the root. */
  depth: number;
  /** Folders kept per level: `top[0]` for the root's, `top[1]` for each of theirs... */
  top: number[];
}

export const MAP_LIMITS: MapLimits = { depth: 2, top: [30, 12] };

const size = (d: DirEntry): number => d.sent.bytes + d.excluded.bytes;

/**
 * The folder tree the report draws. Without a split (the model is still being worked out), all
 * that is sent counts as unused; the caller says so.
 */
export function folderMap(root: DirEntry, split: InputSplit | null, limits: MapLimits = MAP_LIMITS): MapFolder {
  const visit = (d: DirEntry, level: number): MapFolder => {
    const inputs = split?.folders.get(d);
    const needed = { files: inputs ? inputs.read + inputs.maybe : 0, bytes: inputs?.bytes ?? 0 };
    const kids =
      level >= limits.depth
        ? []
        : [...d.dirs.values()]
            .filter((c) => size(c) > 0)
            .sort((a, b) => size(b) - size(a) || (a.path < b.path ? -1 : 1))
            .slice(0, limits.top[level] ?? 0);
    return {
      path: d.path,
      needed,
      unused: { files: d.sent.files - needed.files, bytes: d.sent.bytes - needed.bytes },
      excluded: { ...d.excluded },
      children: kids.map((c) => visit(c, level + 1)),
    };
  };
  return visit(root, 0);
}
