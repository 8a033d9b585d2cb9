import { test } from 'node:test';
import assert from 'node:assert/strict';
import { redundantPattern } from '../../../server/src/engine/rules/redundant-pattern';
import {
  assertSameTree,
  buildFor,
  copyFixture,
  fixToFixpoint,
  fixtureDir,
  ignoreFileCase,
  ignoreFileCtx,
  runRule,
} from './helpers';
import { TreeWork } from '../../../server/src/engine/background/treeWork';

function lines(ignore: string): Array<[number, string]> {
  const { t, ctx } = ignoreFileCase({ '.dockerignore': ignore });
  try {
    return runRule(redundantPattern, ctx).map((f) => [f.range.start.line, f.message]);
  } finally {
    t.cleanup();
  }
}

test("duplicates, also after Docker's normalisation, are hints tagged unnecessary with a safe delete", () => {
  const { t, ctx } = ignoreFileCase({ '.dockerignore': 'vendor\n/vendor/\n.git\n' });
  try {
    const [f, ...rest] = runRule(redundantPattern, ctx);
    assert.equal(rest.length, 0);
    assert.equal(f!.severity, 'hint');
    assert.deepEqual(f!.tags, ['unnecessary']);
    assert.equal(f!.message, 'Duplicate of `vendor` on line 1');
    assert.deepEqual(f!.fixes[0]!.edits[0]!.edits, [
      { range: { start: { line: 1, character: 0 }, end: { line: 2, character: 0 } }, newText: '' },
    ]);
    assert.equal(f!.fixes[0]!.safe, true);
  } finally {
    t.cleanup();
  }
});

test('covered by an earlier pattern: a parent directory, a glob over the name, **/x over a written path', () => {
  assert.deepEqual(
    lines('vendor\nvendor/github.com\nvendor/**/*.go\n*.md\nREADME.md\n**/node_modules\nweb/node_modules\n'),
    [
      [1, 'Already covered by `vendor` on line 1: this line changes nothing'],
      [2, 'Already covered by `vendor` on line 1: this line changes nothing'],
      [4, 'Already covered by `*.md` on line 4: this line changes nothing'],
      [6, 'Already covered by `**/node_modules` on line 6: this line changes nothing'],
    ],
  );
});

test('a ! between the two can change the outcome, so neither is redundant', () => {
  assert.deepEqual(lines('a\n!a/b\na\nlogs\n!logs/keep\nlogs/keep/tmp\n'), []);
});

test('repeated negations with nothing but negations between them are redundant', () => {
  assert.deepEqual(lines('*\n!src\n!go.mod\n!src\n'), [[3, 'Duplicate of `!src` on line 2']]);
  assert.deepEqual(lines('*\n!src\nsrc/gen\n!src\n'), []);
});

test('not redundant: siblings, a narrower earlier pattern, anchors that differ', () => {
  assert.deepEqual(lines('vendor/a\nvendor\nnode_modules\nweb/node_modules\n*.log\nlogs/*.log\n'), []);
});

test("fixture: two redundant lines removed in CRLF, the file's last line without newline, idempotent", () => {
  const t = copyFixture('redundant-pattern');
  try {
    const run = () =>
      runRule(redundantPattern, ignoreFileCtx(t.abs('.dockerignore'), [buildFor({ contextDir: t.dir })]));
    assert.equal(run().length, 2);
    assert.ok(fixToFixpoint(run) >= 1);
    assertSameTree(t.dir, fixtureDir('redundant-pattern', 'expected'));
    assert.deepEqual(run(), []);
  } finally {
    t.cleanup();
  }
});

test('property: looking covering patterns up finds the same earliest one as testing every earlier pattern', async () => {
  const fc = (await import('fast-check')).default;
  const { readIgnoreFile } = await import('../../../server/src/engine/dockerignore/read');
  const { covers } = await import('../../../server/src/engine/rules/redundant-pattern');
  const { directMatcher } = await import('../../../server/src/engine/rules/support/match');
  const { DEFAULT_SETTINGS } = await import('../../../server/src/engine/types');
  // Glob syntax only: a head with regexp syntax (`a+` for buildah, `a|b`) is not literal, and
  // patterns without a name key are still looked up by that head.
  const seg = fc.constantFrom(
    'a',
    'b',
    'ab',
    'a.log',
    'b.log',
    '*',
    '*.log',
    'a*',
    '*b',
    '?',
    'a?',
    '**',
    '[ab]',
    '\\*',
    'a*b',
    'é',
  );
  const line = fc
    .tuple(fc.constantFrom('', '', '', '!', '/'), fc.array(seg, { minLength: 1, maxLength: 3 }))
    .map(([pre, segs]) => pre + segs.join('/'));
  const builder = fc.constantFrom('buildkit' as const, 'podman' as const);
  fc.assert(
    fc.property(fc.array(line, { maxLength: 25 }), builder, (lines, b) => {
      const text = `${lines.join('\n')}\n`;
      const parsed = readIgnoreFile(text, b);
      const ctx = {
        kind: 'ignorefile' as const,
        file: '/ctx/.dockerignore',
        text,
        parsed,
        builds: [],
        settings: { ...DEFAULT_SETTINGS, builder: b },
        fs: { readText: () => undefined, readBytes: () => undefined, exists: () => false },
        work: new TreeWork(),
      };
      const got = redundantPattern
        .check(ctx)
        .filter((f) => !parsed.patterns.find((p) => p.line === f.range.start.line)!.negate)
        .map((f) => [f.range.start.line, f.message]);
      const want: Array<[number, string]> = [];
      let since = 0;
      parsed.patterns.forEach((p, j) => {
        if (p.negate) {
          since = j + 1;
          return;
        }
        if (p.error || p.lazyError) return;
        const e = parsed.patterns
          .slice(since, j)
          .find((q) => !q.error && !q.lazyError && covers(q, directMatcher(q, b), p));
        if (e)
          want.push([
            p.line,
            e.pattern === p.pattern
              ? `Duplicate of \`${e.raw.trim()}\` on line ${e.line + 1}`
              : `Already covered by \`${e.raw.trim()}\` on line ${e.line + 1}: this line changes nothing`,
          ]);
      });
      assert.deepEqual(got, want, text);
    }),
    { seed: 11, numRuns: 600 },
  );
});
