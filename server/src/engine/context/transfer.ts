// What a Dockerfile actually makes the client upload. BuildKit asks only for the paths its
// COPY/ADD sources name (dockerfile2llb records path.Join("/", src) for every source without
// --from that is not a URL, plus RUN --mount=type=bind sources without from=, for the stages
// the target needs) and passes them as fsutil FollowPaths, i.e. include patterns matched with
// patternmatcher, a path counting when it or a parent matches. "/" anywhere means the whole
// context. The legacy builder and podman send the whole context whatever the Dockerfile says.
import nodeFs from 'node:fs';
import path from 'node:path';
import type { Totals } from '../types';
import type { IgnorePattern } from '../dockerignore/read';
import type { ContextScan, DirEntry, FileEntry } from './model';
import type { CopyInstruction, DockerfileModel } from '../dockerfile/model';
import { reachableStages } from '../dockerfile/stages';
import { contextPathOf } from '../dockerfile/copy';
import { compileContextMatcher, type ContextMatcher, type MatchState } from './scan/match';

export interface SourceTransfer extends Totals {
  contextPath: string;
  /** False when nothing in the context matches: BuildKit then fails the build ("not found"). */
  found: boolean;
}

export interface CopyTransfer extends Totals {
  copy: CopyInstruction;
  /** 0-based line of the instruction. */
  line: number;
  /** Whether the stage holding it is built for the target. */
  reachable: boolean;
  sources: SourceTransfer[];
  /** False when a source has a variable we cannot resolve (its files are not counted). */
  exact: boolean;
}

export interface TransferResult {
  /** What the build uploads (the whole context for classic and podman). */
  transferred: Totals;
  /** The upload is the whole context (`COPY . .`, a bare bind mount, or a non-BuildKit builder). */
  wholeContext: boolean;
  /** False when some reachable source could not be resolved: `transferred` is then a lower bound. */
  exact: boolean;
  copies: CopyTransfer[];
}

