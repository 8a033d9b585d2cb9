// The `buildctx` executable. Kept tiny on purpose: `buildctx --version` (pre-commit and CI
// probes run it) answers before anything else is loaded; every other call loads the program
// (program.ts, bundled as cliProgram.js) and runs it.
import * as nodeFs from 'node:fs';
import { createRequire } from 'node:module';
import * as nodePath from 'node:path';
import { version } from '../../../package.json';
import { requireBundle } from '../engine/bundled';

type Program = typeof import('./program');

/** The program's bundle next to this one when shipped (through V8's code cache); the source under tsx. */
function loadProgram(): Program {
  const bundled = nodePath.join(__dirname, 'cliProgram.js');
  if (nodeFs.existsSync(bundled)) return requireBundle<Program>(bundled);
  return createRequire(__filename)('./program') as Program;
}

const first = process.argv[2];
if (process.argv.length === 3 && (first === '--version' || first === '-V')) {
  process.stdout.write(`${version}\n`);
} else {
  // `buildctx context --json | head` closes the pipe early: that is the reader's choice, not an error.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(0);
    throw err;
  });
  // Set the code rather than calling process.exit so a large JSON on a pipe is fully flushed.
  void loadProgram()
    .main(process.argv)
    .then((code) => {
      process.exitCode = code;
    });
}
