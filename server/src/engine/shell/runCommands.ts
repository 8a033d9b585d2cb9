// The commands a Dockerfile RUN executes, with their words' positions in the Dockerfile,
// for every form Docker accepts: shell form over `\` continuations (comment lines inside
// a continuation are dropped, as Docker does), exec form, `sh -c "..."` in exec form, and
// `RUN <<EOF` heredocs whose body is the script.
import type { Run } from 'dockerfile-ast';
import type { Position, Range, TextEdit } from '../types';
import { lineStarts, offsetAt, positionAt } from '../edits';
import { parseShell, type ShellAssign, type ShellScript } from './parse';

export interface RunWord {
  value: string | null;
  /** Static text before the first run-time expansion. */
  prefix: string;
  range: Range;
}

export interface RunCommand {
  form: 'shell' | 'exec';
  args: RunWord[];
  /** `VAR=x cmd` prefixes. */
  assigns: ShellAssign[];
  /** Variables set by earlier statements of the same RUN (`export X=..`, `X=..;`). */
  earlier: ShellAssign[];
  range: Range;
}

export interface RunCommands {
  commands: RunCommand[];
  error?: string;
}

/** What runCommands reads of a RUN: dockerfile-ast's Run, or the Dockerfile model's RunInstruction. */
export interface RunShape {
  /** Exec form: each JSON string (value null when it does not decode) and the brackets' range. */
  exec: { words: Array<{ value: string | null; range: Range }>; range: Range } | null;
  /** Start of the first argument after the flags; null when there is none. */
  argsStart: Position | null;
  /** End of the instruction, heredoc bodies included. */
  end: Position;
  /** The heredoc bodies. */
  heredocs: Range[];
}

export class DocText {
  readonly starts: number[];
  constructor(
    readonly text: string,
    starts?: number[],
  ) {
    this.starts = starts ?? lineStarts(text);
  }
  offset(p: Position): number {
    return offsetAt(this.text, p, this.starts);
  }
  pos(o: number): Position {
    return positionAt(this.text, o, this.starts);
  }
}

