// `buildctx check [PATH…]`: run every rule over the Dockerfiles and ignore files under each
// PATH, print findings as text, JSON or SARIF, and optionally apply the safe fixes (issue 3).
// Exit 0 clean (or warnings within --max-warnings), 1 over the threshold, 2 usage/internal.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createTwoFilesPatch } from 'diff';
import writeFileAtomic from 'write-file-atomic';
import { version } from '../../../package.json';
import type { Builder, Finding, Range } from '../engine/types';
import { loadConfig } from '../engine/config';
import { diskAccess } from '../engine/discovery';
import { fixAll, safeFixOf, type FixAllResult } from '../engine/fix';
import { CheckedTree, repositoryRoot, type CheckOutcome } from '../engine/check/checkedTree';
import { reportedFindings } from '../engine/check/collapse';
import { ALL_RULES, RULE_IDS } from '../engine/rules';
import { formatTotals, plural } from '../engine/format';
import { CliError, displayPath } from './format';
import { toSarif } from './sarif';
import { ruleDocsPath, ruleDocsUri } from '../ruleDocs';

type Format = 'text' | 'json' | 'sarif';

export interface CheckOptions {
  fix?: boolean;
  fixDryRun?: boolean;
  format: Format;
  builder?: Builder;
  context?: string;
  maxWarnings?: string;
}

interface Target {
  root: string;
  dockerfiles?: string[];
}

function targetOf(p: string): Target {
  const abs = path.resolve(p);
  const st = fs.statSync(abs, { throwIfNoEntry: false });
  if (!st) throw new CliError(`${p}: no such file or directory`);
  // A file's builds are found from its repository, as for the directory holding it.
  return st.isDirectory() ? { root: abs } : { root: repositoryRoot(abs), dockerfiles: [abs] };
}

function maxWarningsOf(v: string | undefined): number {
  if (v === undefined) return 0;
  const n = Number(v);
  if (!Number.isInteger(n) || n < -1) throw new CliError(`--max-warnings: expected a whole number, got "${v}"`);
  return n < 0 ? Infinity : n;
}

function projectFor(t: Target, opts: CheckOptions): CheckedTree {
  const config = loadConfig(t.root, diskAccess, RULE_IDS);
  for (const e of config.errors) process.stderr.write(`buildctx: warning: ${e}\n`);
  const contextDir = opts.context ? path.resolve(opts.context) : undefined;
  if (contextDir && !fs.statSync(contextDir, { throwIfNoEntry: false })?.isDirectory())
    throw new CliError(`--context ${opts.context}: not a directory`);
  return new CheckedTree({
    root: t.root,
    settings: config.settings,
    builder: opts.builder,
    contextDir,
    dockerfiles: t.dockerfiles,
    fs: diskAccess,
  });
}

const readDisk = (f: string): string | undefined => {
  try {
    return fs.readFileSync(f, 'utf8');
  } catch {
    return undefined;
  }
};

function diffOf(file: string, before: string | undefined, after: string): string {
  const name = displayPath(file);
  const side = (prefix: string): string => (path.isAbsolute(name) ? name : `${prefix}/${name}`);
  return createTwoFilesPatch(
    before === undefined ? '/dev/null' : side('a'),
    side('b'),
    before ?? '',
    after,
    undefined,
    undefined,
    { context: 3 },
  );
}

function writeFixes(result: FixAllResult, log: (s: string) => void): void {
  for (const [file, text] of result.changed) {
    writeFileAtomic.sync(file, text);
    const titles = [...new Set(result.applied.filter((a) => a.files.includes(file)).map((a) => a.title))];
    log(`fixed ${displayPath(file)}: ${titles.join('; ')}\n`);
  }
}

interface RunState {
  outcomes: CheckOutcome[];
  fixes: FixAllResult[];
}

function runProjects(targets: Target[], opts: CheckOptions): RunState {
  const state: RunState = { outcomes: [], fixes: [] };
  const log = (s: string): void => void (opts.format === 'text' ? process.stdout : process.stderr).write(s);
  for (const t of targets) {
    const project = projectFor(t, opts);
    if (!opts.fix && !opts.fixDryRun) {
      state.outcomes.push(project.check());
      continue;
    }
    const result = fixAll((overlay) => project.check(overlay).findings, readDisk);
    state.fixes.push(result);
    if (opts.fixDryRun) {
      for (const [file, text] of result.changed) log(diffOf(file, readDisk(file), text));
      state.outcomes.push(project.check(result.changed));
    } else {
      writeFixes(result, log);
      state.outcomes.push(project.check());
    }
  }
  return state;
}

