// The container directory each command of a RUN runs in: the stage's WORKDIR, moved by `cd`
// commands before it in the same RUN (`cd web && npm ci`). A `cd` we cannot follow makes the
// directory unknown (null) for the rest of the RUN.
import * as path from 'node:path';
import type { RunCommand } from '../../shell/runCommands';
import type { StageRun } from '../layout';

export function commandDirs(run: StageRun): Map<RunCommand, string | null> {
  const out = new Map<RunCommand, string | null>();
  let cwd = run.workdir;
  for (const cmd of run.commands) {
    out.set(cmd, cwd);
    if (cmd.args[0]?.value !== 'cd') continue;
    const to = cmd.args[1];
    if (!to) cwd = null;
    else if (to.value === null || cwd === null) cwd = to.value?.startsWith('/') ? path.posix.normalize(to.value) : null;
    else cwd = path.posix.resolve(cwd, to.value);
  }
  return out;
}
