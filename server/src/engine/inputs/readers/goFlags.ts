// How a `go` command in a RUN chooses between vendor/ and go.mod: the -mod flag on its line,
// GOFLAGS set inline, earlier in the RUN, or by ENV/ARG of its stage. Shared by the Go input
// reader and go-build-mod-flag.
import * as path from 'node:path';
import type { DockerfileModel } from '../../dockerfile';
import type { RunCommand } from '../../shell/runCommands';

const SUBCOMMANDS = new Set(['build', 'install', 'test']);

/** -mod value set by GOFLAGS text: undefined when absent, null when it cannot be known. */
export function modFromGoflags(value: string | null | undefined): string | null | undefined {
  if (value === undefined) return undefined;
  if (value === null) return null;
  const m = /(?:^|\s)--?mod=(\S*)/.exec(value);
  if (m) return m[1] ?? '';
  return value.includes('$') ? null : undefined;
}

/** -mod given on the command line: undefined when absent, null when a run-time word might carry it. */
export function modFromArgs(cmd: RunCommand, sub: number): string | null | undefined {
  const args = cmd.args.slice(sub + 1);
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a.value === null) {
      if (!a.prefix.startsWith('-') || /^--?mod(=|$)/.test(a.prefix)) return null;
      continue;
    }
    if (a.value === '--' || a.value === '-args') break;
    const m = /^--?mod(?:=(.*))?$/.exec(a.value);
    if (m) return m[1] ?? args[i + 1]?.value ?? null;
  }
  return undefined;
}

/**
 * GOFLAGS per line, from ENV/ARG of the stage a RUN is in (and the stages it builds on). The
 * model's values are substituted, so `GOFLAGS=-mod=$MODE` reads as what MODE holds.
 */
export function stageGoflags(model: DockerfileModel): (stage: number, line: number) => string | null | undefined {
  const defs = model.stages.map(() => [] as Array<{ line: number; value: string | null }>);
  let any = false;
  for (const v of model.variables)
    if (v.name === 'GOFLAGS' && v.stage >= 0) {
      defs[v.stage]!.push({ line: v.range.start.line, value: v.value });
      any = true;
    }
  // Most files set no GOFLAGS: skip a filter and a Set per RUN (2,000 of them per keystroke).
  if (!any) return () => undefined;
  const latest = (stage: number, line: number, seen: Set<number>): string | null | undefined => {
    const before = defs[stage]?.filter((d) => d.line < line) ?? [];
    if (before.length > 0) return before[before.length - 1]!.value;
    // A stage built on an earlier one starts with what that stage had set by its end.
    const base = model.stages[stage]?.baseStage;
    if (base === null || base === undefined || seen.has(base)) return undefined;
    return latest(base, Infinity, seen.add(base));
  };
  return (stage, line) => latest(stage, line, new Set([stage]));
}

export function commandMod(
  cmd: RunCommand,
  sub: number,
  envGoflags: string | null | undefined,
): string | null | undefined {
  const flag = modFromArgs(cmd, sub);
  if (flag !== undefined) return flag;
  const inline = [...cmd.earlier, ...cmd.assigns].filter((a) => a.name === 'GOFLAGS');
  if (inline.length) return modFromGoflags(inline[inline.length - 1]!.value);
  return modFromGoflags(envGoflags);
}

/** Index of the go subcommand this command runs (build/install/test), or -1. */
export function goSubcommand(cmd: RunCommand): number {
  const exe = cmd.args[0]?.value;
  if (!exe || path.posix.basename(exe) !== 'go') return -1;
  const sub = cmd.args[1]?.value;
  return sub && SUBCOMMANDS.has(sub) ? 1 : -1;
}
