// Context scans shared by every open document: one scan per (context, builder, ignore file),
// run off the main thread by the engine, then kept current without rescanning: an ignore-file
// edit re-matches the tree in memory, a watched-file event patches one entry.
import type { ContextScan } from '../engine/context/model';
import type { Turn } from '../engine/background/scheduler';
import type { ScanRequest } from '../engine/build/types';
import { isInside } from './graph';

export type FsChangeKind = 'created' | 'changed' | 'deleted';

/** What a scan is made from: the engine's, as build assembly makes it. */
export type { ScanRequest } from '../engine/build/types';

/** The engine operations the store needs; bound to the real engine in engine.ts. */
export interface ScanEngine {
  /** `turn` yields while the result is rebuilt: the server's scheduler, so checks go first. */
  scan(req: ScanRequest, signal: AbortSignal, onProgress: (entries: number) => void, turn?: Turn): Promise<ContextScan>;
  /** Patches one path into a finished scan (re-stat, re-match); returns the updated scan. */
  applyFsChange(scan: ContextScan, absPath: string, kind: FsChangeKind, ignoreText: string | undefined): ContextScan;
  /** Re-applies new ignore-file text (and file, when given) to a finished scan without touching the disk. */
  rematch(scan: ContextScan, ignoreText: string | undefined, ignoreFile?: string | null): ContextScan;
}

export interface ContextEntry {
  readonly key: string;
  readonly req: ScanRequest;
  scan: ContextScan | null;
  /** Ignore text `scan` was matched with. */
  matchedText: string | undefined;
  progress: number;
  failed: string | null;
  /** Bumps on every change, so consumers can tell a stale result. */
  generation: number;
  running: AbortController | null;
  /** Events that arrived while the walk ran: replayed on its result. */
  pendingChanges: Array<[string, FsChangeKind]>;
}

export type EntryListener = (entry: ContextEntry, why: 'start' | 'progress' | 'done' | 'update') => void;

export const scanKey = (r: Pick<ScanRequest, 'contextDir' | 'builder' | 'ignoreFile' | 'dockerfile'>): string =>
  `${r.builder}\0${r.contextDir}\0${r.ignoreFile ?? ''}\0${r.dockerfile ?? ''}`;

export interface StoreOptions {
  /** How a scan's rebuild yields (the server's scheduler); default: a plain turn. */
  turn?: Turn;
  /** Hears a scan patched in place, so whole-tree results cached for it go stale. */
  onPatched?: (scan: ContextScan) => void;
}

export class ContextStore {
  private readonly entries = new Map<string, ContextEntry>();
  private readonly listeners: EntryListener[] = [];

  constructor(
    private readonly engine: ScanEngine,
    private readonly opts: StoreOptions = {},
  ) {}

  onEvent(l: EntryListener): void {
    this.listeners.push(l);
  }

  /** The entry for a request; starts its scan when new, re-matches when the ignore text changed. */
  ensure(req: ScanRequest): ContextEntry {
    const key = scanKey(req);
    let e = this.entries.get(key);
    if (!e) {
      e = {
        key,
        req,
        scan: null,
        matchedText: req.ignoreText,
        progress: 0,
        failed: null,
        generation: 0,
        running: null,
        pendingChanges: [],
      };
      this.entries.set(key, e);
      if (!this.adopt(e)) this.start(e);
      return e;
    }
    (e.req as ScanRequest).ignoreText = req.ignoreText;
    if (!e.scan && !e.running && !e.failed) this.start(e); // its tree was adopted by a sibling
    if (e.scan && e.matchedText !== req.ignoreText) this.rematch(e);
    return e;
  }

  get(key: string): ContextEntry | undefined {
    return this.entries.get(key);
  }

  all(): ContextEntry[] {
    return [...this.entries.values()];
  }

  scanning(): ContextEntry[] {
    return this.all().filter((e) => e.running !== null);
  }

  /** A file or directory under some context changed on disk. Returns the entries it touched. */
  fileChanged(absPath: string, kind: FsChangeKind): ContextEntry[] {
    const hit: ContextEntry[] = [];
    for (const e of this.entries.values()) {
      if (!isInside(absPath, e.req.contextDir) || absPath === e.req.contextDir) continue;
      hit.push(e);
      if (e.running) {
        e.pendingChanges.push([absPath, kind]);
        continue;
      }
      if (!e.scan) continue;
      this.patch(e, absPath, kind);
      this.bump(e, 'update');
    }
    return hit;
  }

  private readonly pins = new Map<string, number>();

