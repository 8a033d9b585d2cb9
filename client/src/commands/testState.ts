// Test-only: the e2e suites cannot read VS Code's status bar through the API, so this
// command writes what the real item shows, plus the diagnostics VS Code holds, to a file.
// Registered only when BUILDCTX_TEST=1, so users never see it.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ContextStatus } from '../statusBar';

export function registerTestCommands(context: vscode.ExtensionContext, status: ContextStatus): void {
  if (process.env.BUILDCTX_TEST !== '1') return;
  void vscode.commands.executeCommand('setContext', 'buildctx.testMode', true);
  context.subscriptions.push(
    vscode.commands.registerCommand('buildctx.test.dumpState', async (out?: string) => {
      await status.refresh();
      const file =
        out ??
        process.env.BUILDCTX_TEST_OUT ??
        path.join(vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? '.', '.buildctx-test-state.json');
      const state = dumpState(status);
      fs.writeFileSync(file, JSON.stringify(state, null, 2));
      return state;
    }),
  );
}

function dumpState(status: ContextStatus): unknown {
  const item = status.item;
  const tooltip = item.tooltip instanceof vscode.MarkdownString ? item.tooltip.value : (item.tooltip ?? null);
  const bg =
    item.backgroundColor instanceof vscode.ThemeColor ? (item.backgroundColor as unknown as { id: string }).id : null;
  return {
    statusBar: { id: item.id, text: item.text, tooltip, backgroundColor: bg, visible: status.summary !== null },
    summary: status.summary,
    diagnostics: vscode.languages.getDiagnostics().map(([uri, diags]) => ({
      uri: uri.toString(),
      diagnostics: diags.map((d) => ({
        message: d.message,
        severity: vscode.DiagnosticSeverity[d.severity],
        code: typeof d.code === 'object' ? d.code.value : d.code,
        source: d.source,
        range: [d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character],
      })),
    })),
  };
}
