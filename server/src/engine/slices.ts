// Long engine work written as generators runs in time slices in the language server, so one
// big repository or context never holds its event loop for more than a slice.

/**
 * Short: a diagnostics round trip crosses the event loop more than once (message in, debounce
 * timer), and each crossing before the check holds background work waits for one slice.
 */
const SLICE_MS = 4;

/**
 * Foreground work holds background slices back. An edit's diagnostics cross the event loop
 * several times (the check, then each message the JSON-RPC writer queues before it, one turn
 * each), and every turn also ran a background slice plus the garbage it made: on the 1M-file
 * bench a round trip then took 100–170 ms. A hold never outlasts MAX_HOLD_MS, so a foreground
 * bug cannot stall a scan for good.
 */
const MAX_HOLD_MS = 100;
let holds = 0;
let resumes: Array<() => void> = [];

/** Holds background work back until the returned release is called (idempotent). */
export function holdBackground(): () => void {
  holds++;
  let held = true;
  return () => {
    if (!held) return;
    held = false;
    if (--holds > 0) return;
    const wake = resumes;
    resumes = [];
    for (const f of wake) f();
  };
}

/** True while foreground work holds background work back. */
export function backgroundHeld(): boolean { return holds > 0; }

/** One yield of background work: a turn of the event loop, longer while foreground work holds it. */
export async function backgroundTurn(): Promise<void> {
  await new Promise<void>((resolve) => setImmediate(resolve));
  if (holds === 0) return;
  await new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, MAX_HOLD_MS);
    resumes.push(() => { clearTimeout(timer); resolve(); });
  });
}

/** Runs `gen` to completion, yielding to the event loop every `sliceMs`; stops when `signal` aborts. */
export async function drainInSlices<T>(gen: Generator<void, T>, signal?: AbortSignal, sliceMs = SLICE_MS): Promise<T> {
  let since = Date.now();
  for (;;) {
    const r = gen.next();
    if (r.done) return r.value;
    if (Date.now() - since < sliceMs) continue;
    await backgroundTurn();
    signal?.throwIfAborted();
    since = Date.now();
  }
}

/**
 * Sorts like a stable Array.prototype.sort, in short steps: runs of RUN items are sorted, then
 * merged pairwise, with a yield every RUN items. Sorting 100k paths in one call held the
 * server's event loop for 100–250 ms on the 1M-file bench.
 */
export function* sortSteps<T>(items: readonly T[], cmp: (a: T, b: T) => number, run = 4096): Generator<void, T[]> {
  let runs: T[][] = [];
  for (let i = 0; i < items.length; i += run) {
    runs.push(items.slice(i, i + run).sort(cmp));
    yield;
  }
  while (runs.length > 1) {
    const next: T[][] = [];
    for (let i = 0; i < runs.length; i += 2) next.push(i + 1 < runs.length ? yield* mergeSteps(runs[i]!, runs[i + 1]!, cmp, run) : runs[i]!);
    runs = next;
  }
  return runs[0] ?? [];
}

/** Merges two sorted runs; on ties the first run's item comes first (stability). */
function* mergeSteps<T>(a: T[], b: T[], cmp: (a: T, b: T) => number, every: number): Generator<void, T[]> {
  const out: T[] = [];
  let i = 0, j = 0;
  while (i < a.length && j < b.length) {
    out.push(cmp(b[j]!, a[i]!) < 0 ? b[j++]! : a[i++]!);
    if (out.length % every === 0) yield;
  }
  while (i < a.length) out.push(a[i++]!);
  while (j < b.length) out.push(b[j++]!);
  return out;
}