const ZERO = (): Totals => ({ files: 0, bytes: 0 });
const META = /[*?[\\]/;

function findDir(root: DirEntry, parts: string[]): DirEntry | undefined {
  let d: DirEntry | undefined = root;
  for (const p of parts) d = d?.dirs.get(p);
  return d;
}

/** Adds every sent file below `dir` to `out`. */
function addSentBelow(dir: DirEntry, out: Set<FileEntry>): void {
  const stack = [dir];
  while (stack.length > 0) {
    const d = stack.pop()!;
    if (d.sent.files === 0) continue;
    for (const f of d.files.values()) if (f.excludedBy < 0) out.add(f);
    for (const c of d.dirs.values()) stack.push(c);
  }
}

function includePattern(pattern: string): IgnorePattern {
  return { pattern, negate: false, line: 0, start: 0, end: pattern.length, raw: pattern };
}

/** Wildcard source: walk from its literal prefix, deciding each path as fsutil's include filter does. */
function addMatching(root: DirEntry, contextPath: string, out: Set<FileEntry>): void {
  const parts = contextPath.split('/');
  const firstMeta = parts.findIndex((p) => META.test(p));
  const start = findDir(root, parts.slice(0, Math.max(0, firstMeta)));
  if (!start) return;
  const m: ContextMatcher = compileContextMatcher([includePattern(contextPath)], 'buildkit');
  const stack: Array<{ dir: DirEntry; state: MatchState }> = [{ dir: start, state: m.root }];
  while (stack.length > 0) {
    const { dir, state } = stack.pop()!;
    const prefix = dir.path === '' ? '' : `${dir.path}/`;
    for (const f of dir.files.values()) {
      if (f.excludedBy < 0 && m.match(prefix + f.name, state).excluded) out.add(f);
    }
    for (const c of dir.dirs.values()) {
      const s = m.match(c.path, state);
      if (s.excluded) addSentBelow(c, out);
      else stack.push({ dir: c, state: s });
    }
  }
}

function readLink(contextDir: string, rel: string): string | null {
  try {
    return nodeFs.readlinkSync(path.join(contextDir, rel));
  } catch {
    return null;
  }
}

/**
 * fsutil's FollowLinks: a symlink met on a requested path is sent, and so is what it points to,
 * read inside the context (an absolute target is taken from the context root). `out` doubles as
 * the visited set, which ends link cycles as fsutil's `resolved` map does.
 */
function followLinks(scan: ContextScan, p: string, out: Set<string>): void {
  const parts = p === '' ? [] : p.split('/');
  let dir: DirEntry | undefined = scan.root;
  for (let i = 0; i < parts.length && dir; i++) {
    const name = parts[i]!;
    const link = META.test(name) ? undefined : dir.files.get(name);
    if (link?.kind === 'symlink') {
      const current = parts.slice(0, i + 1).join('/');
      if (out.has(current)) return;
      out.add(current);
      const target = readLink(scan.contextDir, current);
      const base = target?.startsWith('/') ? '' : parts.slice(0, i).join('/');
      if (target !== null) followLinks(scan, contextPathOf([base, target, ...parts.slice(i + 1)].join('/')), out);
      return;
    }
    dir = dir.dirs.get(name);
  }
  out.add(p);
}

/** Files one requested context path pulls in, symlinks followed; whether it names anything. */
function collectFollowing(scan: ContextScan, contextPath: string, out: Set<FileEntry>): boolean {
  const paths = new Set<string>();
  followLinks(scan, contextPath, paths);
  let found = false;
  for (const p of paths) if (collect(scan.root, p, out)) found = true;
  return found;
}

/** Files one context path pulls in; `found` says whether it names anything at all. */
function collect(root: DirEntry, contextPath: string, out: Set<FileEntry>): boolean {
  if (contextPath === '') {
    addSentBelow(root, out);
    return true;
  }
  const parts = contextPath.split('/');
  if (parts.some((p) => META.test(p))) {
    const before = out.size;
    addMatching(root, contextPath, out);
    return out.size > before;
  }
  const parent = findDir(root, parts.slice(0, -1));
  const name = parts[parts.length - 1]!;
  const dir = parent?.dirs.get(name);
  if (dir) {
    addSentBelow(dir, out);
    return true;
  }
  const file = parent?.files.get(name);
  if (file && file.excludedBy < 0) out.add(file);
  return file !== undefined;
}

function sum(files: Iterable<FileEntry>): Totals {
  const t = ZERO();
  for (const f of files) {
    t.files++;
    t.bytes += f.size;
  }
  return t;
}

function copyTransfer(
  scan: ContextScan,
  copy: CopyInstruction,
  reachable: boolean,
  union: Set<FileEntry> | null,
): CopyTransfer {
  const own = new Set<FileEntry>();
  const sources: SourceTransfer[] = [];
  let exact = true;
  for (const s of copy.sources) {
    if (s.kind !== 'context') continue;
    if (s.contextPath === null) {
      exact = false;
      continue;
    }
    if (s.wholeContext) {
      sources.push({ contextPath: '', found: true, ...scan.sent });
      continue;
    }
    const mine = new Set<FileEntry>();
    const found = collectFollowing(scan, s.contextPath, mine);
    sources.push({ contextPath: s.contextPath, found, ...sum(mine) });
    for (const f of mine) {
      own.add(f);
      union?.add(f);
    }
  }
  // The whole context includes everything else this COPY names: no need to count files.
  const totals = copy.wholeContext ? { ...scan.sent } : sum(own);
  return { copy, line: copy.range.start.line, reachable, sources, exact, ...totals };
}

function bindMountPaths(model: DockerfileModel, stages: Set<number>): string[] {
  const paths: string[] = [];
  for (const r of model.runs) {
    if (!stages.has(r.stage)) continue;
    for (const m of r.mounts) {
      if (m.type === 'bind' && m.from === null)
        paths.push(
          (m.source ?? '')
            .split('/')
            .filter((p) => p !== '' && p !== '.')
            .join('/'),
        );
    }
  }
  return paths;
}

/** Per-COPY figures and the Dockerfile's total upload for `scan` (which fixes the builder). */
export function computeTransfer(
  scan: ContextScan,
  model: DockerfileModel,
  opts: { target?: string } = {},
): TransferResult {
  const stages = reachableStages(model, opts.target);
  const isReachable = (c: CopyInstruction): boolean => c.from === null && (c.stage < 0 || stages.has(c.stage));
  const binds = bindMountPaths(model, stages);
  const whole =
    scan.builder !== 'buildkit' ||
    binds.includes('') ||
    model.copies.some((c) => isReachable(c) && c.sources.some((s) => s.kind === 'context' && s.wholeContext));
  const union = whole ? null : new Set<FileEntry>();
  const copies = model.copies
    .filter((c) => c.sources.some((s) => s.kind === 'context'))
    .map((c) => copyTransfer(scan, c, isReachable(c), isReachable(c) ? union : null));
  if (union) for (const p of binds) collectFollowing(scan, p, union);
  return {
    transferred: union ? sum(union) : { ...scan.sent },
    wholeContext: whole,
    exact: whole || copies.every((c) => !c.reachable || c.exact),
    copies,
  };
}
