// The worker's flat scan must be the in-memory scan, field for field, once decoded: same
// entries, verdicts, per-directory totals, pattern stats, errors and fatal error.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { execFileSync } from 'node:child_process';
import { scanContextSync, type ScanOptions } from '../../../../server/src/engine/context/scan/scan';
import { scanContextFlat } from '../../../../server/src/engine/context/worker/flat';
import { decodeScan } from '../../../../server/src/engine/context/worker/decode';
import { BUILDERS } from '../../../../server/src/engine/types';
import { makeTree, normalised } from '../helpers';

const noPause = async (): Promise<void> => {};
const flat = (opts: ScanOptions) => decodeScan(scanContextFlat(opts).encoded, noPause);

const TREE = makeTree({
  'a/b/c.txt': 1,
  'a/b/keep': 2,
  'a/keep': 3,
  'a/x.log': 4,
  'ab/a': 5,
  'b/a/b': 6,
  'b/keep/x': 7,
  keep: 8,
  'x.log': 9,
  '.a/b': 10,
  'b b/a.b': 11,
  Dockerfile: 'FROM x\n',
  'e/f/g/h/i': 12,
  empty: { dir: true },
  link: { link: 'a/b' },
});

const atom = fc.constantFrom(
  'a',
  'b',
  'ab',
  'keep',
  '*',
  '**',
  '?',
  '*.log',
  '.a',
  'b b',
  'a.b',
  '[ab]',
  'Dockerfile',
  'e/f',
  '[z-a]',
);
const pattern = fc
  .tuple(fc.boolean(), fc.array(atom, { minLength: 1, maxLength: 3 }), fc.constantFrom('', '/', '/**'))
  .map(([neg, parts, tail]) => `${neg ? '!' : ''}${parts.join('/')}${tail}`);

test('the flat scan decodes to the in-memory scan for any patterns and every builder', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(pattern, { maxLength: 6 }), async (lines) => {
      for (const builder of BUILDERS) {
        const opts = {
          contextDir: TREE,
          builder,
          ignoreFile: path.join(TREE, '.dockerignore'),
          ignoreText: lines.join('\n'),
          dockerfile: path.join(TREE, 'Dockerfile'),
        };
        assert.deepEqual(
          normalised(await flat(opts)),
          normalised(scanContextSync(opts)),
          `${builder} ${JSON.stringify(lines)}`,
        );
      }
    }),
    { seed: 7, numRuns: 150 },
  );
});

test('a pattern that fails on first use makes both scans fail the same way, deciding nothing', async () => {
  // `[z-a]` only fails when a path reaches it (SEMANTICS.md §10).
  const opts = {
    contextDir: TREE,
    builder: 'buildkit' as const,
    ignoreFile: path.join(TREE, '.dockerignore'),
    ignoreText: 'x.log\na/[z-a]\n',
  };
  const sync = scanContextSync(opts);
  assert.ok(sync.fatal, 'the in-memory scan reports the late failure');
  const back = await flat(opts);
  assert.deepEqual(normalised(back), normalised(sync));
  assert.equal(back.excluded.files, 0);
});

test('a missing context, an unreadable ignore file and an unreadable directory read the same', async () => {
  const missing = { contextDir: path.join(TREE, 'nope'), builder: 'buildkit' as const, ignoreFile: null };
  assert.deepEqual(normalised(await flat(missing)), normalised(scanContextSync(missing)));
  const dir = makeTree({ '.dockerignore': { dir: true }, 'x/y': 1, z: 2 });
  const hooks = {
    beforeReaddir: (_abs: string, rel: string) => {
      if (rel === 'x') throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
    },
  };
  const opts = { contextDir: dir, builder: 'classic' as const, ignoreFile: path.join(dir, '.dockerignore'), hooks };
  const sync = scanContextSync(opts);
  assert.ok(sync.fatal && sync.errors.length === 1, 'the in-memory scan notes both problems');
  const back = await flat(opts);
  assert.deepEqual(normalised(back), normalised(sync));
  assert.match(back.root.dirs.get('x')?.error ?? '', /permission denied/);
  assert.ok(fs.existsSync(dir));
});

test("hostile trees read the same through the worker's scan: links, loops, FIFOs, odd names, deep nesting, a vanishing file", async () => {
  const deep = Array.from({ length: 1000 }, () => 'd').join('/');
  const names = ['ünï cödé 😀.txt', 'new\nline', ' lead and trail ', '\uFEFFbom', 'back\\slash'];
  const dir = makeTree({
    ...Object.fromEntries(names.map((n, i) => [`n/${n}`, i + 1])),
    [`${deep}/leaf`]: 9,
    'loop/self': { link: '.' },
    dangling: { link: 'nowhere' },
    out: { link: '/etc' },
    gone: 5,
  });
  fs.writeFileSync(Buffer.concat([Buffer.from(`${path.join(dir, 'n')}/`), Buffer.from([0x62, 0xff, 0xfe])]), 'xyz');
  execFileSync('mkfifo', [path.join(dir, 'pipe')]);
  let removed = false;
  // Recreated before each scan, removed between readdir and lstat of the root.
  const hooks = {
    afterReaddir: (_abs: string, rel: string) => {
      if (rel === '' && !removed) {
        fs.rmSync(path.join(dir, 'gone'));
        removed = true;
      }
    },
  };
  const opts = {
    contextDir: dir,
    builder: 'buildkit' as const,
    ignoreFile: null,
    ignoreText: 'd/d/d\n!d/d/d/d\nn/*.txt\n',
    hooks,
  };
  const sync = scanContextSync(opts);
  fs.writeFileSync(path.join(dir, 'gone'), 'again');
  removed = false;
  const back = await flat(opts);
  assert.deepEqual(normalised(back), normalised(sync));
  assert.equal(back.root.dirs.get('n')?.files.get('b\uFFFD\uFFFD')?.size, 3);
  assert.equal(back.root.files.get('pipe')?.kind, 'other');
  assert.equal(back.root.dirs.get('loop')?.files.get('self')?.kind, 'symlink');
  assert.ok(
    back.errors.some((e) => e.code === 'ENOENT' && e.path === 'gone'),
    'the vanished file is noted',
  );
});
