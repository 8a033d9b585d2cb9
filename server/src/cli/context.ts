// `buildctx context [DIR] [-f DOCKERFILE] [--builder ...] [--json] [--files]` (issue 2):
// what the build context holds, what the ignore file keeps out and what each pattern saves,
// and what this Dockerfile actually transfers.
import fs from 'node:fs';
import type { Builder, Totals } from '../engine/types';
import type { ContextScan, ScanIssue } from '../engine/context/model';
import { resolveBuild, type ResolvedBuild } from '../engine/build/resolve';
import { scanContextSync } from '../engine/context/scan/scan';
import { linksOutside, type OutsideLink } from '../engine/context/links';
import { exclusionsByPattern, sentFiles, type DirSize } from '../engine/context/queries';
import { computeTransfer, type TransferResult } from '../engine/context/transfer';
import { parseDockerfile } from '../engine/dockerfile/parse';
import { formatBytes, formatNumber, formatTotals, plural } from '../engine/format';
import { diskAccess } from '../engine/diskAccess';
import { inputIndex } from '../engine/inputs';
import { classifyTree, type InputSplit } from '../engine/inputs/classify';
import { CliError, displayPath, progressLine, table } from './format';

export interface ContextOptions {
  file?: string;
  builder: Builder;
  json?: boolean;
  files?: boolean;
  target?: string;
}

export interface ContextReportJson {
  contextDir: string;
  dockerfile: string;
  ignoreFile: string | null;
  builder: Builder;
  provenance: string;
  totals: Totals;
  /** What the ignore file keeps out of the context. */
  ignored: Totals;
  transferred: Totals;
  /** BuildKit: false when a COPY source has a variable we cannot resolve (`transferred` is a lower bound). */
  transferredExact: boolean;
  /** What is sent split by the build-input model: read or maybe read, sent but unused (`buildctx inputs`). */
  needed: Totals;
  unused: Totals;
  largest: DirSize[];
  excluded: Array<{ pattern: string; line: number; files: number; bytes: number }>;
  copies: Array<{
    line: number;
    instruction: string;
    sources: string[];
    reachable: boolean;
    files: number;
    bytes: number;
  }>;
  errors: ScanIssue[];
  /** Symlinks whose target is outside the context: Docker sends the link, never its target. */
  outsideLinks: OutsideLink[];
  files?: Array<{ path: string; size: number }>;
}

const LARGEST = 10;

/**
 * The largest directories sent, none nested in another: since a directory holds at least as
 * much as any directory below it, these are simply the largest top-level ones (no full-tree sort).
 */
export function largestTopDirs(scan: ContextScan, n: number): DirSize[] {
  return [...scan.root.dirs.values()]
    .filter((d) => d.sent.files > 0)
    .map((d) => ({ path: d.path, files: d.sent.files, bytes: d.sent.bytes }))
    .sort((a, b) => b.bytes - a.bytes || b.files - a.files || (a.path < b.path ? -1 : 1))
    .slice(0, n);
}

function resolveOrFail(dir: string, opts: ContextOptions): ResolvedBuild {
  const st = fs.statSync(dir, { throwIfNoEntry: false });
  if (!st?.isDirectory()) throw new CliError(`unable to prepare context: path "${dir}" not found`);
  const build = resolveBuild({ contextDir: dir, dockerfile: opts.file, builder: opts.builder });
  if (!build.dockerfileExists) {
    throw new CliError(`${displayPath(build.dockerfile)}: Dockerfile not found${opts.file ? '' : ' (pass -f)'}`);
  }
  return build;
}

function scanWithProgress(build: ResolvedBuild): ContextScan {
  const progress = progressLine();
  try {
    return scanContextSync({
      contextDir: build.contextDir,
      builder: build.builder,
      ignoreFile: build.ignoreFile,
      dockerfile: build.dockerfile,
      onProgress: (p) =>
        progress.update(
          `scanning ${displayPath(build.contextDir)}: ${formatNumber(p.files)} files, ${formatBytes(p.bytes)}`,
        ),
    });
  } finally {
    progress.done();
  }
}

function failOnFatal(scan: ContextScan): void {
  if (!scan.fatal) return;
  const { file, line, message } = scan.fatal;
  const where = file && file === scan.ignoreFile ? `${displayPath(file)}:${line + 1}: ` : '';
  throw new CliError(`${where}${message}`);
}

function readDockerfile(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new CliError(`${displayPath(file)}: ${(err as Error).message}`);
  }
}

function copiesJson(t: TransferResult, dockerfileText: string): ContextReportJson['copies'] {
  const lines = dockerfileText.split(/\r?\n/);
  return t.copies.map((c) => ({
    line: c.line + 1,
    instruction: (lines[c.line] ?? '').trim().replace(/\s*\\$/, ''),
    sources: c.sources.map((s) => s.contextPath),
    reachable: c.reachable,
    files: c.files,
    bytes: c.bytes,
  }));
}

