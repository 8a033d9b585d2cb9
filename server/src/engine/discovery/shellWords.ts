// Build commands inside shell text (scripts, Makefile recipes, CI `run:` steps, strings in
// source code), read with mvdan-sh so quoting, `\` continuations, `&&` chains and loops are
// seen the way sh sees them. Variables resolve only from assignments earlier in the same
// text; anything else stays unresolved so the caller skips it instead of guessing (issue 6).
import * as path from 'node:path';
import * as sh from 'mvdan-sh';

/** A word's value, or the variable that keeps it unknown ('' when not a plain variable). */
export type Arg = string | { unresolved: string };

export interface ShellCall {
  /** 1-based line in the parsed text. */
  line: number;
  args: Arg[];
  /** `VAR=x cmd` prefixes plus exported variables the command inherits that matter to builds. */
  env: Map<string, Arg>;
  /** Working directory: a path, undefined when never changed, null after an unresolvable `cd`. */
  cwd: string | null | undefined;
}

export interface ShellScanOptions {
  /** Directory the text runs in when known (a Makefile's directory); relative `cd`s need it. */
  cwd?: string;
  /** Directory of the script file, for `cd "$(dirname "$0")"`. */
  scriptDir?: string;
  /** Variables known before the text runs. */
  env?: Map<string, Arg>;
}

/** Text spliced in by callers (Makefile, CI expressions) where a value is unknown. */
export const unresolvedMarker = (hint: string): string => `@@BUILDCTX_UNRESOLVED_${hint.replace(/\W/g, '_')}@@`;
const MARKER = /@@BUILDCTX_UNRESOLVED_(\w*)@@/;

interface ShPos { Offset(): number; Line(): number }
interface ShNode { Pos(): ShPos; End(): ShPos; [k: string]: unknown }
interface ShSyntax {
  NewParser(): { Parse(src: string, name: string): ShNode };
  Walk(node: ShNode, fn: (n: ShNode | null) => boolean): void;
  NodeType(n: ShNode): string;
}
const syntax = (sh as unknown as { syntax: ShSyntax }).syntax;

// The parser's operator tokens are numbers with no exported names: learn the two default
// operators (`${x:-d}` also replaces an empty value, `${x-d}` only an unset one) from the
// parser itself rather than pinning magic values.
let defaultOps: { colon: unknown; plain: unknown } | undefined;
function opOf(src: string): unknown {
  let op: unknown;
  syntax.Walk(syntax.NewParser().Parse(src, 'ops'), (n) => {
    if (n && syntax.NodeType(n) === 'ParamExp') op = (n.Exp as ShNode).Op;
    return true;
  });
  return op;
}
function ops(): { colon: unknown; plain: unknown } {
  defaultOps ??= { colon: opOf('${a:-b}'), plain: opOf('${a-b}') };
  return defaultOps;
}

const DIRNAME_SELF = /^\$\(\s*dirname\s+"?\$(0|\{0\}|\{BASH_SOURCE(\[0\])?\}|BASH_SOURCE)"?\s*\)$/;

class Evaluator {
  readonly env: Map<string, Arg>;
  constructor(private readonly src: string, private readonly opts: ShellScanOptions) {
    this.env = new Map(opts.env ?? []);
  }

  word(word: ShNode | null | undefined): Arg {
    if (!word) return '';
    let out = '';
    for (const part of word.Parts as ShNode[]) {
      const v = this.part(part);
      if (typeof v !== 'string') return v;
      out += v;
    }
    const m = MARKER.exec(out);
    return m ? { unresolved: m[1] ?? '' } : out;
  }

  private part(part: ShNode): Arg {
    switch (syntax.NodeType(part)) {
      case 'Lit': return unescapeLit(String(part.Value));
      case 'SglQuoted': return String(part.Value);
      case 'DblQuoted': {
        let out = '';
        for (const p of part.Parts as ShNode[]) {
          const v = syntax.NodeType(p) === 'Lit' ? String(p.Value) : this.part(p);
          if (typeof v !== 'string') return v;
          out += v;
        }
        return out;
      }
      case 'ParamExp': return this.param(part);
      case 'CmdSubst': {
        const text = this.src.slice(part.Pos().Offset(), part.End().Offset());
        return DIRNAME_SELF.test(text) && this.opts.scriptDir ? this.opts.scriptDir : { unresolved: '' };
      }
      default: return { unresolved: '' };
    }
  }

  private param(p: ShNode): Arg {
    const name = String((p.Param as ShNode).Value);
    if (p.Length || p.Repl || p.Index || p.Slice || p.Excl) return { unresolved: name };
    const known = this.env.get(name);
    const exp = p.Exp as ShNode | null;
    if (exp) {
      const { colon, plain } = ops();
      if (exp.Op !== colon && exp.Op !== plain) return { unresolved: name };
      if (known !== undefined && !(known === '' && exp.Op === colon)) return known;
      return this.word(exp.Word as ShNode);
    }
    return known ?? { unresolved: name };
  }
}

// An unquoted literal keeps its backslashes in the AST; sh removes them (and `\<newline>`).
function unescapeLit(s: string): string {
  return s.includes('\\') ? s.replace(/\\\n/g, '').replace(/\\(.)/g, '$1') : s;
}

function parse(src: string): ShNode | null {
  try {
    return syntax.NewParser().Parse(src, 'discovery');
  } catch {
    return null;
  }
}

/** Every simple command in `src`, in source order; null when the text is not valid shell. */
export function scanShell(src: string, opts: ShellScanOptions = {}): ShellCall[] | null {
  const file = parse(src);
  if (!file) return null;
  const ev = new Evaluator(src, opts);
  let cwd: string | null | undefined = undefined;
  const calls: ShellCall[] = [];
  syntax.Walk(file, (node) => {
    if (!node) return true;
    const type = syntax.NodeType(node);
    if (type === 'CallExpr') {
      const args = (node.Args as ShNode[]).map((w) => ev.word(w));
      const env = new Map<string, Arg>();
      for (const a of node.Assigns as ShNode[]) env.set(String((a.Name as ShNode).Value), ev.word(a.Value as ShNode));
      if (args.length === 0) { for (const [k, v] of env) ev.env.set(k, v); return true; }
      const bk = ev.env.get('DOCKER_BUILDKIT');
      if (bk !== undefined && !env.has('DOCKER_BUILDKIT')) env.set('DOCKER_BUILDKIT', bk);
      if ((args[0] === 'cd' || args[0] === 'pushd') && args.length <= 2) cwd = changeDir(cwd ?? opts.cwd, args[1]);
      else calls.push({ line: node.Pos().Line(), args, env, cwd: cwd ?? (opts.cwd === undefined ? undefined : opts.cwd) });
    } else if (type === 'DeclClause') {
      for (const a of node.Args as ShNode[]) {
        // `export X` without a value keeps what X already holds.
        if (a.Name && !a.Naked) ev.env.set(String((a.Name as ShNode).Value), a.Value ? ev.word(a.Value as ShNode) : '');
      }
    } else if (type === 'ForClause') {
      const loop = node.Loop as ShNode;
      if (syntax.NodeType(loop) === 'WordIter') ev.env.set(String((loop.Name as ShNode).Value), { unresolved: String((loop.Name as ShNode).Value) });
    }
    return true;
  });
  return calls;
}

function changeDir(from: string | null | undefined, to: Arg | undefined): string | null {
  if (typeof to !== 'string' || to === '' || to === '-') return null;
  if (path.isAbsolute(to)) return path.normalize(to);
  return typeof from === 'string' ? path.resolve(from, to) : null;
}
