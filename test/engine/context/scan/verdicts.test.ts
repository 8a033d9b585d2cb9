// The scan decides a whole tree in one walk; the matcher's `verdict` decides one path as if the
// context held only it and its ancestors. A path's fate depends only on its ancestors, so the
// two must agree on every file, for every builder (the corpus tests pin `verdict` to Docker).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { scanContextSync } from '../../../../server/src/engine/context/scan/scan';
import { excludedFiles, sentFiles } from '../../../../server/src/engine/context/queries';
import { IgnoreMatcher } from '../../../../server/src/engine/dockerignore/match';
import { readIgnoreFile } from '../../../../server/src/engine/dockerignore/read';
import { BUILDERS } from '../../../../server/src/engine/types';
import { makeTree } from '../helpers';

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
});

const atom = fc.constantFrom('a', 'b', 'ab', 'keep', '*', '**', '?', '*.log', '.a', 'b b', 'a.b', '[ab]', 'x.log');
const pattern = fc
  .tuple(fc.boolean(), fc.array(atom, { minLength: 1, maxLength: 3 }), fc.constantFrom('', '/', '/**'))
  .map(([neg, parts, tail]) => `${neg ? '!' : ''}${parts.join('/')}${tail}`);

test('every file of a scan gets the verdict the matcher gives it alone, for every builder', () => {
  fc.assert(
    fc.property(fc.array(pattern, { maxLength: 5 }), (lines) => {
      const text = lines.join('\n');
      for (const builder of BUILDERS) {
        const scan = scanContextSync({ contextDir: TREE, builder, ignoreFile: null, ignoreText: text });
        if (scan.fatal) continue;
        const m = IgnoreMatcher.compile(readIgnoreFile(text, builder).patterns, builder);
        for (const f of sentFiles(scan))
          assert.equal(m.verdict(f.path), false, `${builder} ${JSON.stringify(text)}: ${f.path} is sent`);
        for (const f of excludedFiles(scan))
          assert.equal(m.verdict(f.path), true, `${builder} ${JSON.stringify(text)}: ${f.path} is excluded`);
      }
    }),
    { seed: 11, numRuns: 300 },
  );
});
