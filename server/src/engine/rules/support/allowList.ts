// "Write a minimal ignore file for this build": an allow-list (`*`, then a `!` re-include per
// input) derived from the build-input model. Never safe and never in fix-all: it replaces the
// whole file, so the editor shows it as a change to confirm. The list is proved before it is
// offered: matched with the builder's own rules, every file the build reads is still sent.
import * as path from 'node:path';
import type { DirEntry } from '../../context/model';
import { compileContextMatcher, excludedOnWalk } from '../../context/scan/match';
import { readIgnoreFile } from '../../dockerignore/read';
import { detectEol, endPosition } from '../../edits';
import type { Fix } from '../../types';
import type { BuildModel } from './inputs';
import type { BuildInfo, FileAccess } from '../types';
import { ignoreTarget, literalPattern } from './ignoreFix';

export const ALLOW_HEADER = '# Written by buildctx: only what this build reads (buildctx inputs) is sent.';

const fileOf = (d: DirEntry, name: string): string => (d.path === '' ? name : `${d.path}/${name}`);

/**
 * `!dir` for a folder whose every sent file is an input, `!file` otherwise; null when a path
 * cannot be written or the list grows past MAX_LINES. Only folders holding inputs are visited
 * (the model's per-folder counts), so a 200k-file tree costs what its inputs cost.
 */
function reincludes(root: DirEntry, model: BuildModel): string[] | null {
  const out: string[] = [];
  const add = (rel: string): boolean => {
    const lit = literalPattern(rel);
    if (lit === null || out.length >= MAX_LINES) return false;
    out.push(`!${lit}`);
    return true;
  };
  const visit = (d: DirEntry): boolean => {
    for (const f of d.files.values())
      if (f.excludedBy < 0 && model.index.hit(fileOf(d, f.name)) && !add(fileOf(d, f.name))) return false;
    for (const c of d.dirs.values()) {
      const inputs = model.split.folders.get(c);
      if (!inputs) continue;
      const whole = inputs.read + inputs.maybe === c.sent.files;
      if (whole ? !add(c.path) : !visit(c)) return false;
    }
    return true;
  };
  return visit(root) ? out : null;
}

const MAX_LINES = 500;

/** A sent file at or below `rel` (the path itself for a file), to prove a re-include reaches. */
function sampleFile(root: DirEntry, rel: string): string | null {
  let d: DirEntry | undefined = root;
  for (const seg of rel.split('/')) {
    if (d?.files.has(seg)) return rel;
    d = d?.dirs.get(seg);
  }
  for (let cur = d; cur; cur = [...cur.dirs.values()].find((c) => c.sent.files > 0)) {
    const f = [...cur.files.values()].find((x) => x.excludedBy < 0);
    if (f) return fileOf(cur, f.name);
  }
  return null;
}

/** The allow-list text for `build`, or null when it cannot be written or would not reach an input. */
function allowListText(build: BuildInfo, model: BuildModel, eol: string): string | null {
  const scan = build.scan;
  if (!scan || scan.fatal) return null;
  const lines = reincludes(scan.root, model);
  if (!lines || lines.length === 0) return null;
  const text = [ALLOW_HEADER, '*', ...lines, ''].join(eol);
  // Proof with the builder's own matcher: each re-included path (a file of each folder) is sent.
  const m = compileContextMatcher(readIgnoreFile(text, build.builder).patterns, build.builder);
  const reached = lines.every((l) => {
    const file = sampleFile(scan.root, l.slice(1).replace(/\\(.)/g, '$1'));
    return file !== null && !excludedOnWalk(m, file);
  });
  return reached ? text : null;
}

export function allowListFix(build: BuildInfo, fs: FileAccess, model: BuildModel): Fix | null {
  const target = ignoreTarget(build);
  const before = target.exists ? fs.readText(target.file) : undefined;
  const text = allowListText(build, model, before === undefined ? '\n' : detectEol(before));
  if (text === null || text === before) return null;
  // A BOM stays where it is: the new text replaces what follows it.
  const start = { line: 0, character: before?.startsWith('\uFEFF') ? 1 : 0 };
  const range = { start, end: before === undefined ? start : endPosition(before) };
  return {
    title: `Write a minimal ${path.basename(target.file)} for this build (only what it reads)`,
    edits: [
      { file: target.file, ...(before === undefined ? { create: true } : {}), edits: [{ range, newText: text }] },
    ],
    safe: false,
    confirm: true,
  };
}
