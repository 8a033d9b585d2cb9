// Build commands inside shell text (scripts, Makefile recipes, CI `run:` steps, strings in
// source code), read with mvdan-sh so quoting, `\` continuations, `&&` chains and loops are
// seen the way sh sees them. Variables resolve only from assignments earlier in the same
// text; anything else stays unresolved so the caller skips it instead of guessing (issue 6).
import * as path from 'node:path';
import { Evaluator, parse, sh, withMarker, type Arg, type ShNode } from './shellEval';

export { unresolvedMarker, type Arg } from './shellEval';

export interface ShellCall {
  /** 1-based line in the parsed text. */
  line: number;
  args: Arg[];
  /** `VAR=x cmd` prefixes plus exported variables the command inherits that matter to builds. */
  env: Map<string, Arg>;
  /** Working directory: a path, undefined when never changed, null after an unresolvable `cd`. */
  cwd: string | null | undefined;
  /** Loop variables in scope whose `for` lists literal items: the values they take. */
  domains?: Map<string, string[]>;
}

export interface ShellScanOptions {
  /** Directory the text runs in when known (a Makefile's directory); relative `cd`s need it. */
  cwd?: string;
  /** Directory of the script file, for `cd "$(dirname "$0")"`. */
  scriptDir?: string;
  /** Variables known before the text runs. */
  env?: Map<string, Arg>;
  /** Lines that are not builds but whose commands are wanted too (calls of scripts or make). */
  callLine?: RegExp;
}

// Reading nodes out of mvdan-sh costs about a millisecond per command under GopherJS, so
// scripts are not parsed whole: only the lines that can hold a build command are, plus the
// assignments and `cd`s those commands depend on, on demand. Control flow is ignored (both
// branches of an `if` count); a loop variable is unknown after its `for`.
const TOOL_OR_VAR = /\b(?:docker|podman|buildah)\b|\$\{?[A-Za-z_]\w*\}?|@@BUILDCTX_UNRESOLVED_\w*@@/;
/** A container CLI (or a variable holding one) followed within a few words by `build`/`bud`. */
export const BUILD_COMMAND = new RegExp(
  `(?:${TOOL_OR_VAR.source})["'}]*[ \\t]+(?:[^\\s;&|]+[ \\t]+){0,6}?(?:build|bud)\\b`,
);
const ASSIGN_LINE = /^\s*(?:(?:export|readonly|local|declare|typeset)\s+(?:-\w+\s+)*)?([A-Za-z_]\w*)=(.*)$/;
const FOR_LINE = /^\s*for\s+([A-Za-z_]\w*)\s+in\b([^;]*)/;
/** Most items a loop list may have for discovery to try each. */
const MAX_ITEMS = 64;
const READ_VAR = /\bread\s+(?:-\w+\s+)*([A-Za-z_]\w*)/;
const CD_LINE = /^\s*(?:cd|pushd)\b/;
/** Text with no quoting, expansion or operators: sh splits it on blanks, nothing else. */
const PLAIN = /^[\w \t./:=,@%+~-]*$/;

type Binding = Arg | (() => Arg);

function logicalLines(src: string): Array<{ text: string; line: number }> {
  const raw = src.split('\n');
  const out: Array<{ text: string; line: number }> = [];
  for (let i = 0; i < raw.length; i++) {
    const line = i + 1;
    let text = (raw[i] as string).replace(/\r$/, '');
    while (/(^|[^\\])(\\\\)*\\$/.test(text) && i + 1 < raw.length)
      text += `\n${(raw[++i] as string).replace(/\r$/, '')}`;
    out.push({ text, line });
  }
  return out;
}

class ScriptState {
  readonly vars = new Map<string, Binding>();
  readonly domains = new Map<string, string[]>();
  cwd: string | null | undefined;
  constructor(readonly opts: ShellScanOptions) {
    for (const [k, v] of opts.env ?? []) this.vars.set(k, v);
    this.cwd = opts.cwd;
  }

  lookup = (name: string): Arg | undefined => {
    const b = this.vars.get(name);
    if (typeof b !== 'function') return b;
    const v = b();
    this.vars.set(name, v);
    return v;
  };

  evaluator(src: string, vars: Map<string, Binding> = this.vars): Evaluator {
    const lookup = (name: string): Arg | undefined => {
      const b = vars.get(name);
      return typeof b === 'function' ? b() : b;
    };
    return new Evaluator(src, this.opts.scriptDir, vars === this.vars ? this.lookup : lookup);
  }

  /** Lines that are not build commands: assignments, loops, `cd`. */
  observe(text: string): void {
    const a = ASSIGN_LINE.exec(text);
    if (a) {
      const [, name, rhs] = a as unknown as [string, string, string];
      this.domains.delete(name);
      if (PLAIN.test(rhs) && !/\s/.test(rhs.trim())) {
        this.vars.set(name, rhs.trim());
        return;
      }
      const snapshot = new Map(this.vars);
      this.vars.set(name, () => this.assignedValue(text, name, snapshot));
      return;
    }
    const loop = FOR_LINE.exec(text);
    const f = loop ?? READ_VAR.exec(text);
    if (f) {
      this.vars.set(f[1] as string, { unresolved: f[1] as string });
      const items = (loop?.[2] ?? '').trim();
      this.loopOver(f[1] as string, loop && PLAIN.test(items) ? items.split(/\s+/).filter(Boolean) : undefined);
      return;
    }
    if (CD_LINE.test(text)) void this.commands(text, 1);
  }