export function buildReport(
  build: ResolvedBuild,
  scan: ContextScan,
  opts: { files?: boolean; target?: string } = {},
): ContextReportJson {
  const text = readDockerfile(build.dockerfile);
  const transfer = computeTransfer(scan, parseDockerfile(text), { target: opts.target });
  const split = usage(build, scan, text, opts.target);
  const report: ContextReportJson = {
    contextDir: build.contextDir,
    dockerfile: build.dockerfile,
    ignoreFile: scan.ignoreFile,
    builder: build.builder,
    provenance: '-f/DIR from the command line',
    totals: { ...scan.sent },
    ignored: { ...scan.excluded },
    transferred: transfer.transferred,
    transferredExact: transfer.exact,
    needed: split.needed,
    unused: split.unused,
    largest: largestTopDirs(scan, LARGEST),
    excluded: exclusionsByPattern(scan).map((e) => ({
      pattern: e.pattern,
      line: e.line,
      files: e.files,
      bytes: e.bytes,
    })),
    copies: copiesJson(transfer, text),
    errors: scan.errors,
    outsideLinks: linksOutside(scan),
  };
  if (opts.files) report.files = [...sentFiles(scan)].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return report;
}

function usage(build: ResolvedBuild, scan: ContextScan, dockerfileText: string, target?: string): InputSplit {
  const src = { dockerfileText, builder: build.builder, contextDir: build.contextDir, scan, fs: diskAccess };
  return classifyTree(scan, inputIndex(target ? { ...src, target } : src));
}

function transferNote(r: ContextReportJson): string {
  if (r.builder !== 'buildkit') return `  (${r.builder} sends the whole context)`;
  const sameAsContext = r.transferred.files === r.totals.files && r.transferred.bytes === r.totals.bytes;
  if (!r.transferredExact) return '  (at least: some COPY source has an unresolved variable)';
  const whole = r.copies.find((c) => c.reachable && c.sources.includes(''));
  if (whole) return `  (line ${whole.line}: ${whole.instruction} sends the whole context)`;
  return sameAsContext ? '' : '  (only the paths COPY/ADD name)';
}

function summaryLines(r: ContextReportJson): string[] {
  const lines = [
    `Context:      ${displayPath(r.contextDir)}`,
    `Dockerfile:   ${displayPath(r.dockerfile)}`,
    `Ignore file:  ${r.ignoreFile ? displayPath(r.ignoreFile) : '(none)'}`,
    `Builder:      ${r.builder}`,
    `Context size: ${formatTotals(r.totals)}${r.ignored.files > 0 ? `  (${formatTotals(r.ignored)} ignored)` : ''}`,
    `Transferred:  ${formatTotals(r.transferred)}${transferNote(r)}`,
    `Build reads:  ${formatTotals(r.needed)}; sent, not needed: ${formatTotals(r.unused)}  (buildctx inputs)`,
  ];
  if (r.largest.length > 0) {
    lines.push('', 'Largest directories sent:');
    lines.push(table(r.largest.map((d) => [`${d.path}/`, plural(d.files, 'file'), formatBytes(d.bytes)])));
  }
  return lines;
}

/** Under BuildKit, when the upload is not the whole context: what each COPY/ADD pulls in. */
function copyLines(r: ContextReportJson): string[] {
  const partial = r.builder === 'buildkit' && !r.copies.some((c) => c.reachable && c.sources.includes(''));
  const used = r.copies.filter((c) => c.reachable);
  if (!partial || used.length === 0) return [];
  return [
    '',
    'Transferred by instruction:',
    table(used.map((c) => [`line ${c.line}: ${c.instruction}`, plural(c.files, 'file'), formatBytes(c.bytes)])),
  ];
}

export function renderText(r: ContextReportJson): string {
  const lines = [...summaryLines(r), ...copyLines(r)];
  if (r.excluded.length > 0) {
    lines.push('', `Exclusions (${r.ignoreFile ? displayPath(r.ignoreFile) : 'ignore file'}):`);
    lines.push(
      table(r.excluded.map((e) => [e.pattern, `line ${e.line}`, plural(e.files, 'file'), formatBytes(e.bytes)])),
    );
  } else if (!r.ignoreFile) {
    lines.push('', 'No ignore file: everything in the context is sent.');
  }
  if (r.errors.length > 0) {
    lines.push('', `Could not read ${r.errors.length} path(s):`);
    for (const e of r.errors.slice(0, 10)) lines.push(`  ${e.path}: ${e.message}`);
  }
  const links = r.outsideLinks.filter((l) => l.sent);
  if (links.length > 0) {
    lines.push('', `Symlinks pointing outside the context (${links.length}; Docker sends the link, not its target):`);
    for (const l of links.slice(0, 10)) lines.push(`  ${l.path} -> ${l.target}`);
  }
  if (r.files) lines.push('', 'Files sent:', ...r.files.map((f) => `  ${f.path}  ${formatBytes(f.size)}`));
  return `${lines.join('\n')}\n`;
}

export async function runContext(dir: string, opts: ContextOptions): Promise<void> {
  const build = resolveOrFail(dir, opts);
  const scan = scanWithProgress(build);
  failOnFatal(scan);
  const report = buildReport(build, scan, opts);
  process.stdout.write(opts.json ? `${JSON.stringify(report, null, 2)}\n` : renderText(report));
}
