// The server's discovery (issue 4): same result as the synchronous one on every committed
// fixture, while the event loop keeps running between directories; cancellable.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import * as path from 'node:path';
import { discoverContexts, discoverContextsAsync } from '../../../server/src/engine/discovery';
import { diskAccess } from '../../../server/src/engine/discovery';
import { walkRepository, walkRepositoryAsync } from '../../../server/src/engine/discovery/walk';
import { DEFAULT_SETTINGS } from '../../../server/src/engine/types';
import { FIXTURES, tempRepo } from './helpers';

const fixtures = fs
  .readdirSync(FIXTURES, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name);

test('async discovery equals sync discovery on every fixture repository', async () => {
  assert.ok(fixtures.length > 0);
  for (const name of fixtures) {
    const root = path.join(FIXTURES, name);
    const sync = discoverContexts(root, { settings: DEFAULT_SETTINGS });
    const async = await discoverContextsAsync(root, { settings: DEFAULT_SETTINGS });
    assert.deepEqual(async, sync, name);
  }
});

function wideTree(dirs: number): string {
  const files: Record<string, string> = {
    Dockerfile: 'FROM scratch\nCOPY . .\n',
    Makefile: 'img:\n\tdocker build -f Dockerfile .\n',
  };
  for (let i = 0; i < dirs; i++) files[`pkg${i}/main.go`] = 'package main\n';
  return tempRepo(files);
}

test('the async walk lets other work run between directories and finds what the sync walk finds', async () => {
  const root = wideTree(40);
  let ticks = 0;
  let done = false;
  const tick = (): void => {
    if (!done) {
      ticks++;
      setImmediate(tick);
    }
  };
  setImmediate(tick);
  const found = await walkRepositoryAsync(root, diskAccess, []);
  done = true;
  assert.ok(ticks > 0, 'the event loop ran while the walk was pending');
  assert.deepEqual(found, walkRepository(root, diskAccess, []));
});

test('one directory of a thousand files is walked in steps, its .gitignore applied to every step', async (t) => {
  const files: Record<string, string> = { Dockerfile: 'FROM scratch\n', 'src/.gitignore': 'gen_*.go\n' };
  for (let i = 0; i < 1000; i++) files[`src/${i % 10 === 0 ? 'gen_' : ''}f${i}.go`] = 'package main\n';
  const root = tempRepo(files);
  // Each found file is stat'ed: count the stats between two turns of the event loop.
  let stats = 0,
    most = 0,
    done = false;
  const real = fs.statSync;
  t.mock.method(fs, 'statSync', ((...args: Parameters<typeof fs.statSync>) => {
    stats++;
    return real(...args);
  }) as typeof fs.statSync);
  const tick = (): void => {
    most = Math.max(most, stats);
    stats = 0;
    if (!done) setImmediate(tick);
  };
  setImmediate(tick);
  const found = await walkRepositoryAsync(root, diskAccess, []);
  done = true;
  most = Math.max(most, stats); // the stats since the last turn
  t.mock.restoreAll();
  assert.ok(most > 0 && most <= 256, `at most one step of stats per turn of the event loop, saw ${most}`);
  assert.deepEqual(found, walkRepository(root, diskAccess, []));
  assert.equal(found.filter((f) => f.kind === 'source').length, 900, 'gen_*.go stays ignored in every step');
});

test('an aborted discovery rejects instead of finishing the walk', async () => {
  const root = wideTree(5);
  const ac = new AbortController();
  ac.abort();
  await assert.rejects(discoverContextsAsync(root, { settings: DEFAULT_SETTINGS, signal: ac.signal }), {
    name: 'AbortError',
  });
});
