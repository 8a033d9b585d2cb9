// The context summary (status bar, tooltip) for one document, and the parts of it the report
// (features/report.ts) shares, read from the live scan entry so they follow incremental updates.
import type { ContextScan } from '../engine/context/model';
import { computeTransfer, type TransferResult } from '../engine/context/transfer';
import { parseDockerfile } from '../engine/dockerfile';
import { lineText } from '../engine/edits';
import type { Finding, Totals } from '../engine/types';
import { buildModel, type BuildModel } from '../engine/rules/support/inputs';
import type { ContextSummary, CopyTransfer, ExclusionFigure, PathFigure, SavingFigure } from '../protocol';
import type { Build, Project } from '../workspace/project';
import { docKind } from '../workspace/project';
import { uriToPath } from '../workspace/files';
import type { Checks } from './checks';

export interface SizeDeps {
  project: Project;
  checks: Checks;
  languageOf(uri: string): string | undefined;
}

/** Builds of a document: the last check's, or resolved now for a document not checked yet. */
export async function buildsOf(d: SizeDeps, uri: string): Promise<Build[]> {
  const known = d.checks.results.get(uri)?.result.builds;
  if (known) return known;
  const file = uriToPath(uri);
  const kind = docKind(file, d.languageOf(uri));
  if (kind === 'dockerfile') return d.project.buildsOfDockerfile(file);
  if (kind === 'ignorefile') return d.project.buildsUsingIgnoreFile(file);
  return [];
}

export async function contextSummary(d: SizeDeps, uri: string): Promise<ContextSummary | null> {
  const builds = await buildsOf(d, uri);
  const b = builds[0];
  if (!b) return null;
  return summaryOf(d, uri, b, builds.length, d.checks.results.get(uri)?.result.findings ?? []);
}

/** The summary of one build of `uri` (the report may show another build of the same context). */
export async function summaryOf(
  d: SizeDeps,
  uri: string,
  b: Build,
  builds: number,
  findings: Finding[],
): Promise<ContextSummary> {
  const settings = await d.project.settingsFor(uriToPath(uri));
  const entry = d.project.contexts.get(b.entry.key) ?? b.entry;
  const scan = entry.scan;
  return {
    uri,
    dockerfile: b.info.dockerfile,
    contextDir: b.info.contextDir,
    ignoreFile: scan ? scan.ignoreFile : b.info.ignoreFile,
    builder: b.info.builder,
    provenance: b.info.provenance,
    state: entry.running ? 'scanning' : entry.failed ? 'failed' : 'ready',
    progress: entry.progress,
    sent: scan ? { ...scan.sent } : null,
    excluded: scan ? { ...scan.excluded } : null,
    transferred: scan ? (transferOf(d, b, scan)?.transferred ?? null) : null,
    ...usageOf(d, b),
    largest: scan ? outermostLargest(scan, 5) : [],
    exclusions: scan ? exclusions(scan) : [],
    savings: savings(findings),
    contextSizeWarning: settings.contextSizeWarning,
    fatal: scan?.fatal ? `${scan.fatal.message} (${scan.fatal.file}:${scan.fatal.line + 1})` : entry.failed,
    builds,
  };
}

/** The live scan of a build and its input model, once that has landed in the background. */
export function modelOf(d: SizeDeps, b: Build): { scan: ContextScan | null; model: BuildModel | undefined } {
  // The live scan, as the sizes beside it: the build's own may be an older object.
  const scan = (d.project.contexts.get(b.entry.key) ?? b.entry).scan;
  return { scan, model: scan ? buildModel(d.project.work, { ...b.info, scan }, d.project.files) : undefined };
}

/** Needed vs unused from the build-input model, once it has landed in the background. */
export interface Usage {
  needed: Totals | null;
  unused: Totals | null;
  /** Top-level folders the build sends and reads nothing of, largest first. */
  unusedDirs: Array<Totals & { path: string }>;
}

export function usageOf(d: SizeDeps, b: Build): Usage {
  const { scan, model } = modelOf(d, b);
  if (!scan || !model) return { needed: null, unused: null, unusedDirs: [] };
  const unusedDirs = [...scan.root.dirs.values()]
    .filter((dir) => dir.sent.files > 0 && !model.split.folders.get(dir)?.read && !model.split.folders.get(dir)?.maybe)
    .map((dir) => ({ path: `${dir.path}/`, ...dir.sent }))
    .sort((x, y) => y.bytes - x.bytes);
  return { needed: { ...model.split.needed }, unused: { ...model.split.unused }, unusedDirs };
}

// The status bar asks after every context event; the transfer only changes with the scan
// (new object or bumped generation) or the Dockerfile text.
const transfers = new WeakMap<ContextScan, { key: string; result: TransferResult | null }>();

export function transferOf(d: SizeDeps, b: Build, scan: ContextScan): TransferResult | null {
  const text = d.project.files.readText(b.info.dockerfile);
  if (text === undefined) return null;
  const entry = d.project.contexts.get(b.entry.key) ?? b.entry;
  const key = `${entry.generation}\0${b.info.dockerfile}\0${text}`;
  const hit = transfers.get(scan);
  if (hit?.key === key) return hit.result;
  let result: TransferResult | null;
  try {
    result = computeTransfer(scan, parseDockerfile(text));
  } catch {
    result = null; // a half-typed Dockerfile must not take the status bar down
  }
  transfers.set(scan, { key, result });
  return result;
}

/**
 * The largest directories without nesting (`vendor`, not also `vendor/x`): exactly the
 * top-level ones by size, since a directory never outweighs its parent. Reading only the
 * root keeps the summary O(top-level) on a 198k-file tree, where ranking every directory
 * took hundreds of milliseconds.
 */
export function outermostLargest(scan: ContextScan, n: number): PathFigure[] {
  return [...scan.root.dirs.values()]
    .filter((d) => d.sent.files > 0)
    .map((d) => ({ path: d.path, files: d.sent.files, bytes: d.sent.bytes }))
    .sort((a, b) => b.bytes - a.bytes || b.files - a.files || (a.path < b.path ? -1 : 1))
    .slice(0, n);
}

function exclusions(scan: ContextScan): ExclusionFigure[] {
  const out: ExclusionFigure[] = [];
  for (const st of scan.patternStats) {
    const p = scan.patterns[st.index];
    if (!p) continue;
    const written = p.raw.trim();
    out.push({
      pattern: p.negate ? written.replace(/^!/, '') : written,
      negate: p.negate,
      line: p.line,
      ...st.decided,
    });
  }
  return out.sort((a, b) => b.bytes - a.bytes || a.line - b.line);
}

function savings(findings: Finding[]): SavingFigure[] {
  return findings
    .filter((f) => f.cost && f.cost.bytes > 0)
    .map((f) => ({ ruleId: f.ruleId, message: f.message, files: f.cost!.files, bytes: f.cost!.bytes }))
    .sort((a, b) => b.bytes - a.bytes);
}

export function copies(d: SizeDeps, b: Build, scan: ContextScan): CopyTransfer[] {
  const t = transferOf(d, b, scan);
  const text = d.project.files.readText(b.info.dockerfile) ?? '';
  if (!t) return [];
  return t.copies.map((c) => ({
    line: c.line,
    instruction: lineText(text, c.line).trim().slice(0, 160),
    sources: c.sources.map((s) => s.contextPath),
    transferred: c.reachable ? { files: c.files, bytes: c.bytes } : null,
  }));
}
