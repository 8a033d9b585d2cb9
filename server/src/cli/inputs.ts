// `buildctx inputs -f DOCKERFILE [CONTEXT] [--json]` (issue 13): what the build reads of its
// context, grouped by reason, and what it sends without reading ("sent, not needed: 137 MiB").
import fs from 'node:fs';
import path from 'node:path';
import { scanContextSync } from '../engine/context/scan/scan';
import { diskAccess } from '../engine/diskAccess';
import { inputIndex } from '../engine/inputs';
import { inputsReport, type InputsReport } from '../engine/inputs/report';
import { resolveBuild } from '../engine/build/resolve';
import type { Builder } from '../engine/types';
import { formatBytes, formatNumber, formatTotals } from '../engine/format';
import { CliError, displayPath } from './format';

export interface InputsOptions {
  file?: string;
  builder: Builder;
  json?: boolean;
  target?: string;
}

export interface InputsJson extends InputsReport {
  contextDir: string;
  dockerfile: string;
  ignoreFile: string | null;
  builder: Builder;
}

export function inputsJson(dir: string, opts: InputsOptions): InputsJson {
  const st = fs.statSync(dir, { throwIfNoEntry: false });
  if (!st?.isDirectory()) throw new CliError(`unable to prepare context: path "${dir}" not found`);
  const build = resolveBuild({ contextDir: dir, dockerfile: opts.file, builder: opts.builder });
  if (!build.dockerfileExists) throw new CliError(`${displayPath(build.dockerfile)}: Dockerfile not found`);
  const scan = scanContextSync({ ...build, ignoreFile: build.ignoreFile });
  if (scan.fatal) throw new CliError(scan.fatal.message);
  const dockerfileText = fs.readFileSync(build.dockerfile, 'utf8');
  const src = { dockerfileText, builder: build.builder, contextDir: build.contextDir, scan, fs: diskAccess };
  const index = inputIndex(opts.target ? { ...src, target: opts.target } : src);
  return {
    contextDir: build.contextDir,
    dockerfile: build.dockerfile,
    ignoreFile: scan.ignoreFile,
    builder: build.builder,
    ...inputsReport(scan, index),
  };
}

function text(r: InputsJson): string {
  const out: string[] = [];
  const sent = r.needed.bytes + r.unused.bytes;
  out.push(`${displayPath(r.dockerfile)} with context ${displayPath(r.contextDir)} (${r.builder})`);
  out.push(`  reads or may read: ${formatTotals(r.needed)}`);
  out.push(
    `  sent, not needed:  ${formatTotals(r.unused)}${sent > 0 ? ` (${Math.round((100 * r.unused.bytes) / sent)}% of what is sent)` : ''}`,
  );
  out.push(`  excluded:          ${formatTotals(r.excluded)}`);
  if (r.steps.length > 0) out.push('', 'Steps read:', ...r.steps.map((s) => `  ${s}`));
  for (const [label, certainty] of [
    ['Reads', 'read'],
    ['May read', 'maybe'],
  ] as const) {
    const gs = r.groups.filter((g) => g.certainty === certainty);
    if (gs.length === 0) continue;
    out.push('', `${label}:`);
    for (const g of gs) {
      const more = g.files > g.paths.length ? `, … ${formatNumber(g.files - g.paths.length)} more` : '';
      out.push(`  ${formatTotals(g)}: ${g.reason}`, `    ${g.paths.join(', ')}${more}`);
    }
  }
  if (r.unusedDirs.length > 0) {
    out.push('', 'Sent, not needed (largest first):');
    for (const d of r.unusedDirs.slice(0, 10))
      out.push(`  ${d.path.padEnd(24)} ${formatBytes(d.bytes).padStart(10)}${d.why ? `  ${d.why}` : ''}`);
  }
  if (r.ignoredInputs.length > 0) {
    out.push('', 'Excluded although the build reads them:');
    for (const i of r.ignoredInputs.slice(0, 10)) out.push(`  ${i.path}: ${i.reason}`);
  }
  return `${out.join('\n')}\n`;
}

export function runInputs(dir: string, opts: InputsOptions): void {
  const r = inputsJson(path.resolve(dir), opts);
  process.stdout.write(opts.json ? `${JSON.stringify(r, null, 2)}\n` : text(r));
}
