// Values a build gets from whoever runs it: `make docker-component COMPONENT=tempo` (or
// `COMPONENT=tempo make ...`) in a workflow, a script or another recipe, and `./build.sh
// services/api` (or `-d services/api` read by getopts, getopts.ts) for a script building "$1", and
// `build_one services/api` for a function of the same script (shellFunctions.ts). Readers hand such
// calls to a CallSink; once every file is read, each call re-reads its callee with the caller's
// values, and the builds this yields name the value and the caller (`COMPONENT=tempo from Makefile:250`).
import * as path from 'node:path';
import { variants } from './assume';
import type { RepoIndex } from './repoFiles';
import type { Arg, ShellCall } from './shellWords';

export interface Invocation {
  kind: 'make' | 'script' | 'function';
  /** Absolute path of the Makefile or the script (the one defining the function). */
  callee: string;
  /** Make goals; a function's name. */
  goals: string[];
  /** `make X VAR=v`: override the Makefile; make passes them on to sub-makes. */
  cmdline: Map<string, string>;
  /** `VAR=v make X`: the environment, beneath the Makefile's own assignments. */
  env: Map<string, string>;
  /** A script's or function's positional arguments ($1..$9). */
  args: Arg[];
  /** The caller's working directory when known: the callee runs in it. */
  cwd?: string;
  /** Where the call stands, for provenance. */
  from: string;
  depth: number;
}

export interface CallSite {
  file: string;
  lineOffset: number;
  /** Where a relative callee path may start while the working directory is unknown. */
  bases: string[];
  /** Values the calling text itself was read with (a make goal's variables), passed down. */
  inherited?: Pick<Invocation, 'cmdline' | 'env' | 'from' | 'depth'>;
  /** Shell functions the text defines whose calls are followed (shellFunctions.ts). */
  functions?: Set<string>;
  /** Where the values came from when not the calling line: a function's call site. */
  from?: string;
}

/** Most calls followed in one discovery: each re-reads a file. */
const MAX_CALLS = 256;
const MAX_DEPTH = 4;
const WRAPPERS = new Set(['sudo', 'env', 'exec', 'time', 'nohup', 'command']);
const SHELLS = new Set(['sh', 'bash', 'zsh', 'ksh', 'dash']);
/** A positional parameter: a script reading one and building is worth following from its callers. */
export const POSITIONAL = /\$\{?[1-9]/;

export class CallSink {
  readonly calls: Invocation[] = [];
  private readonly seen = new Set<string>();
  /** Lines worth parsing as calls: make with a variable, or a wanted script by name. */
  readonly line: RegExp;

  constructor(
    readonly root: string,
    private readonly scripts: Set<string>,
    readonly repo: RepoIndex,
  ) {
    const names = [...new Set([...scripts].map((s) => path.basename(s)))].slice(0, MAX_CALLS);
    const alt = names.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
    // Bounded forms only: this runs over whole files of a large monorepo.
    const make = String.raw`\bg?make\b.*\b[A-Za-z_]\w*=|\b[A-Za-z_]\w*=\S*[ \t]+(?:\S+[ \t]+){0,4}g?make\b`;
    this.line = new RegExp(alt ? `${make}|(?:^|[\\s/'"])(?:${alt})\\b` : make);
  }

  add(calls: ShellCall[], at: CallSite): void {
    for (const call of calls)
      for (const v of variants(call)) {
        if (this.calls.length >= MAX_CALLS) return;
        const inv = this.invocation(v.args, v.env, call.cwd, at, at.lineOffset + call.line - 1);
        const key = inv && JSON.stringify([inv.callee, inv.goals, [...inv.cmdline], [...inv.env], inv.args, inv.cwd]);
        if (!inv || this.seen.has(key as string)) continue;
        this.seen.add(key as string);
        this.calls.push(inv);
      }
  }

  private invocation(
    all: Arg[],
    env: Map<string, Arg>,
    cwd: string | null | undefined,
    at: CallSite,
    line: number,
  ): Invocation | undefined {
    if (cwd === null) return undefined;
    const args = [...all];
    while (typeof args[0] === 'string' && WRAPPERS.has(args[0])) args.shift();
    const cmd = args[0];
    if (typeof cmd !== 'string') return undefined;
    const from = at.from ?? `${relative(this.root, at.file)}:${line}`;
    const base: Invocation = {
      kind: 'script',
      callee: '',
      goals: [],
      cmdline: new Map(at.inherited?.cmdline),
      env: new Map(at.inherited?.env),
      args: [],
      from: at.inherited?.from ?? from,
      depth: (at.inherited?.depth ?? -1) + 1,
    };
    if (base.depth > MAX_DEPTH) return undefined;
    if (cwd !== undefined) base.cwd = cwd;
    const bases = cwd !== undefined ? [cwd] : at.bases;
    if (at.functions?.has(cmd))
      return { ...base, kind: 'function', callee: at.file, goals: [cmd], args: args.slice(1, 10), from };
    if (/^g?make$/.test(path.basename(cmd)))
      return this.make(args.slice(1), env, bases, { ...base, kind: 'make' }, from);
    return this.script(args, bases, base, from);
  }

  private make(
    args: Arg[],
    env: Map<string, Arg>,
    bases: string[],
    inv: Invocation,
    from: string,
  ): Invocation | undefined {
    const inherited = inv.cmdline.size + inv.env.size;
    let dir: string | undefined;
    let file: string | undefined;
    for (let i = 0; i < args.length; i++) {
      const a = args[i];
      if (typeof a !== 'string') continue;
      const opt = /^(-C|--directory=?|-f|--file=?|--makefile=?)(.*)$/.exec(a);
      if (opt) {
        const value = opt[2] || (args[++i] as string);
        if (typeof value !== 'string') return undefined;
        if (opt[1]?.includes('C') || opt[1]?.includes('dir')) dir = value;
        else file = value;
      } else if (/^[A-Za-z_][\w.]*=/.test(a)) inv.cmdline.set(a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1));
      else if (!a.startsWith('-') && !/^\d+$/.test(a)) inv.goals.push(a);
    }
    for (const [k, v] of env) if (typeof v === 'string' && k !== 'DOCKER_BUILDKIT') inv.env.set(k, v);
    if (inv.cmdline.size + inv.env.size === 0) return undefined;
    // Values set on this line are this line's; passed-down ones keep naming their first caller.
    if (inv.cmdline.size + inv.env.size > inherited) inv.from = from;
    for (const b of bases) {
      const d = path.resolve(b, dir ?? '.');
      const names = file ? [file] : ['GNUmakefile', 'makefile', 'Makefile'];
      const callee = names.map((n) => path.resolve(d, n)).find((p) => this.repo.files.has(p));
      if (callee) return { ...inv, callee };
    }
    return undefined;
  }

  private script(args: Arg[], bases: string[], inv: Invocation, from: string): Invocation | undefined {
    let i = 0;
    if (SHELLS.has(args[0] as string)) {
      i = 1;
      while (typeof args[i] === 'string' && (args[i] as string).startsWith('-')) {
        if (args[i] === '-c') return undefined;
        i++;
      }
    }
    const script = args[i];
    if (typeof script !== 'string' || (i === 0 && !script.includes('/'))) return undefined;
    for (const b of bases) {
      const callee = path.resolve(b, script);
      if (this.scripts.has(callee)) return { ...inv, callee, args: args.slice(i + 1, i + 10), from };
    }
    return undefined;
  }
}

export function relative(root: string, file: string): string {
  const rel = path.relative(root, file);
  return (rel === '' || rel.startsWith('..') || path.isAbsolute(rel) ? file : rel).split(path.sep).join('/');
}
