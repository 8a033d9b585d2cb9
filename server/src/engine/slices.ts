// Long engine work written as generators runs in time slices in the language server, so one
// big repository or context never holds its event loop for more than a slice.

const SLICE_MS = 10;

/** Runs `gen` to completion, yielding to the event loop every `sliceMs`; stops when `signal` aborts. */
export async function drainInSlices<T>(gen: Generator<void, T>, signal?: AbortSignal, sliceMs = SLICE_MS): Promise<T> {
  let since = Date.now();
  for (;;) {
    const r = gen.next();
    if (r.done) return r.value;
    if (Date.now() - since < sliceMs) continue;
    await new Promise<void>((resolve) => setImmediate(resolve));
    signal?.throwIfAborted();
    since = Date.now();
  }
}
