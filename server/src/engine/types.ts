// Shared vocabulary of the engine. Positions follow LSP (0-based line, UTF-16 character)
// so the server can pass ranges through untouched, but nothing here imports an editor API.

export type Builder = 'buildkit' | 'classic' | 'podman';
export const BUILDERS: readonly Builder[] = ['buildkit', 'classic', 'podman'];

export type Severity = 'error' | 'warning' | 'info' | 'hint';

export interface Position {
  line: number;
  character: number;
}
export interface Range {
  start: Position;
  end: Position;
}

export interface TextEdit {
  range: Range;
  newText: string;
}

/** Edits to one file. `create` means the file does not exist yet and the edits build it. */
export interface FileEdit {
  file: string;
  create?: boolean;
  edits: TextEdit[];
}

/** A fix travels inside its finding so code actions need no lookup. `safe` fixes are the ones fix-all applies. */
export interface Fix {
  title: string;
  edits: FileEdit[];
  safe: boolean;
  preferred?: boolean;
  /** Why a fix that would otherwise be safe is not: the build input it would drop. */
  unsafeBecause?: string;
  /** Large or sweeping: the editor shows it as a change to review before it is applied. */
  confirm?: boolean;
}

export type FindingTag = 'unnecessary' | 'deprecated';

export interface Finding {
  ruleId: string;
  severity: Severity;
  /** Absolute path of the file the finding is shown on. */
  file: string;
  range: Range;
  message: string;
  fixes: Fix[];
  tags?: FindingTag[];
  /** What the problem costs, where it is about context size. */
  cost?: { files: number; bytes: number };
  /** Findings with one key are one problem seen from several files: reported once (check/collapse.ts). */
  group?: string;
  /** What a copy sends that it should not, for the one line that sums up a COPY: `vendor/ (105.8 MiB)`. */
  sends?: { subject: string; item: string };
  /** Where else the same problem shows, or the details a summary stands for. */
  related?: RelatedInfo[];
}

export interface RelatedInfo {
  file: string;
  range: Range;
  message: string;
}

export interface ContextMapping {
  dockerfile: string;
  context: string;
  builder?: Builder;
}

/** Same keys as `.buildctx.json` and the `buildctx.*` settings. */
export interface Settings {
  rules: Record<string, Severity | 'off'>;
  builder: Builder;
  contexts: ContextMapping[];
  /** Bytes above which any directory sent by a whole-context copy is flagged. */
  largeDirectory: number;
  /** Bytes above which the context size is shown as a warning. */
  contextSizeWarning: number;
}

export const DEFAULT_SETTINGS: Settings = {
  rules: {},
  builder: 'buildkit',
  contexts: [],
  largeDirectory: 10 * 1024 * 1024,
  contextSizeWarning: 100 * 1024 * 1024,
};

export interface Totals {
  files: number;
  bytes: number;
}

/** File access that sees unsaved editor buffers first, then the disk. */
export interface FileAccess {
  readText(absPath: string): string | undefined;
  /** Binary files (git's index); an editor buffer of the path counts as its UTF-8 bytes. */
  readBytes(absPath: string): Uint8Array | undefined;
  exists(absPath: string): boolean;
}
