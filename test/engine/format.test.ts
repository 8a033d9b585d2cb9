import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  compareText,
  formatBytes,
  formatCount,
  formatShare,
  formatTotals,
  listSome,
  plural,
} from '../../server/src/engine/format';

test('a share that is not all of the whole never reads 100%, a real one never 0%', () => {
  assert.equal(formatShare(996, 1000), '>99%');
  // 99.5% is where rounding would print 100%; just below it, rounding down is already honest.
  assert.equal(formatShare(995, 1000), '>99%');
  assert.equal(formatShare(999_999, 1_000_000), '>99%');
  assert.equal(formatShare(994, 1000), '99%');
  assert.equal(formatShare(1000, 1000), '100%');
  assert.equal(formatShare(1, 1000), '<1%');
  assert.equal(formatShare(0, 1000), '0%');
  assert.equal(formatShare(5, 0), '0%');
  assert.equal(formatShare(914, 1000), '91%');
});

test('sizes, counts and lists in the units every surface shows', () => {
  assert.equal(formatBytes(110965517), '105.8 MiB');
  assert.equal(formatTotals({ files: 7994, bytes: 110965517 }), '7,994 files, 105.8 MiB');
  assert.equal(formatTotals({ files: 1, bytes: 0 }), '1 file, 0 B');
  assert.equal(plural(2, 'build site'), '2 build sites');
  assert.deepEqual([950, 9204, 198003, 1_234_567].map(formatCount), ['950', '9.2k', '198k', '1.2M']);
  assert.equal(listSome(['a', 'b', 'c'], 2), 'a, b and 1 more');
});

test('text order: case-insensitive first, then by code unit, without a locale', () => {
  const names = ['Makefile', 'deploy/deploy.sh', 'b', 'B', 'a/x', 'A/x'];
  assert.deepEqual([...names].sort(compareText), ['A/x', 'a/x', 'B', 'b', 'deploy/deploy.sh', 'Makefile']);
});
