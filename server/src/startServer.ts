// Wires every feature onto a connection. `server.ts` passes a stdio/IPC connection; tests and
// the benchmark pass one over in-process streams and drive the very same server.
import {
  DidChangeConfigurationNotification,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { loadConfig } from './engine/config';
import { RULE_IDS } from './engine/rules';
import type { Rule } from './engine/rules/types';
import { Scheduler } from './engine/background/scheduler';
import { TreeWork } from './engine/background/treeWork';
import {
  ContextReportRequest,
  ContextSummaryRequest,
  ExcludedRequest,
  SYNCED_SETTINGS,
  OtherExtensionsNotification,
  WorkspaceFixAllRequest,
  type InitOptions,
} from './protocol';
import { ContextStore, type ScanEngine } from './workspace/contexts';
import { engineDiscover, engineScanner } from './workspace/engine';
import { WorkspaceFiles, uriToPath } from './workspace/files';
import { Project, docKind, type Discover } from './workspace/project';
import { Checks } from './features/checks';
import { CodeActionProvider, fixableIn } from './features/codeActions';
import { codeLenses } from './features/codeLens';
import { contextSummary, type SizeDeps } from './features/contextSize';
import { excludedPaths } from './features/explorer';
import { contextReport, ShownBuild } from './features/report';
import { fixFile, workspaceFixAll } from './features/fixAll';
import { hover } from './features/hover';
import { ignoreHover, inlayHints } from './features/ignoreLines';
import { ClientRefresher } from './features/refresh';
import type { VersionOf } from './features/workspaceEdit';
import { ScanProgress } from './features/scanProgress';
import { SettingsStore } from './features/settings';
import { Watchers } from './features/watchers';

/** Seams for tests and benchmarks; the extension uses the defaults. */
export interface ServerOptions {
  scanner?: ScanEngine;
  discover?: Discover;
  rules?: readonly Rule[];
}

export interface ServerHandle {
  project: Project;
  checks: Checks;
  /** Holds background work while a check runs; tests and benches read it. */
  scheduler: Scheduler;
  dispose(): void;
}

/** Everything one server instance holds; the wiring functions below share it. */
interface Parts {
  connection: Connection;
  docs: TextDocuments<TextDocument>;
  settings: SettingsStore;
  contexts: ContextStore;
  project: Project;
  checks: Checks;
  progress: ScanProgress;
  watchers: Watchers;
  refresh: ClientRefresher;
  size: SizeDeps;
  versionOf: VersionOf;
  actions: CodeActionProvider;
  scheduler: Scheduler;
}

/**
 * Edits that arrive together (auto-closed brackets, multi-cursor, key repeat) are checked once.
 * Short, because it adds to every keystroke's wait and issue 7 gives that wait 100 ms in all:
 * 50 ms made it 89-100 ms at worst on the 1M-file bench while the scan ran.
 */
const CHECK_DEBOUNCE_MS = 20;

function create(connection: Connection, opts: ServerOptions): Parts {
  const docs = new TextDocuments(TextDocument);
  const files = new WorkspaceFiles(docs);
  const settings = new SettingsStore(connection, (root) => loadConfig(root, files, RULE_IDS).settings);
  const scheduler = new Scheduler();
  // Whole-tree rule inputs (gitignore verdicts) are computed in slices; re-check when they land,
  // and tell the client: the status tooltip and the report show the build-input model's split.
  const work = new TreeWork({
    scheduler,
    onReady: (scan) => {
      checks.scheduleAffected(scan.contextDir);
      progress.resultsLanded(scan.contextDir);
    },
  });
  const contexts = new ContextStore(opts.scanner ?? engineScanner, {
    turn: scheduler.turn,
    onPatched: (scan) => work.patched(scan),
  });
  const progress = new ScanProgress(connection, contexts);
  const discover = opts.discover ?? engineDiscover(files, scheduler);
  const project = new Project(files, settings, contexts, discover, work, opts.rules);
  const checks = new Checks(connection, docs, project, scheduler, CHECK_DEBOUNCE_MS, (m) =>
    connection.console.error(m),
  );
  const refresh = new ClientRefresher(connection);
  // Checks made before (or while) discovery ran had no builds, or stale ones: redo them; the
  // hints of an ignore file no build was known to use yet can now be given.
  project.onDiscovered = () => {
    checks.scheduleAll();
    refresh.request();
  };
  const size: SizeDeps = { project, checks, languageOf: (uri) => docs.get(uri)?.languageId };
  const versionOf: VersionOf = (p) => files.document(p)?.version ?? null;
  return {
    connection,
    docs,
    settings,
    contexts,
    project,
    checks,
    size,
    versionOf,
    scheduler,
    progress,
    watchers: new Watchers(connection, project, checks),
    refresh,
    actions: new CodeActionProvider({
      versionOf,
      fixFile: (uri, token) => fixFile(size, versionOf, uri, token),
      fixable: (uri) => fixableIn(checks.results.get(uri)?.result.findings),
    }),
  };
}

function initialize(s: Parts, params: InitializeParams): InitializeResult {
  const init = (params.initializationOptions ?? {}) as InitOptions;
  s.checks.debounceMs = init.debounceMs ?? s.checks.debounceMs;
  s.project.coexistence.set(init.otherExtensions ?? []);
  const caps = params.capabilities;
  s.settings.pullsConfiguration = caps.workspace?.configuration === true;
  s.progress.supportsWorkDone = caps.window?.workDoneProgress === true;
  s.watchers.dynamic = caps.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
  s.watchers.relativePatterns = caps.workspace?.didChangeWatchedFiles?.relativePatternSupport === true;
  s.refresh.lenses = caps.workspace?.codeLens?.refreshSupport === true;
  s.refresh.inlayHints = caps.workspace?.inlayHint?.refreshSupport === true;
  const folders = params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: '' }] : []);
  s.project.roots = folders.map((f) => ({ path: uriToPath(f.uri), uri: f.uri }));
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: false },
      codeActionProvider: s.actions.initialize(caps),
      hoverProvider: true,
      codeLensProvider: { resolveProvider: false },
      inlayHintProvider: { resolveProvider: false },
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    },
    serverInfo: { name: 'buildctx' },
  };
}

