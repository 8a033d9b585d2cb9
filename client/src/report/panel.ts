// One report panel, re-rendered when the server says a context changed, so the picture
// follows the ignore file as it is edited. Its build selector asks for another build of the
// same context; the choice holds across refreshes until another document's report is asked for.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ContextReportRequest } from '../../../server/src/protocol';
import { reportHtml } from './html';

export const REPORT_VIEW_TYPE = 'buildctx.report';

export class ReportPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private uri: string | undefined;
  private build: string | undefined;
  /** The user switched builds: the re-rendered page keeps the selector focused. */
  private picked = false;
  private html = '';
  private nonce = '';

  constructor(private readonly client: LanguageClient) {}

  async show(uri: string | undefined): Promise<void> {
    if (uri && uri !== this.uri) {
      this.uri = uri;
      this.build = undefined;
      this.picked = false;
    }
    if (!this.panel) this.panel = this.create();
    else this.panel.reveal(undefined, true);
    await this.render();
  }

  private create(): vscode.WebviewPanel {
    // Scripts only for the selector and tooltips; the page loads nothing (no local resources).
    const panel = vscode.window.createWebviewPanel(REPORT_VIEW_TYPE, 'Build Context Report', vscode.ViewColumn.Beside, {
      enableScripts: true,
      localResourceRoots: [],
    });
    this.nonce = randomBytes(16).toString('base64');
    this.html = '';
    panel.onDidDispose(() => {
      if (this.panel === panel) this.panel = undefined;
    });
    panel.webview.onDidReceiveMessage((m: { type?: string; id?: unknown }) => {
      if (m.type !== 'build' || typeof m.id !== 'string') return;
      this.build = m.id;
      this.picked = true;
      void this.render();
    });
    return panel;
  }

  /** Re-renders when visible; called on every context-state notification. */
  async refresh(): Promise<void> {
    if (this.panel?.visible) await this.render();
  }

  private async render(): Promise<void> {
    const panel = this.panel;
    if (!panel) return;
    const params = { uri: this.uri ?? '', ...(this.build ? { build: this.build } : {}) };
    const report = this.uri ? await this.client.sendRequest(ContextReportRequest, params).catch(() => null) : null;
    if (panel !== this.panel) return;
    panel.title = report?.summary.dockerfile
      ? `Build Context: ${vscode.workspace.asRelativePath(report.summary.dockerfile)}`
      : 'Build Context Report';
    const html = reportHtml(report, panel.webview.cspSource, { nonce: this.nonce, focusBuild: this.picked });
    // An unchanged page is not set again: reloading it would drop the scroll position and focus.
    if (html === this.html) return;
    this.html = html;
    panel.webview.html = html;
  }

  dispose(): void {
    this.panel?.dispose();
  }
}
