// Whole-tree rule work runs in the background once a language server opts in (issue 7: a 1M-file
// tree must not hold the event loop): each rule that needs it is silent at first, then, when the
// work lands, reports exactly what the CLI computes at once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Finding } from '../../server/src/engine/types';
import { gitignoredInContext } from '../../server/src/engine/rules/gitignored-in-context';
import { heavyDirectoryInContext } from '../../server/src/engine/rules/heavy-directory-in-context';
import { missingIgnoreFile } from '../../server/src/engine/rules/missing-ignore-file';
import { secretInContext } from '../../server/src/engine/rules/secret-in-context';
import { Scheduler } from '../../server/src/engine/background/scheduler';
import { TreeWork } from '../../server/src/engine/background/treeWork';
import { sentSecrets } from '../../server/src/engine/rules/support/secrets';
import { rematch } from '../../server/src/engine/context/scan/scan';
import { buildFor, diskFs, dockerfileCtx, makeTree, runRule } from '../engine/rules/helpers';

/** No ignore file, so the fixes create the recommended one, which needs every background result. */
const TREE = {
  Dockerfile: 'FROM node\nCOPY . .\n',
  '.gitignore': 'dist/\n',
  '.env': 'API_TOKEN=9f8e7d6c5b4a3928-q7Zr',
  'dist/a.js': 'a',
  'node_modules/x/i.js': 'x',
  'src/i.js': 'i',
};

for (const rule of [secretInContext, heavyDirectoryInContext, gitignoredInContext, missingIgnoreFile]) {
  test(`${rule.id}: silent until the background work lands, then what the CLI reports at once`, async () => {
    const t = makeTree(TREE);
    const check = (ctx: ReturnType<typeof dockerfileCtx>): Finding[] => runRule(rule, ctx);
    try {
      const atOnce = check(dockerfileCtx([buildFor({ contextDir: t.dir })]));
      assert.ok(atOnce.length > 0, 'the CLI reports at once');
      let heard = 0;
      const work = new TreeWork({
        scheduler: new Scheduler(),
        onReady: () => {
          heard++;
        },
      });
      const ctx = dockerfileCtx([buildFor({ contextDir: t.dir })], {}, undefined, work);
      assert.deepEqual(check(ctx), [], 'silent while the tree work runs');
      assert.ok(work.pending());
      // Some results need others first (where the .gitignore files are, then their verdicts),
      // so check again until a check starts no more work, as the server's re-checks do.
      let found: Finding[];
      do {
        await work.done();
        found = check(ctx);
      } while (work.pending());
      assert.ok(heard > 0, 'the server hears when results land, to re-check');
      assert.deepEqual(found, atOnce);
    } finally {
      t.cleanup();
    }
  });
}

test('a newer scan of the same build (a re-match) supersedes the background work of the older one', async () => {
  const t = makeTree(TREE);
  const landed: unknown[] = [];
  const work = new TreeWork({
    scheduler: new Scheduler(),
    onReady: (scan) => {
      landed.push(scan);
    },
  });
  try {
    const older = buildFor({ contextDir: t.dir }).scan!;
    assert.equal(sentSecrets(work, older, diskFs), undefined, 'queued');
    const newer = rematch(older, null);
    assert.equal(sentSecrets(work, newer, diskFs), undefined, 'queued, replacing the older job');
    await work.done();
    assert.deepEqual(landed, [newer], 'only the newer scan got results');
    assert.deepEqual(
      sentSecrets(work, newer, diskFs)?.map((s) => s.path),
      ['.env'],
    );
  } finally {
    t.cleanup();
  }
});
