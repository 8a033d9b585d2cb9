import * as vscode from 'vscode';
import {
  LanguageClient,
  TransportKind,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { ContextStateNotification, type InitOptions } from '../../server/src/protocol';
import { registerCommands } from './commands';
import { OtherExtensions } from './coexistence';
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
    synchronize: { configurationSection: 'buildctx' },
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
  context.subscriptions.push(
    client.onNotification(ContextStateNotification, () => {
      void status.refresh();
      void report.refresh();
    }),
  );
  await status.refresh();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
