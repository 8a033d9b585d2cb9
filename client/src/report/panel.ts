// One report panel, re-rendered when the server says a context changed, so the picture
// follows the ignore file as it is edited.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ContextReportRequest } from '../../../server/src/protocol';
import { reportHtml } from './html';

export const REPORT_VIEW_TYPE = 'buildctx.report';

export class ReportPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private uri: string | undefined;

  constructor(private readonly client: LanguageClient) {}

  async show(uri: string | undefined): Promise<void> {
    if (uri) this.uri = uri;
    if (!this.panel) {
      this.panel = vscode.window.createWebviewPanel(
        REPORT_VIEW_TYPE,
        'Build Context Report',
        vscode.ViewColumn.Beside,
        { enableScripts: false },
      );
      this.panel.onDidDispose(() => {
        this.panel = undefined;
      });
    } else {
      this.panel.reveal(undefined, true);
    }
    await this.render();
  }

  /** Re-renders when visible; called on every context-state notification. */
  async refresh(): Promise<void> {
    if (this.panel?.visible) await this.render();
  }

  private async render(): Promise<void> {
    const panel = this.panel;
    if (!panel) return;
    const report = this.uri
      ? await this.client.sendRequest(ContextReportRequest, { uri: this.uri }).catch(() => null)
      : null;
    if (panel !== this.panel) return;
    panel.title = report?.summary.dockerfile
      ? `Build Context: ${vscode.workspace.asRelativePath(report.summary.dockerfile)}`
      : 'Build Context Report';
    panel.webview.html = reportHtml(report, panel.webview.cspSource);
  }

  dispose(): void {
    this.panel?.dispose();
  }
}
