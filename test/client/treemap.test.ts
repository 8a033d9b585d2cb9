// The report's treemap layout: every cell's area is its share of the whole, cells never overlap
// and never leave the box, whatever the values (one huge folder beside many tiny ones, zeros).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { squarify, type Rect } from '../../client/src/report/treemap';

const BOX: Rect = { x: 10, y: 20, w: 960, h: 440 };
const EPS = 1e-6;

function overlap(a: Rect, b: Rect): number {
  const w = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

function assertLayout(values: number[], box: Rect): Rect[] {
  const cells = squarify(values, box);
  assert.equal(cells.length, values.length);
  const total = values.reduce((n, v) => n + Math.max(0, v), 0);
  cells.forEach((c, i) => {
    const want = (Math.max(0, values[i]!) / total) * box.w * box.h;
    assert.ok(Math.abs(c.w * c.h - want) <= want * 1e-9 + EPS, `cell ${i}: area ${c.w * c.h}, want ${want}`);
    assert.ok(c.w >= 0 && c.h >= 0, `cell ${i} has a negative side`);
    assert.ok(c.x >= box.x - EPS && c.y >= box.y - EPS, `cell ${i} starts outside the box`);
    assert.ok(c.x + c.w <= box.x + box.w + EPS && c.y + c.h <= box.y + box.h + EPS, `cell ${i} ends outside`);
  });
  for (let i = 0; i < cells.length; i++)
    for (let j = i + 1; j < cells.length; j++)
      assert.ok(overlap(cells[i]!, cells[j]!) < EPS, `cells ${i} and ${j} overlap`);
  return cells;
}

test('areas are proportional to the values, inside the box, without overlap', () => {
  assertLayout([6, 6, 4, 3, 2, 2, 1], BOX);
  assertLayout([1], BOX);
  assertLayout([110_950_000, 2_400_000, 12_000, 300, 1], BOX);
  assertLayout([5, 5, 5, 5], { x: 0, y: 0, w: 30, h: 400 });
});

test('many random folders fill the box exactly', () => {
  let seed = 7;
  const rand = () => (seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  for (let round = 0; round < 20; round++) {
    const values = Array.from({ length: 1 + Math.floor(rand() * 60) }, () => Math.floor(Math.exp(rand() * 18)));
    const cells = assertLayout(values, BOX);
    const area = cells.reduce((n, c) => n + c.w * c.h, 0);
    assert.ok(Math.abs(area - BOX.w * BOX.h) < 1e-6 * BOX.w * BOX.h, 'no gap is left');
  }
});

test('zero values get empty cells; the rest still fill the box; an empty box or total gives empty cells', () => {
  const cells = assertLayout([0, 3, 0, 1], BOX);
  assert.equal(cells[0]!.w * cells[0]!.h, 0);
  assert.equal(cells[2]!.w * cells[2]!.h, 0);
  assert.deepEqual(
    squarify([0, 0], BOX).map((c) => c.w * c.h),
    [0, 0],
  );
  assert.deepEqual(
    squarify([1, 2], { x: 0, y: 0, w: 0, h: 10 }).map((c) => c.w * c.h),
    [0, 0],
  );
});

test('cells come out closer to square than slices would', () => {
  const cells = squarify([1, 1, 1, 1], { x: 0, y: 0, w: 100, h: 100 });
  for (const c of cells) assert.ok(Math.max(c.w / c.h, c.h / c.w) <= 1 + EPS, JSON.stringify(c));
});
