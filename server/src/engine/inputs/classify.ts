// The context tree seen through the model: per folder, how much of what is sent the build
// reads, and the split the report shows (needed / sent but unused / excluded). One pass over
// the tree, in steps, so the language server can run it in its background slices.
import type { ContextScan, DirEntry } from '../context/model';
import type { Totals } from '../types';
import type { InputIndex } from './lookup';
import type { InputHit } from './types';

export interface FolderInputs {
  /** Files below the folder the build reads for sure, and those it may read. */
  read: number;
  maybe: number;
  /** Their bytes: the needed part of the folder, which the report draws. */
  bytes: number;
  /** One of them, for messages. */
  first: InputHit | null;
}

export interface InputSplit {
  needed: Totals;
  unused: Totals;
  excluded: Totals;
  /** Inputs the ignore file keeps out (what input-ignored reports), with the deciding pattern's index. */
  ignoredInputs: Array<InputHit & { pattern: number }>;
  folders: Map<DirEntry, FolderInputs>;
}

const STEP = 2048;

function add(t: Totals, bytes: number): void {
  t.files++;
  t.bytes += bytes;
}

export function* classifySteps(scan: Pick<ContextScan, 'root'>, index: InputIndex): Generator<void, InputSplit> {
  const split: InputSplit = {
    needed: { files: 0, bytes: 0 },
    unused: { files: 0, bytes: 0 },
    excluded: { files: 0, bytes: 0 },
    ignoredInputs: [],
    folders: new Map(),
  };
  let count = 0;
  const walk = function* (d: DirEntry): Generator<void, FolderInputs> {
    const mine: FolderInputs = { read: 0, maybe: 0, bytes: 0, first: null };
    // One path string per folder: its files share it (and its cached hash) for every lookup.
    const dir = d.path;
    // node_modules once an install runs, .git, a folder nothing reaches: its totals, no lookups.
    if (dir !== '' && index.inert(dir)) {
      split.unused.files += d.sent.files;
      split.unused.bytes += d.sent.bytes;
      split.excluded.files += d.excluded.files;
      split.excluded.bytes += d.excluded.bytes;
      return mine;
    }
    const view = d.files.size > 0 ? index.folder(dir) : undefined;
    for (const f of d.files.values()) {
      if (++count % STEP === 0) yield;
      const hit = index.hitIn(dir, f.name, dir === '' ? f.name : `${dir}/${f.name}`, view);
      if (f.excludedBy >= 0) {
        add(split.excluded, f.size);
        if (hit?.entry.certainty === 'read') split.ignoredInputs.push({ ...hit, pattern: f.excludedBy });
        continue;
      }
      if (!hit) {
        add(split.unused, f.size);
        continue;
      }
      add(split.needed, f.size);
      mine.bytes += f.size;
      if (hit.entry.certainty === 'read') mine.read++;
      else mine.maybe++;
      mine.first ??= hit;
    }
    for (const c of d.dirs.values()) {
      const sub = yield* walk(c);
      mine.read += sub.read;
      mine.maybe += sub.maybe;
      mine.bytes += sub.bytes;
      if (!mine.first || (mine.first.entry.certainty === 'maybe' && sub.first?.entry.certainty === 'read'))
        mine.first = sub.first ?? mine.first;
    }
    if (mine.read + mine.maybe > 0) split.folders.set(d, mine);
    return mine;
  };
  yield* walk(scan.root);
  return split;
}

export function classifyTree(scan: Pick<ContextScan, 'root'>, index: InputIndex): InputSplit {
  const g = classifySteps(scan, index);
  for (let r = g.next(); ; r = g.next()) if (r.done) return r.value;
}
