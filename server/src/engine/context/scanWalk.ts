// The disk walk: one synchronous, iterative pass that records every entry of the context,
// excluded subtrees included, so exclusions can be measured and an ignore-file edit re-applied
// without touching the disk again. Matching happens afterwards (scanClassify.ts).
//
// Why synchronous: on the 198k-file bench a sync readdir+lstat loop runs at `find` speed,
// while promise-per-file walks allocate far more and were ~3x slower. Callers that must not
// block run it in a worker (scanAsync.ts). Why iterative: 1,000-level trees must not overflow.
import * as fs from 'node:fs';
import type { Totals } from '../types';
import type { DirEntry, EntryKind, FileEntry, ScanIssue } from './model';
import { EntryMap } from './scanEntryMap';

/** Test seams: let tests inject what root cannot reproduce (EACCES) or race the walk. */
export interface WalkHooks {
  /** Called before each directory is read; may throw (simulated readdir error) or change the disk. */
  beforeReaddir?(absDir: string, relDir: string): void;
  /** Called after a directory was listed, before its entries are stat'ed (vanishing-file races). */
  afterReaddir?(absDir: string, relDir: string): void;
}

export interface WalkProgress { files: number; bytes: number }

export interface WalkOptions {
  hooks?: WalkHooks;
  onProgress?: (p: WalkProgress) => void;
  /** Files between progress callbacks. */
  progressEvery?: number;
}

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

  constructor(readonly name: string, private readonly parent: DirNode | null) {}

  get path(): string {
    const up = this.parent;
    if (up === null) return '';
    return up.parent === null ? this.name : `${up.path}/${this.name}`;
  }

  /** A file directly in this directory (rebuilds; rollUp then adds subdirectories). */
  count(size: number, excluded: boolean): void {
    if (excluded) { this.ef++; this.eb = (this.eb ?? 0) + size; } else { this.sf++; this.sb = (this.sb ?? 0) + size; }
  }

  /** Adds this directory's totals to its parent's. */
  rollUp(): void {
    const up = this.parent;
    if (up === null) return;
    up.sf += this.sf; up.ef += this.ef;
    if (this.sb !== null) up.sb = (up.sb ?? 0) + this.sb;
    if (this.eb !== null) up.eb = (up.eb ?? 0) + this.eb;
  }

  get sent(): Totals { return totals(this.sf, this.sb ?? 0); }
  set sent(t: Totals) { this.sf = t.files; this.sb = small(t.bytes); }
  get excluded(): Totals { return totals(this.ef, this.eb ?? 0); }
  set excluded(t: Totals) { this.ef = t.files; this.eb = small(t.bytes); }
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

/** Docker's message style for a failed walk step: "lstat <path>: <reason>". */
function issue(rel: string, op: string, err: unknown): ScanIssue {
  const e = err as NodeJS.ErrnoException;
  const reason = e && typeof e.message === 'string' ? e.message.replace(/^[A-Z]+: /, '').replace(/, \w+ '.*'$/, '') : String(err);
  return { path: rel, message: `${op} ${rel || '.'}: ${reason}`, code: e?.code };
}

function kindOf(d: fs.Dirent | fs.Stats): EntryKind | 'dir' {
  if (d.isDirectory()) return 'dir';
  if (d.isFile()) return 'file';
  if (d.isSymbolicLink()) return 'symlink';
  return 'other';
}

/**
 * Where the walk puts what it finds. The in-memory tree is one sink; the worker's flat arrays
 * (scanFlat.ts) are another, so a million-entry scan never builds objects it would only encode.
 */
export interface WalkSink<D> {
  /** Relative path of a directory the sink handed out ('' for the root). */
  pathOf(dir: D): string;
  /** The directory could not be read. */
  failed(dir: D, message: string): void;
  file(dir: D, name: string, kind: EntryKind, size: number): void;
  /** A subdirectory at `rel`; returns the handle the walk will read it with. */
  dir(parent: D, name: string, rel: string): D;
}

const TREE: WalkSink<DirEntry> = {
  pathOf: (d) => d.path,
  failed: (d, message) => { d.error = message; },
  file: (d, name, kind, size) => addFile(d, makeFile(name, kind, size)),
  dir: (parent, name) => { const child = newDir(name, parent); addDir(parent, child); return child; },
};

interface Frame<D> { abs: string; dir: D }

/**
 * Walks `absDir` (already known to be a directory) into `into`, which gets its children.
 * Returns the number of files and bytes seen. Never throws for disk errors: they become issues.
 */
export function walkInto(absDir: string, into: DirEntry, errors: ScanIssue[], opts: WalkOptions = {}): WalkProgress {
  return walkWith(TREE, absDir, into, errors, opts);
}