function initialized(s: Parts): void {
  if (s.settings.pullsConfiguration)
    void s.connection.client
      .register(DidChangeConfigurationNotification.type, { section: SYNCED_SETTINGS.map((k) => `buildctx.${k}`) })
      .catch(() => undefined);
  s.watchers.update();
  s.connection.workspace.onDidChangeWorkspaceFolders((e) => {
    const gone = new Set(e.removed.map((f) => f.uri));
    s.project.roots = [
      ...s.project.roots.filter((r) => !gone.has(r.uri)),
      ...e.added.map((f) => ({ path: URI.parse(f.uri).fsPath, uri: f.uri })),
    ];
    recheckEverything(s);
  });
}

function recheckEverything(s: Parts): void {
  s.settings.invalidate();
  s.project.forgetAll();
  s.checks.scheduleAll();
  s.refresh.request(); // `buildctx.inlayHints.enabled` may have changed
}

/** Re-checks follow edits, the dependency graph and context events. */
function wireChanges(s: Parts): void {
  s.contexts.onEvent((e, why) => {
    s.progress.onEvent(e, why);
    if (why === 'done' || why === 'update') {
      s.checks.scheduleAffected(e.req.contextDir);
      s.refresh.request();
    }
    if (why === 'start') s.watchers.update();
  });
  s.docs.onDidOpen((e) => s.checks.schedule(e.document.uri, 0));
  s.docs.onDidChangeContent((e) => {
    s.checks.schedule(e.document.uri);
    // Another document may depend on this buffer (an ignore file open next to its Dockerfile).
    for (const uri of s.checks.graph.affectedExact(uriToPath(e.document.uri)))
      if (uri !== e.document.uri) s.checks.schedule(uri);
  });
  s.docs.onDidClose((e) => {
    s.checks.closed(e.document.uri);
    // The disk version takes over from the closed buffer.
    for (const uri of s.checks.graph.affectedExact(uriToPath(e.document.uri))) s.checks.schedule(uri);
  });
  s.connection.onDidChangeConfiguration(() => recheckEverything(s));
  // Another Dockerfile extension installed or removed: what buildctx leaves to it changes.
  s.connection.onNotification(OtherExtensionsNotification, (p) => {
    if (s.project.coexistence.set(p.extensions)) s.checks.scheduleAll();
  });
  s.connection.onDidChangeWatchedFiles((p) => s.watchers.handle(p.changes));
}

const isIgnoreDoc = (doc: TextDocument): boolean => docKind(uriToPath(doc.uri), doc.languageId) === 'ignorefile';

function wireRequests(s: Parts): void {
  const { connection, docs, size, versionOf } = s;
  s.actions.listen(connection);
  connection.onHover(async (p) => {
    const doc = docs.get(p.textDocument.uri);
    if (!doc) return null;
    if (isIgnoreDoc(doc)) return ignoreHover(size, doc.uri, doc.getText(), p.position);
    return hover(size, doc.uri, doc.getText(), p.position);
  });
  connection.languages.inlayHint.on(async (p) => {
    const doc = docs.get(p.textDocument.uri);
    if (!doc || !isIgnoreDoc(doc)) return [];
    const root = s.project.rootOf(uriToPath(doc.uri));
    if (!(await s.settings.inlayHints(root.path, root.uri))) return [];
    return inlayHints(size, doc.uri, doc.getText(), p.range);
  });
  connection.onCodeLens(async (p) => {
    const doc = docs.get(p.textDocument.uri);
    return doc && !isIgnoreDoc(doc) ? codeLenses(size, doc.uri, doc.getText()) : [];
  });
  connection.onRequest(ContextSummaryRequest, (p) => contextSummary(size, p.uri));
  const shown = new ShownBuild();
  connection.onRequest(ContextReportRequest, (p) => contextReport(size, p, shown));
  connection.onRequest(WorkspaceFixAllRequest, () => workspaceFixAll(size, versionOf));
  connection.onRequest(ExcludedRequest, (p) => excludedPaths(size, p));
}

export function startServer(connection: Connection, opts: ServerOptions = {}): ServerHandle {
  const s = create(connection, opts);
  connection.onInitialize((params) => initialize(s, params));
  connection.onInitialized(() => initialized(s));
  wireChanges(s);
  wireRequests(s);
  s.docs.listen(connection);
  connection.listen();
  return {
    project: s.project,
    checks: s.checks,
    scheduler: s.scheduler,
    dispose() {
      s.refresh.dispose();
      s.progress.dispose();
      s.watchers.dispose();
      s.contexts.dispose();
    },
  };
}
