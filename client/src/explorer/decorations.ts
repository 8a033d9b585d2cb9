// The context in the Explorer (issue 16): rows the active Dockerfile's build keeps out are
// dimmed, wear a badge and say in their tooltip which ignore-file line excludes them. The
// server answers from the scan it holds; rows are asked about in batches (see batch.ts).
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ExcludedRequest, type ExcludedResult } from '../../../server/src/protocol';
import { excludedTooltip } from '../text';
import { Batcher } from './batch';

export const SETTING = 'buildctx.explorer.decorations';
export const BADGE = '⊘';
/** Contributed in package.json; defaults to the colour of git-ignored files. */
const COLOR = new vscode.ThemeColor('buildctx.excludedResourceForeground');
const LANGUAGES = new Set(['dockerfile', 'dockerignore']);
/** Long enough to gather one render of the Explorer, short enough to go unnoticed. */
const BATCH_MS = 15;

export class ExplorerDecorations implements vscode.FileDecorationProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<undefined>();
  readonly onDidChangeFileDecorations = this.changed.event;
  /** The Dockerfile (or ignore file) whose build is shown; kept while other files are edited. */
  private active: vscode.Uri | undefined;
  private enabled = readEnabled();
  private readonly batch = new Batcher<vscode.Uri, vscode.FileDecoration>((uris) => this.ask(uris), BATCH_MS);
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly client: LanguageClient) {
    this.follow(vscode.window.activeTextEditor ?? vscode.window.visibleTextEditors.find(isDockerEditor));
    this.subscriptions = [
      vscode.window.registerFileDecorationProvider(this),
      vscode.window.onDidChangeActiveTextEditor((e) => this.follow(e)),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (!e.affectsConfiguration(SETTING)) return;
        this.enabled = readEnabled();
        this.refresh();
      }),
      this.changed,
    ];
  }

  provideFileDecoration(uri: vscode.Uri): Promise<vscode.FileDecoration | undefined> | undefined {
    if (!this.enabled || !this.active || uri.scheme !== 'file') return undefined;
    return this.batch.ask(uri);
  }

  /** Every row is asked again: the scan, the active build or the setting changed. */
  refresh(): void {
    this.changed.fire(undefined);
  }

  dispose(): void {
    this.batch.dispose();
    for (const d of this.subscriptions) d.dispose();
  }

  /**
   * Another Dockerfile or ignore file in front switches the build shown. Any other editor
   * keeps it: opening a file from the Explorer must not wipe the Explorer's marks.
   */
  private follow(editor: vscode.TextEditor | undefined): void {
    if (!editor || !isDockerEditor(editor)) return;
    const uri = editor.document.uri;
    if (this.active?.toString() === uri.toString()) return;
    this.active = uri;
    this.refresh();
  }

  private async ask(uris: vscode.Uri[]): Promise<(vscode.FileDecoration | undefined)[]> {
    const active = this.active;
    if (!active || !this.enabled) return [];
    const r = await this.client.sendRequest(ExcludedRequest, {
      uri: active.toString(),
      paths: uris.map((u) => u.toString()),
    });
    return r.verdicts.map((v) => (v.excluded ? decoration(r, v) : undefined));
  }
}

function decoration(r: ExcludedResult, v: ExcludedResult['verdicts'][number]): vscode.FileDecoration {
  const dockerfile = r.dockerfile ? path.basename(r.dockerfile) : 'the active Dockerfile';
  const ignoreFile = r.ignoreFile ? vscode.workspace.asRelativePath(r.ignoreFile, false) : null;
  const d = new vscode.FileDecoration(BADGE, excludedTooltip(v, dockerfile, ignoreFile), COLOR);
  // A folder is kept out whole or not at all here; its parents hold sent files too.
  d.propagate = false;
  return d;
}

function isDockerEditor(e: vscode.TextEditor): boolean {
  return LANGUAGES.has(e.document.languageId) && e.document.uri.scheme === 'file';
}

function readEnabled(): boolean {
  return vscode.workspace.getConfiguration().get<boolean>(SETTING, true);
}

/** The command: flips the setting where it is set (workspace or user), so the change sticks. */
export async function toggleExplorerDecorations(): Promise<void> {
  const config = vscode.workspace.getConfiguration();
  const inWorkspace = config.inspect<boolean>(SETTING)?.workspaceValue !== undefined;
  const target = inWorkspace ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
  await config.update(SETTING, !readEnabled(), target);
}
