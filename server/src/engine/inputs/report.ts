// What `buildctx inputs` and the report show: the inputs grouped by reason, what is sent but
// not read (largest folders first, with why when the model knows), and the inputs the ignore
// file already keeps out.
import type { ContextScan, DirEntry } from '../context/model';
import type { Totals } from '../types';
import { classifyTree } from './classify';
import type { InputIndex } from './lookup';
import type { Certainty } from './types';

export interface InputGroup {
  certainty: Certainty;
  reason: string;
  files: number;
  bytes: number;
  /** A few of its paths, sorted. */
  paths: string[];
}

export interface UnusedDir {
  path: string;
  files: number;
  bytes: number;
  /** Why the model knows it is not needed, when it does. */
  why: string | null;
}

export interface InputsReport {
  needed: Totals;
  unused: Totals;
  excluded: Totals;
  groups: InputGroup[];
  unusedDirs: UnusedDir[];
  ignoredInputs: Array<{ path: string; reason: string; required: boolean }>;
  steps: string[];
}

const SAMPLE = 5;

function groupsOf(scan: Pick<ContextScan, 'root'>, index: InputIndex): InputGroup[] {
  const byReason = new Map<string, InputGroup>();
  const walk = (d: DirEntry): void => {
    for (const f of d.files.values()) {
      if (f.excludedBy >= 0) continue;
      const p = d.path === '' ? f.name : `${d.path}/${f.name}`;
      const hit = index.hit(p);
      if (!hit) continue;
      const key = `${hit.entry.certainty}\0${hit.entry.reason}`;
      const g = byReason.get(key) ?? {
        certainty: hit.entry.certainty,
        reason: hit.entry.reason,
        files: 0,
        bytes: 0,
        paths: [],
      };
      g.files++;
      g.bytes += f.size;
      if (g.paths.length < SAMPLE) g.paths.push(p);
      byReason.set(key, g);
    }
    for (const c of d.dirs.values()) walk(c);
  };
  walk(scan.root);
  const rank = (g: InputGroup): number => (g.certainty === 'read' ? 0 : 1);
  return [...byReason.values()].sort((a, b) => rank(a) - rank(b) || b.bytes - a.bytes || b.files - a.files);
}

/** Top folders (and root files as one row) holding sent files no step reads. */
function unusedDirsOf(scan: Pick<ContextScan, 'root'>, index: InputIndex): UnusedDir[] {
  const out: UnusedDir[] = [];
  const sum = (d: DirEntry, t: Totals): void => {
    for (const f of d.files.values()) {
      const p = d.path === '' ? f.name : `${d.path}/${f.name}`;
      if (f.excludedBy < 0 && !index.hit(p)) {
        t.files++;
        t.bytes += f.size;
      }
    }
    for (const c of d.dirs.values()) sum(c, t);
  };
  for (const d of scan.root.dirs.values()) {
    const t = { files: 0, bytes: 0 };
    sum(d, t);
    if (t.files > 0) out.push({ path: `${d.path}/`, ...t, why: index.notNeeded(d.path)?.reason ?? null });
  }
  return out.sort((a, b) => b.bytes - a.bytes || b.files - a.files);
}

export function inputsReport(scan: Pick<ContextScan, 'root'>, index: InputIndex): InputsReport {
  const split = classifyTree(scan, index);
  return {
    needed: split.needed,
    unused: split.unused,
    excluded: split.excluded,
    groups: groupsOf(scan, index),
    unusedDirs: unusedDirsOf(scan, index),
    ignoredInputs: split.ignoredInputs.map((h) => ({
      path: h.path,
      reason: h.entry.reason,
      required: h.entry.required,
    })),
    steps: index.inputs.steps,
  };
}
