// Reads a shell script into the simple commands it runs, using mvdan-sh (the Go shell
// parser compiled to JS) rather than regexes, so `&&`, `;`, `||`, if/else branches,
// subshells, continuations and heredocs are all seen the way sh sees them (issue 3, rule 6).
import * as sh from 'mvdan-sh';

/** A word of a command: its value when it is static text, else null (it expands at run time). */
export interface ShellWord {
  value: string | null;
  /** The static text before the first part that expands at run time (all of it when static). */
  prefix: string;
  start: number;
  end: number;
}

export interface ShellAssign { name: string; value: string | null }

/** One simple command; offsets are UTF-16 indexes into the parsed source. */
export interface ShellCommand {
  args: ShellWord[];
  /** `VAR=x cmd` prefixes. */
  assigns: ShellAssign[];
  start: number;
  end: number;
}

export interface ShellScript {
  commands: ShellCommand[];
  /** Variables set for later commands: bare `VAR=x` statements and `export VAR=x`. */
  variables: Array<ShellAssign & { at: number }>;
  /** Set when the script does not parse; commands is then empty. */
  error?: string;
}

// mvdan-sh has no type declarations; these are the few node fields we read.
interface ShPos { Offset(): number }
interface ShNode { Pos(): ShPos; End(): ShPos; [k: string]: unknown }
interface ShSyntax {
  NewParser(): { Parse(src: string, name: string): ShNode };
  Walk(node: ShNode, fn: (n: ShNode | null) => boolean): void;
  NodeType(n: ShNode): string;
}
const syntax = (sh as unknown as { syntax: ShSyntax }).syntax;

/** Maps the parser's UTF-8 byte offsets back to UTF-16 indexes (identity for ASCII text). */
function offsetMapper(src: string): (byte: number) => number {
  // eslint-disable-next-line no-control-regex
  if (/^[\x00-\x7f]*$/.test(src)) return (b) => b;
  const map: number[] = [];
  for (let i = 0; i < src.length; i++) {
    const cp = src.codePointAt(i) ?? 0;
    const bytes = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    for (let k = 0; k < bytes; k++) map.push(i);
    if (cp >= 0x10000) i++;
  }
  map.push(src.length);
  return (b) => map[Math.min(b, map.length - 1)] ?? src.length;
}

/** A word part's static text; `partial` is the static text before an expansion inside it. */
function partValue(part: ShNode): { value: string | null; partial: string } {
  const type = syntax.NodeType(part);
  if (type === 'Lit') return { value: unescapeLit(String(part.Value)), partial: '' };
  if (type === 'SglQuoted') return { value: String(part.Value), partial: '' };
  if (type === 'DblQuoted') {
    let out = '';
    for (const p of part.Parts as ShNode[]) {
      if (syntax.NodeType(p) !== 'Lit') return { value: null, partial: out };
      out += String(p.Value);
    }
    return { value: out, partial: '' };
  }
  return { value: null, partial: '' };
}

// An unquoted literal keeps its backslashes in the AST; sh removes them (and `\<newline>`).
function unescapeLit(s: string): string {
  return s.includes('\\') ? s.replace(/\\\n/g, '').replace(/\\(.)/g, '$1') : s;
}

function readWord(word: ShNode): { value: string | null; prefix: string } {
  let out = '';
  for (const part of word.Parts as ShNode[]) {
    const v = partValue(part);
    if (v.value === null) return { value: null, prefix: out + v.partial };
    out += v.value;
  }
  return { value: out, prefix: out };
}

export function wordValue(word: ShNode | null | undefined): string | null {
  return word ? readWord(word).value : null;
}

function assignOf(a: ShNode): ShellAssign {
  const name = String((a.Name as ShNode | null)?.Value ?? '');
  return { name, value: a.Value ? wordValue(a.Value as ShNode) : '' };
}

function parseError(e: unknown): string {
  const err = e as { Error?: () => string; message?: string };
  return typeof err?.Error === 'function' ? err.Error() : String(err?.message ?? e);
}

/** Parses `src` as a POSIX/bash script; never throws. */
export function parseShell(src: string): ShellScript {
  let file: ShNode;
  try {
    file = syntax.NewParser().Parse(src, 'RUN');
  } catch (e) {
    return { commands: [], variables: [], error: parseError(e) };
  }
  const at = offsetMapper(src);
  const commands: ShellCommand[] = [];
  const variables: ShellScript['variables'] = [];
  syntax.Walk(file, (node) => {
    if (!node) return true;
    const type = syntax.NodeType(node);
    if (type === 'CallExpr') {
      const assigns = (node.Assigns as ShNode[]).map(assignOf);
      const args = (node.Args as ShNode[]).map((w) => ({ ...readWord(w), start: at(w.Pos().Offset()), end: at(w.End().Offset()) }));
      if (args.length === 0) for (const a of assigns) variables.push({ ...a, at: at(node.Pos().Offset()) });
      else commands.push({ args, assigns, start: at(node.Pos().Offset()), end: at(node.End().Offset()) });
    } else if (type === 'DeclClause' && ['export', 'declare', 'typeset'].includes(String((node.Variant as ShNode).Value))) {
      for (const a of node.Args as ShNode[]) if (a.Name) variables.push({ ...assignOf(a), at: at(node.Pos().Offset()) });
    }
    return true;
  });
  commands.sort((a, b) => a.start - b.start);
  return { commands, variables };
}
