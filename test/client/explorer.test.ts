// The Explorer decorations' client side that needs no editor (issue 16): rows asked together
// travel in one request, and the tooltip names the excluding line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Batcher } from '../../client/src/explorer/batch';
import { excludedTooltip } from '../../client/src/text';

test('rows asked together go to the server in one batch, and each gets its own answer', async () => {
  const calls: string[][] = [];
  const b = new Batcher<string, string>(async (keys) => {
    calls.push(keys);
    return keys.map((k) => k.toUpperCase());
  }, 5);
  const answers = await Promise.all(['vendor', 'go.mod', 'cmd'].map((k) => b.ask(k)));
  assert.deepEqual(answers, ['VENDOR', 'GO.MOD', 'CMD']);
  assert.deepEqual(calls, [['vendor', 'go.mod', 'cmd']]);
  assert.equal(await b.ask('docs'), 'DOCS');
  assert.deepEqual(calls[1], ['docs'], 'a later row starts a new batch');
});

test('a full batch goes at once, without waiting for the delay', async () => {
  const calls: number[][] = [];
  const b = new Batcher<number, number>(
    async (keys) => {
      calls.push(keys);
      return keys;
    },
    3_600_000,
    2,
  );
  assert.deepEqual(await Promise.all([b.ask(1), b.ask(2)]), [1, 2]);
  assert.deepEqual(calls, [[1, 2]]);
  b.dispose();
});

test('a failed or throwing request, or a short answer, leaves rows undecorated instead of waiting', async () => {
  const rejecting = new Batcher<string, string>(() => Promise.reject(new Error('server restarting')), 0);
  assert.deepEqual(await Promise.all([rejecting.ask('a'), rejecting.ask('b')]), [undefined, undefined]);
  const throwing = new Batcher<string, string>(() => {
    throw new Error('no client');
  }, 0);
  assert.equal(await throwing.ask('a'), undefined);
  const short = new Batcher<string, string>(async () => ['x'], 0);
  assert.deepEqual(await Promise.all([short.ask('a'), short.ask('b')]), ['x', undefined]);
});

test('dispose answers queued rows with nothing and sends no request', async () => {
  let called = false;
  const b = new Batcher<string, string>(async (keys) => {
    called = true;
    return keys;
  }, 3_600_000);
  const pending = b.ask('vendor');
  b.dispose();
  assert.equal(await pending, undefined);
  assert.equal(called, false);
});

test('the tooltip names the build, the pattern and the ignore-file line', () => {
  const v = { excluded: true, pattern: 'vendor/', line: 3 };
  assert.equal(
    excludedTooltip(v, 'gateway.Dockerfile', '.dockerignore'),
    "Not sent by gateway.Dockerfile's build: excluded by vendor/ (.dockerignore:3)",
  );
  assert.equal(
    excludedTooltip({ excluded: true, pattern: null, line: null }, 'Dockerfile', 'docker/app.dockerignore'),
    "Not sent by Dockerfile's build: excluded by docker/app.dockerignore",
  );
});
