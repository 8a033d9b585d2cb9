// Wires every feature onto a connection. `server.ts` passes a stdio/IPC connection; tests and
// the benchmark pass one over in-process streams and drive the very same server.
import {
  CodeActionKind, CodeLensRefreshRequest, DidChangeConfigurationNotification, TextDocuments, TextDocumentSyncKind,
  type Connection, type InitializeParams, type InitializeResult,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { loadConfig } from './engine/config';
import { RULE_IDS } from './engine/rules';
import type { Rule } from './engine/rules/types';
import { ContextReportRequest, ContextSummaryRequest, WorkspaceFixAllRequest, type InitOptions } from './protocol';
import { ContextStore, type ScanEngine } from './workspace/contexts';
import { engineDiscover, engineScanner } from './workspace/engine';
import { WorkspaceFiles, uriToPath } from './workspace/files';
import { Project, type Discover } from './workspace/project';
import { Checks } from './features/checks';
import { codeActions, FIX_ALL_KIND } from './features/codeActions';
import { codeLenses } from './features/codeLens';
import { contextReport, contextSummary, type SizeDeps } from './features/contextSize';
import { fixFile, workspaceFixAll } from './features/fixAll';
import { hover } from './features/hover';
import { ScanProgress } from './features/scanProgress';
import { SettingsStore } from './features/settings';
import { Watchers } from './features/watchers';

/** Seams for tests and benchmarks; the extension uses the defaults. */
export interface ServerOptions { scanner?: ScanEngine; discover?: Discover; rules?: readonly Rule[] }

export interface ServerHandle { project: Project; checks: Checks; dispose(): void }

export function startServer(connection: Connection, opts: ServerOptions = {}): ServerHandle {
  const docs = new TextDocuments(TextDocument);
  const files = new WorkspaceFiles(docs);
  const settings = new SettingsStore(connection, (root) => loadConfig(root, files, RULE_IDS).settings);
  const contexts = new ContextStore(opts.scanner ?? engineScanner);
  const project = new Project(files, settings, contexts, opts.discover ?? engineDiscover(files), opts.rules);
  const log = (m: string): void => connection.console.error(m);
  const checks = new Checks(connection, docs, project, 50, log);
  const progress = new ScanProgress(connection, contexts);
  const watchers = new Watchers(connection, project, checks);
  const size: SizeDeps = { project, checks, languageOf: (uri) => docs.get(uri)?.languageId };
  const versionOf = (p: string): number | null => files.document(p)?.version ?? null;
  // CodeLens titles carry context sizes: ask the client to re-query them when a scan lands.
  let lensRefresh = false;
  let lensTimer: NodeJS.Timeout | undefined;
  const refreshLenses = (): void => {
    if (!lensRefresh || lensTimer) return;
    lensTimer = setTimeout(() => {
      lensTimer = undefined;
      void connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
    }, 200);
  };

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const init = (params.initializationOptions ?? {}) as InitOptions;
    checks.debounceMs = init.debounceMs ?? checks.debounceMs;
    const caps = params.capabilities;
    settings.pullsConfiguration = caps.workspace?.configuration === true;
    progress.supportsWorkDone = caps.window?.workDoneProgress === true;
    watchers.dynamic = caps.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    watchers.relativePatterns = caps.workspace?.didChangeWatchedFiles?.relativePatternSupport === true;
    lensRefresh = caps.workspace?.codeLens?.refreshSupport === true;
    const folders = params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: '' }] : []);
    project.roots = folders.map((f) => ({ path: uriToPath(f.uri), uri: f.uri }));
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: false },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
        hoverProvider: true,
        codeLensProvider: { resolveProvider: false },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'buildctx' },
    };
  });

  connection.onInitialized(() => {
    if (settings.pullsConfiguration) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'buildctx' }).catch(() => undefined);
    watchers.update();
    connection.workspace.onDidChangeWorkspaceFolders((e) => {
      const gone = new Set(e.removed.map((f) => f.uri));
      project.roots = [...project.roots.filter((r) => !gone.has(r.uri)), ...e.added.map((f) => ({ path: URI.parse(f.uri).fsPath, uri: f.uri }))];
      project.forgetAll();
      settings.invalidate();
      checks.scheduleAll();
    });
  });

  contexts.onEvent((e, why) => {
    progress.onEvent(e, why);
    if (why === 'done' || why === 'update') {
      checks.scheduleAffected(e.req.contextDir);
      refreshLenses();
    }
    if (why === 'start') watchers.update();
  });

  docs.onDidOpen((e) => checks.schedule(e.document.uri, 0));
  docs.onDidChangeContent((e) => {
    checks.schedule(e.document.uri);
    // Another document may depend on this buffer (an ignore file open next to its Dockerfile).
    const file = uriToPath(e.document.uri);
    for (const uri of checks.graph.affectedExact(file)) if (uri !== e.document.uri) checks.schedule(uri);
  });
  docs.onDidClose((e) => {
    checks.closed(e.document.uri);
    const file = uriToPath(e.document.uri);
    // The disk version takes over from the closed buffer.
    for (const uri of checks.graph.affectedExact(file)) checks.schedule(uri);
  });

  connection.onDidChangeConfiguration(() => {
    settings.invalidate();
    project.forgetAll();
    checks.scheduleAll();
  });
  connection.onDidChangeWatchedFiles((p) => watchers.handle(p.changes));

  connection.onCodeAction((p) => codeActions({ versionOf, fixFile: (uri) => fixFile(size, versionOf, uri) }, p));
  connection.onHover(async (p) => {
    const doc = docs.get(p.textDocument.uri);
    return doc && doc.languageId !== 'dockerignore' ? hover(size, doc.uri, doc.getText(), p.position) : null;
  });
  connection.onCodeLens(async (p) => {
    const doc = docs.get(p.textDocument.uri);
    return doc && doc.languageId !== 'dockerignore' ? codeLenses(size, doc.uri, doc.getText()) : [];
  });
  connection.onRequest(ContextSummaryRequest, (p) => contextSummary(size, p.uri));
  connection.onRequest(ContextReportRequest, (p) => contextReport(size, p.uri));
  connection.onRequest(WorkspaceFixAllRequest, () => workspaceFixAll(size, versionOf));

  docs.listen(connection);
  connection.listen();
  return {
    project,
    checks,
    dispose() {
      if (lensTimer) clearTimeout(lensTimer);
      progress.dispose();
      watchers.dispose();
      contexts.dispose();
    },
  };
}
