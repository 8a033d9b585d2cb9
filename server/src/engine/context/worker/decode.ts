// Rebuilding a scan from its encoding (encode.ts) on the caller's thread, in time slices.
// At a million entries the rebuilt tree is most of the process's memory, so the rebuild makes
// as little garbage as it can: each directory's children become one exact-size map at once,
// names are copied out one by one (a slice of one big string would keep all of it alive) and
// shared when repeated (see NameTable), and each chunk is dropped as soon as it is read.
import type { ContextScan, DirEntry, EntryKind, FileEntry } from '../model';
import { NameTable, type EncodedChunk, type EncodedScan } from './encode';
import { countFile, makeFile, newDir, rollUp, small } from '../tree/nodes';
import { EntryMap } from '../tree/entryMap';

export interface DecodePacing {
  /** Longest stretch of work between pauses, in ms (an editor should never stall visibly). */
  budgetMs: number;
  /** Entries between clock reads. */
  checkEvery: number;
}

const KINDS: Array<EntryKind | 'dir'> = ['dir', 'file', 'symlink', 'other'];

/**
 * Rebuilds the scan, awaiting `pause()` whenever a slice of work has used its time budget.
 * Time-based, not count-based: on a loaded machine 50k entries took 2 s in one go. Short
 * slices, because an editor's request waits for the slice in progress and the collections it
 * triggers: with 3 ms slices instead of 8 the worst diagnostics latency during a 1M-file
 * rebuild went from ~330 ms to ~220 ms (loaded machine). The young generation is not held
 * small here (unlike the walk, scan/gc.ts): a rebuild allocating into a 1 MB young generation
 * spent about half its time in scavenges, and the server's peak memory, reached later, did
 * not move.
 * Consumes `enc`: its chunks are released as they are read.
 */
export function decodeScan(
  enc: EncodedScan,
  pause: () => Promise<void>,
  pacing: DecodePacing = { budgetMs: 3, checkEvery: 256 },
): Promise<ContextScan> {
  return rebuild(enc, pause, pacing);
}

/** Collects one directory's children while its entries run, then gives it exact-size maps. */
class Children {
  private parent = -1;
  private readonly dirs: DirEntry[] = [];
  private readonly files: FileEntry[] = [];

  add(parent: number, all: DirEntry[], child: DirEntry | FileEntry, isDir: boolean): void {
    if (parent !== this.parent) this.flush(all, parent);
    if (isDir) this.dirs.push(child as DirEntry);
    else this.files.push(child as FileEntry);
  }

  flush(all: DirEntry[], next = -1): void {
    if (this.parent >= 0) {
      const d = all[this.parent];
      // Entries of one directory are contiguous in every encoding we write; merge if not.
      if (this.dirs.length > 0) d.dirs = EntryMap.of(this.dirs, d.dirs);
      if (this.files.length > 0) d.files = EntryMap.of(this.files, d.files);
    }
    this.parent = next;
    this.dirs.length = 0;
    this.files.length = 0;
  }
}

async function rebuild(enc: EncodedScan, pause: () => Promise<void>, pacing: DecodePacing): Promise<ContextScan> {
  const root = newDir('', null);
  const dirs: DirEntry[] = [root];
  const kids = new Children();
  const table = new NameTable();
  let sliceStart = performance.now();
  // Checked inline, awaited only when due: an await per entry would cost 1.8M microtasks.
  const due = (i: number): boolean => i % pacing.checkEvery === 0 && performance.now() - sliceStart >= pacing.budgetMs;
  const rest = async (): Promise<void> => {
    await pause();
    sliceStart = performance.now();
  };
  for (let ci = 0; ci < enc.chunks.length; ci++) {
    const c = enc.chunks[ci]!;
    enc.chunks[ci] = undefined;
    const names = Buffer.from(c.names.buffer, c.names.byteOffset, c.names.byteLength);
    let at = 0;
    for (let e = 0; e < c.parents.length; e++) {
      if (due(e)) await rest();
      let name: string;
      if (c.refs[e] >= 0) name = table.get(c.refs[e]);
      else {
        const cut = names.indexOf(0, at);
        name = names.toString('utf8', at, cut);
        at = cut + 1;
        table.add(name);
      }
      rebuildEntry(c, e, name, dirs, kids);
    }
  }
  kids.flush(dirs);
  for (const [di, message] of enc.dirErrors) dirs[di].error = message;
  // Every directory comes after its parent, so going backwards sums each subtree bottom-up.
  for (let i = dirs.length - 1; i > 0; i--) {
    if (due(i)) await rest();
    rollUp(dirs[i]);
  }
  return { ...enc.head, root };
}

function rebuildEntry(c: EncodedChunk, e: number, name: string, dirs: DirEntry[], kids: Children): void {
  const parent = dirs[c.parents[e]];
  const kind = KINDS[c.kinds[e]];
  if (kind === 'dir') {
    const d = newDir(name, parent);
    d.excludedBy = c.by[e];
    kids.add(c.parents[e], dirs, d, true);
    dirs.push(d);
    return;
  }
  const size = small(c.sizes[e]);
  kids.add(c.parents[e], dirs, makeFile(name, kind, size, c.by[e]), false);
  countFile(parent, size, c.by[e] >= 0);
}
