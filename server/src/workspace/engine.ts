// The one place the server binds its workspace model to the engine's scan and discovery
// entry points, so tests and benchmarks drive exactly what the extension runs.
import type { Settings } from '../engine/types';
import type { FileAccess } from '../engine/types';
import { discoverContextsAsync, type DiscoveryResult } from '../engine/discovery';
import { scanContext } from '../engine/context/worker/client';
import { rematch } from '../engine/context/scan/scan';
import { applyFsChange } from '../engine/context/scan/incremental';
import type { Scheduler, Turn } from '../engine/background/scheduler';
import type { ScanEngine } from './contexts';

export const engineScanner: ScanEngine = {
  scan(req, signal, onProgress, turn?: Turn) {
    return scanContext({
      contextDir: req.contextDir,
      builder: req.builder,
      ignoreFile: req.ignoreFile,
      ignoreText: req.ignoreText,
      dockerfile: req.dockerfile,
      signal,
      turn,
      onProgress: (p) => onProgress(p.files),
    });
  },
  applyFsChange(scan, absPath, kind, ignoreText) {
    // The ignore file's own text decides everything else: re-match rather than patch.
    if (scan.ignoreFile !== null && absPath === scan.ignoreFile) {
      applyFsChange(scan, absPath, kind);
      return rematch(scan, ignoreText ?? null);
    }
    applyFsChange(scan, absPath, kind);
    return scan;
  },
  rematch(scan, ignoreText, ignoreFile) {
    return ignoreFile === undefined ? rematch(scan, ignoreText ?? null) : rematch(scan, ignoreText ?? null, ignoreFile);
  },
};

/**
 * Contexts per Dockerfile as its builds use them, reading unsaved buffers first; async so the
 * server keeps answering while a large repository is walked.
 */
export function engineDiscover(
  fs: FileAccess,
  scheduler?: Scheduler,
): (root: string, settings: Settings) => Promise<DiscoveryResult> {
  return (root, settings) => discoverContextsAsync(root, { settings, fs, scheduler });
}
