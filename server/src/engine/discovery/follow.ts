// Re-reading each called Makefile target or script with its caller's values (callers.ts), and
// merging the builds this yields with those every file gave on its own: a build found both
// ways is kept once, and where a caller binds a variable, the guesses from matching existing
// Dockerfiles for that same command are dropped.
import * as path from 'node:path';
import type { FileAccess } from '../types';
import { type CallSink, type Invocation, POSITIONAL } from './callers';
import { MakeFile } from './makefile';
import { MAY_BUILD } from './scripts';
import { type Arg, scanShell } from './shellWords';
import { ancestors, buildsFromCalls, type FoundBuild } from './sites';

function makeCallBuilds(inv: Invocation, text: string, sink: CallSink, fs: FileAccess): FoundBuild[] {
  const dir = path.dirname(inv.callee);
  const mf = new MakeFile(text, { dir, files: sink.repo.files, cmdline: inv.cmdline, env: inv.env });
  const assumed = [...inv.cmdline, ...inv.env].map(([k, v]) => `${k}=${v} from ${inv.from}`);
  const out: FoundBuild[] = [];
  for (const r of mf.goalRecipes(inv.goals, assumed)) {
    if (!MAY_BUILD.test(r.text) && !sink.line.test(r.text)) continue;
    const calls = scanShell(r.text, { cwd: dir, env: r.env, callLine: sink.line });
    if (!calls) continue;
    const ctx = { file: inv.callee, lineOffset: r.line, source: 'script' as const, root: sink.root, fs };
    out.push(
      ...buildsFromCalls(calls, { ...ctx, dockerfiles: sink.repo.dockerfiles, assumed: r.assumed ?? [] }, [dir]),
    );
    sink.add(calls, { file: inv.callee, lineOffset: r.line, bases: [dir], inherited: inv });
  }
  return out;
}

function scriptCallBuilds(inv: Invocation, text: string, sink: CallSink, fs: FileAccess): FoundBuild[] {
  const dir = path.dirname(inv.callee);
  const env = new Map<string, Arg>();
  const assumed: string[] = [];
  inv.args.forEach((a, i) => {
    if (typeof a !== 'string' || !new RegExp(`\\$\\{?${i + 1}(?!\\d)`).test(text)) return;
    env.set(String(i + 1), a);
    assumed.push(`$${i + 1}=${a} from ${inv.from}`);
  });
  if (env.size === 0) return [];
  const opts = { scriptDir: dir, env, callLine: sink.line };
  const calls = scanShell(text, inv.cwd !== undefined ? { ...opts, cwd: inv.cwd } : opts);
  if (!calls) return [];
  const bases = inv.cwd !== undefined ? [inv.cwd] : ancestors(dir, sink.root);
  const ctx = { file: inv.callee, lineOffset: 1, source: 'script' as const, root: sink.root, fs };
  const next = { cmdline: new Map(), env: new Map(), from: inv.from, depth: inv.depth };
  sink.add(calls, { file: inv.callee, lineOffset: 1, bases, inherited: next });
  return buildsFromCalls(calls, { ...ctx, dockerfiles: sink.repo.dockerfiles, assumed }, bases);
}

/** The builds every recorded call leads to; calls found on the way are followed too (bounded by the sink). */
export function followCalls(sink: CallSink, fs: FileAccess): FoundBuild[] {
  const out: FoundBuild[] = [];
  for (let i = 0; i < sink.calls.length; i++) {
    const inv = sink.calls[i] as Invocation;
    const text = fs.readText(inv.callee);
    if (text === undefined) continue;
    const found = inv.kind === 'make' ? makeCallBuilds(inv, text, sink, fs) : scriptCallBuilds(inv, text, sink, fs);
    for (const b of found) out.push({ ...b, bound: true });
  }
  return out;
}

/** Scripts whose builds read a positional parameter: their callers are worth reading for values. */
export function positionalScripts(files: string[], fs: FileAccess): Set<string> {
  const out = new Set<string>();
  for (const f of files) {
    const text = fs.readText(f);
    if (text !== undefined && MAY_BUILD.test(text) && POSITIONAL.test(text)) out.add(f);
  }
  return out;
}

/** Own builds, then followed ones that add a command, Dockerfile, context or stage. */
export function mergeBuilds(own: FoundBuild[], followed: FoundBuild[]): FoundBuild[] {
  const bound = new Set(followed.filter((b) => !b.open).map((b) => `${b.file}\0${b.line}`));
  // A caller that only changes the tag (`TAG=x make docker`) adds no build worth a site.
  const key = (b: FoundBuild): string => [b.file, b.line, b.dockerfile, b.contextDir, b.target].join('\0');
  const out = own.filter((b) => !(b.open && bound.has(`${b.file}\0${b.line}`)));
  const seen = new Set(out.map(key));
  for (const b of followed) {
    if (seen.has(key(b))) continue;
    seen.add(key(b));
    out.push(b);
  }
  return out;
}
