import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { rematch, scanContextSync } from '../../../../server/src/engine/context/scan/scan';
import { applyFsChange, type FsChange } from '../../../../server/src/engine/context/scan/incremental';
import type { Builder } from '../../../../server/src/engine/types';
import { makeTree, normalised, writeSpec } from '../helpers';

const fresh = (dir: string, builder: Builder = 'buildkit', ignoreText?: string, dockerfile?: string) =>
  scanContextSync({ contextDir: dir, builder, ignoreFile: path.join(dir, '.dockerignore'), ignoreText, dockerfile });

const IGNORE = 'vendor\n!vendor/keep/**\n*.log\nbuild/\n!build/keep.txt\n';

test('incremental updates equal a full rescan, step by step', () => {
  const dir = makeTree({
    'src/a.go': 10,
    'vendor/x/y.go': 20,
    'vendor/keep/k.go': 5,
    'b.log': 3,
    'build/out': 7,
    '.dockerignore': IGNORE,
  });
  for (const builder of ['buildkit', 'classic'] as Builder[]) {
    const s = fresh(dir, builder);
    const steps: Array<[() => void, string, FsChange]> = [
      [() => writeSpec(dir, { 'src/new.go': 11 }), 'src/new.go', 'created'],
      [() => fs.truncateSync(path.join(dir, 'src/a.go'), 1000), 'src/a.go', 'changed'],
      [() => fs.rmSync(path.join(dir, 'b.log')), 'b.log', 'deleted'],
      [() => writeSpec(dir, { 'c.log': 4 }), 'c.log', 'created'],
      [() => writeSpec(dir, { 'vendor/keep/deep/n.go': 6 }), 'vendor/keep/deep', 'created'],
      [() => writeSpec(dir, { 'build/keep.txt': 2 }), 'build/keep.txt', 'created'],
      [() => writeSpec(dir, { 'newdir/a/b': 8, 'newdir/c': 9 }), 'newdir', 'created'],
      [() => fs.rmSync(path.join(dir, 'vendor/x'), { recursive: true }), 'vendor/x', 'deleted'],
      [() => writeSpec(dir, { 'other/sub/f': 12 }), 'other/sub/f', 'created'],
      [() => writeSpec(dir, { lnk: { link: 'src' } }), 'lnk', 'created'],
    ];
    for (const [mutate, rel, change] of steps) {
      mutate();
      applyFsChange(s, path.join(dir, rel), change);
      assert.deepEqual(normalised(s), normalised(fresh(dir, builder)), `${builder} after ${change} ${rel}`);
    }
    // Undo for the next builder.
    fs.rmSync(dir, { recursive: true });
    writeSpec(dir, {
      'src/a.go': 10,
      'vendor/x/y.go': 20,
      'vendor/keep/k.go': 5,
      'b.log': 3,
      'build/out': 7,
      '.dockerignore': IGNORE,
    });
  }
});

test('events outside the context, for unknown deletions or for vanished paths change nothing wrongly', () => {
  const dir = makeTree({ 'a/b': 1 });
  const s = fresh(dir);
  applyFsChange(s, path.join(dir, '..', 'elsewhere'), 'created');
  applyFsChange(s, path.join(dir, 'never/existed'), 'deleted');
  applyFsChange(s, path.join(dir, 'a/ghost'), 'created'); // event for a file already gone again
  assert.deepEqual(normalised(s), normalised(fresh(dir)));
});

