// dependency-cache-order: copying the manifests first only pays off when the dependency
// download runs before the whole-context copy; otherwise any source change invalidates the
// layer that downloads everything. The fix is a quick fix, not safe: the step needs network
// and may need flags the project relies on.
import * as path from 'node:path';
import type { Finding, Fix, Range } from '../types';
import { detectEol, lineText } from '../edits';
import { parseDockerfile, type CopyInstruction, type DockerfileModel, type RunInstruction } from '../dockerfile';
import type { Rule, RuleContext } from './types';
import { commandsOf, modelDoc } from '../dockerfile/runCommandsOf';

const ID = 'dependency-cache-order';

interface Ecosystem {
  name: string;
  manifest: RegExp;
  /** Whether a command (argv) installs or downloads the dependencies. */
  installs: (argv: string[]) => boolean;
  /** The download step to insert; `$1` is the first manifest's name as copied. */
  step: string;
}

const is = (argv: string[], ...words: string[]): boolean => words.every((w, i) => argv[i] === w);
const tool = (argv: string[]): string => path.posix.basename(argv[0] ?? '');

export const ECOSYSTEMS: readonly Ecosystem[] = [
  {
    name: 'Go modules',
    manifest: /^go\.(mod|sum)$/,
    installs: (a) => tool(a) === 'go' && is(a.slice(1), 'mod', 'download'),
    step: 'RUN go mod download',
  },
  {
    name: 'npm',
    manifest: /^(package(-lock)?\.json|package\*\.json|npm-shrinkwrap\.json)$/,
    installs: (a) => tool(a) === 'npm' && ['ci', 'install', 'i'].includes(a[1] ?? ''),
    step: 'RUN npm ci',
  },
  {
    name: 'Yarn',
    manifest: /^yarn\.lock$/,
    installs: (a) => tool(a) === 'yarn' && (a.length === 1 || a[1] === 'install'),
    step: 'RUN yarn install --frozen-lockfile',
  },
  {
    name: 'pnpm',
    manifest: /^pnpm-lock\.yaml$/,
    installs: (a) => tool(a) === 'pnpm' && ['install', 'i', 'fetch'].includes(a[1] ?? ''),
    step: 'RUN pnpm install --frozen-lockfile',
  },
  { name: 'pip', manifest: /^requirements[^/]*\.txt$/, installs: (a) => pipInstall(a), step: 'RUN pip install -r $1' },
  {
    name: 'Cargo',
    manifest: /^Cargo\.(toml|lock)$/,
    installs: (a) => tool(a) === 'cargo' && ['fetch', 'build'].includes(a[1] ?? ''),
    step: 'RUN cargo fetch',
  },
  {
    name: 'Bundler',
    manifest: /^Gemfile(\.lock)?$/,
    installs: (a) => tool(a) === 'bundle' && (a.length === 1 || a[1] === 'install'),
    step: 'RUN bundle install',
  },
  {
    name: 'Composer',
    manifest: /^composer\.(json|lock)$/,
    installs: (a) => tool(a) === 'composer' && a[1] === 'install',
    step: 'RUN composer install --no-scripts --no-autoloader',
  },
];

function pipInstall(a: string[]): boolean {
  const t = tool(a);
  if (/^pip[0-9.]*$/.test(t)) return a[1] === 'install';
  if (/^python[0-9.]*$/.test(t)) return is(a.slice(1), '-m', 'pip', 'install');
  return t === 'uv' && (a[1] === 'sync' || is(a.slice(1), 'pip', 'install'));
}

/** The ecosystem a COPY caches for, when every source it copies is one of its manifests. */
function manifestCopy(c: CopyInstruction): Ecosystem | null {
  if (c.from !== null || c.wholeContext || c.sources.length === 0) return null;
  for (const eco of ECOSYSTEMS) {
    if (
      c.sources.every(
        (s) => s.kind === 'context' && s.value !== null && eco.manifest.test(path.posix.basename(s.value)),
      )
    )
      return eco;
  }
  return null;
}

