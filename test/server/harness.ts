// Runs the real language server in this process over two PassThrough streams and talks to it
// with a plain JSON-RPC client: no child process, no sleeps. Every wait has a deadline.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PassThrough } from 'node:stream';
import {
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type MessageConnection,
} from 'vscode-jsonrpc/node';
import {
  createConnection,
  DidChangeTextDocumentNotification,
  DidChangeWatchedFilesNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  WorkDoneProgressCreateRequest,
  ConfigurationRequest,
  CodeLensRefreshRequest,
  InlayHintRefreshRequest,
  type Diagnostic,
  type FileEvent,
  type InitializeResult,
  type Registration,
  type TextDocumentClientCapabilities,
} from 'vscode-languageserver/node';
import { URI } from 'vscode-uri';
import { startServer, type ServerHandle, type ServerOptions } from '../../server/src/startServer';
import { ContextStateNotification, type InitOptions } from '../../server/src/protocol';

export const DEADLINE_MS = 20_000;

export interface Published {
  uri: string;
  version?: number;
  diagnostics: Diagnostic[];
}

export class Harness {
  readonly published = new Map<string, Published>();
  readonly registrations: Registration[] = [];
  readonly stateNotifications: unknown[] = [];
  lensRefreshes = 0;
  inlayRefreshes = 0;
  private readonly versions = new Map<string, number>();
  private readonly waiters = new Set<() => void>();
  initResult!: InitializeResult;
  settings: Record<string, unknown> = {};
  /** Benchmarks on huge trees raise it; tests keep the default. */
  deadlineMs = DEADLINE_MS;

  constructor(
    readonly root: string,
    readonly client: MessageConnection,
    readonly server: ServerHandle,
  ) {
    client.onNotification(PublishDiagnosticsNotification.type, (p) => {
      this.published.set(p.uri, p);
      this.wake();
    });
    client.onNotification(ContextStateNotification, (p) => {
      this.stateNotifications.push(p);
      this.wake();
    });
    client.onRequest(RegistrationRequest.type, (p) => {
      this.registrations.push(...p.registrations);
      this.wake();
    });
    client.onRequest(WorkDoneProgressCreateRequest.type, () => null);
    client.onRequest(CodeLensRefreshRequest.type, () => {
      this.lensRefreshes++;
      this.wake();
    });
    client.onRequest(InlayHintRefreshRequest.type, () => {
      this.inlayRefreshes++;
      this.wake();
    });
    client.onRequest(ConfigurationRequest.type, (p) => p.items.map(() => this.settings));
    client.onNotification('window/logMessage', () => undefined);
    client.onNotification('$/progress', () => undefined);
  }

  uri(rel: string): string {
    return URI.file(path.join(this.root, rel)).toString();
  }
  abs(rel: string): string {
    return path.join(this.root, rel);
  }

