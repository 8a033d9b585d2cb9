// kaniko's executor (`/kaniko/executor --context dir://... --dockerfile ...`), as CI jobs run it.
// Its flags, per kaniko's own command: `--context`/`-c` is a local directory (plain or
// `dir://`) or remote storage; `--context-sub-path` goes below it; `--dockerfile`/`-f`
// (default `Dockerfile`) is taken from the working directory when it exists there, else from
// the context. Without `--context` kaniko builds `/workspace/`, which is no folder of the repository.
import * as path from 'node:path';
import type { FileAccess } from '../types';
import type { Arg } from './shellWords';
import type { FoundBuild } from './sites';
import type { CandidateSource } from './types';

/** A line that may run the executor: the cheap test before it is read as shell. */
export const KANIKO_LINE = /(^|[\s/"'])executor\b/;

const FLAGS: Record<string, 'context' | 'dockerfile' | 'subPath' | 'target' | 'destination' | 'buildArg'> = {
  '--context': 'context',
  '-c': 'context',
  '--dockerfile': 'dockerfile',
  '-f': 'dockerfile',
  '--context-sub-path': 'subPath',
  '--target': 'target',
  '--destination': 'destination',
  '-d': 'destination',
  '--build-arg': 'buildArg',
};

interface KanikoCall {
  context?: Arg;
  dockerfile?: Arg;
  subPath?: Arg;
  target?: Arg;
  destination?: Arg;
  buildArg: Arg[];
}

/** The executor's flags, when `args` run it. */
export function parseKaniko(args: Arg[]): KanikoCall | undefined {
  const at = args.findIndex((a) => typeof a === 'string' && path.posix.basename(a) === 'executor');
  if (at < 0) return undefined;
  const out: KanikoCall = { buildArg: [] };
  for (let i = at + 1; i < args.length; i++) {
    const a = args[i];
    if (typeof a !== 'string' || !a.startsWith('-')) continue;
    const eq = a.startsWith('--') ? a.indexOf('=') : -1;
    const name = eq < 0 ? a : a.slice(0, eq);
    const field = FLAGS[name];
    if (!field) continue;
    const value = eq < 0 ? args[++i] : a.slice(eq + 1);
    if (value === undefined) break;
    if (field === 'buildArg') out.buildArg.push(value);
    else out[field] ??= value;
  }
  return out;
}

function localDir(ctx: string): string | undefined {
  if (ctx.startsWith('dir://')) return ctx.slice('dir://'.length);
  return /^[a-z][\w+.-]*:\/\//i.test(ctx) ? undefined : ctx;
}

export function kanikoBuild(
  k: KanikoCall,
  cwd: string,
  at: { file: string; line: number; source: CandidateSource; fs: FileAccess },
): FoundBuild | undefined {
  const { context, dockerfile = 'Dockerfile', subPath = '' } = k;
  if (typeof context !== 'string' || typeof dockerfile !== 'string' || typeof subPath !== 'string') return undefined;
  const dir = localDir(context);
  if (dir === undefined || /^[a-z][\w+.-]*:\/\//i.test(dockerfile)) return undefined;
  const contextDir = path.resolve(cwd, dir, subPath);
  const file = [path.resolve(cwd, dockerfile), path.resolve(contextDir, dockerfile)].find((f) => at.fs.exists(f));
  if (!file) return undefined;
  const out: FoundBuild = { ...at, tool: 'kaniko', dockerfile: file, contextDir, noCache: false, isSite: true };
  if (typeof k.destination === 'string') out.tag = k.destination;
  if (typeof k.target === 'string') out.target = k.target;
  if (k.buildArg.length > 0) out.buildArgs = k.buildArg.map((a) => (typeof a === 'string' ? a : '?')).sort();
  return out;
}
