// `buildctx contexts [DIR] [--json]` (issue 6): every Dockerfile under DIR with the context(s)
// its builds use, where each choice comes from ("context `.` from Makefile:289"), and every
// place the repository builds it.
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../engine/config';
import { diskAccess, discoverContexts } from '../engine/discovery';
import { COMMAND_TOOLS, type BuildSite, type ContextCandidate, type DiscoveryResult } from '../engine/discovery/types';
import { plural } from '../engine/format';
import { CliError } from './format';

export interface ContextsJson {
  root: string;
  dockerfiles: Array<{
    dockerfile: string;
    contexts: ContextCandidate[];
    sites: BuildSite[];
    /** The contexts its diagnostics come from: each distinct one is checked (a temporary one is not). */
    checked: string[];
  }>;
  /** Configuration problems (`.buildctx.json`), reported but not fatal. */
  configErrors: string[];
}

export function contextsReport(root: string, result: DiscoveryResult, configErrors: string[] = []): ContextsJson {
  const dockerfiles = [...result.candidates.keys()].sort().map((dockerfile) => ({
    dockerfile,
    contexts: result.candidates.get(dockerfile) ?? [],
    sites: result.sites.filter((s) => s.dockerfile === dockerfile),
    checked: [
      ...new Set((result.candidates.get(dockerfile) ?? []).filter((c) => !c.temporaryContext).map((c) => c.contextDir)),
    ],
  }));
  return { root, dockerfiles, configErrors };
}

function rel(root: string, p: string): string {
  const r = path.relative(root, p);
  return (r === '' ? '.' : r.startsWith('..') || path.isAbsolute(r) ? p : r).split(path.sep).join('/');
}

function siteDetails(s: BuildSite): string {
  const bits: string[] = [COMMAND_TOOLS.has(s.tool) ? `${s.tool} build` : s.tool];
  if (s.noCache) bits.push('--no-cache');
  if (s.target) bits.push(`--target ${s.target}`);
  if (s.platform) bits.push(`--platform ${s.platform}`);
  if (s.tag) bits.push(`-t ${s.tag}`);
  return bits.join(' ');
}

/** What a tool's own temporary context holds, in place of a folder of the repository. */
const TEMPORARY: Record<NonNullable<ContextCandidate['temporaryContext']>, string> = {
  goreleaser: "(goreleaser's temporary folder: binaries and extra_files)",
};

/** "from Makefile:289" for evidence; inference, fallback and configuration say it themselves. */
function origin(c: ContextCandidate): string {
  if (c.source === 'fallback') return `default: ${c.provenance}`;
  return c.source === 'inference' || c.source === 'config' ? c.provenance : `from ${c.provenance}`;
}

/** Which contexts the diagnostics come from, and how findings tell them apart. */
function checksRow(root: string, checked: string[]): [string, string] {
  if (checked.length === 0) return ['nothing', 'its context is not in the repository: Dockerfile-only rules run'];
  if (checked.length === 1) return [rel(root, checked[0] as string), 'diagnostics come from this context'];
  return [checked.map((c) => rel(root, c)).join(', '), 'each is checked; a finding true for one names it'];
}

/** Columns padded to their widest cell, all left-aligned (these are paths and words, not figures). */
function columns(rows: string[][], indent = '  '): string[] {
  const widths: number[] = [];
  for (const r of rows)
    r.forEach((c, i) => {
      widths[i] = Math.max(widths[i] ?? 0, c.length);
    });
  return rows.map((r) =>
    (indent + r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i] ?? 0))).join('  ')).trimEnd(),
  );
}

export function renderContexts(report: ContextsJson): string {
  const { root } = report;
  const siteCount = report.dockerfiles.reduce((n, d) => n + d.sites.length, 0);
  const out = [`${plural(report.dockerfiles.length, 'Dockerfile')}, ${plural(siteCount, 'build site')} under ${root}`];
  for (const e of report.configErrors) out.push(`warning: ${e}`);
  for (const d of report.dockerfiles) {
    out.push('', rel(root, d.dockerfile));
    const rows = d.contexts.map((c) => [
      'context',
      c.temporaryContext ? TEMPORARY[c.temporaryContext] : rel(root, c.contextDir),
      `${origin(c)}${c.builder ? ` (${c.builder})` : ''}`,
    ]);
    for (const s of d.sites) rows.push(['built', `${rel(root, s.file)}:${s.line}`, siteDetails(s)]);
    rows.push(['checks', ...checksRow(root, d.checked)]);
    out.push(...columns(rows));
  }
  return `${out.join('\n')}\n`;
}

export function runContexts(dir: string, opts: { json?: boolean }): void {
  const root = path.resolve(dir);
  if (!fs.statSync(root, { throwIfNoEntry: false })?.isDirectory()) throw new CliError(`${dir}: not a directory`);
  const config = loadConfig(root, diskAccess);
  const result = discoverContexts(root, { settings: config.settings });
  const report = contextsReport(root, result, config.errors);
  process.stdout.write(opts.json ? `${JSON.stringify(report, null, 2)}\n` : renderContexts(report));
}
