import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serverEnv } from '../../client/src/serverEnv';

test('the server starts with a fixed glibc mmap threshold, and the rest of the environment', () => {
  const env = serverEnv({ PATH: '/usr/bin', HOME: '/home/u' });
  assert.equal(env.MALLOC_MMAP_THRESHOLD_, '131072');
  assert.equal(env.PATH, '/usr/bin');
  assert.equal(env.HOME, '/home/u');
});

test("a threshold the user set is kept", () => {
  assert.equal(serverEnv({ MALLOC_MMAP_THRESHOLD_: '65536' }).MALLOC_MMAP_THRESHOLD_, '65536');
});
