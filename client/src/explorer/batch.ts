// Collects the Explorer's per-row questions into one request. VS Code asks a decoration provider
// once per visible row (hundreds on a scroll through a 200k-file tree); one round trip per row
// would queue behind the server's checks, one per batch answers them all together.

interface Pending<K, V> {
  key: K;
  resolve(v: V | undefined): void;
}

/** Keys asked within `delayMs` of the first go to `run` together; each ask gets its own answer. */
export class Batcher<K, V> {
  private queue: Pending<K, V>[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    /** Answers keys in order; undefined for a key means "no answer" (as does a rejection). */
    private readonly run: (keys: K[]) => Promise<(V | undefined)[]>,
    private readonly delayMs: number,
    /** A batch this big goes at once: the request stays small however fast rows are asked for. */
    private readonly maxBatch = 500,
  ) {}

  ask(key: K): Promise<V | undefined> {
    return new Promise((resolve) => {
      this.queue.push({ key, resolve });
      if (this.queue.length >= this.maxBatch) this.flush();
      else this.timer ??= setTimeout(() => this.flush(), this.delayMs);
    });
  }

  private flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.queue;
    this.queue = [];
    if (batch.length === 0) return;
    // A throwing `run` answers nothing, like a rejected one: no row may wait forever.
    Promise.resolve()
      .then(() => this.run(batch.map((p) => p.key)))
      .catch(() => [])
      .then((vs) => {
        for (let i = 0; i < batch.length; i++) batch[i].resolve(vs[i]);
      });
  }

  /** Answers whatever is still queued with nothing: the provider is going away. */
  dispose(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    for (const p of this.queue.splice(0)) p.resolve(undefined);
  }
}
