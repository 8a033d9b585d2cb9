// Hover on a COPY/ADD: what it pulls into the build under each build's builder, so the cost
// of `COPY . .` is visible where it is written.
import * as path from 'node:path';
import type { Hover, Position } from 'vscode-languageserver';
import type { Range } from '../engine/types';
import type { CopyTransfer } from '../engine/context/transfer';
import { parseDockerfile, type CopyInstruction } from '../engine/dockerfile';
import type { Build } from '../workspace/project';
import { buildsOf, outermostLargest, transferOf, usageOf, type SizeDeps, type Usage } from './contextSize';
import type { ContextScan } from '../engine/context/model';
import { subjectOf } from '../engine/rules/support/copies';
import { formatBytes, formatNumber, formatShare, formatTotals } from '../engine/format';

export function contains(r: Range, p: Position): boolean {
  const afterStart = p.line > r.start.line || (p.line === r.start.line && p.character >= r.start.character);
  const beforeEnd = p.line < r.end.line || (p.line === r.end.line && p.character <= r.end.character);
  return afterStart && beforeEnd;
}

export async function hover(d: SizeDeps, uri: string, text: string, pos: Position): Promise<Hover | null> {
  let copy: CopyInstruction | undefined;
  try {
    copy = parseDockerfile(text).copies.find((c) => contains(c.range, pos));
  } catch {
    return null;
  }
  if (!copy || copy.from !== null) return null;
  const builds = await buildsOf(d, uri);
  const parts = builds.map((b) => describe(d, b, copy!)).filter((s): s is string => s !== null);
  if (parts.length === 0) return null;
  return { contents: { kind: 'markdown', value: parts.join('\n\n---\n\n') }, range: copy.range };
}

function describe(d: SizeDeps, b: Build, copy: CopyInstruction): string | null {
  const entry = d.project.contexts.get(b.entry.key) ?? b.entry;
  const where = whereOf(d, b);
  if (!entry.scan)
    return `**${copy.keyword}**: scanning the build context… (${formatNumber(entry.progress)} files so far)\n\n${where}`;
  const scan = entry.scan;
  const t = transferOf(d, b, scan)?.copies.find((c) => c.line === copy.range.start.line);
  const lines: string[] = [];
  const whole = copy.wholeContext || scan.builder !== 'buildkit';
  if (whole) lines.push(...wholeStory(copy, scan, usageOf(d, b)));
  else if (t) lines.push(`**${copy.keyword}** pulls in **${formatTotals(t)}**`, ...sourceLines(t));
  if (scan.excluded.files > 0) lines.push('', `The ignore file keeps out ${formatTotals(scan.excluded)}.`);
  lines.push('', where);
  return lines.join('\n');
}

/**
 * One story, biggest cost first (issue 16): what the copy sends that the build never reads,
 * then what it reads, then the largest folders, with the fixes one click away.
 */
function wholeStory(copy: CopyInstruction, scan: ContextScan, usage: Usage): string[] {
  const unused = usage.unusedDirs.slice(0, 3);
  const head =
    unused.length > 0
      ? `${subjectOf(copy)} sends ${unused.map((u) => `\`${u.path}\` **${formatBytes(u.bytes)}**`).join(', ')} ` +
        `the build never reads, of **${formatTotals(scan.sent)}** in all`
      : `${subjectOf(copy)} sends the whole build context: **${formatTotals(scan.sent)}**`;
  const lines = [head];
  if (usage.needed && usage.unused)
    lines.push(
      '',
      `The build reads ${formatTotals(usage.needed)}; sent but not needed: **${formatTotals(usage.unused)}** ` +
        `(${formatShare(usage.unused.bytes, scan.sent.bytes)}).`,
    );
  if (unused.length > 0)
    lines.push('', '[Fix…](command:editor.action.quickFix) · [Context report](command:buildctx.showReport)');
  const big = outermostLargest(scan, 5);
  if (big.length > 0)
    lines.push(
      '',
      'Largest directories:',
      ...big.map((x) => `- \`${x.path}/\` ${formatTotals(x)} (${formatShare(x.bytes, scan.sent.bytes)})`),
    );
  return lines;
}

function sourceLines(t: CopyTransfer): string[] {
  if (t.sources.length <= 1 && t.exact) return [];
  return [
    '',
    ...t.sources.map((s) => `- \`${s.contextPath || '.'}\` ${s.found ? formatTotals(s) : 'not found in the context'}`),
    ...(t.exact ? [] : ['', '_Some sources use variables that cannot be resolved; they are not counted._']),
  ];
}

/** "context `.` (Makefile:12), buildkit": the build's context as people pass it to `docker build`. */
export function whereOf(d: SizeDeps, b: Build): string {
  const dir = rel(d.project.rootOf(b.info.dockerfile).path, b.info.contextDir);
  return `context \`${dir}\` (${b.info.provenance}), ${b.info.builder}`;
}

/** The context relative to the workspace folder, as people pass it to `docker build`. */
function rel(root: string, dir: string): string {
  const r = path.relative(root, dir);
  return r === '' ? '.' : r.split(path.sep).join('/');
}
