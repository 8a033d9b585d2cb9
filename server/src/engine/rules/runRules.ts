// Runs the registry over one file: applies the user's severities (`off` drops a rule),
// honours `# buildctx-ignore <rule-id>` on the line above a finding, and returns findings
// in a stable order. A rule that throws is reported, never allowed to take the others down.
import type { Finding, Severity } from '../types';
import { lineStarts, lineText } from '../edits';
import * as path from 'node:path';
import type { BuildInfo, Rule, RuleContext } from './types';
import { compareText } from '../format';

export interface RuleFailure {
  ruleId: string;
  file: string;
  message: string;
}

export interface RunResult {
  findings: Finding[];
  failures: RuleFailure[];
}

const SUPPRESS = /^\s*#\s*buildctx-ignore\b(.*)$/;

/** The rule ids a suppression comment names; an empty set means every rule. */
function suppressed(line: string): Set<string> | null {
  const m = SUPPRESS.exec(line);
  if (!m) return null;
  return new Set((m[1] ?? '').split(/[\s,]+/).filter(Boolean));
}

// In a Dockerfile the comment sits above the instruction, which may span continuation lines.
function lineAboveStatement(text: string, starts: number[], line: number, dockerfile: boolean): number {
  let l = line;
  if (dockerfile)
    while (l > 0 && /[\\`]\s*$/.test(lineText(text, l - 1, starts)) && !SUPPRESS.test(lineText(text, l - 1, starts)))
      l--;
  return l - 1;
}

function isSuppressed(
  f: Finding,
  text: string | undefined,
  dockerfile: boolean,
  cache: Map<string, number[]>,
): boolean {
  if (text === undefined) return false;
  let starts = cache.get(f.file);
  if (!starts) {
    starts = lineStarts(text);
    cache.set(f.file, starts);
  }
  const above = lineAboveStatement(text, starts, f.range.start.line, dockerfile);
  if (above < 0) return false;
  const ids = suppressed(lineText(text, above, starts));
  return ids !== null && (ids.size === 0 || ids.has(f.ruleId));
}

export function compareFindings(a: Finding, b: Finding): number {
  return (
    compareText(a.file, b.file) ||
    a.range.start.line - b.range.start.line ||
    a.range.start.character - b.range.start.character ||
    compareText(a.ruleId, b.ruleId) ||
    compareText(a.message, b.message)
  );
}

export function effectiveSeverity(rule: Rule, ctx: RuleContext): Severity | 'off' {
  return ctx.settings.rules[rule.id] ?? rule.defaultSeverity;
}

/**
 * Runs every applicable rule of `rules` on `ctx`. A Dockerfile built with several contexts (a
 * Makefile with `api/`, an OpenShift config with the root) is checked against each; a finding
 * that holds for some of them only names the context it holds for (issue 15).
 */
export function runRules(ctx: RuleContext, rules: readonly Rule[]): RunResult {
  const contexts = [...new Set(ctx.builds.map((b) => b.contextDir))];
  if (ctx.kind !== 'dockerfile' || contexts.length < 2) return runOnce(ctx, rules);
  const runs = contexts.map((dir) => {
    const builds = ctx.builds.filter((b) => b.contextDir === dir);
    return { build: builds[0] as BuildInfo, result: runOnce({ ...ctx, builds }, rules) };
  });
  // Same rule, same place in every context: one problem, whatever context each message names.
  const key = (f: Finding): string => JSON.stringify([f.ruleId, f.range]);
  const count = new Map<string, number>();
  for (const r of runs) for (const k of new Set(r.result.findings.map(key))) count.set(k, (count.get(k) ?? 0) + 1);
  const findings: Finding[] = [];
  const emitted = new Set<string>();
  for (const { build, result } of runs)
    for (const f of result.findings) {
      const k = key(f);
      if (count.get(k) !== runs.length) findings.push(named(f, build));
      else if (!emitted.has(k)) findings.push(f);
      emitted.add(k);
    }
  return { findings: findings.sort(compareFindings), failures: runs.flatMap((r) => r.result.failures) };
}

function named(f: Finding, b: BuildInfo): Finding {
  return f.message.includes(b.provenance) ? f : { ...f, message: `${f.message} (with the context ${contextName(b)})` };
}

/** `api/ from Makefile:12`: the context relative to the Dockerfile's folder, and its source. */
function contextName(b: BuildInfo): string {
  const rel = path.relative(path.dirname(b.dockerfile), b.contextDir).split(path.sep).join('/') || '.';
  return `${rel} from ${b.provenance}`;
}

function runOnce(ctx: RuleContext, rules: readonly Rule[]): RunResult {
  const findings: Finding[] = [];
  const failures: RuleFailure[] = [];
  const lineCache = new Map<string, number[]>();
  for (const rule of rules) {
    if (rule.appliesTo !== ctx.kind) continue;
    const level = effectiveSeverity(rule, ctx);
    if (level === 'off') continue;
    let found: Finding[];
    try {
      found = rule.check(ctx);
    } catch (e) {
      failures.push({ ruleId: rule.id, file: ctx.file, message: e instanceof Error ? e.message : String(e) });
      continue;
    }
    const overridden = ctx.settings.rules[rule.id] !== undefined;
    for (const f of found) {
      const text = f.file === ctx.file ? ctx.text : ctx.fs.readText(f.file);
      const dockerfile = f.file === ctx.file ? ctx.kind === 'dockerfile' : false;
      if (isSuppressed(f, text, dockerfile, lineCache)) continue;
      findings.push(overridden ? { ...f, severity: level } : f);
    }
  }
  findings.sort(compareFindings);
  return { findings, failures };
}