  /** Keeps an entry alive while a request (e.g. workspace fix-all) waits on it. */
  pin(key: string): () => void {
    this.pins.set(key, (this.pins.get(key) ?? 0) + 1);
    let done = false;
    return () => {
      if (done) return;
      done = true;
      const n = (this.pins.get(key) ?? 1) - 1;
      if (n <= 0) this.pins.delete(key);
      else this.pins.set(key, n);
    };
  }

  /** Resolves when the entry has a finished scan (or failed, or was dropped). */
  settled(e: ContextEntry): Promise<void> {
    if (!e.running) return Promise.resolve();
    return new Promise((resolve) => {
      const l: EntryListener = (x, why) => {
        if (x !== e || why !== 'done') return;
        this.listeners.splice(this.listeners.indexOf(l), 1);
        resolve();
      };
      this.listeners.push(l);
    });
  }

  /** Drops entries no document uses any more, cancelling their scans (superseded contexts). */
  retain(keys: Set<string>): void {
    for (const [key, e] of this.entries) {
      if (keys.has(key) || this.pins.has(key)) continue;
      this.entries.delete(key);
      if (e.running) {
        e.running.abort();
        e.running = null;
        this.emit(e, 'done'); // wakes anyone waiting in settled()
      }
    }
  }

  /** Rescans an entry from scratch (e.g. the context directory itself was replaced). */
  restart(key: string): void {
    const e = this.entries.get(key);
    if (!e) return;
    e.running?.abort();
    e.scan = null;
    e.pendingChanges = [];
    this.start(e);
  }

  dispose(): void {
    for (const e of this.entries.values()) e.running?.abort();
    this.entries.clear();
  }

  private start(e: ContextEntry): void {
    const ac = new AbortController();
    e.running = ac;
    e.progress = 0;
    e.failed = null;
    const text = e.req.ignoreText;
    this.emit(e, 'start');
    this.engine
      .scan(
        { ...e.req },
        ac.signal,
        (n) => {
          if (e.running !== ac) return;
          e.progress = n;
          this.emit(e, 'progress');
        },
        this.opts.turn,
      )
      .then(
        (scan) => {
          if (e.running !== ac) return; // superseded
          e.running = null;
          e.scan = scan;
          e.matchedText = text;
          this.replay(e);
          if (e.matchedText !== e.req.ignoreText) e.scan = this.engine.rematch(e.scan, e.req.ignoreText);
          e.matchedText = e.req.ignoreText;
          this.bump(e, 'done');
        },
        (err: unknown) => {
          if (e.running !== ac) return;
          e.running = null;
          e.failed = err instanceof Error ? err.message : String(err);
          this.bump(e, 'done');
        },
      );
  }

  /**
   * An ignore file appeared or disappeared (a quick fix created `.dockerignore`): the build's
   * key changed but the tree on disk did not, so the new entry takes over the finished tree of
   * its sibling and re-matches it instead of walking the context again. The sibling gives the
   * tree up (the tree is re-decided in place) and rescans only if some build still wants it.
   */
  private adopt(e: ContextEntry): boolean {
    for (const s of this.entries.values()) {
      const same =
        s !== e &&
        s.req.contextDir === e.req.contextDir &&
        s.req.builder === e.req.builder &&
        s.req.dockerfile === e.req.dockerfile;
      if (!same || !s.scan || s.running || this.pins.has(s.key)) continue;
      e.scan = this.engine.rematch(s.scan, e.req.ignoreText, e.req.ignoreFile);
      e.matchedText = e.req.ignoreText;
      s.scan = null;
      s.generation++;
      this.bump(e, 'done');
      return true;
    }
    return false;
  }

  private replay(e: ContextEntry): void {
    const changes = e.pendingChanges;
    e.pendingChanges = [];
    for (const [p, kind] of changes) this.patch(e, p, kind);
  }

  /** Applies one file change; a scan patched in place (not re-matched) gets a new revision. */
  private patch(e: ContextEntry, absPath: string, kind: FsChangeKind): void {
    const before = e.scan;
    if (!before) return;
    e.scan = this.engine.applyFsChange(before, absPath, kind, e.matchedText);
    if (e.scan === before) this.opts.onPatched?.(before);
  }

  private rematch(e: ContextEntry): void {
    if (!e.scan) return;
    e.scan = this.engine.rematch(e.scan, e.req.ignoreText);
    e.matchedText = e.req.ignoreText;
    this.bump(e, 'update');
  }

  private bump(e: ContextEntry, why: 'done' | 'update'): void {
    e.generation++;
    this.emit(e, why);
  }

  private emit(e: ContextEntry, why: Parameters<EntryListener>[1]): void {
    for (const l of this.listeners) l(e, why);
  }
}
