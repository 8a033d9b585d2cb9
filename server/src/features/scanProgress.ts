// Scan progress for the user: LSP work-done progress in the editor's progress area, and a
// `buildctx/contextState` notification so the status item can show a spinner and a count.
// Progress reports are throttled; the end of a scan and incremental updates are not.
import type { Connection, WorkDoneProgressServerReporter } from 'vscode-languageserver';
import { ContextStateNotification } from '../protocol';
import { formatNumber } from '../engine/format';
import type { ContextEntry, ContextStore } from '../workspace/contexts';

const THROTTLE_MS = 250;

export class ScanProgress {
  supportsWorkDone = false;
  private readonly reporters = new Map<ContextEntry, Promise<WorkDoneProgressServerReporter | null>>();
  private lastReport = 0;
  private timer: NodeJS.Timeout | undefined;
  /** Contexts to name in the next throttled notification. */
  private readonly changed = new Set<string>();

  constructor(
    private readonly connection: Connection,
    private readonly store: ContextStore,
  ) {}

  onEvent(e: ContextEntry, why: 'start' | 'progress' | 'done' | 'update'): void {
    if (why === 'start') this.begin(e);
    if (why === 'progress') this.report(e);
    if (why === 'done') this.end(e);
    if (why === 'progress') this.notifyThrottled();
    else this.notify([e.req.contextDir]);
  }

  /** Background results (the build-input model) landed: what the client shows of `contextDir` may change. */
  resultsLanded(contextDir: string): void {
    this.changed.add(contextDir);
    this.notifyThrottled();
  }

  private begin(e: ContextEntry): void {
    if (!this.supportsWorkDone) return;
    const p = this.connection.window.createWorkDoneProgress().then(
      (r) => {
        r.begin('Build context', undefined, `Scanning ${e.req.contextDir}`, false);
        return r;
      },
      () => null,
    );
    this.reporters.set(e, p);
  }

  private report(e: ContextEntry): void {
    const now = Date.now();
    if (now - this.lastReport < THROTTLE_MS) return;
    this.lastReport = now;
    void this.reporters.get(e)?.then((r) => r?.report(`${formatNumber(e.progress)} files`));
  }

  private end(e: ContextEntry): void {
    const p = this.reporters.get(e);
    this.reporters.delete(e);
    void p?.then((r) => r?.done());
  }

  private notifyThrottled(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      const contexts = [...this.changed];
      this.changed.clear();
      this.notify(contexts);
    }, THROTTLE_MS);
  }

  private notify(contexts: string[]): void {
    const scanning = this.store.scanning();
    const progress = scanning.reduce((n, e) => n + e.progress, 0);
    void this.connection
      .sendNotification(ContextStateNotification, { scanning: scanning.length, progress, contexts })
      .catch(() => undefined);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const p of this.reporters.values()) void p.then((r) => r?.done());
    this.reporters.clear();
  }
}
