// Benchmarks the scanner without the CLI around it (bundled by bench/run.mjs):
//   scan-direct.js DIR [--worker WORKER_JS] [--builder B]
// Sync mode is what a CLI run costs. Worker mode is what the language server does: the scan
// runs in a worker while this thread measures how long its event loop is ever held up.
import * as path from 'node:path';
import { scanContextSync } from '../server/src/engine/context/scan/scan';
import { scanContext } from '../server/src/engine/context/worker/client';
import { exclusionsByPattern, largestDirs } from '../server/src/engine/context/queries';
import type { ContextScan } from '../server/src/engine/context/model';
import type { Builder } from '../server/src/engine/types';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
}

function report(scan: ContextScan, extra: Record<string, unknown>): void {
  const out = {
    totals: scan.sent,
    excludedTotals: scan.excluded,
    largest: largestDirs(scan, 5, 'sent'),
    excluded: exclusionsByPattern(scan).slice(0, 5),
    errors: scan.errors.length,
    fatal: scan.fatal,
    maxRssKiB: process.resourceUsage().maxRSS,
    ...extra,
  };
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

async function main(): Promise<void> {
  const dir = path.resolve(process.argv[2] ?? '.');
  const builder = (arg('--builder') ?? 'buildkit') as Builder;
  const opts = {
    contextDir: dir,
    builder,
    ignoreFile: path.join(dir, '.dockerignore'),
    dockerfile: path.join(dir, 'Dockerfile'),
  };
  const workerFile = arg('--worker');
  const t0 = performance.now();
  if (!workerFile) {
    report(scanContextSync(opts), { ms: Math.round(performance.now() - t0) });
    return;
  }
  // Event-loop lag: a 10 ms timer that notes how late it fires while the scan runs.
  let worst = 0,
    last = performance.now(),
    progress = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    worst = Math.max(worst, now - last - 10);
    last = now;
  }, 10);
  const scan = await scanContext({
    ...opts,
    workerFile,
    onProgress: () => {
      progress++;
    },
  });
  clearInterval(timer);
  report(scan, {
    ms: Math.round(performance.now() - t0),
    worstEventLoopLagMs: Math.round(worst),
    progressEvents: progress,
  });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
