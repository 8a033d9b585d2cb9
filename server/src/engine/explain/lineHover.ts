// The hover on an ignore-file line (issue 16): what the line keeps out now, a few paths it
// matches with the line that decides each (a later `!` line may override it), and for a
// root-anchored pattern what `**/` would add, naming the build inputs among those paths.
import type { TreeWork } from '../background/treeWork';
import type { ContextScan } from '../context/model';
import { findDir, lookup } from '../context/queries';
import type { BuildInfo } from '../build/types';
import type { InputHit } from '../inputs/types';
import type { FileAccess, Totals } from '../types';
import { formatNumber, formatTotals, plural } from '../format';
import { deeperMatches, floats } from '../rules/support/deeper';
import { buildModel, type BuildModel } from '../rules/support/inputs';
import { examplesOf, type Example } from './examples';
import { effectOf, type LineEffect, type LineScan } from './lineHints';

/** A scan of a context using the ignore file, and the builds (Dockerfiles) that share it. */
export interface HoverScan extends LineScan {
  builds: BuildInfo[];
}

export interface HoverDeps {
  work: TreeWork;
  fs: FileAccess;
}

const MAX_PATHS = 5;

/** Markdown for pattern `index` of `s.scan`. */
export function describeLine(d: HoverDeps, s: HoverScan, index: number): string {
  const p = s.scan.patterns[index]!;
  const out = [`**\`${p.raw.trim()}\`** ${headline(effectOf(s, index))}`];
  const examples = examplesOf(s.scan, p, MAX_PATHS);
  if (examples.length > 0) out.push('', 'Matches, for example:', ...examples.map((x) => exampleLine(s.scan, x, index)));
  if (floats(p)) out.push(...widened(d, s, index));
  out.push('', s.name);
  return out.join('\n');
}

function headline(e: LineEffect): string {
  switch (e.kind) {
    case 'out':
      return `keeps out **${formatTotals(e)}**`;
    case 'in':
      return `re-includes **${formatTotals(e)}**`;
    case 'nothing':
      return 'matches nothing in this context';
    case 'rootless':
      return 'matches nothing at the context root';
    case 'overridden':
      return 'keeps out nothing: other lines decide every path it matches';
    case 'in-none':
      return 're-includes nothing';
  }
}

function exampleLine(scan: ContextScan, x: Example, index: number): string {
  const fate = x.excluded ? 'kept out' : 'sent';
  const by = scan.patterns[x.by];
  let who: string;
  if (x.by === index) who = 'this line';
  else if (by) who = `line ${by.line + 1} \`${by.raw.trim()}\``;
  else if (x.by >= 0) who = 'the builder, which always sends it';
  else who = 'no line';
  return `- \`${x.path}\`: ${fate}, decided by ${who}`;
}

/** What `**\/<pattern>` would also keep out, and which of it the builds read. */
function widened(d: HoverDeps, s: HoverScan, index: number): string[] {
  const p = s.scan.patterns[index]!;
  const deeper = deeperMatches(s.scan, [p])[0];
  if (!deeper || deeper.paths.size === 0) return [];
  const paths = [...deeper.paths].sort();
  const models = s.builds.map((b) => buildModel(d.work, { ...b, scan: s.scan }, d.fs));
  const ready = models.filter((m): m is BuildModel => m !== undefined);
  const out = [
    '',
    `Matches only at the context root. \`**/${p.raw.trim()}\` would also keep out ` +
      `${plural(paths.length, 'path')} below it (${formatTotals(deeper.totals)}):`,
    ...paths.slice(0, MAX_PATHS).map((x) => `- \`${x}\` ${sizeOf(s.scan, x)}${inputNote(s.scan, ready, x)}`),
  ];
  if (paths.length > MAX_PATHS) out.push(`- … and ${formatNumber(paths.length - MAX_PATHS)} more`);
  if (ready.length < models.length) out.push('', '_Which of them the build reads is still being worked out._');
  return out;
}

function sizeOf(scan: ContextScan, x: string): string {
  if (x.endsWith('/')) {
    const dir = findDir(scan.root, x.slice(0, -1));
    return dir ? formatTotals(dir.sent) : '';
  }
  const f = lookup(scan, x);
  const t: Totals = { files: 1, bytes: f && 'size' in f ? f.size : 0 };
  return formatTotals(t);
}

/**
 * " · **build input**: <why>" when some build reads the path (or, "may be", cannot be proven not
 * to: a maybe counts as read for every fix), else nothing.
 */
function inputNote(scan: ContextScan, models: BuildModel[], x: string): string {
  let maybe = '';
  for (const m of models) {
    const hit = inputAt(scan, m, x);
    if (!hit) continue;
    const note = `${hit.entry.reason}${hit.path === x ? '' : ` (\`${hit.path}\`)`}`;
    if (hit.entry.certainty === 'read') return ` · **build input**: ${note}`;
    maybe ||= ` · **may be a build input**: ${note}`;
  }
  return maybe;
}

function inputAt(scan: ContextScan, m: BuildModel, x: string): InputHit | null {
  if (!x.endsWith('/')) return m.index.hit(x) ?? null;
  const dir = findDir(scan.root, x.slice(0, -1));
  return (dir && m.split.folders.get(dir)?.first) ?? null;
}
