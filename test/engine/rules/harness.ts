// Builds rule contexts in memory for the Dockerfile rule tests: a virtual context directory,
// an ignore file with a small literal/`*` matcher (last match wins, a match on a parent
// covers the subtree), and a scan tree in the shape the real scanner produces.
import * as path from 'node:path';
import type { ContextScan, DirEntry } from '../../../server/src/engine/context/model';
import type { IgnorePattern, ParsedIgnoreFile } from '../../../server/src/engine/dockerignore/read';
import type { BuildInfo, DockerfileRuleContext, FileAccess, Rule } from '../../../server/src/engine/rules/types';
import { DEFAULT_SETTINGS, type Builder, type Finding, type Settings } from '../../../server/src/engine/types';
import { applyTextEdits } from '../../../server/src/engine/edits';
import { runRules } from '../../../server/src/engine/rules/runRules';
import { TreeWork } from '../../../server/src/engine/background/treeWork';

export const CTX = '/ctx';

export interface CtxOptions {
  dockerfile: string;
  /** Context files by relative path (a trailing '/' makes an empty directory). */
  files?: Record<string, string>;
  /** Lines of `.dockerignore`; omitted means no ignore file. */
  ignore?: string[];
  builder?: Builder;
  /** False leaves `scan` null, as while a scan is still running. */
  scanned?: boolean;
  settings?: Partial<Settings>;
}

export function memoryFs(files: Record<string, string>): FileAccess {
  const dirs = new Set<string>();
  for (const f of Object.keys(files)) for (let d = path.dirname(f); d !== '/' && d !== '.'; d = path.dirname(d)) dirs.add(d);
  return {
    readText: (p) => files[p],
    exists: (p) => p in files || dirs.has(p) || p.replace(/\/$/, '') + '/' in files,
  };
}

export function parseIgnore(lines: string[]): ParsedIgnoreFile {
  const patterns: IgnorePattern[] = [];
  lines.forEach((raw, line) => {
    const t = raw.trim();
    if (t === '' || raw.startsWith('#')) return;
    const negate = t.startsWith('!');
    const pattern = path.posix.normalize((negate ? t.slice(1) : t).trim()).replace(/^\/|\/$/g, '');
    patterns.push({ pattern, negate, line, start: raw.indexOf(t), end: raw.indexOf(t) + t.length, raw });
  });
  return { patterns, errors: [] };
}

function matches(pattern: string, rel: string): boolean {
  const re = new RegExp('^' + pattern.split('/').map((s) => (s === '**' ? '.*' : s.replace(/[.+^${}()|\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]'))).join('/') + '(/.*)?$');
  return re.test(rel);
}

function excludedBy(patterns: IgnorePattern[], rel: string): number {
  let by = -1;
  patterns.forEach((p, i) => { if (matches(p.pattern, rel)) by = p.negate ? -1 : i; });
  return by;
}

function scanOf(files: Record<string, string>, patterns: IgnorePattern[], builder: Builder, ignoreFile: string | null): ContextScan {
  const root: DirEntry = dirEntry('', '', -1);
  for (const [rel, text] of Object.entries(files)) {
    const segs = rel.split('/').filter(Boolean);
    let dir = root;
    const last = rel.endsWith('/') ? segs.length : segs.length - 1;
    for (let i = 0; i < last; i++) {
      const p = segs.slice(0, i + 1).join('/');
      let sub = dir.dirs.get(segs[i]!);
      if (!sub) { sub = dirEntry(segs[i]!, p, excludedBy(patterns, p)); dir.dirs.set(segs[i]!, sub); }
      dir = sub;
    }
    if (!rel.endsWith('/')) dir.files.set(segs[last]!, { name: segs[last]!, size: text.length, kind: 'file', excludedBy: excludedBy(patterns, rel) });
  }
  total(root);
  return { contextDir: CTX, builder, ignoreFile, patterns, root, sent: root.sent, excluded: root.excluded, patternStats: [], errors: [], fatal: null };
}

const dirEntry = (name: string, p: string, by: number): DirEntry => ({ name, path: p, excludedBy: by, dirs: new Map(), files: new Map(), sent: { files: 0, bytes: 0 }, excluded: { files: 0, bytes: 0 } });

function total(d: DirEntry): void {
  for (const f of d.files.values()) { const t = f.excludedBy >= 0 ? d.excluded : d.sent; t.files++; t.bytes += f.size; }
  for (const s of d.dirs.values()) {
    total(s);
    d.sent.files += s.sent.files; d.sent.bytes += s.sent.bytes; d.excluded.files += s.excluded.files; d.excluded.bytes += s.excluded.bytes;
  }
}

export function dockerfileCtx(o: CtxOptions): DockerfileRuleContext {
  const files = o.files ?? {};
  const abs: Record<string, string> = { [`${CTX}/Dockerfile`]: o.dockerfile };
  for (const [rel, text] of Object.entries(files)) abs[`${CTX}/${rel}`] = text;
  const ignoreFile = o.ignore ? `${CTX}/.dockerignore` : null;
  if (o.ignore) abs[`${CTX}/.dockerignore`] = o.ignore.join('\n') + '\n';
  const ignore = o.ignore ? parseIgnore(o.ignore) : null;
  const builder = o.builder ?? 'buildkit';
  const all = { ...files, Dockerfile: o.dockerfile, ...(o.ignore ? { '.dockerignore': abs[`${CTX}/.dockerignore`]! } : {}) };
  const build: BuildInfo = {
    dockerfile: `${CTX}/Dockerfile`, contextDir: CTX, builder, ignoreFile, ignoreFileToCreate: `${CTX}/.dockerignore`, ignore,
    scan: o.scanned === false ? null : scanOf(all, ignore?.patterns ?? [], builder, ignoreFile), provenance: 'test',
  };
  return { kind: 'dockerfile', file: `${CTX}/Dockerfile`, text: o.dockerfile, builds: [build], settings: { ...DEFAULT_SETTINGS, ...o.settings }, fs: memoryFs(abs), work: new TreeWork() };
}

export function findings(rule: Rule, o: CtxOptions): Finding[] {
  return runRules(dockerfileCtx(o), [rule]).findings;
}

/** The Dockerfile after applying the first fix of every finding on it. */
export function fixedText(ctx: DockerfileRuleContext, found: Finding[], file = ctx.file): string {
  const text = file === ctx.file ? ctx.text : ctx.fs.readText(file) ?? '';
  const edits = found.flatMap((f) => f.fixes[0]?.edits ?? []).filter((e) => e.file === file).flatMap((e) => e.edits);
  return applyTextEdits(text, edits).text;
}
