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
import { bindOptions, type OptionValue, readOptions } from './getopts';
import { type ShellFunction, shellFunctions, withFunctionCalls } from './shellFunctions';
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

/** A script, or a function's body in it, and the functions the script defines. */
interface ShellText {
  text: string;
  line: number;
  functions: Map<string, ShellFunction>;
}

interface CallerValues {
  text: string;
  env: Map<string, Arg>;
  assumed: string[];
  options: Map<string, OptionValue>;
}

/** The text with the caller's values: options through `getopts`, else positional arguments. */
function callerValues(inv: Invocation, text: string): CallerValues | undefined {
  const opts = readOptions(text, inv.args, inv.from);
  if (opts)
    return opts.values.size > 0 ? { text: opts.text, env: new Map(), assumed: [], options: opts.values } : undefined;
  const env = new Map<string, Arg>();
  const assumed: string[] = [];
  inv.args.forEach((a, i) => {
    if (typeof a !== 'string' || !new RegExp(`\\$\\{?${i + 1}(?!\\d)`).test(text)) return;
    env.set(String(i + 1), a);
    assumed.push(`$${i + 1}=${a} from ${inv.from}`);
  });
  return env.size > 0 ? { text, env, assumed, options: new Map() } : undefined;
}

function scriptCallBuilds(inv: Invocation, script: ShellText, sink: CallSink, fs: FileAccess): FoundBuild[] {
  const values = callerValues(inv, script.text);
  if (!values) return [];
  const dir = path.dirname(inv.callee);
  const opts = { scriptDir: dir, env: values.env, callLine: withFunctionCalls(sink.line, script.functions) };
  const calls = scanShell(values.text, inv.cwd !== undefined ? { ...opts, cwd: inv.cwd } : opts);
  if (!calls) return [];
  const bases = inv.cwd !== undefined ? [inv.cwd] : ancestors(dir, sink.root);
  const lineOffset = script.line;
  const ctx = { file: inv.callee, lineOffset, source: 'script' as const, root: sink.root, fs };
  const next = { cmdline: new Map(), env: new Map(), from: inv.from, depth: inv.depth };
  const at = { file: inv.callee, lineOffset, bases, inherited: next, functions: new Set(script.functions.keys()) };
  // A function's calls take their values from where the function was called.
  const site = inv.kind === 'function' ? { ...at, from: inv.from } : at;
  const out: FoundBuild[] = [];
  for (const call of calls) {
    const bound = bindOptions(call, values.options);
    sink.add([bound.call], site);
    const assumed = [...values.assumed, ...bound.labels];
    out.push(...buildsFromCalls([bound.call], { ...ctx, dockerfiles: sink.repo.dockerfiles, assumed }, bases));
  }
  return out;
}

function shellCallBuilds(inv: Invocation, text: string, sink: CallSink, fs: FileAccess): FoundBuild[] {
  const functions = shellFunctions(text, (body) => MAY_BUILD.test(body) || sink.line.test(body));
  if (inv.kind === 'script') return scriptCallBuilds(inv, { text, line: 1, functions }, sink, fs);
  const fn = functions.get(inv.goals[0] ?? '');
  return fn ? scriptCallBuilds(inv, { text: fn.body, line: fn.line, functions }, sink, fs) : [];
}

/** The builds every recorded call leads to; calls found on the way are followed too (bounded by the sink). */
export function followCalls(sink: CallSink, fs: FileAccess): FoundBuild[] {
  const out: FoundBuild[] = [];
  for (let i = 0; i < sink.calls.length; i++) {
    const inv = sink.calls[i] as Invocation;
    const text = fs.readText(inv.callee);
    if (text === undefined) continue;
    const found = inv.kind === 'make' ? makeCallBuilds(inv, text, sink, fs) : shellCallBuilds(inv, text, sink, fs);
    for (const b of found) out.push({ ...b, bound: true });
  }
  return out;
}

/** Scripts whose builds read a positional parameter: their callers are worth reading for values. */
export function positionalScripts(files: string[], fs: FileAccess): Set<string> {
  const out = new Set<string>();
  for (const f of files) {
    const text = fs.readText(f);
    if (text !== undefined && MAY_BUILD.test(text) && (POSITIONAL.test(text) || /\bgetopts\b/.test(text))) out.add(f);
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
