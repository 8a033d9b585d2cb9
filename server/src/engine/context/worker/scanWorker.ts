// Worker-thread entry for context scans (bundled to server/out/scanWorker.js). It runs the
// synchronous scan off the caller's thread, streams progress, and hands the result back as
// transferable arrays (flat.ts, encode.ts). The caller cancels by terminating the worker.
import { parentPort, workerData } from 'node:worker_threads';
import type { ScanOptions } from '../scan/scan';
import type { EncodedScan } from './encode';
import { scanContextFlat } from './flat';

export type WorkerRequest = Omit<ScanOptions, 'onProgress' | 'hooks'>;

export type WorkerMessage =
  | { type: 'progress'; files: number; bytes: number }
  | { type: 'done'; encoded: EncodedScan }
  | { type: 'error'; message: string; stack?: string };

function run(port: NonNullable<typeof parentPort>, req: WorkerRequest): void {
  const post = (m: WorkerMessage, transfer?: ArrayBuffer[]): void => port.postMessage(m, transfer);
  try {
    // Flat: the worker never builds the tree, only the arrays it hands over.
    const { encoded, transfer } = scanContextFlat({
      ...req,
      onProgress: (p) => post({ type: 'progress', files: p.files, bytes: p.bytes }),
    });
    post({ type: 'done', encoded }, transfer);
  } catch (err) {
    const e = err as Error;
    post({ type: 'error', message: e?.message ?? String(err), stack: e?.stack });
  }
}

if (parentPort && workerData?.buildctxScan) run(parentPort, workerData.buildctxScan as WorkerRequest);
