// Moving a scan from the worker to its caller. Structured-cloning a tree of Maps with a million
// objects costs seconds and doubles memory, so the worker writes typed arrays, names included
// as UTF-8 bytes, all moved (transferred), never copied; the caller rebuilds the tree in slices
// (decode.ts), yielding to its event loop between slices so an editor stays responsive.
import type { ContextScan, EntryKind } from '../model';

/** Up to CHUNK entries, in walk order; each directory's entry comes before its contents. */
export interface EncodedChunk {
  /** Names not in the name table, UTF-8, each followed by a NUL byte (no file name can contain one). */
  names: Uint8Array;
  /** Per entry: index of its name in the name table, or -1 when it is the next one in `names`. */
  refs: Int32Array;
  /** Per entry: number of its directory (0 = root; directories are numbered as they appear). */
  parents: Int32Array;
  /** 0 directory, 1 file, 2 symlink, 3 other. */
  kinds: Uint8Array;
  sizes: Float64Array;
  by: Int32Array;
}

export interface EncodedScan {
  head: Omit<ContextScan, 'root'>;
  /** Fixed-size chunks: the writer never copies to grow, and the reader drops each once rebuilt. */
  chunks: Array<EncodedChunk | undefined>;
  dirErrors: Array<[number, string]>;
}

const KIND_CODE: Record<EntryKind | 'dir', number> = { dir: 0, file: 1, symlink: 2, other: 3 };
const CHUNK = 1 << 16;

/**
 * Repeated names are sent once: 1.8M entries of the 1M-file bench hold 735k distinct names
 * (`http`, `util`, `index.js` in every package). Writer and reader keep the same table of the
 * last NAME_TABLE new names, so an entry can name one by index; sharing the string also saves
 * the reader ~32 bytes per repeat, and deciding here means the reader makes no throw-away copy.
 */
export const NAME_TABLE = 1 << 16;

/** The reader's side of the name table; the writer's is a Map with the same indices. */
export class NameTable {
  private readonly names: string[] = [];
  get(i: number): string {
    return this.names[i]!;
  }
  /** Mirrors ScanWriter's table: a full table starts over. */
  add(name: string): void {
    if (this.names.length === NAME_TABLE) this.names.length = 0;
    this.names.push(name);
  }
}

/** A growable UTF-8 buffer of NUL-terminated names. */
class NameBytes {
  private bytes: Uint8Array;
  private used = 0;
  private readonly encoder = new TextEncoder();
  constructor(estimate: number) {
    this.bytes = new Uint8Array(Math.max(64, estimate));
  }

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

  /** The names, in a buffer of their exact size (it is transferred whole). */
  done(): Uint8Array {
    return this.bytes.slice(0, this.used);
  }
}

/** Writes entries into chunks; directories are numbered in the order they are added. */
export class ScanWriter {
  private readonly chunks: EncodedChunk[] = [];
  private cur = ScanWriter.chunk();
  private names = new NameBytes(CHUNK * 16);
  private readonly table = new Map<string, number>();
  private at = 0;
  /** Directories so far, the root included: the number the next directory gets. */
  dirCount = 1;

  private static chunk(): EncodedChunk {
    return {
      names: new Uint8Array(0),
      refs: new Int32Array(CHUNK),
      parents: new Int32Array(CHUNK),
      kinds: new Uint8Array(CHUNK),
      sizes: new Float64Array(CHUNK),
      by: new Int32Array(CHUNK),
    };
  }

  /** Adds an entry; returns its directory number for a directory, -1 otherwise. */
  add(parent: number, kind: EntryKind | 'dir', size: number, by: number, name: string): number {
    if (this.at === CHUNK) this.seal();
    const c = this.cur,
      e = this.at++;
    c.parents[e] = parent;
    c.kinds[e] = KIND_CODE[kind];
    c.sizes[e] = size;
    c.by[e] = by;
    this.addName(c, e, name);
    return kind === 'dir' ? this.dirCount++ : -1;
  }

  private addName(c: EncodedChunk, e: number, name: string): void {
    const known = this.table.get(name);
    if (known !== undefined) {
      c.refs[e] = known;
      return;
    }
    c.refs[e] = -1;
    this.names.add(name);
    if (this.table.size === NAME_TABLE) this.table.clear();
    this.table.set(name, this.table.size);
  }

  /** Forgets every verdict written so far (a pattern failed: the build decides nothing). */
  undecide(): void {
    for (const c of [...this.chunks, this.cur]) c.by.fill(-1);
  }

  private seal(): void {
    const c = this.cur,
      n = this.at;
    const exact =
      n === CHUNK
        ? c
        : {
            names: c.names,
            refs: c.refs.slice(0, n),
            parents: c.parents.slice(0, n),
            kinds: c.kinds.slice(0, n),
            sizes: c.sizes.slice(0, n),
            by: c.by.slice(0, n),
          };
    exact.names = this.names.done();
    this.chunks.push(exact);
    this.cur = ScanWriter.chunk();
    this.names = new NameBytes(CHUNK * 16);
    this.at = 0;
  }

  finish(
    head: EncodedScan['head'],
    dirErrors: EncodedScan['dirErrors'],
  ): { encoded: EncodedScan; transfer: ArrayBuffer[] } {
    if (this.at > 0 || this.chunks.length === 0) this.seal();
    const transfer = this.chunks.flatMap(
      (c) =>
        [c.names.buffer, c.refs.buffer, c.parents.buffer, c.kinds.buffer, c.sizes.buffer, c.by.buffer] as ArrayBuffer[],
    );
    return { encoded: { head, chunks: this.chunks, dirErrors }, transfer };
  }
}
