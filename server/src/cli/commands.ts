// Every subcommand's arguments and options, registered on the one commander program. What a
// command does lives in its own module (context.ts, check.ts, contexts.ts), shipped as its own
// bundle and loaded only when that command runs: `buildctx context` never initialises the
// rules, YAML and compose readers of `check` (28 ms of a 110 ms run on the go-vendor bench).
import * as nodeFs from 'node:fs';
import { createRequire } from 'node:module';
import * as nodePath from 'node:path';
import { type Command, Option } from 'commander';
import { requireBundle } from '../engine/bundled';
import { BUILDERS } from '../engine/types';
import type { CheckOptions } from './check';
import type { ContextOptions } from './context';
import type { InputsOptions } from './inputs';

interface Implementations {
  context: typeof import('./context');
  inputs: typeof import('./inputs');
  check: typeof import('./check');
  contexts: typeof import('./contexts');
}

/** A command's module: `cli-<name>.js` next to this bundle when shipped (code-cached), the source under tsx. */
function load<K extends keyof Implementations>(name: K): Implementations[K] {
  const bundled = nodePath.join(__dirname, `cli-${name}.js`);
  type M = Implementations[K];
  return nodeFs.existsSync(bundled) ? requireBundle<M>(bundled) : (createRequire(__filename)(`./${name}`) as M);
}

function registerContext(program: Command): void {
  program
    .command('context')
    .description('Show what a build sends: context size, what the ignore file keeps out, what the Dockerfile transfers')
    .argument('[DIR]', 'build context directory', '.')
    .option('-f, --file <DOCKERFILE>', 'Dockerfile (relative to the current directory, as with docker build)')
    .addOption(new Option('--builder <builder>', 'builder whose rules apply').choices(BUILDERS).default('buildkit'))
    .option('--json', 'machine-readable output')
    .option('--files', 'also list every file the build sends')
    .option('--target <stage>', 'build stage, as with docker build --target (default: the last stage)')
    .action((dir: string, opts: ContextOptions) => load('context').runContext(dir, opts));
}

function registerInputs(program: Command): void {
  program
    .command('inputs')
    .description('Show what a build reads of its context, with reasons, and what it sends without reading')
    .argument('[DIR]', 'build context directory', '.')
    .option('-f, --file <DOCKERFILE>', 'Dockerfile (relative to the current directory, as with docker build)')
    .addOption(new Option('--builder <builder>', 'builder whose rules apply').choices(BUILDERS).default('buildkit'))
    .option('--json', 'machine-readable output')
    .option('--target <stage>', 'build stage, as with docker build --target (default: the last stage)')
    .action((dir: string, opts: InputsOptions) => load('inputs').runInputs(dir, opts));
}

function registerCheck(program: Command): void {
  const builder = 'builder whose semantics apply (default: .buildctx.json, then buildkit)';
  program
    .command('check')
    .description('Find what bloats or breaks the build context of every Dockerfile under PATH, and fix it')
    .argument('[PATH...]', 'directories (or Dockerfiles) to check', [])
    .option('--fix', 'apply the safe fixes (atomic writes, file modes kept) and print what changed')
    .option('--fix-dry-run', 'print the safe fixes as a unified diff without writing')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json', 'sarif']).default('text'))
    .addOption(new Option('--builder <builder>', builder).choices(BUILDERS))
    .option('--context <DIR>', 'build context for every Dockerfile (instead of discovering it)')
    .option('--max-warnings <N>', 'exit 0 while there are at most N warnings (-1: no limit)')
    .action((paths: string[], opts: CheckOptions) => load('check').runCheck(paths, opts));
}

function registerContexts(program: Command): void {
  program
    .command('contexts')
    .description(
      'List every Dockerfile with the build context(s) its builds use, where each comes from, and where it is built',
    )
    .argument('[DIR]', 'repository or workspace folder', '.')
    .option('--json', 'machine-readable output')
    .action((dir: string, opts: { json?: boolean }) => load('contexts').runContexts(dir, opts));
}

/** Registration points: one line per subcommand. */
export const COMMANDS: Record<string, (program: Command) => void> = {
  context: registerContext,
  inputs: registerInputs,
  check: registerCheck,
  contexts: registerContexts,
};
