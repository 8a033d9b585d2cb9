// Scanning a build context: walk the disk once (walk.ts), then decide every entry with the
// builder's ignore semantics (classify.ts). `rematch` re-runs only the second half.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Builder } from '../../types';
import { readIgnoreFile, type IgnorePattern, type ParsedIgnoreFile } from '../../dockerignore/read';
import { builderErrorMessage, IgnoreMatcher, IgnoreSyntaxError } from '../../dockerignore/match';
import type { ContextScan, FatalIssue, ScanIssue } from '../model';
import { newDir } from '../tree/nodes';
import { walkInto, type WalkHooks } from './walk';
import { classifySubtree, newStats } from './classify';
import { compileContextMatcher, type ContextMatcher } from './match';
import { withSmallYoungGeneration } from './gc';

export interface ScanOptions {
  contextDir: string;
  builder: Builder;
  /** Absolute path of the ignore file that applies (see resolve.ts), or null for none. */
  ignoreFile: string | null;
  /** Unsaved editor buffer of the ignore file: wins over the disk. */
  ignoreText?: string;
  /** Absolute Dockerfile path; the classic builder always sends it (SEMANTICS.md §15). */
  dockerfile?: string;
  onProgress?: (p: { files: number; bytes: number }) => void;
  /** Test seam, see WalkHooks. Not available through the worker API. */
  hooks?: WalkHooks;
}

/** Scans synchronously on the calling thread. Never throws for disk trouble: see `errors`/`fatal`. */
export function scanContextSync(opts: ScanOptions): ContextScan {
  const contextDir = path.resolve(opts.contextDir);
  const errors: ScanIssue[] = [];
  const root = newDir('', null);
  const st = fs.statSync(contextDir, { throwIfNoEntry: false });
  const base = {
    contextDir,
    builder: opts.builder,
    ignoreFile: opts.ignoreFile,
    dockerfile: opts.dockerfile,
    root,
    errors,
  };
  if (!st?.isDirectory()) return classify(base, [], missingContext(opts.contextDir));
  const text = opts.ignoreText ?? readIgnoreText(opts.ignoreFile);
  return withSmallYoungGeneration(() => {
    walkInto(contextDir, root, errors, { hooks: opts.hooks, onProgress: opts.onProgress });
    return applyIgnoreText(base, text);
  });
}

/** What `docker build` says for a missing context. */
export function missingContext(contextDir: string): FatalIssue {
  return {
    message: `unable to prepare context: path "${contextDir}" not found`,
    file: path.resolve(contextDir),
    line: 0,
  };
}

/** Ignore-file text from disk; null when there is none. */
export function readIgnoreText(file: string | null): string | { error: string } | null {
  if (!file) return null;
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    if (e.code === 'ENOENT') return null;
    return { error: `error reading ${path.basename(file)}: ${e.message}` };
  }
}

type ScanBase = Pick<ContextScan, 'contextDir' | 'builder' | 'ignoreFile' | 'root' | 'errors' | 'dockerfile'>;

/** Parses `text`, compiles it for the builder and classifies the tree in `base`. */
export function applyIgnoreText(base: ScanBase, text: string | { error: string } | null): ContextScan {
  const { patterns, fatal } = ignoreRules(base, text);
  return classify(base, patterns, fatal);
}

/** The patterns `text` gives this builder, and the error Docker would refuse the build with. */
export function ignoreRules(
  base: Pick<ScanBase, 'builder' | 'ignoreFile' | 'contextDir'>,
  text: string | { error: string } | null,
): { patterns: IgnorePattern[]; fatal: FatalIssue | null } {
  if (text !== null && typeof text === 'object') {
    return { patterns: [], fatal: { message: text.error, file: base.ignoreFile ?? base.contextDir, line: 0 } };
  }
  const parsed = text === null ? { patterns: [], errors: [] } : readIgnoreFile(text, base.builder);
  // Docker refuses the build on a bad file; we still classify with no patterns so the tree
  // stays usable (and a later rematch can fix it without a rescan).
  return { patterns: parsed.patterns, fatal: parseFatal(parsed, base) };
}

