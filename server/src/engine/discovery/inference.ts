// Inference for a Dockerfile no build mentions: the nearest folder, from the Dockerfile's own
// up to the workspace root, in which its COPY/ADD sources exist. `COPY go.mod go.sum ./` in
// docker/app.Dockerfile points at the repository root, the incident's layout (issue 6).
import * as path from 'node:path';
import { DockerfileParser, JSONInstruction, type Instruction } from 'dockerfile-ast';
import type { FileAccess } from '../types';
import { ancestors } from './sites';

function instructionSources(ins: Instruction): string[] {
  const keyword = ins.getKeyword();
  if (keyword !== 'COPY' && keyword !== 'ADD') return [];
  // Any flag named `from`: dockerfile-ast's getFromFlag misses it when --chown follows (loki).
  const flags = (ins as { getFlags?: () => Array<{ getName(): string }> }).getFlags?.() ?? [];
  if (flags.some((f) => f.getName() === 'from')) return [];
  const args =
    ins instanceof JSONInstruction && ins.getOpeningBracket()
      ? ins.getJSONStrings().map((a) => a.getJSONValue())
      : ins.getArguments().map((a) => a.getValue());
  if (args.some((a) => a.startsWith('<<'))) return [];
  return args.slice(0, -1).filter((a) => !(keyword === 'ADD' && /^(https?|git|ssh):\/\/|^git@/.test(a)));
}

/**
 * Sources that tell folders apart: no variables, not the whole context, and cut at the first
 * wildcard segment (`pkg/*.go` must at least have `pkg/`; a bare `*.go` says nothing).
 */
export function informativeSources(text: string): string[] {
  const out = new Set<string>();
  for (const ins of DockerfileParser.parse(text).getInstructions()) {
    for (const src of instructionSources(ins)) {
      if (src.includes('$')) continue;
      const segs = src.split('/').filter((s) => s !== '' && s !== '.');
      const cut = segs.findIndex((s) => /[*?[\]]/.test(s));
      const literal = (cut < 0 ? segs : segs.slice(0, cut)).join('/');
      if (literal !== '' && !literal.split('/').includes('..')) out.add(literal);
    }
  }
  return [...out];
}

export interface Inferred {
  contextDir: string;
  found: number;
  total: number;
}

/** The nearest folder holding every source, else the nearest holding the most; undefined when none. */
export function inferContext(dockerfile: string, text: string, root: string, fs: FileAccess): Inferred | undefined {
  const sources = informativeSources(text);
  if (sources.length === 0) return undefined;
  let best: Inferred | undefined;
  for (const dir of ancestors(path.dirname(dockerfile), root)) {
    const found = sources.filter((s) => fs.exists(path.join(dir, s))).length;
    if (found === sources.length) return { contextDir: dir, found, total: sources.length };
    if (found > 0 && (!best || found > best.found)) best = { contextDir: dir, found, total: sources.length };
  }
  return best;
}
