// Real git for tests that need a repository: the user's and the system's configuration shut
// out, so a developer's settings never change a verdict.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';

const env = { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' };

/** Runs `git args…` in `cwd`, fails the test on a non-zero exit, returns its output. */
export function git(cwd: string, ...args: string[]): string {
  const r = spawnSync('git', args, { cwd, env, encoding: 'utf8' });
  assert.equal(r.status, 0, `git ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}
