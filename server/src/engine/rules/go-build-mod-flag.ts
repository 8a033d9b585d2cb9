// go-build-mod-flag: the incident's step 2. Once vendor/ is kept out of the context (or
// only partly sent), `go build` must not read vendor/: say `-mod=mod` explicitly, and
// `-mod=vendor` fails the build outright. RUN commands are read as shell (shell/run.ts).
import * as path from 'node:path';
import type { Finding } from '../types';
import { parseDockerfile, type DockerfileModel } from '../dockerfile';
import { insertArgAfter, type RunCommand } from '../shell/runCommands';
import type { BuildInfo, FileAccess, Rule, RuleContext } from './types';
import { commandsOf, modelDoc } from './support/runCommandsOf';

const ID = 'go-build-mod-flag';
const SUBCOMMANDS = new Set(['build', 'install', 'test']);

interface VendorState {
  /** vendor/ exists in the context directory. */
  present: boolean;
  /** How much of it the build sends. */
  sent: 'all' | 'part' | 'none';
  /** The ignore file that keeps it out, for messages. */
  ignoreName: string | null;
}

function fromScan(b: BuildInfo): Pick<VendorState, 'present' | 'sent'> | null {
  if (!b.scan) return null;
  const dir = b.scan.root.dirs.get('vendor');
  if (!dir) return { present: false, sent: 'none' };
  if (dir.excludedBy < 0 && dir.excluded.files === 0) return { present: true, sent: 'all' };
  return { present: true, sent: dir.sent.files > 0 ? 'part' : 'none' };
}

// Without a scan yet: read the ignore file's patterns for the common spellings only.
function fromPatterns(b: BuildInfo, fs: FileAccess): Pick<VendorState, 'present' | 'sent'> {
  const present = fs.exists(path.join(b.contextDir, 'vendor'));
  let sent: VendorState['sent'] = present ? 'all' : 'none';
  for (const p of b.ignore?.patterns ?? []) {
    const names = /^(\*\*\/)?vendor(\/\*\*)?$/.test(p.pattern);
    if (names) sent = p.negate ? (present ? 'all' : 'none') : 'none';
    else if (p.negate && p.pattern.startsWith('vendor/') && sent === 'none' && present) sent = 'part';
  }
  return { present, sent };
}

export function vendorState(b: BuildInfo, fs: FileAccess): VendorState | null {
  const isModule =
    fs.exists(path.join(b.contextDir, 'go.mod')) || fs.exists(path.join(b.contextDir, 'vendor', 'modules.txt'));
  if (!isModule) return null;
  const s = fromScan(b) ?? fromPatterns(b, fs);
  return { ...s, ignoreName: b.ignoreFile ? path.basename(b.ignoreFile) : null };
}

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
function stageGoflags(model: DockerfileModel): (stage: number, line: number) => string | null | undefined {
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

function commandMod(cmd: RunCommand, sub: number, envGoflags: string | null | undefined): string | null | undefined {
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

function vendorWhere(v: VendorState): string {
  if (!v.present) return 'there is no vendor/ in the context';
  const by = v.ignoreName ? ` by ${v.ignoreName}` : '';
  return v.sent === 'part'
    ? `vendor/ is only partly sent (the rest is excluded${by})`
    : `vendor/ is excluded from the context${by}`;
}

interface Vendors {
  /** The build that fares worst with vendor/ (for -mod=vendor), or null when no build is a Go module. */
  worst: VendorState | null;
  /** The worst build that has vendor/ or whose ignore file names it (for a missing -mod=). */
  relevant: VendorState | null;
}

const rank = (v: VendorState): number => (v.sent === 'all' ? 0 : v.sent === 'part' ? 2 : 1);
const NAMES_VENDOR = /^(\*\*\/)?vendor(\/|$)/;

function vendors(ctx: RuleContext): Vendors {
  const all: Array<{ v: VendorState; relevant: boolean }> = [];
  for (const b of ctx.builds) {
    const v = vendorState(b, ctx.fs);
    if (v)
      all.push({ v, relevant: v.present || (b.ignore?.patterns.some((p) => NAMES_VENDOR.test(p.pattern)) ?? false) });
  }
  const worstOf = (xs: VendorState[]): VendorState | null => xs.sort((a, b) => rank(b) - rank(a))[0] ?? null;
  return { worst: worstOf(all.map((x) => x.v)), relevant: worstOf(all.filter((x) => x.relevant).map((x) => x.v)) };
}

function modError(ctx: RuleContext, cmd: RunCommand, sub: number, vendor: VendorState | null): Finding | null {
  if (!vendor || vendor.sent === 'all') return null;
  const words = `go ${cmd.args[sub]!.value}`;
  const range = { start: cmd.args[0]!.range.start, end: cmd.args[sub]!.range.end };
  return {
    ruleId: ID,
    file: ctx.file,
    range,
    severity: 'error',
    message: `\`${words}\` uses -mod=vendor but ${vendorWhere(vendor)}, so the build fails.`,
    fixes: [],
  };
}

function missingFlag(ctx: RuleContext, cmd: RunCommand, sub: number, vendor: VendorState | null): Finding | null {
  if (!vendor) return null;
  const words = `go ${cmd.args[sub]!.value}`;
  const range = { start: cmd.args[0]!.range.start, end: cmd.args[sub]!.range.end };
  const edit = insertArgAfter(cmd, sub, '-mod=mod');
  const why =
    vendor.sent === 'all'
      ? 'the module has vendor/, so Go builds from vendor/ and every build must ship it in the context'
      : `${vendorWhere(vendor)}, so whether Go uses vendor/ or go.mod depends on what happens to be sent`;
  return {
    ruleId: ID,
    file: ctx.file,
    range,
    severity: 'warning',
    message: `\`${words}\` has no -mod= flag: ${why}. Add -mod=mod to build from go.mod.`,
    fixes: edit
      ? [
          {
            title: `Add -mod=mod to \`${words}\``,
            edits: [{ file: ctx.file, edits: [edit] }],
            safe: true,
            preferred: true,
          },
        ]
      : [],
  };
}

function check(ctx: RuleContext): Finding[] {
  if (ctx.kind !== 'dockerfile') return [];
  const v = vendors(ctx);
  if (!v.worst) return [];
  const model = parseDockerfile(ctx.text);
  const doc = modelDoc(model);
  const goflags = stageGoflags(model);
  const out: Finding[] = [];
  for (const run of model.runs) {
    for (const cmd of commandsOf(model, run, doc).commands) {
      const sub = goSubcommand(cmd);
      if (sub < 0) continue;
      const mod = commandMod(cmd, sub, goflags(run.stage, run.range.start.line));
      const f =
        mod === 'vendor'
          ? modError(ctx, cmd, sub, v.worst)
          : mod === undefined
            ? missingFlag(ctx, cmd, sub, v.relevant)
            : null;
      if (f) out.push(f);
    }
  }
  return out;
}

export const goBuildModFlag: Rule = {
  id: ID,
  appliesTo: 'dockerfile',
  defaultSeverity: 'warning',
  description:
    'go build/install/test without -mod= in a module whose vendor/ is excluded or present; -mod=vendor without vendor/ in the context.',
  check,
};
