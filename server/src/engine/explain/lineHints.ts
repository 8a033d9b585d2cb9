// Each line of an ignore file, seen through: what it keeps out now (or re-includes) for the builds
// using the file (issue 16). Read from the per-pattern totals every scan keeps (`patternStats`,
// the "excluded by pattern" of `buildctx context`), never from a walk of the tree, so the hints
// keep up with typing on a 198k-file context.
import type { ContextScan } from '../context/model';
import type { IgnorePattern } from '../dockerignore/read';
import { lineStarts, lineText } from '../edits';
import { formatBytes, formatFiles } from '../format';
import { directMatcher } from '../rules/support/match';
import { floats } from '../rules/support/deeper';

/** One scan of a context that uses the ignore file, matched with the text on screen. */
export interface LineScan {
  scan: ContextScan;
  /** Indices (into `scan.patterns`) of the exclusions that match nothing in the tree. */
  unmatched: ReadonlySet<number>;
  /** How people know the context: "context `.` (Makefile:12), buildkit". */
  name: string;
}

/**
 * What a line does now. `overridden`: it matches something, but other lines decide all of it;
 * `rootless`: written root-anchored, it matches nothing at the root, only deeper down.
 */
export type LineEffect =
  | { kind: 'out' | 'in'; files: number; bytes: number }
  | { kind: 'nothing' | 'rootless' | 'overridden' | 'in-none' };

export interface LineHint {
  line: number;
  /** The end of the line, where the hint sits. */
  character: number;
  label: string;
  /** Per context, when several contexts use the file and they differ. */
  tooltip?: string;
}

/** The effect of pattern `index` of `s.scan`. */
export function effectOf(s: LineScan, index: number): LineEffect {
  const p = s.scan.patterns[index]!;
  const t = s.scan.patternStats[index]?.decided ?? { files: 0, bytes: 0 };
  if (t.files > 0) return { kind: p.negate ? 'in' : 'out', files: t.files, bytes: t.bytes };
  if (p.negate) return { kind: 'in-none' };
  // A root-anchored name is matched against the root's entries only, whatever the tree holds
  // below: cheap, and exact where `unmatched` counts deeper names as matches (they are
  // root-anchored-pattern's business, not dead lines).
  if (floats(p)) return matchesAtRoot(s.scan, p) ? { kind: 'overridden' } : rootless(s, index);
  return s.unmatched.has(index) ? { kind: 'nothing' } : { kind: 'overridden' };
}

function rootless(s: LineScan, index: number): LineEffect {
  return s.unmatched.has(index) ? { kind: 'nothing' } : { kind: 'rootless' };
}

function matchesAtRoot(scan: ContextScan, p: IgnorePattern): boolean {
  const test = directMatcher(p, scan.builder);
  if (!test) return false;
  for (const name of scan.root.dirs.keys()) if (test(name)) return true;
  for (const name of scan.root.files.keys()) if (test(name)) return true;
  return false;
}

// U+2212, the minus sign: a hyphen reads as a dash beside the figures.
export function effectLabel(e: LineEffect): string {
  switch (e.kind) {
    case 'out':
      return `\u2212${formatFiles(e.files)} · ${formatBytes(e.bytes)}`;
    case 'in':
      return `+${formatFiles(e.files)} · ${formatBytes(e.bytes)} re-included`;
    case 'nothing':
      return 'matches nothing';
    case 'rootless':
      return 'matches nothing at the root';
    case 'overridden':
      return 'keeps out nothing (other lines decide)';
    case 'in-none':
      return 're-includes nothing';
  }
}

const RANK: Record<LineEffect['kind'], number> = {
  out: 0,
  in: 0,
  overridden: 1,
  rootless: 2,
  'in-none': 3,
  nothing: 3,
};

/** Of several contexts' effects, the one to show: the most kept out (or re-included), else the most alive. */
function strongest(effects: LineEffect[]): LineEffect {
  return effects.reduce((a, b) => {
    if (RANK[a.kind] !== RANK[b.kind]) return RANK[a.kind] < RANK[b.kind] ? a : b;
    if ('bytes' in a && 'bytes' in b) return b.bytes > a.bytes || (b.bytes === a.bytes && b.files > a.files) ? b : a;
    return a;
  });
}

/** The hint of every pattern line, in line order; none when no scan matches the text yet. */
export function lineHints(text: string, scans: LineScan[]): LineHint[] {
  const perLine = new Map<number, Array<{ s: LineScan; e: LineEffect }>>();
  for (const s of scans) {
    s.scan.patterns.forEach((p, i) => {
      if (p.line < 0) return; // synthetic (the classic builder's always-sent files)
      const at = perLine.get(p.line) ?? [];
      at.push({ s, e: effectOf(s, i) });
      perLine.set(p.line, at);
    });
  }
  const starts = lineStarts(text);
  return [...perLine.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([line, all]) => {
      const labels = all.map((x) => effectLabel(x.e));
      const hint: LineHint = {
        line,
        character: lineText(text, line, starts).length,
        label: effectLabel(strongest(all.map((x) => x.e))),
      };
      if (new Set(labels).size > 1) hint.tooltip = all.map((x, i) => `${x.s.name}: ${labels[i]}`).join('\n');
      return hint;
    });
}
