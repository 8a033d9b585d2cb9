// The context-size status item: one glance says how big the build context of the active
// Dockerfile or ignore file is, and turns to a warning above `contextSizeWarning`.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ContextSummaryRequest, type ContextSummary } from '../../server/src/protocol';
import { formatBytes, formatNumber, formatShare, formatTotals } from '../../server/src/protocol';
import { statusLevel, statusText, usageText } from './text';

export const STATUS_ITEM_ID = 'buildctx.contextSize';
const LANGUAGES = new Set(['dockerfile', 'dockerignore']);

export class ContextStatus implements vscode.Disposable {
  readonly item = vscode.window.createStatusBarItem(STATUS_ITEM_ID, vscode.StatusBarAlignment.Left, 50);
  private last: ContextSummary | null = null;
  private pending = 0;

  constructor(private readonly client: LanguageClient) {
    this.item.name = 'Build Context Size';
    this.item.command = 'buildctx.showReport';
  }

  /** The summary currently shown, if any (the report opens on it). */
  get summary(): ContextSummary | null {
    return this.last;
  }

  async refresh(): Promise<void> {
    const doc = vscode.window.activeTextEditor?.document;
    if (!doc || !LANGUAGES.has(doc.languageId) || doc.uri.scheme !== 'file') {
      // Keep the last figure when focus moves to e.g. the Problems panel with no editor change.
      if (!vscode.window.activeTextEditor) return;
      this.item.hide();
      return;
    }
    const ticket = ++this.pending;
    let summary: ContextSummary | null = null;
    try {
      summary = await this.client.sendRequest(ContextSummaryRequest, { uri: doc.uri.toString() });
    } catch {
      summary = null; // server restarting: the next state notification refreshes us
    }
    if (ticket !== this.pending) return; // a newer refresh owns the item
    this.show(summary);
  }

  private show(s: ContextSummary | null): void {
    this.last = s;
    if (!s) {
      this.item.hide();
      return;
    }
    this.item.text = statusText(s);
    this.item.tooltip = tooltip(s);
    const level = statusLevel(s);
    this.item.backgroundColor = level ? new vscode.ThemeColor(`statusBarItem.${level}Background`) : undefined;
    this.item.show();
  }

  dispose(): void {
    this.item.dispose();
  }
}

function tooltip(s: ContextSummary): vscode.MarkdownString {
  const md = new vscode.MarkdownString(undefined, true);
  md.appendMarkdown('**Build context**');
  if (s.builds > 1) md.appendMarkdown(` (1 of ${s.builds} builds)`);
  md.appendMarkdown('\n\n');
  const rows: [string, string][] = [
    ['Context', code(relative(s.contextDir))],
    ['Ignore file', s.ignoreFile ? code(relative(s.ignoreFile)) : '_none_'],
    ['Builder', s.builder],
    ['Found by', escapeMd(s.provenance)],
  ];
  if (s.sent) rows.push(['Sent', formatTotals(s.sent)]);
  if (s.transferred) rows.push(['Transferred by this Dockerfile', formatTotals(s.transferred)]);
  const usage = usageText(s);
  if (usage) rows.push(['Read by the build', usage]);
  if (s.excluded) rows.push(['Kept out', formatTotals(s.excluded)]);
  md.appendMarkdown(rows.map(([k, v]) => `${k}: ${v}`).join('  \n'));
  if (s.fatal) md.appendMarkdown(`\n\n$(error) ${escapeMd(s.fatal)}`);
  if (s.state === 'scanning')
    md.appendMarkdown(`\n\n$(sync~spin) Scanning… ${formatNumber(s.progress)} entries so far`);
  if (s.largest.length > 0 && s.sent) {
    md.appendMarkdown('\n\n**Largest directories**\n');
    for (const d of s.largest.slice(0, 5))
      md.appendMarkdown(`\n- ${code(`${d.path}/`)} ${formatTotals(d)} (${formatShare(d.bytes, s.sent.bytes)})`);
  }
  if (s.savings.length > 0) {
    md.appendMarkdown('\n\n**Biggest savings**\n');
    for (const f of s.savings.slice(0, 5)) md.appendMarkdown(`\n- −${formatBytes(f.bytes)}: ${escapeMd(f.message)}`);
  }
  md.appendMarkdown('\n\n[Show Build Context Report](command:buildctx.showReport)');
  md.isTrusted = { enabledCommands: ['buildctx.showReport'] };
  return md;
}

/** Workspace-relative path; a workspace folder itself shows as `.` rather than absolute. */
function relative(p: string): string {
  const folder = vscode.workspace.workspaceFolders?.find((f) => f.uri.fsPath === p);
  if (folder) return (vscode.workspace.workspaceFolders?.length ?? 0) > 1 ? `${folder.name}/.` : '.';
  return vscode.workspace.asRelativePath(p, true);
}

const code = (s: string): string => `\`${s.replace(/`/g, "'")}\``;
const escapeMd = (s: string): string => s.replace(/[\\`*_{}[\]<>#|]/g, (c) => `\\${c}`);
