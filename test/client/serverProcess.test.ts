import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { serverProcessOptions } from '../../client/src/serverProcess';

test('the server starts with a fixed glibc mmap threshold, and the rest of the environment', () => {
  const { env } = serverProcessOptions({ PATH: '/usr/bin', HOME: '/home/u' });
  assert.equal(env.MALLOC_MMAP_THRESHOLD_, '131072');
  assert.equal(env.PATH, '/usr/bin');
  assert.equal(env.HOME, '/home/u');
});

test('a threshold the user set is kept', () => {
  assert.equal(serverProcessOptions({ MALLOC_MMAP_THRESHOLD_: '65536' }).env.MALLOC_MMAP_THRESHOLD_, '65536');
});

test('node accepts the server flags, debug flags included', () => {
  const { execArgv } = serverProcessOptions({}, ['--nolazy']);
  assert.ok(execArgv.includes('--optimize-for-size') && execArgv.includes('--nolazy'));
  // A flag node rejected would stop the server before it said a word.
  assert.equal(execFileSync(process.execPath, [...execArgv, '-e', 'process.stdout.write("up")'], { encoding: 'utf8' }), 'up');
});
