// Helpers for the @vscode/test-cli suite: the same scenarios as the code-server suite
// (test/e2e), driven through the `vscode` API instead of the screen.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Totals } from '../e2e/fixture.mjs';

/** The workspace .vscode-test.mjs generated, and its totals. */
export function fixture(): { root: string; vendor: Totals; total: Totals } {
  const root = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  const totals = process.env.BUILDCTX_E2E_FIXTURE;
  if (!root || !totals) throw new Error('run through `npm run test:vscode`: .vscode-test.mjs generates the workspace');
  return { root, ...(JSON.parse(totals) as { vendor: Totals; total: Totals }) };
}

export const uriOf = (rel: string): vscode.Uri => vscode.Uri.file(path.join(fixture().root, rel));
export const readDisk = (rel: string): string => fs.readFileSync(path.join(fixture().root, rel), 'utf8');

/** Polls until `probe` returns a truthy value; the timeout message quotes the last observation. */
export async function waitFor<T>(
  what: string,
  probe: () => T | Promise<T>,
  timeout = 30_000,
  describe?: () => string,
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const v = await probe();
    if (v) return v as NonNullable<T>;
    if (Date.now() > deadline)
      throw new Error(`${what} (not within ${timeout / 1000}s${describe ? `; last seen: ${describe()}` : ''})`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export interface TestState {
  statusBar: { text: string; visible: boolean };
  summary: { sent: Totals | null } | null;
}

/** The extension's test-only command: what its real status item shows. */
export async function dumpState(): Promise<TestState> {
  const out = path.join(fixture().root, '..', 'buildctx-vscode-test-state.json');
  return (await vscode.commands.executeCommand('buildctx.test.dumpState', out)) as TestState;
}

export function diagnosticsOf(rel: string, severity?: vscode.DiagnosticSeverity): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uriOf(rel)).filter((d) => severity === undefined || d.severity === severity);
}

export async function open(rel: string): Promise<vscode.TextEditor> {
  return vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uriOf(rel)));
}

export function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : c.value))
    .join('\n');
}
