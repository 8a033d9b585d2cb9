import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { sortSteps } from '../../server/src/engine/slices';

function drain<T>(gen: Generator<void, T>): { value: T; steps: number } {
  for (let steps = 0; ; steps++) {
    const r = gen.next();
    if (r.done) return { value: r.value, steps };
  }
}

test('sortSteps gives what a stable Array.prototype.sort gives, ties in their original order', () => {
  const item = fc.record({ key: fc.integer({ min: 0, max: 20 }), id: fc.nat() });
  fc.assert(fc.property(fc.array(item, { maxLength: 300 }), fc.integer({ min: 1, max: 40 }), (items, run) => {
    const cmp = (a: { key: number }, b: { key: number }): number => a.key - b.key;
    const want = [...items].sort(cmp);
    assert.deepEqual(drain(sortSteps(items, cmp, run)).value, want);
  }), { seed: 3, numRuns: 300 });
});

test('sortSteps yields in steps of a run, and leaves its input alone', () => {
  const items = Array.from({ length: 10_000 }, (_, i) => `p/${(i * 7919) % 10_000}`);
  const copy = [...items];
  const { value, steps } = drain(sortSteps(items, (a, b) => (a < b ? -1 : a > b ? 1 : 0), 100));
  assert.deepEqual(value, [...items].sort());
  assert.ok(steps >= 100, `${steps} steps for 10,000 items in runs of 100`);
  assert.deepEqual(items, copy);
});
