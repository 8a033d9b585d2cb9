// GitLab CI jobs: each job's `before_script` (or the default one) and `script` run as one
// shell in the project directory (`$CI_PROJECT_DIR`), with the pipeline's and the job's
// `variables`. Their `docker build`/`podman build`/`buildah bud` commands are read like any
// script's, and kaniko's executor by its own flags.
import * as path from 'node:path';
import type { FileAccess } from '../types';
import { parseBuildCommand } from './command';
import { loadPipeline, resolveJob, scriptPieces, variablesOf, type Pipeline, type ScriptPiece } from './gitlabConfig';
import { kanikoBuild, KANIKO_LINE, parseKaniko } from './kaniko';
import { lineScan, MAY_BUILD } from './scripts';
import { scanShell, type Arg } from './shellWords';
import { fromParsed, type FoundBuild } from './sites';

interface Where {
  file: string;
  line: number;
}

/** The job's shell text, and where each of its lines was written. */
function joinPieces(pieces: ScriptPiece[]): { text: string; at: Where[] } {
  const texts: string[] = [];
  const at: Where[] = [];
  for (const p of pieces) {
    p.text
      .replace(/\n$/, '')
      .split('\n')
      .forEach((l, i) => {
        texts.push(l);
        at.push({ file: p.file, line: p.line + (p.literal ? i : 0) });
      });
  }
  return { text: texts.join('\n'), at };
}

function scriptBuilds(pieces: ScriptPiece[], env: Map<string, Arg>, dir: string, fs: FileAccess): FoundBuild[] {
  const { text, at } = joinPieces(pieces);
  if (!MAY_BUILD.test(text) && !KANIKO_LINE.test(text)) return [];
  const calls = scanShell(text, { cwd: dir, env, callLine: KANIKO_LINE });
  if (!calls) {
    const found = lineScan(text, { file: '', lineOffset: 1, source: 'ci', root: dir, fs }, [dir]);
    return found.flatMap((b) => (at[b.line - 1] ? [{ ...b, ...at[b.line - 1] }] : []));
  }
  const out: FoundBuild[] = [];
  for (const call of calls) {
    const where = at[call.line - 1];
    if (!where || call.cwd === null) continue;
    const cwd = call.cwd ?? dir;
    const ctx = { ...where, source: 'ci' as const, fs };
    const parsed = parseBuildCommand(call.args, call.env);
    const kaniko = parsed ? undefined : parseKaniko(call.args);
    const b = parsed ? fromParsed(parsed, [cwd], ctx) : kaniko && kanikoBuild(kaniko, cwd, ctx);
    if (b) out.push(b);
  }
  return out;
}

function jobBuilds(name: string, p: Pipeline, globals: Map<string, Arg>, dir: string, fs: FileAccess): FoundBuild[] {
  const job = resolveJob(name, p);
  const script = job.keys.get('script');
  if (!script) return [];
  const before = job.keys.get('before_script') ?? p.defaults.get('before_script');
  const pieces = [...(before ? scriptPieces(before, p) : []), ...scriptPieces(script, p)];
  return scriptBuilds(pieces, variablesOf(job.variables, globals), dir, fs);
}

export function gitlabBuilds(file: string, text: string, fs: FileAccess): FoundBuild[] {
  const dir = path.dirname(file);
  const p = loadPipeline(file, text, fs);
  const globals = variablesOf(p.variables, new Map([['CI_PROJECT_DIR', dir]]));
  const out: FoundBuild[] = [];
  const seen = new Set<string>();
  // Hidden jobs (`.name`) are templates: they run as the jobs that extend or reference them.
  for (const name of p.jobs.keys()) {
    if (name.startsWith('.')) continue;
    for (const b of jobBuilds(name, p, globals, dir, fs)) {
      // Jobs sharing a template's script build at its line once per distinct image.
      const key = [b.file, b.line, b.dockerfile, b.contextDir, b.target ?? ''].join('\0');
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(b);
    }
  }
  return out.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line));
}
