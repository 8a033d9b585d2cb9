// RUN: the shell text the builder hands to `/bin/sh -c` (continuations joined, as BuildKit
// joins them), the exec-form argv, heredoc bodies, and --mount options; a bind mount
// without `from` reads the build context, so it counts towards what the build transfers.
import type { Instruction } from 'dockerfile-ast';
import type { Range } from '../types';
import type { InstructionFlag, RunInstruction, RunMount } from './model';
import { flagsOf, instructionBase, readLine, type ParseContext } from './instruction';
import { logicalText, rangeAt } from './text';

function parseMount(flag: InstructionFlag): RunMount {
  const opts = new Map<string, string>();
  // The value is CSV (`type=bind,source=x,target=/y`); a quoted field may hold a comma.
  for (const field of (flag.value ?? '').match(/(?:"[^"]*"|[^,])+/g) ?? []) {
    const eq = field.indexOf('=');
    const key = (eq < 0 ? field : field.slice(0, eq)).trim().toLowerCase();
    const value =
      eq < 0
        ? ''
        : field
            .slice(eq + 1)
            .trim()
            .replace(/^"(.*)"$/, '$1');
    opts.set(key, value);
  }
  return {
    type: opts.get('type') ?? 'bind',
    source: opts.get('source') ?? opts.get('src') ?? null,
    from: opts.get('from') ?? null,
    target: opts.get('target') ?? opts.get('dst') ?? opts.get('destination') ?? null,
    range: flag.range,
  };
}

export function readRun(ins: Instruction, ctx: ParseContext): RunInstruction {
  const flags = flagsOf(ins);
  const line = readLine(ins, ctx);
  const logical = logicalText(ctx.text, line.start, line.end, ctx.esc);
  // Relative to the instruction's first line, so an edit on another line leaves them valid.
  const lineStart = ctx.lineStarts[ins.getRange().start.line] ?? 0;
  return {
    ...instructionBase('RUN', ins, ctx, flags, line),
    script: line.exec ? '' : logical.text,
    argv: line.exec ? line.exec.map((w) => w.raw) : null,
    argvRanges: line.exec ? line.exec.map((w) => w.range) : null,
    argsRange:
      line.words.length > 0
        ? { start: line.words[0]!.range.start, end: line.words[line.words.length - 1]!.range.end }
        : null,
    mounts: flags.filter((f) => f.name === 'mount').map(parseMount),
    scriptOffsets: line.exec ? [line.start - lineStart] : logical.offsets.map((o) => o - lineStart),
  };
}

/** Document range of `script.slice(start, end)`; offsets from a shell parser of `run.script`. */
export function scriptRange(run: RunInstruction, lineStarts: number[], start: number, end: number): Range {
  const offs = run.scriptOffsets;
  const base = lineStarts[run.range.start.line] ?? 0;
  const clamp = (i: number): number => Math.max(0, Math.min(i, offs.length - 1));
  const s = base + offs[clamp(start)]!;
  const e = end > start ? base + offs[clamp(end - 1)]! + 1 : s;
  return rangeAt(lineStarts, s, e);
}
