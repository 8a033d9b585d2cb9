// go-build-mod-flag: the incident's step 2. Once vendor/ is kept out of the context (or
// only partly sent), `go build` must not read vendor/: say `-mod=mod` explicitly, and
// `-mod=vendor` fails the build outright. RUN commands are read as shell (shell/runCommands.ts).
import * as path from 'node:path';
import type { Finding } from '../types';
import { parseDockerfile } from '../dockerfile';
import { insertArgAfter, type RunCommand } from '../shell/runCommands';
import type { BuildInfo, FileAccess, Rule, RuleContext } from './types';
import { commandsOf, modelDoc } from '../dockerfile/runCommandsOf';
import { commandMod, goSubcommand, stageGoflags } from '../inputs/readers/goFlags';
import { goCommandModule } from '../inputs/readers/go';
import { GoModules } from '../inputs/readers/goPackages';
import { readLayout } from '../inputs/layout';
import { newDir } from '../context/tree/nodes';

const ID = 'go-build-mod-flag';

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

/**
 * The go commands that build in a module of the context, each with whether that module has a
 * vendor/ (with modules.txt) in the repository: only there can -mod= matter (issue 14).
 */
function inModules(ctx: RuleContext): Map<RunCommand, { vendored: boolean }> {
  const out = new Map<RunCommand, { vendored: boolean }>();
  for (const b of ctx.builds) {
    const root = b.scan?.root ?? newDir('', null);
    const layout = readLayout(ctx.text, b.builder, root);
    const mods = new GoModules(b.scan?.root ?? null, b.contextDir, ctx.fs);
    for (const run of layout.runs)
      for (const cmd of run.commands) {
        if (goSubcommand(cmd) < 0) continue;
        const mod = goCommandModule(layout, run, cmd, mods);
        if (!mod) continue;
        const vendored = ctx.fs.exists(path.join(b.contextDir, mod.dir, 'vendor', 'modules.txt'));
        out.set(cmd, { vendored: vendored || (out.get(cmd)?.vendored ?? false) });
      }
  }
  return out;
}

function check(ctx: RuleContext): Finding[] {
  if (ctx.kind !== 'dockerfile') return [];
  const v = vendors(ctx);
  if (!v.worst) return [];
  const modules = inModules(ctx);
  if (modules.size === 0) return [];
  const model = parseDockerfile(ctx.text);
  const doc = modelDoc(model);
  const goflags = stageGoflags(model);
  const out: Finding[] = [];
  for (const run of model.runs) {
    for (const cmd of commandsOf(model, run, doc).commands) {
      const sub = goSubcommand(cmd);
      const where = modules.get(cmd);
      if (sub < 0 || !where) continue;
      const mod = commandMod(cmd, sub, goflags(run.stage, run.range.start.line));
      const f =
        mod === 'vendor'
          ? modError(ctx, cmd, sub, v.worst)
          : mod === undefined && where.vendored
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
