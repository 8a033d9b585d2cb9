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
import type { InputIndex } from '../../inputs';
import type { BuildInfo, FileAccess } from '../types';
import { ignoreTarget, literalPattern } from './ignoreFix';

export const ALLOW_HEADER = '# Written by buildctx: only what this build reads (buildctx inputs) is sent.';

const fileOf = (d: DirEntry, name: string): string => (d.path === '' ? name : `${d.path}/${name}`);

/** `!dir` for a folder whose every sent file is an input, `!file` otherwise; null when unwritable. */
function reincludes(root: DirEntry, index: InputIndex): string[] | null {
  const out: string[] = [];
  let ok = true;
  const add = (rel: string): void => {
    const lit = literalPattern(rel);
    if (lit === null) ok = false;
    else out.push(`!${lit}`);
  };
  // Returns whether every sent file below `d` is an input (then the caller may take the folder whole).
  const visit = (d: DirEntry): { all: boolean; any: boolean; lines: string[] } => {
    const lines: string[] = [];
    let all = true;
    let any = false;
    for (const f of d.files.values()) {
      if (f.excludedBy >= 0) continue;
      if (index.hit(fileOf(d, f.name))) {
        any = true;
        lines.push(fileOf(d, f.name));
      } else all = false;
    }
    for (const c of d.dirs.values()) {
      if (c.sent.files === 0) continue;
      const sub = visit(c);
      any ||= sub.any;
      all &&= sub.all;
      if (sub.all && sub.any) lines.push(c.path);
      else lines.push(...sub.lines);
    }
    return { all, any, lines };
  };
  for (const rel of visit(root).lines) add(rel);
  return ok ? out : null;
}

/** The allow-list text for `build`, or null when it cannot be written or would drop an input. */
export function allowListText(build: BuildInfo, index: InputIndex, eol: string): string | null {
  const scan = build.scan;
  if (!scan || scan.fatal) return null;
  const lines = reincludes(scan.root, index);
  if (!lines || lines.length === 0 || lines.length > 500) return null;
  const text = [ALLOW_HEADER, '*', ...lines, ''].join(eol);
  const m = compileContextMatcher(readIgnoreFile(text, build.builder).patterns, build.builder);
  const check = (d: DirEntry): boolean =>
    [...d.files.values()].every(
      (f) => f.excludedBy >= 0 || !index.hit(fileOf(d, f.name)) || !excludedOnWalk(m, fileOf(d, f.name)),
    ) && [...d.dirs.values()].every(check);
  return check(scan.root) ? text : null;
}

export function allowListFix(build: BuildInfo, fs: FileAccess, index: InputIndex): Fix | null {
  const target = ignoreTarget(build);
  const before = target.exists ? fs.readText(target.file) : undefined;
  const text = allowListText(build, index, before === undefined ? '\n' : detectEol(before));
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