  open(rel: string, languageId: string, text = fs.readFileSync(this.abs(rel), 'utf8')): Promise<void> {
    const uri = this.uri(rel);
    this.versions.set(uri, 1);
    return this.client.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId, version: 1, text },
    });
  }

  /** Replaces the whole buffer; returns the new version. */
  async change(rel: string, text: string): Promise<number> {
    const uri = this.uri(rel);
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    await this.client.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version },
      contentChanges: [{ text }],
    });
    return version;
  }

  close(rel: string): Promise<void> {
    return this.client.sendNotification(DidCloseTextDocumentNotification.type, {
      textDocument: { uri: this.uri(rel) },
    });
  }

  watched(changes: FileEvent[]): Promise<void> {
    return this.client.sendNotification(DidChangeWatchedFilesNotification.type, { changes });
  }

  /** Waits until the latest diagnostics of `rel` satisfy `ok` (and, if given, are for `version` or later). */
  diagnostics(rel: string, ok: (d: Diagnostic[]) => boolean = () => true, version?: number): Promise<Diagnostic[]> {
    const uri = this.uri(rel);
    return this.until(
      `diagnostics of ${rel}`,
      () => {
        const p = this.published.get(uri);
        if (!p || (version !== undefined && (p.version ?? 0) < version)) return undefined;
        return ok(p.diagnostics) ? p.diagnostics : undefined;
      },
      () => JSON.stringify(this.published.get(uri)?.diagnostics.map((d) => [d.code, d.message]) ?? null),
    );
  }

  /** Polls `probe` on every message from the server until it returns a value. */
  until<T>(what: string, probe: () => T | undefined, last: () => string = () => ''): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const check = (): boolean => {
        const v = probe();
        if (v === undefined) return false;
        clearTimeout(timer);
        this.waiters.delete(waiter);
        resolve(v);
        return true;
      };
      const waiter = (): void => {
        check();
      };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        reject(new Error(`timed out after ${this.deadlineMs} ms waiting for ${what}; last: ${last()}`));
      }, this.deadlineMs);
      if (!check()) this.waiters.add(waiter);
    });
  }

  /** Polls an async probe (e.g. a request) each time the server says something, with a deadline. */
  async poll<T>(what: string, probe: () => Promise<T | undefined>): Promise<T> {
    const deadline = Date.now() + this.deadlineMs;
    for (;;) {
      const v = await probe();
      if (v !== undefined) return v;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await this.nextMessage(deadline - Date.now());
    }
  }

  private nextMessage(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(
        () => {
          this.waiters.delete(w);
          resolve();
        },
        Math.max(1, ms),
      );
      const w = (): void => {
        clearTimeout(timer);
        this.waiters.delete(w);
        resolve();
      };
      this.waiters.add(w);
    });
  }

  wake(): void {
    for (const w of [...this.waiters]) w();
  }

  dispose(): void {
    this.server.dispose();
    this.client.dispose();
  }
}

export interface StartOptions {
  settings?: Record<string, unknown>;
  watchers?: boolean;
  server?: ServerOptions;
  textDocument?: TextDocumentClientCapabilities;
  /** Workspace folders (absolute paths) for a multi-root workspace; `root` alone by default. */
  folders?: string[];
  /** More `initializationOptions` (protocol.ts InitOptions) besides `debounceMs: 0`. */
  init?: InitOptions;
}

export async function startHarness(root: string, opts: StartOptions = {}): Promise<Harness> {
  const up = new PassThrough();
  const down = new PassThrough();
  const conn = createConnection(new StreamMessageReader(up), new StreamMessageWriter(down));
  const server = startServer(conn, opts.server);
  const client = createMessageConnection(new StreamMessageReader(down), new StreamMessageWriter(up));
  const h = new Harness(root, client, server);
  h.settings = opts.settings ?? {};
  client.listen();
  h.initResult = await client.sendRequest(InitializeRequest.type, {
    processId: null,
    rootUri: URI.file(root).toString(),
    workspaceFolders: (opts.folders ?? [root]).map((f) => ({ uri: URI.file(f).toString(), name: path.basename(f) })),
    initializationOptions: { debounceMs: 0, ...opts.init } satisfies InitOptions,
    capabilities: {
      workspace: {
        configuration: true,
        codeLens: { refreshSupport: true },
        inlayHint: { refreshSupport: true },
        didChangeWatchedFiles: { dynamicRegistration: opts.watchers ?? true, relativePatternSupport: true },
      },
      window: { workDoneProgress: true },
      textDocument: { publishDiagnostics: { versionSupport: true }, ...opts.textDocument },
    },
  });
  await client.sendNotification(InitializedNotification.type, {});
  return h;
}

/** A throw-away workspace: `files` maps relative paths to contents (Buffers for sized files). */
export function makeWorkspace(files: Record<string, string | Buffer>): string {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'buildctx-server-')));
  for (const [rel, content] of Object.entries(files)) {
    const p = path.join(root, rel);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, content);
  }
  return root;
}

/** `count` files of `size` bytes under `dir`, like a Go vendor tree. */
export function bulkFiles(dir: string, count: number, size: number): Record<string, Buffer> {
  const out: Record<string, Buffer> = {};
  const body = Buffer.alloc(size, 'x');
  for (let i = 0; i < count; i++) out[`${dir}/pkg${i % 7}/file${i}.go`] = body;
  return out;
}
