// The shipped language server in its own process, as VS Code runs it (`server/out/server.js`,
// JSON-RPC over Node IPC): time to the first ready summary of an open Dockerfile and the peak RSS
// of that process alone (the kernel's VmHWM, scan worker included), after the rules that run on
// the finished scan have settled. Issue 7's memory line: ≤ 400 MB on the 1M-file tree.
//
// With --type, the open Dockerfile is also edited every 50 ms until the server goes quiet, and
// each edit's round trip (didChange → publishDiagnostics of that version) is timed per phase,
// as bench:scale does in process, but with the client's heap and event loop outside the server's,
// as in VS Code. The check debounce is 0 here, so the figure is the server's own latency; with
// --shipped it is the extension's (20 ms), and the figure is what a user waits after a keystroke.
//
//   npm run build && npm run bench:process -- huge [--type [--shipped]]     (or monorepo; trees as in bench:scale)
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  createMessageConnection,
  IPCMessageReader,
  IPCMessageWriter,
  type MessageConnection,
} from 'vscode-jsonrpc/node';
import { URI } from 'vscode-uri';
import { ContextStateNotification, ContextSummaryRequest } from '../server/src/protocol';
import { serverProcessOptions } from '../client/src/serverProcess';
import { latencyLine, record } from './stats';

const ROOT = path.resolve(__dirname, '..');
const SETTLE_MS = 5_000;
const EDIT_EVERY_MS = 50;

/** VmRSS / VmHWM of a process, in MiB. */
function memOf(pid: number): { rss: number; peak: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (field: string): number => Number(new RegExp(`^${field}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? NaN);
  return { rss: kib('VmRSS') / 1024, peak: kib('VmHWM') / 1024 };
}

type Phase = 'discovery' | 'scan' | 'rules';

/** What the client sees of the server: its messages, scans running, published versions. */
class Watch {
  lastMessage = Date.now();
  scanning = 0;
  ready = false;
  private readonly published = new Map<number, () => void>();
  constructor(rpc: MessageConnection, uri: string) {
    rpc.onRequest((method) => {
      this.seen();
      return method === 'workspace/configuration' ? [{}] : null;
    });
    rpc.onNotification((method, params: unknown) => {
      if (method === ContextStateNotification.method) this.scanning = (params as { scanning: number }).scanning;
      const p = params as { uri?: string; version?: number };
      const answer =
        method === 'textDocument/publishDiagnostics' && p.uri === uri ? this.published.get(p.version ?? -1) : undefined;
      // The answer to an edit is not the server's own activity; a re-check it starts itself is.
      if (answer) {
        this.published.delete(p.version!);
        answer();
      } else this.seen();
    });
  }
  seen(): void {
    this.lastMessage = Date.now();
  }
  phase(): Phase {
    return this.scanning > 0 ? 'scan' : this.ready ? 'rules' : 'discovery';
  }
  quiet(): boolean {
    return this.ready && Date.now() - this.lastMessage >= SETTLE_MS;
  }
  published$(version: number): Promise<void> {
    return new Promise((resolve) => this.published.set(version, resolve));
  }
}

/** Edits the buffer every EDIT_EVERY_MS until the server has gone quiet; round trips per phase. */
async function typeUntilQuiet(
  rpc: MessageConnection,
  w: Watch,
  uri: string,
  text: string,
): Promise<Map<Phase, number[]>> {
  const byPhase = new Map<Phase, number[]>();
  for (let version = 2; !w.quiet(); version++) {
    const phase = w.phase();
    const arrived = w.published$(version);
    const t = performance.now();
    await rpc.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: [{ text: `${text}\n# edit ${version}\n` }],
    });
    await arrived;
    const took = performance.now() - t;
    // Monotonic µs, the clock of the server's --cpu-prof samples: a slow edit can be looked up there.
    if (took > Number(process.env.BENCH_SLOW_MS ?? 100))
      console.log(`slow edit: ${took.toFixed(1)} ms during ${phase}, ended at ${process.hrtime.bigint() / 1000n} µs`);
    record(byPhase, phase, took);
    await new Promise((r) => setTimeout(r, Math.max(0, EDIT_EVERY_MS - took)));
  }
  return byPhase;
}

