// Background work (discovery's walk, the scan rebuild, the rules' whole-tree passes) yields
// through one Scheduler per language server, so an edit's check can hold all of it back.
// The CLI has no scheduler: it runs the same generators to their end (steps.ts `drain`).

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

/** One yield of background work; what `Scheduler.turn` is to code that takes a plain function. */
export type Turn = () => Promise<void>;

/** A turn of the event loop and nothing more: for work no foreground check competes with. */
export const plainTurn: Turn = () => new Promise<void>((resolve) => setImmediate(resolve));

export class Scheduler {
  private holds = 0;
  private resumes: Array<() => void> = [];

  constructor(private readonly sliceMs = SLICE_MS) {}

  /** Holds background work back until the returned release is called (idempotent). */
  hold(): () => void {
    this.holds++;
    let held = true;
    return () => {
      if (!held) return;
      held = false;
      if (--this.holds > 0) return;
      const wake = this.resumes;
      this.resumes = [];
      for (const f of wake) f();
    };
  }

  /** True while foreground work holds background work back. */
  held(): boolean {
    return this.holds > 0;
  }

  /** One yield of background work: a turn of the event loop, longer while foreground work holds it. */
  readonly turn: Turn = async () => {
    await plainTurn();
    if (this.holds === 0) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, MAX_HOLD_MS);
      this.resumes.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  };

  /** Runs `gen` to completion, yielding every slice; stops when `signal` aborts. */
  async drain<T>(gen: Generator<void, T>, signal?: AbortSignal, sliceMs = this.sliceMs): Promise<T> {
    let since = Date.now();
    for (;;) {
      const r = gen.next();
      if (r.done) return r.value;
      if (Date.now() - since < sliceMs) continue;
      await this.turn();
      signal?.throwIfAborted();
      since = Date.now();
    }
  }
}
