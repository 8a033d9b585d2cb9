// Every command of the "Build Context" category, registered in one place.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { ContextStatus } from '../statusBar';
import type { ReportPanel } from '../report/panel';
import { toggleExplorerDecorations } from '../explorer/decorations';
import { fixAllDockerfiles } from './fixAll';
import { registerTestCommands } from './testState';

export interface CommandDeps {
  client: LanguageClient;
  status: ContextStatus;
  report: ReportPanel;
  output: vscode.OutputChannel;
}

export function registerCommands(context: vscode.ExtensionContext, d: CommandDeps): void {
  const reg = (id: string, fn: (...args: never[]) => unknown): void => {
    context.subscriptions.push(vscode.commands.registerCommand(id, fn));
  };
  reg('buildctx.fixAll', () => fixAllDockerfiles(d.client));
  reg('buildctx.showReport', (uri?: vscode.Uri | string) => d.report.show(reportTarget(uri, d.status)));
  reg('buildctx.restartServer', () => d.client.restart());
  reg('buildctx.showOutput', () => d.output.show(true));
  reg('buildctx.toggleExplorerDecorations', toggleExplorerDecorations);
  registerTestCommands(context, d.status);
}

/** Explicit argument, else the active Dockerfile or ignore file, else what the status bar shows. */
function reportTarget(uri: vscode.Uri | string | undefined, status: ContextStatus): string | undefined {
  if (typeof uri === 'string') return uri; // from a CodeLens
  if (uri instanceof vscode.Uri) return uri.toString();
  const doc = vscode.window.activeTextEditor?.document;
  if (doc && (doc.languageId === 'dockerfile' || doc.languageId === 'dockerignore')) return doc.uri.toString();
  return status.summary?.uri;
}
