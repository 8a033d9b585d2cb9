// Custom messages between the buildctx client and server. Both sides import this file, so
// a renamed field is a compile error on both ends rather than a silent `undefined`.
import { NotificationType, RequestType } from 'vscode-languageserver-protocol';
import type { WorkspaceEdit } from 'vscode-languageserver-protocol';
import type { Builder, Totals } from './engine/types';
import type { MapFolder } from './engine/inputs/folderMap';

export type { MapFolder };

// The client words sizes exactly as the server's diagnostics and the CLI do; it reaches into the
// server through this module only.
export { formatBytes, formatCount, formatNumber, formatShare, formatTotals } from './engine/format';

export interface PathFigure extends Totals {
  path: string;
}
export interface ExclusionFigure extends Totals {
  pattern: string;
  negate: boolean;
  line: number;
}
/** What fixing one finding would take out of the context. */
export interface SavingFigure extends Totals {
  ruleId: string;
  message: string;
}

export type ScanState = 'scanning' | 'ready' | 'failed';

/** The context of one build of a document, as the status bar and tooltip show it. */
export interface ContextSummary {
  /** The document asked about (a Dockerfile or an ignore file). */
  uri: string;
  dockerfile: string | null;
  contextDir: string;
  ignoreFile: string | null;
  builder: Builder;
  provenance: string;
  state: ScanState;
  /** Entries seen so far while the scan runs. */
  progress: number;
  /** What the build sends (null until the first scan finishes). */
  sent: Totals | null;
  excluded: Totals | null;
  /** What this Dockerfile's COPY/ADD instructions actually pull in (BuildKit); null when unknown. */
  transferred: Totals | null;
  /** What is sent split by the build-input model: read or maybe read vs not needed (null while computed). */
  needed: Totals | null;
  unused: Totals | null;
  largest: PathFigure[];
  exclusions: ExclusionFigure[];
  savings: SavingFigure[];
  /** Bytes above which the size is shown as a warning (settings, then `.buildctx.json`). */
  contextSizeWarning: number;
  /** Why Docker would refuse this context (an invalid pattern...), with file:line. */
  fatal: string | null;
  /** How many builds this document takes part in; the summary is of the strongest one. */
  builds: number;
}

export interface ContextSummaryParams {
  uri: string;
}
export const ContextSummaryRequest = new RequestType<ContextSummaryParams, ContextSummary | null, void>(
  'buildctx/contextSummary',
);

/** The report's picture: the largest folders, each as needed / sent but unused / kept out. */
export interface ReportMap {
  /** True while the build-input model is worked out: everything sent then counts as unused. */
  pending: boolean;
  root: MapFolder;
}
/** A build the report can show, among those sharing the document's context. */
export interface BuildChoice {
  id: string;
  label: string;
}
export interface CopyTransfer {
  line: number;
  instruction: string;
  sources: string[];
  transferred: Totals | null;
}

/** A symlink whose target is outside the context (Docker sends the link, not its target). */
export interface OutsideLinkFigure {
  path: string;
  target: string;
  sent: boolean;
}
export interface ContextReport {
  summary: ContextSummary;
  map: ReportMap;
  /** The builds sharing the context (several Dockerfiles), and the one shown. */
  builds: BuildChoice[];
  build: string;
  copies: CopyTransfer[];
  outsideLinks?: OutsideLinkFigure[];
}
export interface ContextReportParams {
  uri: string;
  /** A `BuildChoice.id`; the document's strongest build when absent or unknown. */
  build?: string;
}
export const ContextReportRequest = new RequestType<ContextReportParams, ContextReport | null, void>(
  'buildctx/contextReport',
);

export interface WorkspaceFixAllResult {
  /** One edit over every file, so the client applies it as a single undoable step. */
  edit: WorkspaceEdit;
  /** Findings the edit fixes. */
  problems: number;
  /** URIs of the files the edit changes. */
  files: string[];
  /** How much smaller the contexts of the fixed builds become. */
  saved: Totals;
}
export const WorkspaceFixAllRequest = new RequestType<Record<string, never>, WorkspaceFixAllResult, void>(
  'buildctx/workspaceFixAll',
);

/** Sent when a scan starts, progresses or finishes, so the client refreshes its status item. */
export interface ContextStateParams {
  scanning: number;
  progress: number;
  contexts: string[];
}
export const ContextStateNotification = new NotificationType<ContextStateParams>('buildctx/contextState');

/**
 * Extensions whose own Dockerfile diagnostics some of buildctx's would duplicate (issue 16):
 * Microsoft's Container Tools and its predecessor, the Docker extension, and Docker DX. The
 * client says which are installed; the server drops only the overlapping findings.
 */
export const DOCKERFILE_EXTENSIONS = [
  'ms-azuretools.vscode-containers',
  'ms-azuretools.vscode-docker',
  'docker.docker',
] as const;

export interface OtherExtensionsParams {
  /** The ids of DOCKERFILE_EXTENSIONS that are installed and enabled. */
  extensions: string[];
}
/** Sent when one of DOCKERFILE_EXTENSIONS is installed, removed, enabled or disabled. */
export const OtherExtensionsNotification = new NotificationType<OtherExtensionsParams>('buildctx/otherExtensions');

/** Options the client (or an in-process test) passes in `initializationOptions`. */
export interface InitOptions {
  /** Delay before re-checking after an edit; tests pass 0. */
  debounceMs?: number;
  /** DOCKERFILE_EXTENSIONS installed when the client started. */
  otherExtensions?: string[];
}

/**
 * The Explorer's question (issue 16): which of these paths does the build of `uri` (the active
 * Dockerfile or ignore file) keep out? Answered from the scan the server already holds.
 */
export interface ExcludedParams {
  uri: string;
  /** File URIs of the rows the Explorer is drawing. */
  paths: string[];
}
/** One path's standing; `pattern` and 1-based `line` name the ignore-file line that decided it. */
export interface ExcludedVerdict {
  excluded: boolean;
  pattern: string | null;
  line: number | null;
}
export interface ExcludedResult {
  /** Absolute path of the Dockerfile whose build answered (an ignore file's strongest build). */
  dockerfile: string | null;
  /** Absolute path of the ignore file the patterns come from. */
  ignoreFile: string | null;
  /** One verdict per requested path, in order. */
  verdicts: ExcludedVerdict[];
}
export const ExcludedRequest = new RequestType<ExcludedParams, ExcludedResult, void>('buildctx/excluded');

/**
 * The `buildctx.*` settings the server reads. Client-only ones (the Explorer's decorations,
 * tracing) are left out of the sync, so toggling them does not re-discover every build.
 */
export const SERVER_SETTINGS = ['rules', 'builder', 'contexts', 'largeDirectory', 'contextSizeWarning'] as const;
/** What the client syncs: the engine's settings and the server's editor-only ones (inlay hints). */
export const SYNCED_SETTINGS = [...SERVER_SETTINGS, 'inlayHints'] as const;
