// The `buildctx` command line: one commander program, each subcommand in its own file exporting
// `register(program)`. Exit codes: 0 success, 1 findings (check), 2 usage errors and builds
// Docker itself would refuse (one line naming file and line), 3 internal errors.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Command, CommanderError } from 'commander';
import { version } from '../../../package.json';
import { isCliError } from './format';
import { register as registerContext } from './context';

type Register = (program: Command) => void;
type Commands = typeof import('./commands');

/**
 * check/contexts: from the sibling bundle when running bundled (esbuild.mjs builds
 * server/out/cliCommands.js), from source otherwise (tests under tsx). A plain `require('./...')`
 * would make esbuild inline the big parsers into cli.js, costing ~0.5 s CPU on every start.
 */
function loadCommands(): Commands {
  const load = createRequire(__filename);
  const bundled = path.join(__dirname, 'cliCommands.js');
  return (fs.existsSync(bundled) ? load(bundled) : load('./commands')) as Commands;
}

// Registration points: one line per subcommand.
const commands: Record<string, () => Register> = {
  context: () => registerContext,
  check: () => loadCommands().registerCheck,
  contexts: () => loadCommands().registerContexts,
};

/** The subcommand named on the command line, or all of them (for help and error messages). */
function wanted(argv: string[]): string[] {
  const name = argv[2];
  return name !== undefined && Object.hasOwn(commands, name) ? [name] : Object.keys(commands);
}

function report(err: unknown): number {
  if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : 2; // commander already printed it
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string' && code.startsWith('commander.')) return 2; // from the commands bundle's copy
  // Duck-typed: a CliError thrown by the separately bundled commands is another class object.
  if (isCliError(err)) {
    process.stderr.write(`buildctx: ${err.message}\n`);
    return err.exitCode;
  }
  process.stderr.write(`buildctx: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  return 3;
}

export async function main(argv: string[]): Promise<number> {
  const program = new Command('buildctx')
    .description('See and shrink the Docker build context.')
    .version(version)
    .exitOverride()
    .showHelpAfterError(false);
  for (const name of wanted(argv)) commands[name]!()(program);
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (err) {
    return report(err);
  }
}

// `buildctx context --json | head` closes the pipe early: that is the reader's choice, not an error.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});
// Set the code rather than calling process.exit so a large JSON on a pipe is fully flushed.
void main(process.argv).then((code) => { process.exitCode = code; });