test('property: any sequence of disk changes applied incrementally equals a rescan', () => {
  const names = ['a', 'b', 'c.log', 'keep'];
  const relPath = fc.array(fc.constantFrom(...names), { minLength: 1, maxLength: 3 }).map((p) => p.join('/'));
  const op = fc.record({ rel: relPath, kind: fc.constantFrom('file', 'dir', 'rm'), size: fc.nat(50) });
  const patterns = fc.array(fc.constantFrom('a', '*.log', '!a/keep', 'b/**', '!**/keep', 'a/b', '**/c.log', '!b/a'), {
    maxLength: 4,
  });
  fc.assert(
    fc.property(
      fc.array(op, { minLength: 1, maxLength: 8 }),
      patterns,
      fc.constantFrom<Builder>('buildkit', 'classic'),
      (ops, pats, builder) => {
        const dir = makeTree({ 'a/b': 1, keep: 2 });
        const text = pats.join('\n');
        const s = fresh(dir, builder, text);
        for (const o of ops) {
          const abs = path.join(dir, o.rel);
          if (!applyOp(dir, abs, o.kind, o.size)) continue;
          applyFsChange(s, abs, o.kind === 'rm' ? 'deleted' : 'created');
        }
        assert.deepEqual(normalised(s), normalised(fresh(dir, builder, text)));
        fs.rmSync(dir, { recursive: true });
      },
    ),
    { seed: 7, numRuns: 60 },
  );
});

/** Performs one random disk change; false when it cannot apply (a file in the way). */
function applyOp(dir: string, abs: string, kind: string, size: number): boolean {
  try {
    if (kind === 'rm') fs.rmSync(abs, { recursive: true, force: true });
    else if (kind === 'dir') {
      fs.rmSync(abs, { recursive: true, force: true });
      fs.mkdirSync(abs, { recursive: true });
      writeSpec(abs, { f: size });
    } else {
      fs.rmSync(abs, { recursive: true, force: true });
      fs.mkdirSync(path.dirname(abs), { recursive: true });
      writeSpec(dir, { [path.relative(dir, abs)]: size });
    }
    return true;
  } catch {
    return false;
  }
}

test('rematch equals a fresh scan with the new patterns, without touching the disk', () => {
  const dir = makeTree({
    'node_modules/x/i.js': 100,
    'src/a.ts': 5,
    'dist/b.js': 7,
    Dockerfile: 'FROM x\n',
    '.dockerignore': 'dist\n',
  });
  for (const builder of ['buildkit', 'classic', 'podman'] as Builder[]) {
    const s = fresh(dir, builder, undefined, path.join(dir, 'Dockerfile'));
    let cur = s;
    for (const text of [
      'node_modules\n',
      '*\n!src\n',
      'node_modules\n!node_modules/x/i.js\n',
      '[\n',
      'src/**\n',
      '',
      null,
    ]) {
      cur = rematch(cur, text);
      const dockerfile = path.join(dir, 'Dockerfile');
      const expected =
        text === null
          ? scanContextSync({ contextDir: dir, builder, ignoreFile: null, dockerfile })
          : fresh(dir, builder, text, dockerfile);
      assert.deepEqual(normalised(cur), normalised(expected), `${builder}: ${JSON.stringify(text)}`);
    }
  }
});

test('rematch works while the disk is gone: the tree is all it needs', () => {
  const dir = makeTree({ 'a/b': 3, c: 4 });
  const s = fresh(dir, 'buildkit', '');
  fs.rmSync(dir, { recursive: true });
  const r = rematch(s, 'a\n');
  assert.deepEqual(r.sent, { files: 1, bytes: 4 });
  assert.deepEqual(r.excluded, { files: 1, bytes: 3 });
  assert.deepEqual(r.patternStats[0].decided, { files: 1, bytes: 3 });
});

test('a new path that reaches a lazily failing pattern makes the scan fatal, as a rescan would', () => {
  const dir = makeTree({ y: 1 });
  const text = 'x\n![z-a]\n';
  const s = fresh(dir, 'buildkit', text);
  assert.equal(s.fatal, null);
  writeSpec(dir, { x: 2 });
  applyFsChange(s, path.join(dir, 'x'), 'created');
  assert.ok(s.fatal, 'fatal after x appears');
  assert.deepEqual(normalised(s), normalised(fresh(dir, 'buildkit', text)));
});
