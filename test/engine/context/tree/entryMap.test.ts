import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EntryMap } from '../../../../server/src/engine/context/tree/entryMap';

const e = (name: string, v = 0) => ({ name, v });

test('EntryMap behaves as a Map through every size class (empty, one, array, real Map)', () => {
  const m = new EntryMap<{ name: string; v: number }>();
  const ref = new Map<string, { name: string; v: number }>();
  const check = (why: string) => {
    assert.equal(m.size, ref.size, why);
    assert.deepEqual([...m.keys()], [...ref.keys()], why);
    assert.deepEqual([...m.entries()], [...ref.entries()], why);
    for (const k of ref.keys()) assert.equal(m.get(k), ref.get(k), why);
    assert.equal(m.has('absent'), false);
  };
  check('empty');
  for (let i = 0; i < 30; i++) {
    const x = e(`k${i}`, i);
    m.set(x.name, x);
    ref.set(x.name, x);
    check(`after adding ${i + 1}`);
  }
  const replaced = e('k3', 99);
  m.set('k3', replaced);
  ref.set('k3', replaced);
  check('replace keeps the position');
  for (let i = 0; i < 30; i += 2) {
    assert.equal(m.delete(`k${i}`), ref.delete(`k${i}`));
    check(`delete k${i}`);
  }
  assert.equal(m.delete('nope'), false);
  const seen: string[] = [];
  m.forEach((v, k, self) => {
    assert.equal(v.name, k);
    assert.equal(self, m);
    seen.push(k);
  });
  assert.deepEqual(seen, [...ref.keys()]);
  m.clear();
  assert.equal(m.size, 0);
});

test('small maps shrink back through one entry to empty', () => {
  const m = new EntryMap<{ name: string; v: number }>();
  m.set('a', e('a'));
  m.set('b', e('b'));
  assert.equal(m.delete('a'), true);
  assert.deepEqual([...m.keys()], ['b']);
  assert.equal(m.delete('b'), true);
  assert.equal(m.size, 0);
  assert.equal(m.get('b'), undefined);
});

test('the key must be the entry name, and the shared empty map is unwritable', () => {
  const m = new EntryMap<{ name: string; v: number }>();
  assert.throws(() => m.set('x', e('y')), /differs from the entry name/);
  assert.throws(
    () => (EntryMap.EMPTY as unknown as EntryMap<{ name: string }>).set('a', { name: 'a' }),
    /shared empty/,
  );
  assert.equal(EntryMap.EMPTY.size, 0);
});

test('serialises as an object keyed by name', () => {
  const m = new EntryMap<{ name: string; v: number }>();
  m.set('a', e('a', 1));
  assert.equal(JSON.stringify(m), '{"a":{"name":"a","v":1}}');
  assert.equal(Object.prototype.toString.call(m), '[object EntryMap]');
});