  private assignedValue(text: string, name: string, snapshot: Map<string, Binding>): Arg {
    const file = parse(text);
    if (!file) return { unresolved: name };
    let value: Arg = { unresolved: name };
    const ev = this.evaluator(text, snapshot);
    sh().syntax.Walk(file, (n) => {
      if (!n) return true;
      const t = sh().syntax.NodeType(n);
      if (t === 'Assign' && String((n.Name as ShNode).Value) === name && !n.Naked) value = ev.word(n.Value as ShNode);
      return t !== 'CmdSubst';
    });
    return value;
  }

  /** The calls in one logical line, updating variables and the working directory as sh would; null when it is not shell. */
  commands(text: string, line: number): ShellCall[] | null {
    if (PLAIN.test(text)) return this.plain(text, line);
    const snippet = parseSnippet(text);
    if (!snippet) return null;
    const ev = this.evaluator(snippet.src);
    const calls: ShellCall[] = [];
    sh().syntax.Walk(snippet.file, (node) => {
      if (!node) return true;
      const type = sh().syntax.NodeType(node);
      if (type === 'CallExpr') this.call(node, ev, line, calls);
      else if (type === 'ForClause' && sh().syntax.NodeType(node.Loop as ShNode) === 'WordIter') {
        const name = String(((node.Loop as ShNode).Name as ShNode).Value);
        this.vars.set(name, { unresolved: name });
        const items = ((node.Loop as ShNode).Items as ShNode[]).map((w) => ev.word(w));
        const literal = items.every((i): i is string => typeof i === 'string');
        this.loopOver(name, literal ? items.flatMap((i) => i.split(/\s+/).filter(Boolean)) : undefined);
      } else if (type === 'DeclClause') {
        // `export X` without a value keeps what X already holds.
        for (const a of node.Args as ShNode[])
          if (a.Name && !a.Naked)
            this.vars.set(String((a.Name as ShNode).Value), a.Value ? ev.word(a.Value as ShNode) : '');
      }
      return true;
    });
    return calls;
  }

  private call(node: ShNode, ev: Evaluator, line: number, calls: ShellCall[]): void {
    const args = (node.Args as ShNode[]).map((w) => ev.word(w));
    const env = new Map<string, Arg>();
    for (const a of node.Assigns as ShNode[]) env.set(String((a.Name as ShNode).Value), ev.word(a.Value as ShNode));
    if (args.length === 0) {
      for (const [k, v] of env) this.vars.set(k, v);
      return;
    }
    if ((args[0] === 'cd' || args[0] === 'pushd') && args.length <= 2) {
      this.cwd = changeDir(this.cwd, args[1]);
      return;
    }
    if (args[0] === 'read')
      for (const a of args.slice(1))
        if (typeof a === 'string' && /^[A-Za-z_]\w*$/.test(a)) this.vars.set(a, { unresolved: a });
    this.push(calls, line + node.Pos().Line() - 1, args, env);
  }

  private plain(text: string, line: number): ShellCall[] {
    const args: Arg[] = text.trim().split(/\s+/).filter(Boolean).map(withMarker);
    if (args[0] === 'cd' || args[0] === 'pushd') {
      this.cwd = changeDir(this.cwd, args[1]);
      return [];
    }
    const calls: ShellCall[] = [];
    const env = new Map<string, Arg>();
    while (typeof args[0] === 'string' && /^[A-Za-z_]\w*=/.test(args[0])) {
      const a = args.shift() as string;
      env.set(a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1));
    }
    this.push(calls, line, args, env);
    return calls;
  }

  /** A loop variable takes each literal item in turn; any other list leaves it unknown. */
  private loopOver(name: string, items: string[] | undefined): void {
    if (items && items.length > 0 && items.length <= MAX_ITEMS) this.domains.set(name, items);
    else this.domains.delete(name);
  }

  private push(calls: ShellCall[], line: number, args: Arg[], env: Map<string, Arg>): void {
    const bk = this.lookup('DOCKER_BUILDKIT');
    if (bk !== undefined && !env.has('DOCKER_BUILDKIT')) env.set('DOCKER_BUILDKIT', bk);
    const call: ShellCall = { line, args, env, cwd: this.cwd };
    if (this.domains.size > 0) call.domains = new Map(this.domains);
    calls.push(call);
  }
}

/** The line as shell, else without the `if`/`then`/`do` around it, else from the command on. */
function parseSnippet(text: string): { src: string; file: ShNode } | undefined {
  const bare = text
    .replace(/^\s*(?:(?:if|elif|while|until|then|else|do|!|\{|\()\s+)+/, '')
    .replace(/\s*;?\s*(?:then|do|\{)\s*$/, '');
  const at = TOOL_OR_VAR.exec(bare)?.index ?? 0;
  for (const src of [text, bare, bare.slice(at)]) {
    const file = parse(src);
    if (file) return { src, file };
  }
  return undefined;
}

/** The simple commands of `src` that can be builds, in order; null when none of it is shell. */
export function scanShell(src: string, opts: ShellScanOptions = {}): ShellCall[] | null {
  const state = new ScriptState(opts);
  const calls: ShellCall[] = [];
  let failed = false;
  for (const l of logicalLines(src)) {
    if (BUILD_COMMAND.test(l.text) || opts.callLine?.test(l.text)) {
      const found = state.commands(l.text, l.line);
      if (found) calls.push(...found);
      else failed = true;
    } else state.observe(l.text);
  }
  return failed && calls.length === 0 ? null : calls;
}

function changeDir(from: string | null | undefined, to: Arg | undefined): string | null {
  if (typeof to !== 'string' || to === '' || to === '-') return null;
  if (path.isAbsolute(to)) return path.normalize(to);
  return typeof from === 'string' ? path.resolve(from, to) : null;
}
