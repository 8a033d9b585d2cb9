// What the client writes for people, kept free of the `vscode` module so it is unit-tested.
import type { ContextSummary, ExcludedVerdict, WorkspaceFixAllResult } from '../../server/src/protocol';
import { formatBytes, formatCount, formatShare, formatTotals } from '../../server/src/protocol';

/** Status bar text: `$(package) 116.7 MiB · 9.2k files`, a spinner with a count while scanning. */
export function statusText(s: ContextSummary): string {
  if (s.state === 'scanning') {
    const seen = s.progress > 0 ? ` ${formatCount(s.progress)} files…` : ' scanning…';
    return `$(sync~spin)${seen}`;
  }
  if (s.fatal) return '$(error) context invalid';
  if (!s.sent) return '$(package) —';
  return `$(package) ${formatBytes(s.sent.bytes)} · ${formatCount(s.sent.files)} files`;
}

/** Whether the item wears the warning (or error) background. */
export function statusLevel(s: ContextSummary): 'error' | 'warning' | null {
  if (s.fatal) return 'error';
  return s.sent !== null && s.sent.bytes > s.contextSizeWarning ? 'warning' : null;
}

/** "Fixed 5 problems in 4 files; context −105.8 MiB". */
export function summaryMessage(r: Pick<WorkspaceFixAllResult, 'problems' | 'files' | 'saved'>): string {
  const p = `${r.problems} ${r.problems === 1 ? 'problem' : 'problems'}`;
  const f = `${r.files.length} ${r.files.length === 1 ? 'file' : 'files'}`;
  const saved = r.saved.bytes > 0 ? `; context −${formatBytes(r.saved.bytes)}` : '';
  return `Fixed ${p} in ${f}${saved}`;
}

/** How much of what is sent the build reads (the build-input model), for the tooltip; null until known. */
export function usageText(s: Pick<ContextSummary, 'needed' | 'unused'>): string | null {
  if (!s.needed || !s.unused) return null;
  const sent = s.needed.bytes + s.unused.bytes;
  return `${formatTotals(s.needed)}; not needed: ${formatTotals(s.unused)} (${formatShare(s.unused.bytes, sent)})`;
}

/**
 * The Explorer tooltip of a row the build keeps out, naming the line to edit:
 * `Not sent by gateway.Dockerfile's build: excluded by vendor/ (.dockerignore:3)`.
 */
export function excludedTooltip(v: ExcludedVerdict, dockerfile: string, ignoreFile: string | null): string {
  const file = ignoreFile ?? 'the ignore file';
  const by = v.pattern !== null && v.line !== null ? `${v.pattern} (${file}:${v.line})` : file;
  return `Not sent by ${dockerfile}'s build: excluded by ${by}`;
}
