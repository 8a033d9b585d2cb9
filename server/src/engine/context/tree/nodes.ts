// The scanned tree's nodes. A context can hold a million entries and a directory per file,
// so each node costs as little as V8 allows; the shapes below are measured choices (see
// bench/README.md, "Where the scan's memory goes").
import type { Totals } from '../../types';
import type { DirEntry, EntryKind, FileEntry } from '../model';
import { EntryMap } from './entryMap';

/** Totals of nothing, shared: most directories keep nothing out, and each object costs ~70 bytes. */
export const ZERO: Totals = Object.freeze({ files: 0, bytes: 0 });

export function totals(files: number, bytes: number): Totals {
  return files === 0 && bytes === 0 ? ZERO : { files: small(files), bytes: small(bytes) };
}

/**
 * The same number, typed as a small integer when it is one. Sizes come from lstat as doubles;
 * stored as they are, V8 gives the field a double representation and boxes every value
 * (16 more bytes per file). Files of 2 GiB and more stay doubles.
 */
export function small(n: number): number {
  return (n | 0) === n ? n | 0 : n;
}

// Most directories have no subdirectories (83k of 172k on the monorepo bench) or no files:
// they share one unwritable empty map until addDir/addFile gives them a real one.
const NO_DIRS = EntryMap.EMPTY as unknown as Map<string, DirEntry>;
const NO_FILES = EntryMap.EMPTY as unknown as Map<string, FileEntry>;

/**
 * A directory of the scanned tree. A context can hold a directory per file (833k of them in the
 * 1M-file bench), so each costs as little as V8 allows: its path is computed from its parent
 * when asked instead of stored (a path string per directory was ~60 bytes), and its subtree
 * totals are plain number fields behind `sent`/`excluded` instead of two objects.
 */
class DirNode implements DirEntry {
  excludedBy = -1;
  dirs = NO_DIRS;
  files = NO_FILES;
  declare error?: string;
  private sf = 0;
  private ef = 0;
  // Byte sums pass 2^31 near the top of a big context. Had these fields ever been numbers only,
  // V8 would give them a double representation on the first such sum and box the field in
  // every directory (16 bytes each); starting from null keeps them tagged: small sums inline.
  private sb: number | null = null;
  private eb: number | null = null;

  constructor(
    readonly name: string,
    private readonly parent: DirNode | null,
  ) {}

  get path(): string {
    const up = this.parent;
    if (up === null) return '';
    return up.parent === null ? this.name : `${up.path}/${this.name}`;
  }

  /** A file directly in this directory (rebuilds; rollUp then adds subdirectories). */
  count(size: number, excluded: boolean): void {
    if (excluded) {
      this.ef++;
      this.eb = (this.eb ?? 0) + size;
    } else {
      this.sf++;
      this.sb = (this.sb ?? 0) + size;
    }
  }

  /** Adds this directory's totals to its parent's. */
  rollUp(): void {
    const up = this.parent;
    if (up === null) return;
    up.sf += this.sf;
    up.ef += this.ef;
    if (this.sb !== null) up.sb = (up.sb ?? 0) + this.sb;
    if (this.eb !== null) up.eb = (up.eb ?? 0) + this.eb;
  }

  get sent(): Totals {
    return totals(this.sf, this.sb ?? 0);
  }
  set sent(t: Totals) {
    this.sf = t.files;
    this.sb = small(t.bytes);
  }
  get excluded(): Totals {
    return totals(this.ef, this.eb ?? 0);
  }
  set excluded(t: Totals) {
    this.ef = t.files;
    this.eb = small(t.bytes);
  }
}

/** Counts a file directly in `dir` (see rollUp). */
export function countFile(dir: DirEntry, size: number, excluded: boolean): void {
  (dir as DirNode).count(size, excluded);
}

/**
 * Adds `dir`'s totals to its parent's. Called for every directory, children before their parent,
 * it turns per-directory counts (countFile) into subtree totals.
 */
export function rollUp(dir: DirEntry): void {
  (dir as DirNode).rollUp();
}

/** A new, empty directory `name` under `parent` (null: the context root). */
export function newDir(name: string, parent: DirEntry | null): DirEntry {
  return new DirNode(name, parent as DirNode | null);
}

export function addDir(parent: DirEntry, child: DirEntry): void {
  if (parent.dirs === NO_DIRS) parent.dirs = new EntryMap();
  parent.dirs.set(child.name, child);
}

export function addFile(parent: DirEntry, file: FileEntry): void {
  if (parent.files === NO_FILES) parent.files = new EntryMap();
  parent.files.set(file.name, file);
}

// A file's kind lives on its class's prototype, not in each of a million files (8 bytes each).
class RegularFile implements FileEntry {
  declare readonly kind: EntryKind;
  constructor(
    readonly name: string,
    public size: number,
    public excludedBy: number,
  ) {}
}
class SymlinkFile extends RegularFile {}
class OtherFile extends RegularFile {}
Object.defineProperty(RegularFile.prototype, 'kind', { value: 'file' });
Object.defineProperty(SymlinkFile.prototype, 'kind', { value: 'symlink' });
Object.defineProperty(OtherFile.prototype, 'kind', { value: 'other' });

export function makeFile(name: string, kind: EntryKind, size: number, excludedBy = -1): FileEntry {
  if (kind === 'file') return new RegularFile(name, size, excludedBy);
  return kind === 'symlink' ? new SymlinkFile(name, size, excludedBy) : new OtherFile(name, size, excludedBy);
}