function dedupe(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const k = JSON.stringify([f.ruleId, f.file, f.range, f.message]);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function counts(findings: Finding[]): Record<'error' | 'warning' | 'info' | 'hint' | 'fixable', number> {
  const c = { error: 0, warning: 0, info: 0, hint: 0, fixable: 0 };
  for (const f of findings) {
    c[f.severity]++;
    if (safeFixOf(f)) c.fixable++;
  }
  return c;
}

/** Where each reported rule's page is: shipped next to the CLI, so it matches this version offline. */
function docsBlock(findings: Finding[]): string {
  const ids = [...new Set(findings.map((f) => f.ruleId))].sort();
  if (ids.length === 0) return '';
  const width = Math.max(...ids.map((id) => id.length));
  return `rule docs:\n${ids.map((id) => `  ${id.padEnd(width)}  ${ruleDocsPath(id)}`).join('\n')}\n\n`;
}

function renderText(findings: Finding[], state: RunState): string {
  const at = (file: string, r: Range): string => `${displayPath(file)}:${r.start.line + 1}:${r.start.character + 1}`;
  const lines = findings.map(
    (f) =>
      `${at(f.file, f.range)}  ${f.severity}  ${f.message}  ${f.ruleId}` +
      (f.related ?? []).map((r) => `\n    ${r.file === f.file ? '' : `${at(r.file, r.range)}  `}${r.message}`).join(''),
  );
  const c = counts(findings);
  const builds = state.outcomes.flatMap((o) => o.builds);
  const contexts = new Map(builds.filter((b) => b.scan).map((b) => [b.contextDir, b.scan!.sent]));
  const checked =
    `checked ${plural(new Set(builds.map((b) => b.dockerfile)).size, 'Dockerfile')}, ${plural(contexts.size, 'context')}` +
    [...contexts].map(([dir, sent]) => `\n  ${displayPath(dir)} sends ${formatTotals(sent)}`).join('');
  const summary =
    findings.length === 0
      ? 'no problems'
      : `${plural(findings.length, 'problem')} (${plural(c.error, 'error')}, ${plural(c.warning, 'warning')}, ${c.info} info, ${plural(c.hint, 'hint')})` +
        (c.fixable ? `\n${c.fixable} fixable with --fix` : '');
  return `${(lines.length ? `${lines.join('\n')}\n\n` : '') + docsBlock(findings) + summary}\n${checked}\n`;
}

function renderJson(findings: Finding[], state: RunState): string {
  const builds = state.outcomes
    .flatMap((o) => o.builds)
    .map((b) => ({
      dockerfile: b.dockerfile,
      contextDir: b.contextDir,
      builder: b.builder,
      ignoreFile: b.ignoreFile,
      provenance: b.provenance,
      sent: b.scan?.sent ?? null,
      excluded: b.scan?.excluded ?? null,
    }));
  const out = {
    version: 1,
    findings: findings.map((f) => ({ ...f, docsUrl: ruleDocsUri(f.ruleId) })),
    builds,
    summary: counts(findings),
    ...(state.fixes.length
      ? { fixed: state.fixes.flatMap((r) => [...r.changed.keys()]), applied: state.fixes.flatMap((r) => r.applied) }
      : {}),
    failures: state.outcomes.flatMap((o) => o.failures),
  };
  return `${JSON.stringify(out, null, 2)}\n`;
}

/** Rules whose error means Docker refuses the build before any step runs. */
const REFUSED = new Set(['invalid-pattern', 'dockerfile-syntax']);

export async function runCheck(paths: string[], opts: CheckOptions): Promise<void> {
  if (opts.fix && opts.fixDryRun) throw new CliError('--fix and --fix-dry-run cannot be combined');
  const maxWarnings = maxWarningsOf(opts.maxWarnings);
  const targets = (paths.length ? paths : ['.']).map(targetOf);
  let state: RunState;
  try {
    state = runProjects(targets, opts);
  } catch (err) {
    if (err instanceof CliError) throw err;
    throw new CliError(`internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`, 2);
  }
  const findings = reportedFindings(dedupe(state.outcomes.flatMap((o) => o.findings)));
  for (const f of state.outcomes.flatMap((o) => o.failures))
    process.stderr.write(`buildctx: rule ${f.ruleId} failed on ${displayPath(f.file)}: ${f.message}\n`);
  if (opts.format === 'json') process.stdout.write(renderJson(findings, state));
  else if (opts.format === 'sarif')
    process.stdout.write(
      `${JSON.stringify(toSarif(findings, { root: targets[0]!.root, version, rules: ALL_RULES }), null, 2)}\n`,
    );
  else process.stdout.write(renderText(findings, state));
  const c = counts(findings);
  // Docker itself would refuse the build: a usage-level failure, as the README says (exit 2).
  const refused = findings.some((f) => f.severity === 'error' && REFUSED.has(f.ruleId));
  process.exitCode = refused ? 2 : c.error > 0 || c.warning > maxWarnings ? 1 : 0;
}
