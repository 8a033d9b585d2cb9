import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Scheduler } from '../../../server/src/engine/background/scheduler';
import { sortSteps } from '../../../server/src/engine/background/steps';

function drain<T>(gen: Generator<void, T>): { value: T; steps: number } {
  for (let steps = 0; ; steps++) {
    const r = gen.next();
    if (r.done) return { value: r.value, steps };
  }
}

test('sortSteps gives what a stable Array.prototype.sort gives, ties in their original order', () => {
  const item = fc.record({ key: fc.integer({ min: 0, max: 20 }), id: fc.nat() });
  fc.assert(
    fc.property(fc.array(item, { maxLength: 300 }), fc.integer({ min: 1, max: 40 }), (items, run) => {
      const cmp = (a: { key: number }, b: { key: number }): number => a.key - b.key;
      const want = [...items].sort(cmp);
      assert.deepEqual(drain(sortSteps(items, cmp, run)).value, want);
    }),
    { seed: 3, numRuns: 300 },
  );
});

test('sortSteps yields in steps of a run, and leaves its input alone', () => {
  const items = Array.from({ length: 10_000 }, (_, i) => `p/${(i * 7919) % 10_000}`);
  const copy = [...items];
  const { value, steps } = drain(sortSteps(items, (a, b) => (a < b ? -1 : a > b ? 1 : 0), 100));
  assert.deepEqual(value, [...items].sort());
  assert.ok(steps >= 100, `${steps} steps for 10,000 items in runs of 100`);
  assert.deepEqual(items, copy);
});

/** A generator that counts its steps and takes `ms` of wall time for each (a busy slice). */
function* busySteps(state: { steps: number }, total: number, ms: number): Generator<void, number> {
  for (let i = 0; i < total; i++) {
    const until = Date.now() + ms;
    while (Date.now() < until) {
      /* busy: a slice must end */
    }
    state.steps++;
    yield;
  }
  return state.steps;
}

const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

test('Scheduler.drain makes no step while foreground work holds background work, and resumes on release', async () => {
  const state = { steps: 0 };
  const s = new Scheduler();
  const release = s.hold();
  const done = s.drain(busySteps(state, 5, 2), undefined, 1);
  for (let i = 0; i < 20; i++) await turn();
  const whileHeld = state.steps;
  assert.ok(s.held());
  release();
  release(); // idempotent: a second call must not release someone else's hold
  assert.equal(await done, 5);
  assert.equal(s.held(), false);
  assert.ok(whileHeld <= 1, `${whileHeld} steps ran while held (at most the first slice may)`);
});

test('a hold never stops background work for good: a forgotten release only slows it down', async () => {
  const state = { steps: 0 };
  const s = new Scheduler();
  const release = s.hold();
  try {
    assert.equal(await s.drain(busySteps(state, 3, 2), undefined, 1), 3);
  } finally {
    release();
  }
});

test('two holds: background work resumes only after both are released', async () => {
  const state = { steps: 0 };
  const s = new Scheduler();
  const a = s.hold();
  const b = s.hold();
  const done = s.drain(busySteps(state, 4, 2), undefined, 1);
  a();
  for (let i = 0; i < 20; i++) await turn();
  const whileHeld = state.steps;
  b();
  assert.equal(await done, 4);
  assert.ok(whileHeld <= 1, `${whileHeld} steps ran while one hold remained`);
});
