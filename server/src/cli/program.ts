// The `buildctx` command line: one commander program (one copy of commander) with the
// subcommands of commands.ts; main.ts loads it for anything but --version.
// Exit codes: 0 success, 1 findings (check), 2 usage errors and builds Docker itself would
// refuse (one line naming file and line), 3 internal errors.
import { Command, CommanderError } from 'commander';
import { version } from '../../../package.json';
import { COMMANDS } from './commands';
import { isCliError } from './format';

/** The subcommand named on the command line, or all of them (for help and error messages). */
function wanted(argv: string[]): string[] {
  const name = argv[2];
  return name !== undefined && Object.hasOwn(COMMANDS, name) ? [name] : Object.keys(COMMANDS);
}

function report(err: unknown): number {
  if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : 2; // commander already printed it
  if (isCliError(err)) {
    process.stderr.write(`buildctx: ${err.message}\n`);
    return err.exitCode;
  }
  process.stderr.write(
    `buildctx: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
  );
  return 3;
}

export async function main(argv: string[]): Promise<number> {
  const program = new Command('buildctx')
    .description('See and shrink the Docker build context.')
    .version(version)
    .exitOverride()
    .showHelpAfterError(false);
  for (const name of wanted(argv)) COMMANDS[name]!(program);
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (err) {
    return report(err);
  }
}
