// The result of scanning one build context: a tree of what is sent and what the ignore
// file keeps out, with every exclusion attributed to the pattern that decided it.
import type { Builder, Totals } from '../types';
import type { IgnorePattern } from '../dockerignore/read';

export type EntryKind = 'file' | 'symlink' | 'other';

export interface FileEntry {
  name: string;
  /** lstat size; a symlink counts as its link text, as Docker sends the link itself. */
  size: number;
  kind: EntryKind;
  /** Index into ContextScan.patterns of the pattern that excluded it; -1 when sent. */
  excludedBy: number;
}

export interface DirEntry {
  name: string;
  /** Relative to the context root with '/' separators; '' for the root. */
  readonly path: string;
  /** Pattern index that excluded the directory itself; -1 when not excluded. */
  excludedBy: number;
  dirs: Map<string, DirEntry>;
  files: Map<string, FileEntry>;
  /** Subtree aggregates (this directory and everything below it). */
  sent: Totals;
  excluded: Totals;
  /** Set when the directory could not be read; its contents are unknown. */
  error?: string;
}

export interface PatternStat {
  index: number;
  /** Totals this pattern was the deciding exclusion for (for '!' patterns: what it re-included). */
  decided: Totals;
}

export interface ScanIssue {
  path: string;
  message: string;
  code?: string;
}

/** The build would fail (invalid pattern, unreadable ignore file...): what Docker says, and where. */
export interface FatalIssue {
  message: string;
  file: string /** 0-based, like every engine line. */;
  line: number;
}

export interface ContextScan {
  contextDir: string;
  builder: Builder;
  /** Absolute path of the ignore file applied, or null when none exists. */
  ignoreFile: string | null;
  patterns: IgnorePattern[];
  /** Absolute Dockerfile path the scan was made for (classic always sends it); kept for rematch. */
  dockerfile?: string;
  root: DirEntry;
  /** Totals over the whole context: sent vs kept out. */
  sent: Totals;
  excluded: Totals;
  patternStats: PatternStat[];
  errors: ScanIssue[];
  fatal: FatalIssue | null;
}
