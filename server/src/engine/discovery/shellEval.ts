// Values of shell words, read from mvdan-sh's syntax tree: quoting, parameter expansion with
// defaults, `$(dirname "$0")`. An unknown part becomes a marker inside the word's text, so a
// caller that later learns the value (a loop list, a caller's argument, a matching file) can
// put it in without parsing again.
import { mvdanSh } from '../shell/mvdanSh';

/**
 * A word's value, or the variable that keeps it unknown ('' when not a plain variable); the
 * template is the word with a marker for each unknown part, when it has more than that part.
 */
export type Arg = string | { unresolved: string; template?: string };

/** Text spliced in by callers (Makefile, CI expressions) where a value is unknown. */
export const unresolvedMarker = (hint: string): string => `@@BUILDCTX_UNRESOLVED_${hint.replace(/\W/g, '_')}@@`;
export const MARKER = /@@BUILDCTX_UNRESOLVED_(\w*)@@/;
export const withMarker = (text: string): Arg => {
  const m = MARKER.exec(text);
  if (!m) return text;
  return m[0] === text ? { unresolved: m[1] ?? '' } : { unresolved: m[1] ?? '', template: text };
};
/** The word's text with markers where it is unknown. */
export const argText = (a: Arg): string => (typeof a === 'string' ? a : (a.template ?? unresolvedMarker(a.unresolved)));

interface ShPos {
  Offset(): number;
  Line(): number;
}
export interface ShNode {
  Pos(): ShPos;
  End(): ShPos;
  [k: string]: unknown;
}
/** Loaded on the first script read (the one adapter, shell/mvdanSh.ts), not at import. */
export const sh = (): ReturnType<typeof mvdanSh<ShNode>> => mvdanSh<ShNode>();

// The parser's operator tokens are numbers with no exported names: learn the two default
// operators (`${x:-d}` also replaces an empty value, `${x-d}` only an unset one) from the
// parser itself rather than pinning magic values.
let defaultOps: { colon: unknown; plain: unknown } | undefined;
function opOf(src: string): unknown {
  let op: unknown;
  sh().syntax.Walk(parse(src) as ShNode, (n) => {
    if (n && sh().syntax.NodeType(n) === 'ParamExp') op = (n.Exp as ShNode).Op;
    return true;
  });
  return op;
}
function ops(): { colon: unknown; plain: unknown } {
  defaultOps ??= { colon: opOf('${a:-b}'), plain: opOf('${a-b}') };
  return defaultOps;
}

const DIRNAME_SELF = /^\$\(\s*dirname\s+"?\$(0|\{0\}|\{BASH_SOURCE(\[0\])?\}|BASH_SOURCE)"?\s*\)$/;

export class Evaluator {
  constructor(
    private readonly src: string,
    private readonly scriptDir: string | undefined,
    private readonly lookup: (name: string) => Arg | undefined,
  ) {}

  word(word: ShNode | null | undefined): Arg {
    if (!word) return '';
    let out = '';
    for (const part of word.Parts as ShNode[]) out += argText(this.part(part));
    return withMarker(out);
  }

  private part(part: ShNode): Arg {
    switch (sh().syntax.NodeType(part)) {
      case 'Lit':
        return unescapeLit(String(part.Value));
      case 'SglQuoted':
        return String(part.Value);
      case 'DblQuoted': {
        let out = '';
        for (const p of part.Parts as ShNode[])
          out += sh().syntax.NodeType(p) === 'Lit' ? String(p.Value) : argText(this.part(p));
        return out;
      }
      case 'ParamExp':
        return this.param(part);
      case 'CmdSubst': {
        const text = this.src.slice(part.Pos().Offset(), part.End().Offset());
        return DIRNAME_SELF.test(text) && this.scriptDir ? this.scriptDir : { unresolved: '' };
      }
      default:
        return { unresolved: '' };
    }
  }

  private param(p: ShNode): Arg {
    const name = String((p.Param as ShNode).Value);
    if (p.Length || p.Repl || p.Index || p.Slice || p.Excl) return { unresolved: name };
    const known = this.lookup(name);
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
export function unescapeLit(s: string): string {
  return s.includes('\\') ? s.replace(/\\\n/g, '').replace(/\\(.)/g, '$1') : s;
}

export function parse(src: string): ShNode | null {
  try {
    return sh().parser.Parse(src, 'discovery');
  } catch {
    return null;
  }
}