/** argv lists of every command each RUN executes, keyed by the RUN's start line. */
function runArgvs(model: DockerfileModel): Map<number, string[][]> {
  const doc = modelDoc(model);
  const out = new Map<number, string[][]>();
  for (const run of model.runs) {
    const cmds = commandsOf(model, run, doc).commands;
    out.set(
      run.range.start.line,
      cmds.map((c) => c.args.map((a) => a.value ?? '')),
    );
  }
  return out;
}

function insertAfter(ctx: RuleContext, c: CopyInstruction, step: string): Fix {
  const eol = detectEol(ctx.text);
  const line = c.range.end.line;
  const next = line + 1;
  const lines = ctx.text.split('\n').length;
  const at: Range =
    next < lines
      ? { start: { line: next, character: 0 }, end: { line: next, character: 0 } }
      : {
          start: { line, character: lineText(ctx.text, line).length },
          end: { line, character: lineText(ctx.text, line).length },
        };
  const newText = next < lines ? step + eol : eol + step;
  return {
    title: `Insert \`${step}\` after the manifest COPY`,
    edits: [{ file: ctx.file, edits: [{ range: at, newText }] }],
    safe: false,
  };
}

interface StageFacts {
  copies: CopyInstruction[];
  runs: RunInstruction[];
  whole: CopyInstruction | undefined;
}

function stageFacts(model: DockerfileModel, stage: number): StageFacts {
  const copies = model.copies.filter((c) => c.stage === stage);
  return {
    copies,
    runs: model.runs.filter((r) => r.stage === stage),
    whole: copies.find((c) => c.wholeContext && c.from === null),
  };
}

function check(ctx: RuleContext): Finding[] {
  if (ctx.kind !== 'dockerfile') return [];
  const model = parseDockerfile(ctx.text);
  // Shell-parsing every RUN is the costly part of this rule: only pay for it when a stage
  // has a manifest COPY before a whole-context copy (the editor re-checks on each keystroke).
  let argvs: Map<number, string[][]> | undefined;
  const argvsOf = (): Map<number, string[][]> => (argvs ??= runArgvs(model));
  const out: Finding[] = [];
  const line = (x: { range: Range }): number => x.range.start.line;
  for (const stage of model.stages) {
    const { copies, runs, whole } = stageFacts(model, stage.index);
    if (!whole) continue;
    const quoted = `\`${ctx.text
      .split('\n')
      [line(whole)]?.trim()
      .replace(/\s*\\$/, '')}\``;
    for (const c of copies) {
      const eco = manifestCopy(c);
      if (!eco || line(c) > line(whole)) continue;
      const installs = (r: RunInstruction): boolean => (argvsOf().get(line(r)) ?? []).some(eco.installs);
      if (runs.some((r) => line(r) > line(c) && line(r) < line(whole) && installs(r))) continue;
      const late = runs.find((r) => line(r) > line(whole) && installs(r));
      const why = late
        ? `the install step (line ${line(late) + 1}) runs after ${quoted} (line ${line(whole) + 1})`
        : `no ${eco.name} download step runs before ${quoted} (line ${line(whole) + 1})`;
      const step = eco.step.replace('$1', path.posix.basename(c.sources[0]?.value ?? ''));
      out.push({
        ruleId: ID,
        severity: 'warning',
        file: ctx.file,
        range: c.range,
        message: `The ${eco.name} manifests are copied first for layer caching, but ${why}, so every source change downloads all dependencies again.`,
        fixes: [insertAfter(ctx, c, step)],
      });
    }
  }
  return out;
}

export const dependencyCacheOrder: Rule = {
  id: ID,
  appliesTo: 'dockerfile',
  defaultSeverity: 'warning',
  description:
    'Dependency manifests are copied first but nothing downloads the dependencies before the whole-context copy.',
  check,
};
