// Whole-tree work the rules derive from a scan (gitignore verdicts, heavy directories, secrets),
// cached per scan. One TreeWork travels in every rule context: the language server's runs its
// first pass over a big tree in slices while the rules that need it stay silent; the CLI's and
// fix-all's compute at once. Nothing here is module state: each owner has its own cache.
import type { Totals } from '../types';
import { drain } from './steps';
import type { Scheduler } from './scheduler';

/**
 * What tree work needs of a context scan: who it is for and its totals (a patch that moves
 * them makes cached results stale). A structural type, so this folder needs no scan model.
 */
export interface ContextScan {
  contextDir: string;
  dockerfile?: string;
  builder: string;
  ignoreFile: string | null;
  sent: Totals;
  excluded: Totals;
}

type Cached = Map<string, { key: string; value: unknown }>;

export interface TreeWorkOptions {
  /** Present in the language server: deferred work then runs in its slices. */
  scheduler?: Scheduler;
  /** Hears when a scan's deferred results landed, so its documents can be checked again. */
  onReady?: (scan: ContextScan) => void;
}

export class TreeWork {
  private readonly memoed = new WeakMap<ContextScan, Cached>();
  private readonly revisions = new WeakMap<ContextScan, number>();
  private readonly inFlight = new WeakMap<ContextScan, Set<string>>();
  /** The running or queued background job per build, result and key. */
  private readonly latest = new Map<string, AbortController>();
  /**
   * Background jobs run one after another: side by side, each would take its own slice per turn
   * of the event loop, and four rules' walks would hold it four slices long (issue 7: 100 ms).
   */
  private queue: Promise<unknown> = Promise.resolve();
  private queued = 0;
  /** Inside `atOnce`: computed at once even in the server. */
  private atOnceDepth = 0;

  constructor(private readonly opts: TreeWorkOptions = {}) {}

  /**
   * `key` made specific to the tree's current state: its patch revision and totals. For caches
   * of their own that must follow in-place patches as `memo` does.
   */
  key(scan: ContextScan, key: string): string {
    const { sent, excluded } = scan;
    const totals = `${sent.files},${sent.bytes},${excluded.files},${excluded.bytes}`;
    return `${this.revisions.get(scan) ?? 0}\0${totals}\0${key}`;
  }

  /**
   * Marks a scan patched in place (a watched-file event): whole-tree results cached for it are
   * stale even when its totals did not move (a rename keeping sizes must not show the old path).
   * Called by the code that applies the file change.
   */
  patched(scan: ContextScan): void {
    this.revisions.set(scan, (this.revisions.get(scan) ?? 0) + 1);
  }

  /**
   * Caches a whole-tree computation per scan: rules run on every keystroke, the tree changes far
   * less often. A rematch or rescan is a new scan object; in-place patches bump its revision.
   */
  memo<T>(scan: ContextScan, name: string, key: string, compute: () => T): T {
    const full = this.key(scan, key);
    let byName = this.memoed.get(scan);
    const hit = byName?.get(name);
    if (hit && hit.key === full) return hit.value as T;
    const value = compute();
    if (!byName) {
      byName = new Map();
      this.memoed.set(scan, byName);
    }
    byName.set(name, { key: full, value });
    return value;
  }

  /**
   * `memo` for work written as a generator: computed at once, or in the server's background;
   * undefined until it lands there (`onReady` then tells).
   */
  defer<T>(scan: ContextScan, name: string, key: string, steps: () => Generator<void, T>): T | undefined {
    const full = this.key(scan, key);
    const hit = this.memoed.get(scan)?.get(name);
    if (hit && hit.key === full) return hit.value as T;
    const { scheduler } = this.opts;
    if (!scheduler || this.atOnceDepth > 0) return this.memo(scan, name, key, () => drain(steps()));
    this.enqueue(scheduler, scan, name, key, steps);
    return undefined;
  }

  private enqueue<T>(
    s: Scheduler,
    scan: ContextScan,
    name: string,
    key: string,
    steps: () => Generator<void, T>,
  ): void {
    const full = this.key(scan, key);
    let running = this.inFlight.get(scan);
    if (!running) {
      running = new Set();
      this.inFlight.set(scan, running);
    }
    const id = `${name}\0${full}`;
    if (running.has(id)) return;
    running.add(id);
    this.queued++;
    const job = this.supersede(scan, name, key);
    const settle = (): void => {
      running.delete(id);
      this.queued--;
      job.done();
    };
    const land = (value: T): void => {
      settle();
      // Patched meanwhile: the result may mix two trees, so drop it; the re-check asks again.
      if (this.key(scan, key) === full) this.memo(scan, name, key, () => value);
      this.opts.onReady?.(scan);
    };
    const run = (): Promise<T> => {
      job.signal.throwIfAborted();
      return s.drain(steps(), job.signal);
    };
    // Never rejected, so one failed or superseded job does not stop the ones queued after it.
    this.queue = this.queue
      .then(run)
      .then(land, settle)
      .catch(() => undefined);
  }

  /**
   * Aborts the job this one replaces: the same work for a newer scan of the same build (each
   * keystroke in an ignore file re-matches the scan), or for the same scan patched since. On a
   * large tree the stale jobs would otherwise queue up seconds of work no one reads.
   */
  private supersede(scan: ContextScan, name: string, key: string): { signal: AbortSignal; done(): void } {
    const slot = [scan.contextDir, scan.dockerfile, scan.builder, scan.ignoreFile, name, key].join('\0');
    this.latest.get(slot)?.abort();
    const abort = new AbortController();
    this.latest.set(slot, abort);
    const done = (): void => {
      if (this.latest.get(slot) === abort) this.latest.delete(slot);
    };
    return { signal: abort.signal, done };
  }

  /**
   * Runs `fn` with tree work computed at once, as the CLI does: for a synchronous pass over
   * hypothetical scans (fix-all), where a rule silent for want of a background result would
   * drop its fix, and no later re-check could bring it back.
   */
  atOnce<T>(fn: () => T): T {
    this.atOnceDepth++;
    try {
      return fn();
    } finally {
      this.atOnceDepth--;
    }
  }

  /**
   * `to` re-derives `from` with the same patterns over the same tree (a re-match back to the
   * text the editor shows): it keeps `from`'s results instead of computing them again.
   */
  sameTree(from: ContextScan, to: ContextScan): void {
    const m = this.memoed.get(from);
    if (m) this.memoed.set(to, new Map(m));
    const r = this.revisions.get(from);
    if (r !== undefined) this.revisions.set(to, r);
  }

  /** Whether background work is queued or running. */
  pending(): boolean {
    return this.queued > 0;
  }

  /** Resolves once the background work queued so far has landed (tests wait on it, never on time). */
  done(): Promise<void> {
    return this.queue.then(() => undefined);
  }
}
