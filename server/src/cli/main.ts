// The `buildctx` command line: one commander program, each subcommand in its own file exporting
// `register(program)`. Exit codes: 0 success, 1 findings (check), 2 usage errors and builds
// Docker itself would refuse (one line naming file and line), 3 internal errors.
import { Command, CommanderError } from 'commander';
import { version } from '../../../package.json';
import { CliError } from './format';
type Register = (program: Command) => void;

// Registration points: one line per subcommand file (each exports `register(program)`).
// Loaded on demand: `check` and `contexts` pull in megabytes of parsers (hcl2-parser, mvdan-sh)
// that `buildctx context` never uses, and loading them costs most of the CLI's start-up time.
/* eslint-disable @typescript-eslint/no-require-imports */
const commands: Record<string, () => Register> = {
  context: () => (require('./context') as typeof import('./context')).register,
  check: () => (require('./check') as typeof import('./check')).register,
  contexts: () => (require('./contexts') as typeof import('./contexts')).register,
};
/* eslint-enable @typescript-eslint/no-require-imports */

/** The subcommand named on the command line, or all of them (for help and error messages). */
function wanted(argv: string[]): string[] {
  const name = argv[2];
  return name !== undefined && Object.hasOwn(commands, name) ? [name] : Object.keys(commands);
}

function report(err: unknown): number {
  if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : 2; // commander already printed it
  if (err instanceof CliError) {
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
