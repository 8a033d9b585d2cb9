// Moving a scan from the worker to its caller. Structured-cloning a tree of Maps with a million
// objects costs seconds and doubles memory, so the worker flattens it into typed arrays, names
// included as UTF-8 bytes, all moved (transferred), never copied; the caller rebuilds the tree
// in slices, yielding to its event loop between slices so an editor stays responsive.
import type { ContextScan, DirEntry, EntryKind, FileEntry } from './model';
import { addDir, addFile, newDir, small, totals } from './scanWalk';
import { EntryMap } from './scanEntryMap';
import { holdYoungGenerationSmall } from './scanGc';

const EMPTY_DIRS = EntryMap.EMPTY as unknown as Map<string, DirEntry>;
const EMPTY_FILES = EntryMap.EMPTY as unknown as Map<string, FileEntry>;

export interface EncodedScan {
  head: Omit<ContextScan, 'root'>;
  /** Entry names, UTF-8, each followed by a NUL byte (no file name can contain one). */
  names: Uint8Array;
  /** Per entry: index of its directory (0 = root; directories are numbered as they appear). */
  parents: Int32Array;
  /** 0 directory, 1 file, 2 symlink, 3 other. */
  kinds: Uint8Array;
  sizes: Float64Array;
  by: Int32Array;
  /** Per directory (root first): sent files, sent bytes, excluded files, excluded bytes. */
  dirTotals: Float64Array;
  dirErrors: Array<[number, string]>;
}

const KINDS: Array<EntryKind | 'dir'> = ['dir', 'file', 'symlink', 'other'];
const KIND_CODE: Record<EntryKind, number> = { file: 1, symlink: 2, other: 3 };

function countTree(root: DirEntry): { entries: number; dirs: number } {
  let entries = 0, dirs = 1;
  const stack = [root];
  while (stack.length > 0) {
    const d = stack.pop()!;
    entries += d.files.size + d.dirs.size;
    dirs += d.dirs.size;
    for (const c of d.dirs.values()) stack.push(c);
  }
  return { entries, dirs };
}

/** A growable UTF-8 buffer of NUL-terminated names. */
class NameBytes {
  private bytes: Uint8Array;
  private used = 0;
  private readonly encoder = new TextEncoder();
  constructor(estimate: number) { this.bytes = new Uint8Array(Math.max(64, estimate)); }

  add(name: string): void {
    // A UTF-16 unit takes at most 3 UTF-8 bytes; grow before encodeInto could truncate.
    const need = this.used + name.length * 3 + 1;
    if (need > this.bytes.length) {
      const bigger = new Uint8Array(Math.max(need, this.bytes.length * 2));
      bigger.set(this.bytes.subarray(0, this.used));
      this.bytes = bigger;
    }
    this.used += this.encoder.encodeInto(name, this.bytes.subarray(this.used)).written;
    this.bytes[this.used++] = 0;
  }

  done(): Uint8Array { return this.bytes.subarray(0, this.used); }
}

export interface EncodeOptions {
  /**
   * Take the tree apart while encoding it, so what is already encoded can be collected and the
   * tree and its encoding are never both whole in memory. `scan.root` is left empty.
   */
  consume?: boolean;
}

export function encodeScan(scan: ContextScan, opts: EncodeOptions = {}): { encoded: EncodedScan; transfer: ArrayBuffer[] } {
  const { root, ...head } = scan;
  const { entries, dirs } = countTree(root);
  const parents = new Int32Array(entries), kinds = new Uint8Array(entries);
  const sizes = new Float64Array(entries), by = new Int32Array(entries);
  const dirTotals = new Float64Array(dirs * 4);
  const names = new NameBytes(entries * 16);
  const dirErrors: Array<[number, string]> = [];
  const queue: Array<DirEntry | undefined> = [root];
  let e = 0;
  for (let di = 0; di < queue.length; di++) {
    const d = queue[di]!;
    dirTotals.set([d.sent.files, d.sent.bytes, d.excluded.files, d.excluded.bytes], di * 4);
    if (d.error !== undefined) dirErrors.push([di, d.error]);
    for (const c of d.dirs.values()) {
      parents[e] = di; kinds[e] = 0; by[e] = c.excludedBy; names.add(c.name); e++;
      queue.push(c);
    }
    for (const f of d.files.values()) {
      parents[e] = di; kinds[e] = KIND_CODE[f.kind]; sizes[e] = f.size; by[e] = f.excludedBy; names.add(f.name); e++;
    }
    if (opts.consume) { queue[di] = undefined; d.dirs = EMPTY_DIRS; d.files = EMPTY_FILES; }
  }
  const nameBytes = names.done();
  const encoded = { head, names: nameBytes, parents, kinds, sizes, by, dirTotals, dirErrors };
  return { encoded, transfer: [nameBytes.buffer, parents.buffer, kinds.buffer, sizes.buffer, by.buffer, dirTotals.buffer] as ArrayBuffer[] };
}

export interface DecodePacing {
  /** Longest stretch of work between pauses, in ms (an editor should never stall visibly). */
  budgetMs: number;
  /** Entries between clock reads. */
  checkEvery: number;
}

/**
 * Rebuilds the scan, awaiting `pause()` whenever a slice of work has used its time budget.
 * Time-based, not count-based: on a loaded machine 50k entries took 2 s in one go.
 */
export async function decodeScan(enc: EncodedScan, pause: () => Promise<void>, pacing: DecodePacing = { budgetMs: 8, checkEvery: 512 }): Promise<ContextScan> {
  const release = holdYoungGenerationSmall();
  try {
    return await rebuild(enc, pause, pacing);
  } finally {
    release();
  }
}

async function rebuild(enc: EncodedScan, pause: () => Promise<void>, pacing: DecodePacing): Promise<ContextScan> {
  // One decode for all names; each name is then a slice of this string.
  // ignoreBOM keeps a name's leading U+FEFF, which the decoder would otherwise swallow.
  const allNames = new TextDecoder('utf-8', { ignoreBOM: true }).decode(enc.names);
  const root = newDir('', '');
  const dirs: DirEntry[] = [root];
  let at = 0;
  let sliceStart = performance.now();
  for (let e = 0; e < enc.parents.length; e++) {
    if (e > 0 && e % pacing.checkEvery === 0 && performance.now() - sliceStart >= pacing.budgetMs) {
      await pause();
      sliceStart = performance.now();
    }
    const cut = allNames.indexOf('\0', at);
    const name = allNames.slice(at, cut);
    at = cut + 1;
    const parent = dirs[enc.parents[e]];
    const kind = KINDS[enc.kinds[e]];
    if (kind === 'dir') {
      const d = newDir(name, parent.path === '' ? name : `${parent.path}/${name}`);
      d.excludedBy = enc.by[e];
      addDir(parent, d);
      dirs.push(d);
    } else {
      addFile(parent, { name, size: small(enc.sizes[e]), kind, excludedBy: enc.by[e] });
    }
  }
  for (let di = 0; di < dirs.length; di++) {
    const t = enc.dirTotals.subarray(di * 4, di * 4 + 4);
    dirs[di].sent = totals(t[0], t[1]);
    dirs[di].excluded = totals(t[2], t[3]);
  }
  for (const [di, message] of enc.dirErrors) dirs[di].error = message;
  return { ...enc.head, root };
}
