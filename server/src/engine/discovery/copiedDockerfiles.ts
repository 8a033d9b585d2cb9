// A recipe may copy a Dockerfile next to build output and build it there:
//   cp Dockerfile.dev dist
//   docker build -f dist/Dockerfile.dev dist
// (argo-cd's `make image`). dist/Dockerfile.dev exists only while make runs; the file people
// edit is Dockerfile.dev, built with dist/ as its context.
import * as path from 'node:path';
import type { FileAccess } from '../types';
import { isDockerfileName } from './walk';

export interface CopiedDockerfile {
  /** The file in the repository. */
  source: string;
  /** "copied to dist/ by Makefile:379". */
  note: string;
}

const CP = /^\s*cp(?:\s+-[a-zA-Z]+)*\s+(\S+)\s+(\S+)\s*$/;

/** Where recipe lines copy a Dockerfile of the repository to: copy path to its source. */
export function copiedDockerfiles(
  lines: Array<{ text: string; line: number }>,
  dir: string,
  label: string,
  fs: FileAccess,
): Map<string, CopiedDockerfile> {
  const out = new Map<string, CopiedDockerfile>();
  for (const l of lines) {
    const m = CP.exec(l.text);
    if (!m || (m[1] as string).includes('$') || (m[2] as string).includes('$')) continue;
    const source = path.resolve(dir, m[1] as string);
    if (!isDockerfileName(path.basename(source)) || !fs.exists(source)) continue;
    const to = path.resolve(dir, m[2] as string);
    const intoDir = (m[2] as string).endsWith('/') || !isDockerfileName(path.basename(to));
    const copy = intoDir ? path.join(to, path.basename(source)) : to;
    if (copy !== source) out.set(copy, { source, note: `copied to ${m[2]} by ${label}:${l.line}` });
  }
  return out;
}

/** File access that sees the copies, so a build of one resolves; `restore` maps it back. */
export function withCopies(fs: FileAccess, copies: Map<string, CopiedDockerfile>): FileAccess {
  if (copies.size === 0) return fs;
  return {
    readText: (p) => fs.readText(copies.get(p)?.source ?? p),
    readBytes: (p) => fs.readBytes(copies.get(p)?.source ?? p),
    exists: (p) => copies.has(p) || fs.exists(p),
  };
}
