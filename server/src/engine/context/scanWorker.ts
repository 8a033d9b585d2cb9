// Worker-thread entry for context scans (bundled to server/out/scanWorker.js). It runs the
// synchronous scan off the caller's thread, streams progress, and hands the result back as
// transferable arrays (scanCodec.ts). The caller cancels by terminating the worker.
import { parentPort, workerData } from 'node:worker_threads';
import { scanContextSync, type ScanOptions } from './scan';
import { encodeScan } from './scanCodec';

export type WorkerRequest = Omit<ScanOptions, 'onProgress' | 'hooks'>;

export type WorkerMessage =
  | { type: 'progress'; files: number; bytes: number }
  | { type: 'done'; encoded: ReturnType<typeof encodeScan>['encoded'] }
  | { type: 'error'; message: string; stack?: string };

function run(port: NonNullable<typeof parentPort>, req: WorkerRequest): void {
  const post = (m: WorkerMessage, transfer?: ArrayBuffer[]): void => port.postMessage(m, transfer);
  try {
    const scan = scanContextSync({ ...req, onProgress: (p) => post({ type: 'progress', files: p.files, bytes: p.bytes }) });
    // Consumed: the tree goes as it is encoded, so the worker never holds both whole.
    const { encoded, transfer } = encodeScan(scan, { consume: true });
    post({ type: 'done', encoded }, transfer);
  } catch (err) {
    const e = err as Error;
    post({ type: 'error', message: e?.message ?? String(err), stack: e?.stack });
  }
}

if (parentPort && workerData?.buildctxScan) run(parentPort, workerData.buildctxScan as WorkerRequest);