async function run(shape: string, typing: boolean, shipped: boolean): Promise<void> {
  const root = path.join(ROOT, '.bench', shape);
  if (!fs.existsSync(path.join(root, 'Dockerfile')))
    throw new Error(`${root}/Dockerfile missing: run npm run bench:scale -- ${shape} once to make the tree`);
  // What the extension starts its server with; BENCH_SERVER_ARGS adds flags to look inside (--cpu-prof).
  const { env, execArgv } = serverProcessOptions(
    process.env,
    process.env.BENCH_SERVER_ARGS?.split(' ').filter(Boolean),
  );
  // Node IPC, the transport the extension starts its server with; the server's own stdout goes
  // to BENCH_SERVER_LOG (e.g. for --trace-gc), else nowhere.
  const out = process.env.BENCH_SERVER_LOG ? fs.openSync(process.env.BENCH_SERVER_LOG, 'w') : 'ignore';
  const child = spawn(process.execPath, [...execArgv, path.join(ROOT, 'server/out/server.js'), '--node-ipc'], {
    stdio: ['ignore', out, 'inherit', 'ipc'],
    env,
  });
  const rpc = createMessageConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
  const uri = URI.file(path.join(root, 'Dockerfile')).toString();
  const w = new Watch(rpc, uri);
  rpc.listen();
  const text = fs.readFileSync(path.join(root, 'Dockerfile'), 'utf8');
  const t0 = performance.now();
  await rpc.sendRequest('initialize', {
    processId: process.pid,
    rootUri: URI.file(root).toString(),
    workspaceFolders: [{ uri: URI.file(root).toString(), name: shape }],
    capabilities: {
      workspace: { configuration: true },
      window: { workDoneProgress: true },
      textDocument: { publishDiagnostics: { versionSupport: true } },
    },
    initializationOptions: shipped ? {} : { debounceMs: 0 },
  });
  await rpc.sendNotification('initialized', {});
  await rpc.sendNotification('textDocument/didOpen', {
    textDocument: { uri, languageId: 'dockerfile', version: 1, text },
  });
  const edits = typing ? typeUntilQuiet(rpc, w, uri, text) : undefined;
  for (;;) {
    const s = await rpc.sendRequest(ContextSummaryRequest, { uri });
    if (s && s.state !== 'scanning') break;
    await new Promise((r) => setTimeout(r, 200));
  }
  const ready = performance.now() - t0;
  w.ready = true;
  // Deferred whole-tree rules finish after the summary; wait until the server has gone quiet.
  while (!w.quiet()) await new Promise((r) => setTimeout(r, 250));
  const m = memOf(child.pid!);
  console.log(
    `[${shape}] server process: first summary ${(ready / 1000).toFixed(1)} s, peak RSS ${m.peak.toFixed(0)} MiB (VmHWM), ` +
      `RSS once settled ${m.rss.toFixed(0)} MiB (target: peak ≤ 400 MB)`,
  );
  for (const [phase, times] of (await edits) ?? []) {
    console.log(`[${shape}] diagnostics during ${phase.padEnd(9)}: ${latencyLine(times)}`);
  }
  // shutdown + exit, as VS Code ends a server: a process ended by a signal writes no --cpu-prof.
  const exited = new Promise((resolve) => child.once('exit', resolve));
  await rpc.sendRequest('shutdown');
  await rpc.sendNotification('exit');
  await exited;
  rpc.dispose();
}

const args = process.argv.slice(2);
const shapes = args.filter((a) => !a.startsWith('-'));
(async () => {
  for (const shape of shapes.length > 0 ? shapes : ['monorepo'])
    await run(shape, args.includes('--type'), args.includes('--shipped'));
})().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
