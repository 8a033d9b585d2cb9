// What COPY, ADD and RUN share: flags, heredocs, and the split between the words on the
// instruction line and the heredoc bodies that follow it (dockerfile-ast reports both as
// arguments). Exec (JSON) form is recognised the way BuildKit does: the rest of the line
// parses as a JSON array of strings, otherwise it is shell form.
import type { Instruction, Argument, Heredoc as AstHeredoc, Flag } from 'dockerfile-ast';
import type { Range } from '../types';
import type { Heredoc, InstructionBase, InstructionFlag } from './model';
import { jsonStringSpans, logicalText, offsetOf, rangeAt } from './text';
import type { VariableScopes } from './scope';

export interface ParseContext {
  text: string;
  lineStarts: number[];
  esc: string;
  scopes: Scopes;
  stage: number;
}

/** What reading an instruction uses of the ARG/ENV scopes (the chunk cache records it). */
export type Scopes = Pick<VariableScopes, 'lookup' | 'globalLookup' | 'startStage' | 'declareArg' | 'setEnv'>;

/** A word of the instruction line: its text as written and where it is. */
export interface LineWord {
  raw: string;
  range: Range;
  start: number;
  end: number;
}

export interface InstructionLine {
  words: LineWord[];
  /** Exec form: the decoded JSON strings, each with the range of its literal. */
  exec: LineWord[] | null;
  heredocs: Heredoc[];
  /** Offsets of the words on the line (heredoc bodies excluded); start === end when none. */
  start: number;
  end: number;
}

type WithFlags = Instruction & { getFlags(): Flag[] };
type WithHeredocs = { getHeredocs?(): AstHeredoc[] };

export function flagsOf(ins: Instruction): InstructionFlag[] {
  const getFlags = (ins as Partial<WithFlags>).getFlags;
  if (typeof getFlags !== 'function') return [];
  return getFlags
    .call(ins)
    .map((f) => ({ name: f.getName(), value: f.getValue(), range: f.getRange(), valueRange: f.getValueRange() }));
}

function heredocsOf(ins: Instruction, ctx: ParseContext): Heredoc[] {
  const get = (ins as unknown as WithHeredocs).getHeredocs;
  if (typeof get !== 'function') return [];
  // dockerfile-ast re-tokenises the instruction for this; most instructions have no `<<` at all.
  const r = ins.getRange();
  if (
    !ctx.text
      .slice(offsetOf(ctx.lineStarts, ctx.text, r.start), offsetOf(ctx.lineStarts, ctx.text, r.end))
      .includes('<<')
  )
    return [];
  return get.call(ins).map((h) => {
    const cr = h.getContentRange();
    const content = cr
      ? ctx.text.slice(offsetOf(ctx.lineStarts, ctx.text, cr.start), offsetOf(ctx.lineStarts, ctx.text, cr.end))
      : '';
    return { name: h.getName(), range: h.getStartRange(), contentRange: cr, content };
  });
}

/** First line of any heredoc body: words from there on are body text, not arguments. */
function bodyStartLine(heredocs: Heredoc[]): number {
  let line = Infinity;
  for (const h of heredocs) line = Math.min(line, h.range.end.line + 1);
  return line;
}

function execWords(ctx: ParseContext, start: number, end: number): LineWord[] | null {
  const logical = logicalText(ctx.text, start, end, ctx.esc);
  let parsed: unknown;
  try {
    parsed = JSON.parse(logical.text);
  } catch {
    return null;
  }
  if (!Array.isArray(parsed) || !parsed.every((s) => typeof s === 'string')) return null;
  const spans = jsonStringSpans(logical.text);
  if (spans.length !== parsed.length) return null;
  return spans.map(([s, e], i) => {
    const ds = logical.offsets[s]!;
    const de = (logical.offsets[e - 1] ?? ds) + 1;
    return { raw: parsed[i] as string, range: rangeAt(ctx.lineStarts, ds, de), start: ds, end: de };
  });
}

export function readLine(ins: Instruction, ctx: ParseContext): InstructionLine {
  const heredocs = heredocsOf(ins, ctx);
  const limit = bodyStartLine(heredocs);
  const words = ins
    .getArguments()
    .filter((a: Argument) => a.getRange().start.line < limit)
    .map((a: Argument) => {
      const range = a.getRange();
      const start = offsetOf(ctx.lineStarts, ctx.text, range.start);
      const end = offsetOf(ctx.lineStarts, ctx.text, range.end);
      // dockerfile-ast drops escapes from values; BuildKit's lexer needs the text as written.
      return { raw: logicalText(ctx.text, start, end, ctx.esc).text, range, start, end };
    });
  const start = words[0]?.start ?? 0;
  const end = words[words.length - 1]?.end ?? start;
  const exec = words[0]?.raw.startsWith('[') ? execWords(ctx, start, end) : null;
  return { words, exec, heredocs, start, end };
}

/** The fields every modelled instruction shares, read from its parsed line. */
export function instructionBase<K extends string>(
  keyword: K,
  ins: Instruction,
  ctx: ParseContext,
  flags: InstructionFlag[],
  line: InstructionLine,
): InstructionBase & { keyword: K } {
  return {
    keyword,
    range: ins.getRange(),
    keywordRange: ins.getInstructionRange(),
    stage: ctx.stage,
    flags,
    execForm: line.exec !== null,
    heredocs: line.heredocs,
  };
}
