// GitHub Actions workflows: `docker/build-push-action` steps (`context`, `file`, `no-cache`...)
// and `run:` steps read as shell. `${{ ... }}` expressions are only known when the workflow
// runs, so paths that use them are skipped; `env:` values without expressions are used.
import * as path from 'node:path';
import type { Document, LineCounter, YAMLMap } from 'yaml';

// Required on the first compose/workflow file, not at load: `buildctx check` on a repository
// without one never initialises the YAML parser (esbuild keeps a call-site require lazy).
const yaml = (): typeof import('yaml') => require('yaml') as typeof import('yaml');
import type { FileAccess } from '../types';
import type { ParsedBuild } from './command';
import { scanShell, unresolvedMarker, type Arg } from './shellWords';
import type { RepoIndex } from './repoFiles';
import { buildsFromCalls, fromParsed, type FoundBuild } from './sites';
import { lineScan, MAY_BUILD } from './scripts';
import { type Combo, matrixCombos, matrixNote, withMatrix } from './workflowMatrix';

const EXPRESSION = /\$\{\{[^}]*\}\}/g;

function str(node: unknown): string | undefined {
  if (yaml().isScalar(node) && node.value !== null && node.value !== undefined) return String(node.value);
  return undefined;
}

function envOf(map: unknown, into: Map<string, Arg>): Map<string, Arg> {
  const out = new Map(into);
  if (!yaml().isMap(map)) return out;
  for (const pair of map.items) {
    const key = str(pair.key);
    const value = str(pair.value);
    if (key === undefined) continue;
    out.set(key, value === undefined || EXPRESSION.test(value) ? { unresolved: key } : value);
    EXPRESSION.lastIndex = 0;
  }
  return out;
}

interface StepCtx {
  file: string;
  root: string;
  fs: FileAccess;
  lines: LineCounter;
  cwd: string;
  env: Map<string, Arg>;
  combo: Combo;
  /** `actions/checkout` `path:`: the repository sits in that folder of the workspace. */
  checkout?: string;
  repo?: RepoIndex;
}

