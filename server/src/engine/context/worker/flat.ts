// The worker's scan: the same walk and the same decisions as scanContextSync, but written
// straight into the flat arrays the caller receives (encode.ts), deciding each entry as the
// walk meets it. No tree of objects is ever built in the worker, so at a million files its heap
// stays a few typed arrays (~100 MB) instead of a ~300 MB tree plus its encoding.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ContextScan, EntryKind, FatalIssue, ScanIssue } from '../model';
import type { IgnorePattern } from '../../dockerignore/read';
import type { ScanOptions } from '../scan/scan';
import { ignoreRules, matcherFor, missingContext, readIgnoreText } from '../scan/scan';
import { walkWith, type WalkSink } from '../scan/walk';
import { dirStanding, fileVerdict, newStats, type DirState, type StatsAcc } from '../scan/classify';
import { compileContextMatcher, type ContextMatcher } from '../scan/match';
import { IgnoreSyntaxError, builderErrorMessage } from '../../dockerignore/match';
import { ScanWriter, type EncodedScan } from './encode';

interface FlatDir {
  no: number;
  path: string;
  at: DirState;
}

/** Records entries and decides them with the matcher; a pattern that fails late makes the build fail. */
class FlatSink implements WalkSink<FlatDir> {
  readonly out = new ScanWriter();
  /** Sent and excluded files and bytes, for the scan's totals. */
  readonly sums = { sent: { files: 0, bytes: 0 }, excluded: { files: 0, bytes: 0 } };
  readonly dirErrors: Array<[number, string]> = [];
  /** Set when a pattern failed on first evaluation: the scan then decides nothing (see `classify` in scan/scan.ts). */
  lateError: IgnoreSyntaxError | null = null;

  readonly m: ContextMatcher;
  readonly stats: StatsAcc;

  constructor(
    head: Pick<ContextScan, 'builder' | 'dockerfile' | 'contextDir'>,
    patterns: IgnorePattern[],
    fatal: FatalIssue | null,
  ) {
    this.stats = newStats(patterns.length);
    // The classic builder evaluates patterns while compiling (the files it always sends).
    let m: ContextMatcher;
    try {
      m = matcherFor({ ...head, patterns, fatal });
    } catch (err) {
      this.failLate(err);
      m = compileContextMatcher([], head.builder);
    }
    this.m = m;
  }

  pathOf(d: FlatDir): string {
    return d.path;
  }

  failed(d: FlatDir, message: string): void {
    this.dirErrors.push([d.no, message]);
  }

  // The two calls below run once per entry: no closure, and no path string when nothing matches.
  file(d: FlatDir, name: string, kind: EntryKind, size: number): void {
    let by = -1;
    if (!this.lateError && !this.m.empty) {
      try {
        by = fileVerdict(this.m, d.path === '' ? name : `${d.path}/${name}`, size, d.at, this.stats);
      } catch (err) {
        this.failLate(err);
      }
    }
    const t = by >= 0 ? this.sums.excluded : this.sums.sent;
    t.files++;
    t.bytes += size;
    this.out.add(d.no, kind, size, by, name);
  }

  dir(parent: FlatDir, name: string, rel: string): FlatDir {
    let at = parent.at,
      by = -1;
    if (!this.lateError) {
      try {
        ({ at, by } = dirStanding(this.m, rel, parent.at));
      } catch (err) {
        this.failLate(err);
      }
    }
    return { no: this.out.add(parent.no, 'dir', 0, by, name), path: rel, at };
  }

  /** A pattern failed on first evaluation: remember it (the scan will decide nothing); rethrow anything else. */
  private failLate(err: unknown): void {
    if (!(err instanceof IgnoreSyntaxError)) throw err;
    this.lateError = err;
  }
}

/** Scans like scanContextSync and returns the result already encoded for transfer. */
export function scanContextFlat(opts: ScanOptions): { encoded: EncodedScan; transfer: ArrayBuffer[] } {
  const contextDir = path.resolve(opts.contextDir);
  const errors: ScanIssue[] = [];
  const head = { contextDir, builder: opts.builder, ignoreFile: opts.ignoreFile, dockerfile: opts.dockerfile, errors };
  const exists = fs.statSync(contextDir, { throwIfNoEntry: false })?.isDirectory();
  const { patterns, fatal } = exists
    ? ignoreRules(head, opts.ignoreText ?? readIgnoreText(opts.ignoreFile))
    : { patterns: [], fatal: missingContext(opts.contextDir) };
  const sink = new FlatSink(head, patterns, fatal);
  const m = sink.m;
  if (exists)
    walkWith(sink, contextDir, { no: 0, path: '', at: { state: m.root, closedBy: -1 } }, errors, {
      hooks: opts.hooks,
      onProgress: opts.onProgress,
    });
  if (sink.lateError && !fatal) {
    // As the in-memory scan does: the build fails and nothing is decided, not even what was
    // decided before the failing pattern was first reached.
    sink.out.undecide();
    const lateFatal = {
      message: builderErrorMessage(sink.lateError, opts.builder),
      file: opts.ignoreFile ?? '',
      line: sink.lateError.line,
    };
    const all = {
      files: sink.sums.sent.files + sink.sums.excluded.files,
      bytes: sink.sums.sent.bytes + sink.sums.excluded.bytes,
    };
    return sink.out.finish(
      {
        ...head,
        patterns,
        fatal: lateFatal,
        sent: all,
        excluded: { files: 0, bytes: 0 },
        patternStats: newStats(patterns.length).map((decided, index) => ({ index, decided })),
      },
      sink.dirErrors,
    );
  }
  const patternStats = sink.stats.map((decided, index) => ({ index, decided }));
  return sink.out.finish({ ...head, patterns, fatal, ...sink.sums, patternStats }, sink.dirErrors);
}
