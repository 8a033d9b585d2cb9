import * as vscode from 'vscode';
import {
  LanguageClient,
  TransportKind,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { ContextStateNotification, SYNCED_SETTINGS, type InitOptions } from '../../server/src/protocol';
import { registerCommands } from './commands';
import { OtherExtensions } from './coexistence';
import { ExplorerDecorations } from './explorer/decorations';
import { ReportPanel } from './report/panel';
import { serverProcessOptions } from './serverProcess';
import { ContextStatus } from './statusBar';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('Build Context');
  const module = context.asAbsolutePath('server/out/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc, options: serverProcessOptions(process.env) },
    debug: {
      module,
      transport: TransportKind.ipc,
      options: serverProcessOptions(process.env, ['--nolazy', '--inspect=6019']),
    },
  };
  const others = new OtherExtensions();
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'dockerfile' },
      { scheme: 'file', language: 'dockerignore' },
    ],
    outputChannel: output,
    // The COPY hover links its fixes and the report: only those two commands run from it.
    markdown: { isTrusted: { enabledCommands: ['editor.action.quickFix', 'buildctx.showReport'] } },
    // Only what the server reads: toggling a client-only setting must not re-check every build.
    synchronize: { configurationSection: SYNCED_SETTINGS.map((k) => `buildctx.${k}`) },
    initializationOptions: (): InitOptions => ({ otherExtensions: others.atStart() }),
  };
  client = new LanguageClient('buildctx', 'Build Context', serverOptions, clientOptions);
  const status = new ContextStatus(client);
  const report = new ReportPanel(client);
  context.subscriptions.push(status, report, output, others);
  registerCommands(context, { client, status, report, output });
  context.subscriptions.push(vscode.window.onDidChangeActiveTextEditor(() => void status.refresh()));
  await client.start();
  others.listen(client);
  // After start: the Explorer asks for decorations as soon as the provider is registered.
  const explorer = new ExplorerDecorations(client);
  context.subscriptions.push(
    explorer,
    client.onNotification(ContextStateNotification, (p) => {
      void status.refresh();
      void report.refresh();
      // A scan started, finished or changed; progress ticks (no contexts) change no verdict.
      if (p.contexts.length > 0) explorer.refresh();
    }),
  );
  await status.refresh();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
