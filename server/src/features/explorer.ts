// The Explorer's decorations (issue 16): which of the rows on screen the active Dockerfile's
// build keeps out, and by which ignore-file line. Each answer is a lookup in the scan tree the
// server already holds (O(depth) per path), never a walk: the Explorer asks for every visible
// row, on trees of 200k files.
import * as path from 'node:path';
import type { ContextScan, DirEntry, FileEntry } from '../engine/context/model';
import { lookup } from '../engine/context/queries';
import type { ExcludedParams, ExcludedResult, ExcludedVerdict } from '../protocol';
import { uriToPath } from '../workspace/files';
import { buildsOf, type SizeDeps } from './contextSize';

const SENT: ExcludedVerdict = { excluded: false, pattern: null, line: null };

export async function excludedPaths(d: SizeDeps, p: ExcludedParams): Promise<ExcludedResult> {
  const b = (await buildsOf(d, p.uri))[0];
  // The live scan, as the status bar reads it: the build's own may be an older object.
  const scan = b ? (d.project.contexts.get(b.entry.key) ?? b.entry).scan : null;
  const dockerfile = b?.info.dockerfile ?? null;
  if (!scan) return { dockerfile, ignoreFile: null, verdicts: p.paths.map(() => SENT) };
  return { dockerfile, ignoreFile: scan.ignoreFile, verdicts: p.paths.map((uri) => verdict(scan, uriToPath(uri))) };
}

/** The path's standing in the scan; paths outside the context, or not scanned yet, are not marked. */
export function verdict(scan: ContextScan, abs: string): ExcludedVerdict {
  const rel = path.relative(scan.contextDir, abs);
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return SENT;
  const entry = lookup(scan, rel.split(path.sep).join('/'));
  if (!entry || !keptOut(entry)) return SENT;
  const p = scan.patterns[entry.excludedBy];
  if (!p) return { excluded: true, pattern: null, line: null };
  return { excluded: true, pattern: p.raw.trim(), line: p.line + 1 };
}

/**
 * A directory the ignore file excludes is still sent when a `!` pattern re-includes something
 * inside it (Docker sends the parents of what it sends), so only one with nothing sent counts.
 */
function keptOut(e: DirEntry | FileEntry): boolean {
  if (e.excludedBy < 0) return false;
  return !('dirs' in e) || e.sent.files === 0;
}
