// The scan off the caller's thread: a worker walks and decides, the caller only rebuilds the
// result in slices. Cancelling terminates the worker, which stops a walk mid-readdir.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ContextScan } from '../model';
import type { ScanOptions } from '../scan/scan';
import { decodeScan } from './decode';
import { plainTurn, type Turn } from '../../background/scheduler';
import type { WorkerMessage, WorkerRequest } from './scanWorker';

export interface AsyncScanOptions extends Omit<ScanOptions, 'hooks'> {
  signal?: AbortSignal;
  /** How the rebuild yields to the caller's event loop (the server's scheduler holds it back). */
  turn?: Turn;
  /** Override where the worker script is (defaults to scanWorker.js, or .ts under tsx, next to this module). */
  workerFile?: string;
}

/** The bundled worker sits next to the bundle (server/out); under tsx it is the .ts source. */
export function defaultWorkerFile(): string {
  const js = path.join(__dirname, 'scanWorker.js');
  if (fs.existsSync(js)) return js;
  return path.join(__dirname, 'scanWorker.ts');
}

function abortError(signal?: AbortSignal): Error {
  const reason: unknown = signal?.reason;
  if (reason instanceof Error && reason.name === 'AbortError') return reason;
  return new DOMException('The context scan was aborted', 'AbortError');
}

// The worker's objects all survive until it posts the result, so a large young generation
// only adds copying and resident memory; a small one keeps a 1M-file scan's peak down.
const LIMITS = { maxYoungGenerationSizeMb: 8 };

function startWorker(file: string, workerData: unknown): Worker {
  if (!file.endsWith('.ts')) return new Worker(file, { workerData, resourceLimits: LIMITS });
  // Tests run the TypeScript source: Node 20 workers ignore the parent's `--import tsx`, so the
  // worker registers tsx's require hook itself before loading the entry.
  const code = `require('tsx/cjs'); require(${JSON.stringify(file)});`;
  return new Worker(code, { eval: true, workerData, resourceLimits: LIMITS });
}

export function scanContext(opts: AsyncScanOptions): Promise<ContextScan> {
  const { signal, onProgress, workerFile, turn = plainTurn, ...rest } = opts;
  if (signal?.aborted) return Promise.reject(abortError(signal));
  const file = path.resolve(workerFile ?? defaultWorkerFile());
  const request: WorkerRequest = rest;
  const worker = startWorker(file, { buildctxScan: request });
  return new Promise<ContextScan>((resolve, reject) => {
    let settled = false;
    const finish = (fn: () => void): void => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      void worker.terminate();
      fn();
    };
    const onAbort = (): void => finish(() => reject(abortError(signal)));
    signal?.addEventListener('abort', onAbort, { once: true });
    worker.on('message', (m: WorkerMessage) => {
      if (m.type === 'progress') {
        if (!settled) onProgress?.({ files: m.files, bytes: m.bytes });
        return;
      }
      if (m.type === 'error') {
        finish(() => reject(new Error(`context scan failed: ${m.message}`)));
        return;
      }
      // Decode only once the worker's heap is gone: peak memory is then the larger of the
      // two trees, not their sum (matters at a million files).
      finish(() => resolve(worker.terminate().then(() => decodeScanUnlessAborted(m.encoded, turn, signal))));
    });
    worker.on('error', (err) => finish(() => reject(err)));
    worker.on('exit', (code) => finish(() => reject(new Error(`context scan worker exited with code ${code}`))));
  });
}

async function decodeScanUnlessAborted(
  enc: Parameters<typeof decodeScan>[0],
  turn: Turn,
  signal?: AbortSignal,
): Promise<ContextScan> {
  return decodeScan(enc, async () => {
    await turn();
    if (signal?.aborted) throw abortError(signal);
  });
}
