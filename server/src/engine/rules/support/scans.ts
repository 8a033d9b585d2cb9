// Which scans an ignore-file rule may use: finished, not failed, and made from the same patterns
// as the text being checked (an unsaved edit the scan has not caught up with would shift indices).
import { drainInSlices } from '../../slices';
import type { ContextScan } from '../../context/model';
import type { IgnoreFileRuleContext } from '../types';

export function scanAgrees(scan: ContextScan, ctx: IgnoreFileRuleContext): boolean {
  const mine = ctx.parsed.patterns;
  if (scan.patterns.length !== mine.length) return false;
  return scan.patterns.every((p, i) => p.pattern === mine[i]!.pattern && p.negate === mine[i]!.negate && p.line === mine[i]!.line);
}

/** Scans of the builds using this file that the pattern-level rules can trust. */
export function usableScans(ctx: IgnoreFileRuleContext): ContextScan[] {
  const out: ContextScan[] = [];
  for (const b of ctx.builds) {
    const s = b.scan;
    if (s && !s.fatal && s.ignoreFile === ctx.file && scanAgrees(s, ctx) && !out.includes(s)) out.push(s);
  }
  return out;
}

const memo = new WeakMap<ContextScan, Map<string, { key: string; value: unknown }>>();
const revisions = new WeakMap<ContextScan, number>();

/**
 * Marks a scan patched in place (a watched-file event): whole-tree results cached for it are
 * stale even when its totals did not move (a rename keeping sizes must not show the old path).
 */
export function scanPatched(scan: ContextScan): void {
  revisions.set(scan, (revisions.get(scan) ?? 0) + 1);
}

/**
 * Caches a whole-tree computation per scan: rules run on every keystroke, the tree changes far
 * less often. A rematch or rescan is a new scan object; in-place patches bump its revision
 * (`scanPatched`), and the totals stay in the key for callers that patch without saying so.
 */
export function memoByScan<T>(scan: ContextScan, name: string, key: string, compute: () => T): T {
  const full = fullKey(scan, key);
  let byName = memo.get(scan);
  const hit = byName?.get(name);
  if (hit && hit.key === full) return hit.value as T;
  const value = compute();
  if (!byName) { byName = new Map(); memo.set(scan, byName); }
  byName.set(name, { key: full, value });
  return value;
}

type ReadyListener = (scan: ContextScan) => void;
const readyListeners = new Set<ReadyListener>();
const inFlight = new WeakMap<ContextScan, Set<string>>();
/**
 * Background jobs run one after another: side by side, each would take its own slice per turn
 * of the event loop, and four rules' walks would hold it four slices long (issue 7: 100 ms).
 */
let queue: Promise<unknown> = Promise.resolve();
let queued = 0;
/** Inside `treeWorkAtOnce`: computed at once even though a server opted in. */
let atOnce = 0;

/**
 * The language server opts in: whole-tree work too slow for one turn of its event loop (a first
 * pass over 200k files) then runs in slices in the background, the rules that need it stay
 * silent meanwhile, and `listener` hears when a scan's results are ready to re-check. The CLI
 * never opts in and computes everything at once. Returns the opt-out.
 */
export function onTreeWorkReady(listener: ReadyListener): () => void {
  readyListeners.add(listener);
  return () => { readyListeners.delete(listener); };
}

/**
 * `key` made specific to the tree's current state: its patch revision and totals. For caches
 * of their own that must follow in-place patches as memoByScan does.
 */
export function fullKey(scan: ContextScan, key: string): string {
  return `${revisions.get(scan) ?? 0}\0${scan.sent.files},${scan.sent.bytes},${scan.excluded.files},${scan.excluded.bytes}\0${key}`;
}

/**
 * `memoByScan` for work written as a generator (it yields between steps): computed at once,
 * or, once a server opted in, in the background; undefined until then.
 */
export function deferByScan<T>(scan: ContextScan, name: string, key: string, steps: () => Generator<void, T>): T | undefined {
  const hit = memo.get(scan)?.get(name);
  const full = fullKey(scan, key);
  if (hit && hit.key === full) return hit.value as T;
  if (readyListeners.size === 0 || atOnce > 0) return memoByScan(scan, name, key, () => drain(steps()));
  let running = inFlight.get(scan);
  if (!running) { running = new Set(); inFlight.set(scan, running); }
  const id = `${name}\0${full}`;
  if (running.has(id)) return undefined;
  running.add(id);
  queued++;
  const job = supersede(scan, name, key);
  const settle = (): void => { running.delete(id); queued--; job.done(); };
  const land = (value: T): void => {
    settle();
    // Patched meanwhile: the result may mix two trees, so drop it; the re-check asks again.
    if (fullKey(scan, key) === full) memoByScan(scan, name, key, () => value);
    for (const l of [...readyListeners]) l(scan);
  };
  const run = (): Promise<T> => { job.signal.throwIfAborted(); return drainInSlices(steps(), job.signal); };
  // Never rejected, so one failed or superseded job does not stop the ones queued after it.
  queue = queue.then(run).then(land, settle).catch(() => undefined);
  return undefined;
}

/** The running or queued background job per build, result and key. */
const latest = new Map<string, AbortController>();

/**
 * Aborts the job this one replaces: the same work for a newer scan of the same build (each
 * keystroke in an ignore file re-matches the scan), or for the same scan patched since. On a
 * large tree the stale jobs would otherwise queue up seconds of work no one reads.
 */
function supersede(scan: ContextScan, name: string, key: string): { signal: AbortSignal; done(): void } {
  const slot = [scan.contextDir, scan.dockerfile, scan.builder, scan.ignoreFile, name, key].join('\0');
  latest.get(slot)?.abort();
  const abort = new AbortController();
  latest.set(slot, abort);
  return { signal: abort.signal, done: () => { if (latest.get(slot) === abort) latest.delete(slot); } };
}

/**
 * Runs `fn` with tree work computed at once, as the CLI does: for a synchronous pass over
 * hypothetical scans (fix-all), where a rule silent for want of a background result would
 * drop its fix, and no later re-check could bring it back.
 */
export function treeWorkAtOnce<T>(fn: () => T): T {
  atOnce++;
  try {
    return fn();
  } finally {
    atOnce--;
  }
}

/**
 * `to` re-derives `from` with the same patterns over the same tree (a re-match back to the
 * text the editor shows): it keeps `from`'s results instead of computing them again.
 */
export function sameTreeWork(from: ContextScan, to: ContextScan): void {
  const m = memo.get(from);
  if (m) memo.set(to, new Map(m));
  const r = revisions.get(from);
  if (r !== undefined) revisions.set(to, r);
}

/** Whether background tree work is queued or running. */
export function treeWorkPending(): boolean {
  return queued > 0;
}

/** Resolves once the background work queued so far has landed (tests wait on it, never on time). */
export function treeWorkDone(): Promise<void> {
  return queue.then(() => undefined);
}

/** Runs generator work to its end in one go (the CLI, and small walks). */
export function drain<T>(gen: Generator<void, T>): T {
  for (;;) {
    const r = gen.next();
    if (r.done) return r.value;
  }
}
