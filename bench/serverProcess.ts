// The shipped language server in its own process, as VS Code runs it (`server/out/server.js`,
// JSON-RPC over stdio): time to the first ready summary of an open Dockerfile and the peak RSS
// of that process alone (the kernel's VmHWM, scan worker included), after the rules that run on
// the finished scan have settled. Issue 7's memory line: ≤ 400 MB on the 1M-file tree.
//
//   npm run build && npm run bench:process -- huge      (or monorepo; trees as in bench:scale)
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { URI } from 'vscode-uri';
import { ContextSummaryRequest } from '../server/src/protocol';
import { serverProcessOptions } from '../client/src/serverProcess';

const ROOT = path.resolve(__dirname, '..');
const SETTLE_MS = 5_000;

/** VmRSS / VmHWM of a process, in MiB. */
function memOf(pid: number): { rss: number; peak: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (field: string): number => Number(new RegExp(`^${field}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? NaN);
  return { rss: kib('VmRSS') / 1024, peak: kib('VmHWM') / 1024 };
}

async function run(shape: string): Promise<void> {
  const root = path.join(ROOT, '.bench', shape);
  if (!fs.existsSync(path.join(root, 'Dockerfile'))) throw new Error(`${root}/Dockerfile missing: run npm run bench:scale -- ${shape} once to make the tree`);
  const { env, execArgv } = serverProcessOptions(process.env); // what the extension starts its server with
  const child = spawn(process.execPath, [...execArgv, path.join(ROOT, 'server/out/server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'], env });
  const rpc = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  let lastMessage = Date.now();
  rpc.onRequest((method) => { lastMessage = Date.now(); return method === 'workspace/configuration' ? [{}] : null; });
  rpc.onNotification(() => { lastMessage = Date.now(); });
  rpc.listen();
  const uri = URI.file(path.join(root, 'Dockerfile')).toString();
  const t0 = performance.now();
  await rpc.sendRequest('initialize', {
    processId: process.pid, rootUri: URI.file(root).toString(), workspaceFolders: [{ uri: URI.file(root).toString(), name: shape }],
    capabilities: { workspace: { configuration: true }, window: { workDoneProgress: true }, textDocument: { publishDiagnostics: { versionSupport: true } } },
  });
  await rpc.sendNotification('initialized', {});
  await rpc.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'dockerfile', version: 1, text: fs.readFileSync(path.join(root, 'Dockerfile'), 'utf8') } });
  for (;;) {
    const s = await rpc.sendRequest(ContextSummaryRequest, { uri });
    if (s && s.state !== 'scanning') break;
    await new Promise((r) => setTimeout(r, 200));
  }
  const ready = performance.now() - t0;
  // Deferred whole-tree rules finish after the summary; wait until the server has gone quiet.
  while (Date.now() - lastMessage < SETTLE_MS) await new Promise((r) => setTimeout(r, 250));
  const m = memOf(child.pid!);
  console.log(`[${shape}] server process: first summary ${(ready / 1000).toFixed(1)} s, peak RSS ${m.peak.toFixed(0)} MiB (VmHWM), ` +
    `RSS once settled ${m.rss.toFixed(0)} MiB (target: peak ≤ 400 MB)`);
  rpc.dispose();
  child.kill();
}

const shapes = process.argv.slice(2).filter((a) => !a.startsWith('-'));
(async () => { for (const shape of shapes.length > 0 ? shapes : ['monorepo']) await run(shape); })()
  .then(() => process.exit(0), (e) => { console.error(e); process.exit(1); });