// Keep offsets equal to the Dockerfile's so positions map back 1:1: CRLF becomes ' \n',
// a backtick escape becomes '\', and a comment line inside a continuation becomes blanks
// ending in a continuation.
function normaliseShellText(src: string, escapeChar: string): string {
  const lines = src.split('\n');
  return lines
    .map((line, i) => {
      let l = line.endsWith('\r') ? `${line.slice(0, -1)} ` : line;
      const trimmed = l.trimEnd();
      if (escapeChar !== '\\' && trimmed.endsWith(escapeChar) && i < lines.length - 1) {
        l = `${trimmed.slice(0, -1)}\\${' '.repeat(l.length - trimmed.length)}`;
      }
      if (i > 0 && /^\s*#/.test(l) && i < lines.length - 1) l = `${' '.repeat(Math.max(0, l.length - 1))}\\`;
      return l.replace(/\\(\s+)$/, (_m, ws: string) => `${ws}\\`);
    })
    .join('\n');
}

function fromScript(doc: DocText, script: ShellScript, base: number, depth = 0): RunCommand[] {
  const range = (s: number, e: number): Range => ({ start: doc.pos(base + s), end: doc.pos(base + e) });
  const out: RunCommand[] = [];
  for (const c of script.commands) {
    out.push({
      form: 'shell',
      args: c.args.map((a) => ({ value: a.value, prefix: a.prefix, range: range(a.start, a.end) })),
      assigns: c.assigns,
      earlier: script.variables.filter((v) => v.at < c.start).map(({ name, value }) => ({ name, value })),
      range: range(c.start, c.end),
    });
    if (depth === 0) out.push(...nestedShell(doc, c.args, base));
  }
  return out;
}

// `sh -c "go build ."`: read the quoted script too, when its text is written verbatim so
// offsets inside it are the Dockerfile's.
function nestedShell(doc: DocText, args: ShellScript['commands'][number]['args'], base: number): RunCommand[] {
  const [sh, flag, script] = args;
  if (!sh?.value || !SHELL_ONLY.test(sh.value) || !flag?.value || !/^-[a-z]*c$/.test(flag.value) || !script?.value)
    return [];
  const raw = doc.text.slice(base + script.start, base + script.end);
  if (raw !== `"${script.value}"` && raw !== `'${script.value}'`) return [];
  return fromScript(doc, parseShell(script.value), base + script.start + 1, 1);
}

const SHELL_ONLY = /^\s*(?:(?:\/usr)?\/bin\/)?(?:ba|da|a)?sh(?:\s+-[a-z]+)*\s*$/;

function heredocScripts(doc: DocText, bodies: Range[], firstLine: string): RunCommand[] {
  const beforeBodies = firstLine.replace(/<<-?\s*(["']?)[A-Za-z0-9_]+\1/g, '');
  if (beforeBodies.trim() !== '' && !SHELL_ONLY.test(beforeBodies)) return [];
  const out: RunCommand[] = [];
  for (const r of bodies) {
    const base = doc.offset(r.start);
    const body = doc.text.slice(base, doc.offset(r.end));
    out.push(...fromScript(doc, parseShell(normaliseShellText(body, '\\')), base));
  }
  return out;
}

function execForm(doc: DocText, exec: NonNullable<RunShape['exec']>): RunCommands {
  const words: RunWord[] = exec.words.map(({ value, range }) => ({ value, prefix: value ?? '', range }));
  const range = exec.range;
  const [shell, flag, script] = words;
  // ["sh","-c","go build ..."]: read the script as shell when its JSON has no escapes,
  // so offsets inside the string are the Dockerfile's.
  if (words.length === 3 && shell?.value && SHELL_ONLY.test(shell.value) && flag?.value === '-c' && script?.value) {
    const base = doc.offset(script.range.start) + 1;
    if (doc.text.slice(base, base + script.value.length) === script.value) {
      return { commands: fromScript(doc, parseShell(script.value), base) };
    }
  }
  return { commands: [{ form: 'exec', args: words, assigns: [], earlier: [], range }] };
}

/** dockerfile-ast's view of a RUN, read only as far as the form needs. */
function shapeOf(doc: DocText, run: Run): RunShape {
  const open = run.getOpeningBracket();
  const close = run.getClosingBracket();
  const end = run.getRange().end;
  if (open && close) {
    const words = run.getJSONStrings().map((j) => {
      const raw = doc.text.slice(doc.offset(j.getRange().start), doc.offset(j.getRange().end));
      let value: string | null = null;
      try {
        value = JSON.parse(raw) as string;
      } catch {
        value = null;
      }
      return { value, range: j.getRange() };
    });
    return {
      exec: { words, range: { start: open.getRange().start, end: close.getRange().end } },
      argsStart: null,
      end,
      heredocs: [],
    };
  }
  const heredocs = run
    .getHeredocs()
    .map((h) => h.getContentRange())
    .filter((r): r is Range => r !== null);
  return { exec: null, argsStart: run.getArgumentsRange()?.start ?? null, end, heredocs };
}

/** The commands one RUN instruction executes. `text` is the whole Dockerfile. */
export function runCommands(text: string, run: Run, escapeChar = '\\', doc = new DocText(text)): RunCommands {
  return shapeCommands(doc, shapeOf(doc, run), escapeChar);
}

/** runCommands for a RUN already read (the Dockerfile model), so the file is not parsed again. */
export function shapeCommands(doc: DocText, run: RunShape, escapeChar: string): RunCommands {
  if (run.exec) return execForm(doc, run.exec);
  if (!run.argsStart) return { commands: [] };
  const base = doc.offset(run.argsStart);
  const end = doc.offset(run.end);
  const src = doc.text.slice(base, end);
  const firstLine = src.split('\n')[0] ?? '';
  const script = parseShell(normaliseShellText(src, escapeChar));
  const commands = fromScript(doc, script, base);
  if (run.heredocs.length > 0) commands.push(...heredocScripts(doc, run.heredocs, firstLine));
  return script.error ? { commands, error: script.error } : { commands };
}

/** A reusable view of a Dockerfile's text for several runCommands calls. */
export function docText(text: string, starts?: number[]): DocText {
  return new DocText(text, starts);
}

/** The edit that inserts `word` as a new argument right after argument `index`, in the command's own form. */
export function insertArgAfter(cmd: RunCommand, index: number, word: string): TextEdit | null {
  const arg = cmd.args[index];
  if (!arg) return null;
  const newText = cmd.form === 'exec' ? `, ${JSON.stringify(word)}` : ` ${word}`;
  return { range: { start: arg.range.end, end: arg.range.end }, newText };
}