/** A workspace path as a repository path: `release/docker` is `docker` when checked out to `release`. */
function inRepository(p: string, checkout: string | undefined): string {
  if (!checkout) return p;
  const c = checkout.replace(/^\.\//, '').replace(/\/+$/, '');
  const v = p.replace(/^\.\//, '');
  if (v === c) return '.';
  return v.startsWith(`${c}/`) ? v.slice(c.length + 1) : p;
}

/** `build-push-action` inputs as the build command the action runs (cwd is the workspace). */
function actionBuild(step: YAMLMap, ctx: StepCtx): FoundBuild | undefined {
  const raw: string[] = [];
  const input = (k: string): Arg | undefined => {
    const written = str(step.getIn(['with', k], true));
    if (written === undefined) return undefined;
    raw.push(written);
    const v = withMatrix(written, ctx.combo);
    if (/\$\{\{/.test(v)) return { unresolved: k };
    return k === 'context' || k === 'file' ? inRepository(v.trim(), ctx.checkout) : v.trim();
  };
  // Without `context` the action builds the Git context: the repository at the workflow's ref.
  const parsed: ParsedBuild = {
    tool: 'buildx',
    builder: 'buildkit',
    noCache: input('no-cache') === 'true',
    buildArgs: [],
    buildContexts: {},
    context: input('context') ?? '.',
  };
  const file = input('file');
  if (file !== undefined) parsed.file = file;
  const tags = input('tags');
  if (typeof tags === 'string') {
    const first = tags.split(/[\n,]/)[0]?.trim();
    if (first) parsed.tag = first;
  }
  const target = input('target');
  if (typeof target === 'string') parsed.target = target;
  const platforms = input('platforms');
  if (typeof platforms === 'string') parsed.platform = platforms;
  const args = input('build-args');
  if (typeof args === 'string')
    parsed.buildArgs = args
      .split('\n')
      .map((s) => s.trim())
      .filter(Boolean);
  const line = ctx.lines.linePos(step.range?.[0] ?? 0).line;
  const b = fromParsed(parsed, [ctx.root], { file: ctx.file, line, source: 'ci', fs: ctx.fs });
  if (!b) return undefined;
  b.tool = 'action';
  const note = matrixNote(raw, ctx.combo);
  if (note) b.note = note;
  return b;
}

function runBuilds(step: YAMLMap, ctx: StepCtx): FoundBuild[] {
  const node = step.get('run', true);
  const written = str(node);
  if (written === undefined || !(MAY_BUILD.test(written) || ctx.repo?.sink?.line.test(written))) return [];
  const script = withMatrix(written, ctx.combo);
  const startLine = ctx.lines.linePos(yaml().isScalar(node) ? (node.range?.[0] ?? 0) : 0).line;
  const block = yaml().isScalar(node) && (node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED');
  const lineOffset = block ? startLine + 1 : startLine;
  const wdWritten = str(step.get('working-directory', true));
  const wd = wdWritten === undefined ? undefined : withMatrix(wdWritten, ctx.combo);
  const cwd =
    wd === undefined ? ctx.cwd : /\$\{\{/.test(wd) ? null : path.resolve(ctx.root, inRepository(wd, ctx.checkout));
  if (cwd === null) return [];
  const text = script.replace(EXPRESSION, (e) => unresolvedMarker(e.replace(/[^\w]/g, '')));
  const env = envOf(step.get('env', true), ctx.env);
  const calls = scanShell(text, { cwd, env, callLine: ctx.repo?.sink?.line });
  ctx.repo?.sink?.add(calls ?? [], { file: ctx.file, lineOffset, bases: [cwd] });
  const sctx = {
    file: ctx.file,
    lineOffset,
    source: 'ci' as const,
    root: ctx.root,
    fs: ctx.fs,
    dockerfiles: ctx.repo?.dockerfiles,
  };
  const builds = calls ? buildsFromCalls(calls, sctx, [cwd]) : lineScan(text, sctx, [cwd]);
  const note = matrixNote([written, wdWritten ?? ''], ctx.combo);
  if (note) for (const b of builds) b.note = note;
  return builds;
}

function jobs(doc: Document): Array<{ job: YAMLMap }> {
  const all = doc.get('jobs', true);
  if (!yaml().isMap(all)) return [];
  return all.items.filter((p) => yaml().isMap(p.value)).map((p) => ({ job: p.value as YAMLMap }));
}

export function workflowBuilds(
  file: string,
  text: string,
  root: string,
  fs: FileAccess,
  repo?: RepoIndex,
): FoundBuild[] {
  // `build-push-action` holds the word build too.
  if (!MAY_BUILD.test(text) && !repo?.sink?.line.test(text)) return [];
  const lines = new (yaml().LineCounter)();
  const doc = yaml().parseDocument(text, { lineCounter: lines, uniqueKeys: false });
  if (doc.errors.length > 0) return [];
  const out: FoundBuild[] = [];
  const wfEnv = envOf(doc.get('env', true), new Map());
  const wfWd = str(doc.getIn(['defaults', 'run', 'working-directory'], true));
  for (const { job } of jobs(doc)) {
    const jobWd = str(job.getIn(['defaults', 'run', 'working-directory'], true)) ?? wfWd;
    const env = envOf(job.get('env', true), wfEnv);
    const cwd = jobWd === undefined ? root : path.resolve(root, jobWd);
    const steps = job.get('steps', true);
    if (!yaml().isSeq(steps)) continue;
    const combos = matrixCombos(toJson(job.getIn(['strategy', 'matrix'], true))) ?? [{}];
    const checkout = checkoutPath(steps.items);
    for (const step of steps.items) {
      if (!yaml().isMap(step)) continue;
      for (const combo of combos) {
        const env2 = envOf(step.get('env', true), env);
        const ctx: StepCtx = { file, root, fs, lines, cwd, env: env2, combo, checkout, repo };
        out.push(...stepBuilds(step, ctx));
      }
    }
  }
  return distinct(out);
}

// Forks of the action (`useblacksmith/build-push-action`) take the same inputs.
const BUILD_PUSH_ACTION = /(^|\/)build-push-action@/;

function stepBuilds(step: YAMLMap, ctx: StepCtx): FoundBuild[] {
  const uses = str(step.get('uses', true));
  if (uses && BUILD_PUSH_ACTION.test(uses)) {
    const b = actionBuild(step, ctx);
    return b ? [b] : [];
  }
  return runBuilds(step, ctx);
}

function toJson(node: unknown): unknown {
  return node && typeof (node as { toJSON?: unknown }).toJSON === 'function'
    ? (node as { toJSON(): unknown }).toJSON()
    : node;
}

function checkoutPath(steps: unknown[]): string | undefined {
  for (const step of steps) {
    if (!yaml().isMap(step) || !/^actions\/checkout@/.test(str(step.get('uses', true)) ?? '')) continue;
    const p = str(step.getIn(['with', 'path'], true));
    // The checkout of this repository: another repository's checkout names `repository:`.
    if (p && !/\$\{\{/.test(p) && step.getIn(['with', 'repository']) === undefined) return p;
  }
  return undefined;
}

/** Matrix combinations that do not change a build (the runner, the arch) give it once. */
function distinct(builds: FoundBuild[]): FoundBuild[] {
  const seen = new Set<string>();
  return builds.filter((b) => {
    const k = `${b.file}:${b.line}\0${b.dockerfile}\0${b.contextDir}\0${b.target ?? ''}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
