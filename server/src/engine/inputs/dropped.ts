// Whether excluding more would take away something the build reads: the proof every fix that
// removes paths from a context must pass before it may be called safe. Only folders holding
// inputs are visited, so the answer costs the size of the inputs, not of the tree.
import type { ContextScan, DirEntry } from '../context/model';
import type { FolderInputs } from './classify';
import type { InputIndex } from './lookup';
import type { InputHit } from './types';

export type PathTest = (relPath: string) => boolean;

export interface Dropped {
  hit: InputHit;
  /** Inputs it would drop in all (files). */
  count: number;
}

/**
 * The inputs that new exclusions (each a test of whether a pattern matches a path itself)
 * would take out of the sent context; null when none.
 */
export function droppedInputs(
  scan: Pick<ContextScan, 'root'>,
  index: InputIndex,
  folders: Map<DirEntry, FolderInputs>,
  tests: PathTest[],
): Dropped | null {
  let out: Dropped | null = null;
  const note = (hit: InputHit, n: number): void => {
    if (!out) out = { hit, count: 0 };
    else if (out.hit.entry.certainty === 'maybe' && hit.entry.certainty === 'read') out.hit = hit;
    out.count += n;
  };
  const matches = (p: string): boolean => tests.some((t) => t(p));
  const walk = (d: DirEntry): void => {
    for (const c of d.dirs.values()) {
      const f = folders.get(c);
      if (!f) continue;
      if (matches(c.path)) note(f.first!, f.read + f.maybe);
      else walk(c);
    }
    for (const file of d.files.values()) {
      if (file.excludedBy >= 0) continue;
      const p = d.path === '' ? file.name : `${d.path}/${file.name}`;
      if (!matches(p)) continue;
      const hit = index.hit(p);
      if (hit) note(hit, 1);
    }
  };
  if (folders.has(scan.root)) walk(scan.root);
  return out;
}
