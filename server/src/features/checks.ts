// Keeps diagnostics current: re-checks an open document after it changes, and re-checks the
// documents a file or context change can affect (the dependency graph), never the world.
import type { Connection, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { docKind, type CheckResult, type Project } from '../workspace/project';
import { DependencyGraph } from '../workspace/graph';
import { uriToPath } from '../workspace/files';
import { toDiagnostic } from './diagnostics';
import type { Scheduler } from '../engine/background/scheduler';

const CONTEXT_DELAY_MS = 150;

export interface DocResult {
  version: number;
  result: CheckResult;
}

export class Checks {
  readonly graph = new DependencyGraph();
  readonly results = new Map<string, DocResult>();
  private readonly timers = new Map<string, { timer: NodeJS.Timeout; at: number }>();
  private readonly waiters = new Set<() => void>();
  private inFlight = 0;

  constructor(
    private readonly connection: Connection,
    private readonly docs: TextDocuments<TextDocument>,
    private readonly project: Project,
    private readonly scheduler: Scheduler,
    public debounceMs: number,
    private readonly log: (msg: string) => void,
  ) {}

  /**
   * Re-checks `uri` after `delay`; calls coalesce. An earlier pending check is kept, so a
   * stream of file events can never postpone a check forever.
   */
  schedule(uri: string, delay = this.debounceMs): void {
    const at = Date.now() + delay;
    const old = this.timers.get(uri);
    if (old && old.at <= at) return;
    if (old) clearTimeout(old.timer);
    const timer = setTimeout(() => {
      this.timers.delete(uri);
      void this.checkNow(uri);
    }, delay);
    this.timers.set(uri, { timer, at });
  }

  scheduleAll(): void {
    for (const doc of this.docs.all()) this.schedule(doc.uri);
  }

  /**
   * Documents a disk change of `absPath` (a file, or anything inside a context) can affect.
   * Waits a little longer than an edit: bursts of events (a checkout, a build) coalesce, and
   * the summary the client asks for right away is served before the re-check runs.
   */
  scheduleAffected(absPath: string): void {
    for (const uri of this.graph.affected(absPath)) this.schedule(uri, Math.max(this.debounceMs, CONTEXT_DELAY_MS));
  }

  async checkNow(uri: string): Promise<void> {
    const doc = this.docs.get(uri);
    if (!doc) return;
    const file = uriToPath(uri);
    const kind = docKind(file, doc.languageId);
    if (!kind) return;
    const version = doc.version;
    this.inFlight++;
    // From here to the diagnostics on the wire, an open document's check goes first.
    const release = this.scheduler.hold();
    try {
      const result = await this.project.check(file, kind, doc.getText());
      // A newer edit arrived while checking: its own check publishes instead.
      if (this.docs.get(uri)?.version !== version) return;
      this.results.set(uri, { version, result });
      this.graph.set(uri, result.files, result.dirs);
      if (this.inFlight === 1 && this.timers.size === 0) this.retainContexts();
      await this.connection.sendDiagnostics({ uri, version, diagnostics: result.findings.map(toDiagnostic) });
    } catch (e) {
      this.log(`check of ${file} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    } finally {
      release();
      this.inFlight--;
      if (this.idle()) for (const w of [...this.waiters]) w();
    }
  }

  closed(uri: string): void {
    const t = this.timers.get(uri);
    if (t) clearTimeout(t.timer);
    this.timers.delete(uri);
    this.results.delete(uri);
    this.graph.delete(uri);
    this.retainContexts();
    void this.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  idle(): boolean {
    return this.inFlight === 0 && this.timers.size === 0;
  }

  /** Resolves once no check is scheduled or running (benchmarks and fix-all wait on it). */
  whenIdle(): Promise<void> {
    if (this.idle()) return Promise.resolve();
    return new Promise((resolve) => {
      const w = (): void => {
        this.waiters.delete(w);
        resolve();
      };
      this.waiters.add(w);
    });
  }

  // Scans no open document needs any more are cancelled (a superseded context).
  private retainContexts(): void {
    const keys = new Set<string>();
    for (const { result } of this.results.values()) for (const b of result.builds) keys.add(b.entry.key);
    this.project.contexts.retain(keys);
  }
}
