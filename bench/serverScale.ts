// Server at scale (issues 4 and 7): drives the real language server in process on a large tree
// and prints time to first summary, peak RSS, the longest the event loop was held, and the
// latency of diagnostics for an open Dockerfile edited *while* discovery and the scan run
// (target: within 100 ms). The trees are only read, never written: buffers carry the edits.
//
// The npm script runs node with the V8 flags the extension gives its server (client/src/serverProcess.ts).
// The client shares this process's heap and event loop, which VS Code's does not: for the latency
// users see, `bench:process -- huge --type` runs the shipped server apart (bench/README.md).
//
//   npm run bench:scale                 (monorepo, ~198k files)
//   npm run bench:scale -- huge         (1,000,000 files; generated on first run)
import * as fs from 'node:fs';
import * as path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { ContextSummaryRequest, type ContextSummary } from '../server/src/protocol';
import { startHarness, type Harness } from '../test/server/harness';
import { latencyLine, record } from './stats';

const BENCH = path.resolve(__dirname, '..', '.bench');
const ms = (x: number): string => `${x.toFixed(1)} ms`;
const mib = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;
const now = (): number => performance.now();

/** A generated tree of `shape`: the shared one in .bench/ if present, else generated once. */
async function ensureTree(shape: string): Promise<string> {
  const shared = path.join(BENCH, shape);
  if (fs.existsSync(`${shared}.generated`) && fs.existsSync(path.join(shared, 'Dockerfile'))) return shared;
  const own = path.join(BENCH, `scale-${shape}`);
  if (fs.existsSync(path.join(own, '.generated'))) return own;
  const { makeTree } = await import('./make-tree.mjs');
  fs.rmSync(own, { recursive: true, force: true });
  const t = now();
  const made = makeTree(own, shape);
  fs.writeFileSync(path.join(own, '.generated'), '');
  console.log(`generated ${made.files.toLocaleString('en-US')} files in ${ms(now() - t)}`);
  return own;
}

async function readySummary(h: Harness): Promise<ContextSummary> {
  return h.poll('a ready summary', async () => {
    const s = await h.client.sendRequest(ContextSummaryRequest, { uri: h.uri('Dockerfile') });
    return s && s.state !== 'scanning' ? s : undefined;
  });
}

type Phase = 'discovery' | 'scan' | 'rules';
/** Keystroke pace of a fast typist: the server is measured under typing, not under a flood. */
const EDIT_EVERY_MS = 50;

function phaseOf(h: Harness): Phase {
  if (h.server.project.discovering()) return 'discovery';
  return h.server.project.contexts.scanning().length > 0 ? 'scan' : 'rules';
}

/** Edits the open Dockerfile until `done` says the first summary arrived; latency per edit and phase. */
async function editsWhileBusy(h: Harness, text: string, done: () => boolean): Promise<Map<Phase, number[]>> {
  const byPhase = new Map<Phase, number[]>();
  for (let i = 1; !done(); i++) {
    const phase = phaseOf(h);
    const t = now();
    const v = await h.change('Dockerfile', `${text}\n# edit ${i}\n`);
    await h.diagnostics('Dockerfile', () => true, v);
    const took = now() - t;
    record(byPhase, phase, took);
    if (took < EDIT_EVERY_MS) await new Promise((r) => setTimeout(r, EDIT_EVERY_MS - took));
  }
  return byPhase;
}

async function run(shape: string): Promise<void> {
  const root = await ensureTree(shape);
  const text = fs.readFileSync(path.join(root, 'Dockerfile'), 'utf8');
  const loop = monitorEventLoopDelay({ resolution: 10 });
  const h = await startHarness(root);
  h.deadlineMs = 30 * 60_000;
  try {
    loop.enable();
    const t = now();
    await h.open('Dockerfile', 'dockerfile', text);
    let summary: ContextSummary | undefined;
    const first = readySummary(h).then((s) => {
      summary = s;
      return now() - t;
    });
    // Typing goes on until the rules' background passes over the tree have landed too.
    const edits = await editsWhileBusy(
      h,
      text,
      () => summary !== undefined && !h.server.project.work.pending() && h.server.checks.idle(),
    );
    const firstMs = await first;
    loop.disable();
    const s = summary!;
    console.log(
      `[${shape}] time to first summary:   ${ms(firstMs)}  (${s.sent?.files.toLocaleString('en-US')} files sent, ${s.excluded?.files.toLocaleString('en-US')} kept out)`,
    );
    for (const [phase, times] of edits) {
      console.log(`[${shape}] diagnostics during ${phase.padEnd(9)}: ${latencyLine(times)}`);
    }
    console.log(`[${shape}] event loop held at most: ${ms(loop.max / 1e6)} (p99 ${ms(loop.percentile(99) / 1e6)})`);
    await h.server.checks.whenIdle();
    console.log(
      `[${shape}] peak RSS of the process: ${mib(process.resourceUsage().maxRSS * 1024)} (server, its scan worker and the in-process client; target ≤ 400 MB)`,
    );
  } finally {
    h.dispose();
  }
}

const shapes = process.argv.slice(2).filter((a) => !a.startsWith('-'));
(async () => {
  for (const shape of shapes.length > 0 ? shapes : ['monorepo']) await run(shape);
})().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
