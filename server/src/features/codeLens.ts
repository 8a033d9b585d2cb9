// A CodeLens above each whole-context copy with what it sends and the largest folder the build
// never reads; clicking opens the report.
import type { CodeLens } from 'vscode-languageserver';
import { parseDockerfile } from '../engine/dockerfile';
import { buildsOf, usageOf, type SizeDeps } from './contextSize';
import { formatBytes, formatCount } from '../engine/format';

export async function codeLenses(d: SizeDeps, uri: string, text: string): Promise<CodeLens[]> {
  let copies: ReturnType<typeof parseDockerfile>['copies'];
  try {
    copies = parseDockerfile(text).copies.filter((c) => c.wholeContext && c.from === null);
  } catch {
    return [];
  }
  if (copies.length === 0) return [];
  const b = (await buildsOf(d, uri))[0];
  if (!b) return [];
  const scan = (d.project.contexts.get(b.entry.key) ?? b.entry).scan;
  // The same story as the hover, shortest form: what is sent, and the largest part never read.
  const top = scan ? usageOf(d, b).unusedDirs[0] : undefined;
  const unused = top ? ` · ${top.path} ${formatBytes(top.bytes)} never read` : '';
  const title = scan
    ? `$(package) sends ${formatBytes(scan.sent.bytes)} · ${formatCount(scan.sent.files)} files${unused}`
    : '$(sync~spin) scanning build context…';
  return copies.map((c) => ({
    range: { start: c.range.start, end: c.range.start },
    command: { title, command: 'buildctx.showReport', arguments: [uri] },
  }));
}
