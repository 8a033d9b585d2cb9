// Temp trees for the scanner tests: a flat spec of paths to sizes, link targets or text.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after } from 'node:test';
import type { ContextScan, DirEntry } from '../../../server/src/engine/context/model';

export type Spec = Record<string, number | string | { link: string } | { dir: true }>;

const made: string[] = [];
after(() => {
  for (const d of made) fs.rmSync(d, { recursive: true, force: true });
});

/** Creates a fresh temp dir holding `spec`: number = sparse file of that size, string = text. */
export function makeTree(spec: Spec): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'buildctx-scan-'));
  made.push(root);
  writeSpec(root, spec);
  return root;
}

export function writeSpec(root: string, spec: Spec): void {
  for (const [rel, what] of Object.entries(spec)) {
    const p = path.join(root, rel);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    if (typeof what === 'number') {
      fs.writeFileSync(p, '');
      fs.truncateSync(p, what);
    } else if (typeof what === 'string') fs.writeFileSync(p, what);
    else if ('link' in what) fs.symlinkSync(what.link, p);
    else fs.mkdirSync(p, { recursive: true });
  }
}

/** Sent and excluded file paths, sorted, for compact assertions. */
export function verdicts(scan: ContextScan): { sent: string[]; excluded: string[] } {
  const sent: string[] = [],
    excluded: string[] = [];
  const stack = [scan.root];
  while (stack.length > 0) {
    const d = stack.pop()!;
    for (const f of d.files.values())
      (f.excludedBy < 0 ? sent : excluded).push(d.path ? `${d.path}/${f.name}` : f.name);
    stack.push(...d.dirs.values());
  }
  return { sent: sent.sort(), excluded: excluded.sort() };
}

/** A scan in canonical form (children sorted by name, errors by path), for deep comparisons. */
export function normalised(scan: ContextScan): unknown {
  return { ...scan, root: canonical(scan.root), errors: [...scan.errors].sort((a, b) => cmp(a.path, b.path)) };
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function canonical(dir: DirEntry): unknown {
  return {
    name: dir.name,
    path: dir.path,
    excludedBy: dir.excludedBy,
    ...(dir.error === undefined ? {} : { error: dir.error }),
    dirs: [...dir.dirs.values()].sort((a, b) => cmp(a.name, b.name)).map(canonical),
    files: [...dir.files.values()]
      .sort((a, b) => cmp(a.name, b.name))
      .map((f) => ({ name: f.name, size: f.size, kind: f.kind, excludedBy: f.excludedBy })),
    sent: { ...dir.sent },
    excluded: { ...dir.excluded },
  };
}
