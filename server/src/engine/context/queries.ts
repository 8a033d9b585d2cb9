// Questions asked of a finished scan: where the bytes are, what each pattern keeps out, and
// the list of files a build sends. All read-only and iterative (deep trees must not overflow).
import type { ContextScan, DirEntry, FileEntry } from './model';

export interface DirSize {
  path: string;
  files: number;
  bytes: number;
}

export interface PatternExclusion {
  /** The pattern as written on its line (trimmed), e.g. `vendor/`. */
  pattern: string;
  /** 1-based line, as shown to people; `index` gives the IgnorePattern (0-based `line`). */
  line: number;
  index: number;
  files: number;
  bytes: number;
}

/** Every directory below `dir` (not `dir` itself), parents before children. */
export function* allDirs(dir: DirEntry): Generator<DirEntry> {
  const stack: DirEntry[] = [...dir.dirs.values()].reverse();
  while (stack.length > 0) {
    const d = stack.pop()!;
    yield d;
    const kids = [...d.dirs.values()];
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]);
  }
}

/**
 * The `n` directories holding the most sent (or excluded) bytes, largest first; ties by path.
 * Nested directories all compete, like `du`: `node_modules` and `node_modules/x` may both appear.
 */
export function largestDirs(scan: ContextScan, n: number, which: 'sent' | 'excluded'): DirSize[] {
  // Bounded selection, not a sort of every directory: a context can hold 500k directories.
  const top: DirSize[] = [];
  if (n <= 0) return top;
  for (const d of allDirs(scan.root)) {
    const t = d[which];
    if (t.files === 0) continue;
    const candidate = { path: d.path, files: t.files, bytes: t.bytes };
    if (top.length === n && bigger(top[n - 1], candidate)) continue;
    let i = top.length;
    while (i > 0 && bigger(candidate, top[i - 1])) i--;
    top.splice(i, 0, candidate);
    if (top.length > n) top.pop();
  }
  return top;
}

/** Ranking order: more bytes, then more files, then path. */
function bigger(a: DirSize, b: DirSize): boolean {
  if (a.bytes !== b.bytes) return a.bytes > b.bytes;
  if (a.files !== b.files) return a.files > b.files;
  return a.path < b.path;
}

/** What each exclusion pattern keeps out (patterns that keep nothing out included), largest first. */
export function exclusionsByPattern(scan: ContextScan): PatternExclusion[] {
  const out: PatternExclusion[] = [];
  for (const stat of scan.patternStats) {
    const p = scan.patterns[stat.index];
    if (!p || p.negate) continue;
    out.push({
      pattern: p.raw.trim(),
      line: p.line + 1,
      index: stat.index,
      files: stat.decided.files,
      bytes: stat.decided.bytes,
    });
  }
  return out.sort((a, b) => b.bytes - a.bytes || b.files - a.files || a.index - b.index);
}

/** Every non-directory entry the build sends, paths relative to the context with '/'. */
export function* sentFiles(scan: ContextScan): Generator<{ path: string; size: number }> {
  for (const f of filesWhere(scan.root, (e) => e.excludedBy < 0)) yield { path: f.path, size: f.size };
}

/** Every non-directory entry kept out, with the index of the pattern that decided it. */
export function* excludedFiles(scan: ContextScan): Generator<{ path: string; size: number; by: number }> {
  for (const f of filesWhere(scan.root, (e) => e.excludedBy >= 0))
    yield { path: f.path, size: f.size, by: f.entry.excludedBy };
}

function* filesWhere(
  root: DirEntry,
  keep: (f: FileEntry) => boolean,
): Generator<{ path: string; size: number; entry: FileEntry }> {
  for (const d of withRoot(root)) {
    const prefix = d.path === '' ? '' : `${d.path}/`;
    for (const f of d.files.values()) if (keep(f)) yield { path: prefix + f.name, size: f.size, entry: f };
  }
}

function* withRoot(root: DirEntry): Generator<DirEntry> {
  yield root;
  yield* allDirs(root);
}

/** The entry at `rel` ('' is the root), or undefined. */
export function lookup(scan: ContextScan, rel: string): DirEntry | FileEntry | undefined {
  if (rel === '' || rel === '.') return scan.root;
  let dir = scan.root;
  const parts = rel.split('/').filter((p) => p !== '' && p !== '.');
  for (let i = 0; i < parts.length - 1; i++) {
    const next = dir.dirs.get(parts[i]);
    if (!next) return undefined;
    dir = next;
  }
  const last = parts[parts.length - 1];
  return dir.dirs.get(last) ?? dir.files.get(last);
}

/** The folder at `relPath` ('' for the root), if the scan saw one. */
export function findDir(root: DirEntry, relPath: string): DirEntry | undefined {
  if (relPath === '') return root;
  let d: DirEntry | undefined = root;
  for (const seg of relPath.split('/')) {
    d = d.dirs.get(seg);
    if (!d) return undefined;
  }
  return d;
}
