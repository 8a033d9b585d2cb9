// COPY and ADD: which sources come from the build context, which from a URL, a git
// repository, a heredoc or another stage (--from), and the context path BuildKit requests
// for each: dockerfile2llb records path.Join("/", src) for every non-URL source of an
// instruction without --from, and "/" means the whole context.
import type { Instruction } from 'dockerfile-ast';
import type { CopyInstruction, CopySource, ResolvedWord, SourceKind } from './model';
import { instructionBase, readLine, flagsOf, type LineWord, type ParseContext } from './instruction';
import { expandWord } from './substitute';

export function resolveWord(w: LineWord, ctx: ParseContext): ResolvedWord {
  const e = expandWord(w.raw, ctx.scopes.lookup, ctx.esc);
  return { raw: w.raw, value: e.value, range: w.range, unresolved: e.unresolved };
}

const URL_RE = /^https?:\/\//i;
// Forms BuildKit's ADD treats as a git repository rather than a file download.
const GIT_RE = /^(git@[^:]+:|git:\/\/|ssh:\/\/)|^https?:\/\/.*\.git(#.*)?$/i;

/** Context path for a source value: posix Clean of "/" + value, without the leading '/'. */
export function contextPathOf(value: string): string {
  const parts: string[] = [];
  for (const seg of value.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') parts.pop();
    else parts.push(seg);
  }
  return parts.join('/');
}

function kindOf(keyword: string, w: LineWord, value: string | null, fromFlag: boolean, heredoc: boolean): SourceKind {
  if (heredoc && w.raw.startsWith('<<')) return 'heredoc';
  if (fromFlag) return 'stage';
  const v = value ?? w.raw;
  if (keyword === 'ADD' && GIT_RE.test(v)) return 'git';
  if (URL_RE.test(v)) return 'url';
  return 'context';
}

function source(keyword: string, w: LineWord, ctx: ParseContext, fromFlag: boolean, heredoc: boolean): CopySource {
  const isHeredoc = heredoc && w.raw.startsWith('<<');
  const resolved = isHeredoc ? { raw: w.raw, value: w.raw, range: w.range, unresolved: [] } : resolveWord(w, ctx);
  const kind = kindOf(keyword, w, resolved.value, fromFlag, heredoc);
  const contextPath = kind === 'context' && resolved.value !== null ? contextPathOf(resolved.value) : null;
  return {
    ...resolved,
    kind,
    contextPath,
    wholeContext: contextPath === '',
    hasWildcard: /[*?[]/.test(resolved.value ?? w.raw),
  };
}

export function readCopy(ins: Instruction, ctx: ParseContext): CopyInstruction {
  const keyword = ins.getKeyword() === 'ADD' ? 'ADD' : 'COPY';
  const flags = flagsOf(ins);
  const fromFlag = flags.find((f) => f.name === 'from');
  const from = fromFlag
    ? (expandWord(fromFlag.value ?? '', ctx.scopes.lookup, ctx.esc).value ?? fromFlag.value ?? '')
    : null;
  const line = readLine(ins, ctx);
  const words = line.exec ?? line.words;
  const heredoc = line.heredocs.length > 0;
  const sources = words.slice(0, -1).map((w) => source(keyword, w, ctx, fromFlag !== undefined, heredoc));
  const last = words[words.length - 1];
  return {
    ...instructionBase(keyword, ins, ctx, flags, line),
    from,
    sources,
    destination: last ? resolveWord(last, ctx) : null,
    wholeContext: sources.some((s) => s.wholeContext),
  };
}