/** The error `docker build` stops with for this file, if any: reader errors first (ReadAll fails before any pattern compiles). */
function parseFatal(parsed: ParsedIgnoreFile, base: Pick<ScanBase, 'builder' | 'ignoreFile'>): FatalIssue | null {
  if (parsed.errors.length === 0) return null;
  const file = base.ignoreFile ?? '';
  const reader = parsed.errors.find((e) => e.message.startsWith('error reading'));
  if (reader) return { message: reader.message, file, line: reader.line };
  try {
    IgnoreMatcher.compile(parsed.patterns, base.builder);
  } catch (err) {
    if (err instanceof IgnoreSyntaxError)
      return { message: builderErrorMessage(err, base.builder), file, line: err.line };
    throw err;
  }
  return { message: parsed.errors[0].message, file, line: parsed.errors[0].line };
}

function alwaysSent(base: Pick<ScanBase, 'builder' | 'dockerfile' | 'contextDir'>): string[] {
  if (base.builder !== 'classic') return [];
  const dockerfile = base.dockerfile ?? path.join(base.contextDir, 'Dockerfile');
  const rel = path.relative(base.contextDir, dockerfile).split(path.sep).join('/');
  const inside = rel !== '' && !rel.startsWith('../') && rel !== '..' && !path.isAbsolute(rel);
  return inside ? ['.dockerignore', rel] : ['.dockerignore'];
}

/** Builds the matcher the scan uses; exported for incremental updates. */
export function matcherFor(
  scan: Pick<ContextScan, 'fatal' | 'patterns' | 'builder' | 'dockerfile' | 'contextDir'>,
): ContextMatcher {
  if (scan.fatal) return compileContextMatcher([], scan.builder);
  return compileContextMatcher(scan.patterns, scan.builder, alwaysSent(scan));
}

function classify(base: ScanBase, patterns: IgnorePattern[], fatal: FatalIssue | null): ContextScan {
  const scan: ContextScan = {
    ...base,
    patterns,
    fatal,
    sent: { files: 0, bytes: 0 },
    excluded: { files: 0, bytes: 0 },
    patternStats: [],
  };
  try {
    runClassify(scan);
  } catch (err) {
    // Some invalid patterns only fail when first evaluated (`[z-a]`, SEMANTICS.md §10).
    if (fatal || !(err instanceof IgnoreSyntaxError)) throw err;
    return classify(base, patterns, {
      message: builderErrorMessage(err, base.builder),
      file: base.ignoreFile ?? '',
      line: err.line,
    });
  }
  return scan;
}

/** A pattern failed on first evaluation after the scan (incremental update): redo the decisions as a fresh scan would. */
export function failOnLazyPattern(scan: ContextScan, err: IgnoreSyntaxError): void {
  scan.fatal = { message: builderErrorMessage(err, scan.builder), file: scan.ignoreFile ?? '', line: err.line };
  runClassify(scan);
}

function runClassify(scan: ContextScan): void {
  const m = matcherFor(scan);
  const stats = newStats(scan.patterns.length);
  classifySubtree(m, scan.root, { state: m.root, closedBy: -1 }, stats);
  scan.sent = { ...scan.root.sent };
  scan.excluded = { ...scan.root.excluded };
  scan.patternStats = stats.map((decided, index) => ({ index, decided }));
}

/**
 * Re-applies new ignore-file text to the tree already in memory: no disk access. The tree is
 * shared with (and re-decided in) the returned scan, so the old scan object is superseded.
 * `ignoreText` null means there is no ignore file any more.
 */
export function rematch(
  scan: ContextScan,
  ignoreText: string | null,
  ignoreFile: string | null = scan.ignoreFile,
): ContextScan {
  const base: ScanBase = {
    contextDir: scan.contextDir,
    builder: scan.builder,
    root: scan.root,
    dockerfile: scan.dockerfile,
    errors: scan.errors,
    ignoreFile: ignoreText === null ? null : ignoreFile,
  };
  return applyIgnoreText(base, ignoreText);
}
