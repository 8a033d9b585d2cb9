// Looking COPY/ADD sources up in a scanned context, for copy-source-missing, copy-source-ignored
// and copy-source-outside-context (whether a source exists, or leaves the context, is asked by
// two rules, so it lives here). Wildcards follow Go's filepath.Match per path segment (`*`, `?`,
// `[...]` never cross '/'), plus `**` for `COPY --parents`, as BuildKit's copy does.
import * as path from 'node:path';
import type { DirEntry, FileEntry } from '../../context/model';
import type { BuildInfo, RuleContext } from '../types';
import type { CopyInstruction, CopySource, DockerfileModel } from '../../dockerfile';

export interface ContextEntry {
  path: string;
  dir: DirEntry | null;
  file: FileEntry | null;
}

export interface ContextSource {
  copy: CopyInstruction;
  source: CopySource;
  path: string;
}

/** COPY/ADD sources read from the context whose path is known (not `--from`, URLs, heredocs, whole-context). */
export function contextSources(model: DockerfileModel): ContextSource[] {
  const out: ContextSource[] = [];
  for (const copy of model.copies) {
    for (const source of copy.sources) {
      if (source.kind !== 'context' || source.wholeContext || source.contextPath === null || source.contextPath === '')
        continue;
      out.push({ copy, source, path: source.contextPath });
    }
  }
  return out;
}

/** The entry at a relative path, or null when the context has none. */
export function findEntry(root: DirEntry, rel: string): ContextEntry | null {
  const segs = rel.split('/').filter(Boolean);
  let dir = root;
  for (let i = 0; i < segs.length; i++) {
    const seg = segs[i]!;
    const sub = dir.dirs.get(seg);
    if (sub) {
      dir = sub;
      continue;
    }
    const file = i === segs.length - 1 ? dir.files.get(seg) : undefined;
    return file ? { path: rel, dir: null, file } : null;
  }
  return { path: rel, dir, file: null };
}

/** Whether the build receives this entry: a directory counts when it or something under it is sent. */
export function isSent(e: ContextEntry): boolean {
  if (e.file) return e.file.excludedBy < 0;
  if (!e.dir) return false;
  return e.dir.excludedBy < 0 || e.dir.sent.files > 0;
}

export const hasWildcard = (p: string): boolean => /[*?[\\]/.test(p);

// One segment of a filepath.Match pattern as a RegExp; null when Go would reject it.
function segmentRegex(seg: string): RegExp | null {
  let re = '';
  for (let i = 0; i < seg.length; i++) {
    const c = seg[i]!;
    if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '\\') {
      i++;
      if (i >= seg.length) return null;
      re += escapeRe(seg[i]!);
    } else if (c === '[') {
      const close = seg.indexOf(']', i + 2);
      if (close < 0) return null;
      let body = seg.slice(i + 1, close);
      if (body.startsWith('^')) body = `^${body.slice(1).replace(/[\]\\]/g, '\\$&')}`;
      else body = body.replace(/[\]\\^]/g, '\\$&');
      re += `[${body}]`;
      i = close;
    } else re += escapeRe(c);
  }
  try {
    return new RegExp(`^${re}$`, 'u');
  } catch {
    return null;
  }
}

const escapeRe = (c: string): string => c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

type Seg = RegExp | '**';

function walkMatches(dir: DirEntry, segs: Seg[], prefix: string, out: ContextEntry[], limit: number): void {
  if (out.length >= limit) return;
  const [seg, ...rest] = segs;
  if (seg === undefined) {
    out.push({ path: prefix, dir, file: null });
    return;
  }
  if (seg === '**') {
    walkMatches(dir, rest, prefix, out, limit);
    for (const [name, sub] of dir.dirs) walkMatches(sub, segs, join(prefix, name), out, limit);
    return;
  }
  for (const [name, sub] of dir.dirs) if (seg.test(name)) walkMatches(sub, rest, join(prefix, name), out, limit);
  if (rest.length === 0 || rest.every((s) => s === '**')) {
    for (const [name, file] of dir.files) if (seg.test(name)) out.push({ path: join(prefix, name), dir: null, file });
  }
}

const join = (a: string, b: string): string => (a ? `${a}/${b}` : b);

/**
 * Entries a source names: the one entry for a literal path, every match for a wildcard.
 * Null when the pattern is not valid for Go's matcher (the build fails on it another way).
 */
export function matchSource(root: DirEntry, pattern: string, limit = 10_000): ContextEntry[] | null {
  if (!hasWildcard(pattern)) {
    const e = findEntry(root, pattern);
    return e ? [e] : [];
  }
  const segs: Seg[] = [];
  for (const s of pattern.split('/').filter(Boolean)) {
    if (s === '**') {
      segs.push('**');
      continue;
    }
    const re = segmentRegex(s);
    if (!re) return null;
    segs.push(re);
  }
  const out: ContextEntry[] = [];
  walkMatches(root, segs, '', out, limit);
  return out;
}

export function contextLabel(b: BuildInfo): string {
  const rel = path.relative(path.dirname(b.dockerfile), b.contextDir).split(path.sep).join('/');
  if (rel === '') return "the build context (the Dockerfile's folder)";
  return b.provenance && !b.provenance.startsWith('the Dockerfile')
    ? `the build context ${rel} (${b.provenance})`
    : `the build context ${rel}`;
}

/** True/false when we can tell whether the source exists in this build's context; null when we cannot yet. */
export function sourceExists(src: ContextSource, b: BuildInfo, ctx: RuleContext): boolean | null {
  if (b.scan && !b.scan.fatal) {
    const m = matchSource(b.scan.root, src.path);
    return m === null ? null : m.length > 0;
  }
  // A context directory that is not there is a wrong context, not a missing source on every COPY.
  if (hasWildcard(src.path) || !ctx.fs.exists(b.contextDir)) return null;
  return ctx.fs.exists(path.join(b.contextDir, ...src.path.split('/')));
}

/** True when a source value climbs above the context root (lexically, as filepath.Join would). */
export function leavesContext(value: string | null): boolean {
  if (value === null) return false;
  let depth = 0;
  for (const seg of value.split('/')) {
    if (seg === '' || seg === '.') continue;
    depth += seg === '..' ? -1 : 1;
    if (depth < 0) return true;
  }
  return false;
}
