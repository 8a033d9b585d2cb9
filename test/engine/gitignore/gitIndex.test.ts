import { test } from 'node:test';
import assert from 'node:assert/strict';
import { git } from '../../git';
import * as fs from 'node:fs';
import { indexPaths } from '../../../server/src/engine/gitignore/gitIndex';
import { findRepository, trackedPaths } from '../../../server/src/engine/gitignore/repository';
import { diskFs, makeTree } from '../rules/helpers';

// Names of every length mod 8 (the padding of versions 2 and 3), shared prefixes (version 4's
// compression), a directory, a non-ASCII name and a name with a space.
const FILES = [
  'a',
  'ab',
  'abc',
  'abcd/e',
  'abcd/ef',
  'abcd/efg/h.txt',
  'sp ace',
  'z\u00e9\u4e2d',
  `${'d'.repeat(200)}/${'f'.repeat(150)}`,
];

for (const [label, setup] of [
  ['version 2', ['add', '.']],
  ['version 3 (intent-to-add sets extended flags)', ['add', '-N', '.']],
  ['version 4 (prefix-compressed names)', ['add', '.']],
] as const) {
  test(`reads every path of a real index, ${label}`, () => {
    const t = makeTree(Object.fromEntries(FILES.map((f) => [f, f])));
    try {
      git(t.dir, 'init', '-q');
      git(t.dir, ...setup);
      if (label.startsWith('version 4')) git(t.dir, 'update-index', '--index-version', '4');
      const bytes = fs.readFileSync(t.abs('.git/index'));
      assert.equal(bytes.readUInt32BE(4), Number(label[8]), 'git wrote the version under test');
      const listed = git(t.dir, 'ls-files', '-z').split('\0').filter(Boolean);
      assert.deepEqual(indexPaths(bytes)?.sort(), listed.sort());
    } finally {
      t.cleanup();
    }
  });
}

test('tracked paths: every directory above a tracked file, a linked work tree, a SHA-256 repository', () => {
  const t = makeTree({ 'main/src/app/x.go': 'x', 'main/README': 'r', 'sha/f': 'f' });
  try {
    git(t.abs('main'), 'init', '-q');
    git(t.abs('main'), 'add', '.');
    git(t.abs('main'), '-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-qm', 'x');
    const main = findRepository(t.abs('main/src'), diskFs)!;
    assert.equal(main.root, t.abs('main'));
    assert.deepEqual([...trackedPaths(main, diskFs)].sort(), ['README', 'src', 'src/app', 'src/app/x.go']);
    git(t.abs('main'), 'worktree', 'add', '-q', t.abs('linked'));
    const linked = findRepository(t.abs('linked'), diskFs)!;
    assert.equal(linked.commonDir, t.abs('main/.git'));
    assert.ok(trackedPaths(linked, diskFs).has('src/app/x.go'));
    git(t.abs('sha'), 'init', '-q', '--object-format=sha256');
    git(t.abs('sha'), 'add', 'f');
    assert.deepEqual([...trackedPaths(findRepository(t.abs('sha'), diskFs)!, diskFs)], ['f']);
  } finally {
    t.cleanup();
  }
});

test('bytes that are no index give no paths', () => {
  assert.equal(indexPaths(new Uint8Array([1, 2, 3])), undefined);
  assert.equal(indexPaths(new TextEncoder().encode('DIRX\0\0\0\x02\0\0\0\0')), undefined);
  const truncated = new Uint8Array([...new TextEncoder().encode('DIRC'), 0, 0, 0, 2, 0, 0, 0, 1, 0, 0]);
  assert.equal(indexPaths(truncated), undefined);
});
