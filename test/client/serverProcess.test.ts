import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SERVER_V8_FLAGS, serverProcessOptions } from '../../client/src/serverProcess';

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
  assert.deepEqual(execArgv, [...SERVER_V8_FLAGS, '--nolazy']);
  // A flag node rejected would stop the server before it said a word.
  assert.equal(
    execFileSync(process.execPath, [...execArgv, '-e', 'process.stdout.write("up")'], { encoding: 'utf8' }),
    'up',
  );
});

test('V8 takes the heap flags: the young generation is capped at 1 MB per semi-space', () => {
  const { execArgv } = serverProcessOptions({});
  // Objects that all survive make V8 grow its young generation: to 32 MB with its defaults.
  const script =
    'const v8 = require("v8"); const keep = []; for (let i = 0; i < 3e6; i++) keep.push({ i });' +
    'process.stdout.write(String(v8.getHeapSpaceStatistics().find((s) => s.space_name === "new_space").space_size))';
  const size = Number(execFileSync(process.execPath, [...execArgv, '-e', script], { encoding: 'utf8' }));
  assert.ok(size > 0 && size <= 2 * 1024 * 1024, `new space of ${size} bytes`);
});

test("bench:scale runs node with the server's V8 flags, so its in-process figures stay comparable", () => {
  const pkg = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  };
  const script = pkg.scripts['bench:scale']!;
  for (const flag of SERVER_V8_FLAGS) assert.ok(script.split(' ').includes(flag), `${flag} missing from "${script}"`);
});
