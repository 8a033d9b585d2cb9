import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { scanContextSync } from '../../../../server/src/engine/context/scan/scan';
import { scanContext } from '../../../../server/src/engine/context/worker/client';
import { scanContextFlat } from '../../../../server/src/engine/context/worker/flat';
import { decodeScan } from '../../../../server/src/engine/context/worker/decode';
import { makeTree, normalised } from '../helpers';

function manyFiles(n: number): string {
  const dir = makeTree({ '.dockerignore': 'd1*\n!d1/f1\n', 'deep/er/still': { link: '../..' } });
  for (let i = 0; i < n; i++) {
    const d = path.join(dir, `d${i % 37}`);
    if (i < 37) fs.mkdirSync(d);
    fs.writeFileSync(path.join(d, `f${i}`), 'x'.repeat(i % 5));
  }
  return dir;
}

const optsFor = (dir: string) => ({
  contextDir: dir,
  builder: 'buildkit' as const,
  ignoreFile: path.join(dir, '.dockerignore'),
});

test('the worker scan equals the synchronous scan and reports progress', async () => {
  const dir = manyFiles(10_000);
  const progress: number[] = [];
  const viaWorker = await scanContext({ ...optsFor(dir), onProgress: (p) => progress.push(p.files) });
  assert.deepEqual(normalised(viaWorker), normalised(scanContextSync(optsFor(dir))));
  assert.ok(progress.length >= 3, `progress events: ${progress.length}`);
  assert.deepEqual(
    progress,
    [...progress].sort((a, b) => a - b),
    'progress only grows',
  );
  assert.equal(progress[progress.length - 1], viaWorker.sent.files + viaWorker.excluded.files);
});

test('aborting rejects with an AbortError and stops the worker', async () => {
  const dir = manyFiles(10_000);
  const ctl = new AbortController();
  let after = 0;
  const pending = scanContext({
    ...optsFor(dir),
    signal: ctl.signal,
    onProgress: () => {
      if (ctl.signal.aborted) after++;
      else ctl.abort();
    },
  });
  await assert.rejects(pending, (err: Error) => err.name === 'AbortError');
  assert.equal(after, 0, 'no progress after the abort');
});

test('an already-aborted signal rejects without starting a worker', async () => {
  const ctl = new AbortController();
  ctl.abort();
  await assert.rejects(scanContext({ ...optsFor('/nonexistent'), signal: ctl.signal }), { name: 'AbortError' });
});

test('worker failures reject with the reason instead of hanging', async () => {
  const bad = path.join(makeTree({}), 'broken-worker.js');
  fs.writeFileSync(bad, 'throw new Error("boom in worker")');
  await assert.rejects(scanContext({ ...optsFor('/tmp'), workerFile: bad }), /boom in worker/);
});

test('the transfer encoding round-trips every field, deep trees included', async () => {
  const deep = Array.from({ length: 300 }, (_, i) => `n${i}`).join('/');
  const dir = makeTree({ [`${deep}/x`]: 3, 'a\nb/c d': 4, l: { link: 'a\nb' }, '.dockerignore': 'n0/n1\n!n0/n1/n2\n' });
  const opts = {
    ...optsFor(dir),
    hooks: {
      beforeReaddir(_a: string, rel: string) {
        if (rel === 'n0/n1/n2/n3') throw new Error('EACCES: permission denied');
      },
    },
  };
  const s = scanContextSync(opts);
  assert.equal(s.errors.length, 1);
  const { encoded } = scanContextFlat(opts);
  let pauses = 0;
  const back = await decodeScan(
    encoded,
    async () => {
      pauses++;
    },
    { budgetMs: 0, checkEvery: 2 },
  );
  assert.deepEqual(normalised(back), normalised(s));
  assert.ok(pauses > 0, 'the rebuild yields between slices');
});