/** walkInto for any sink. */
export function walkWith<D>(sink: WalkSink<D>, absDir: string, into: D, errors: ScanIssue[], opts: WalkOptions = {}): WalkProgress {
  const every = opts.progressEvery ?? 4096;
  const seen: WalkProgress = { files: 0, bytes: 0 };
  let nextReport = every;
  const stack: Array<Frame<D>> = [{ abs: absDir, dir: into }];
  while (stack.length > 0) {
    const { abs, dir } = stack.pop()!;
    const entries = readDir(sink, abs, dir, errors, opts.hooks);
    if (entries) addEntries(sink, abs, dir, entries, stack, errors, seen);
    if (opts.onProgress && seen.files >= nextReport) {
      nextReport = seen.files + every;
      opts.onProgress({ files: seen.files, bytes: seen.bytes });
    }
  }
  opts.onProgress?.({ files: seen.files, bytes: seen.bytes });
  return seen;
}

/** The hot loop: one lstat per non-directory (readdir's d_type already names directories). */
function addEntries<D>(sink: WalkSink<D>, abs: string, dir: D, entries: fs.Dirent[], stack: Array<Frame<D>>, errors: ScanIssue[], seen: WalkProgress): void {
  const rel = sink.pathOf(dir);
  const prefix = rel === '' ? '' : rel + '/';
  for (let i = 0; i < entries.length; i++) {
    const ent = entries[i];
    const name = ent.name;
    const childAbs = abs + '/' + name;
    let kind = kindOf(ent);
    if (kind !== 'dir') {
      const st = lstatEntry(childAbs, prefix + name, errors);
      if (!st) continue;
      kind = kindOf(st); // may have become a directory since readdir
      if (kind !== 'dir') {
        // FIFOs and devices travel as bare tar headers and are never opened: size 0. (The
        // classic builder skips sockets altogether; we still list them, as 'other'.)
        const size = kind === 'other' ? 0 : small(st.size);
        sink.file(dir, name, kind, size);
        seen.files++;
        seen.bytes += size;
        continue;
      }
    }
    stack.push({ abs: childAbs, dir: sink.dir(dir, name, prefix + name) });
  }
}

function readDir<D>(sink: WalkSink<D>, abs: string, dir: D, errors: ScanIssue[], hooks?: WalkHooks): fs.Dirent[] | null {
  const rel = sink.pathOf(dir);
  try {
    hooks?.beforeReaddir?.(abs, rel);
    const list = fs.readdirSync(abs, { withFileTypes: true });
    hooks?.afterReaddir?.(abs, rel);
    return list;
  } catch (err) {
    const found = issue(rel, 'open', err);
    sink.failed(dir, found.message);
    errors.push(found);
    return null;
  }
}

function lstatEntry(abs: string, rel: string, errors: ScanIssue[]): fs.Stats | null {
  try {
    const st = fs.lstatSync(abs, { throwIfNoEntry: false }) ?? (rel.includes('\uFFFD') ? lstatRawName(abs) : undefined);
    if (st) return st;
    errors.push({ path: rel, code: 'ENOENT', message: `lstat ${rel}: no such file or directory (removed during the scan)` });
  } catch (err) {
    errors.push(issue(rel, 'lstat', err));
  }
  return null;
}

/**
 * Node decodes a name that is not valid UTF-8 lossily, so the string path no longer names the
 * file; re-read the directory as bytes to stat it. The model keeps the lossy name.
 */
function lstatRawName(abs: string): fs.Stats | undefined {
  const cut = abs.lastIndexOf('/');
  const parent = abs.slice(0, cut), name = abs.slice(cut + 1);
  const raw = fs.readdirSync(parent, { encoding: 'buffer' }).find((b) => b.toString() === name);
  return raw ? fs.lstatSync(Buffer.concat([Buffer.from(parent + '/'), raw]), { throwIfNoEntry: false }) : undefined;
}

/** lstat one path for incremental updates; null when it does not exist. */
export function statPath(abs: string): { kind: EntryKind | 'dir'; size: number } | null {
  let st: fs.Stats | undefined;
  try { st = fs.lstatSync(abs, { throwIfNoEntry: false }); } catch { return null; }
  if (!st) return null;
  const kind = kindOf(st);
  return { kind, size: kind === 'other' || kind === 'dir' ? 0 : small(st.size) };
}

// A file's kind lives on its class's prototype, not in each of a million files (8 bytes each).
class RegularFile implements FileEntry {
  declare readonly kind: EntryKind;
  constructor(readonly name: string, public size: number, public excludedBy: number) {}
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
