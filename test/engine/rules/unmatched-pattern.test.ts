import { test } from 'node:test';
import assert from 'node:assert/strict';
import { unmatchedPattern } from '../../../server/src/engine/rules/unmatched-pattern';
import { applyFixes, assertSameTree, buildFor, copyFixture, fixtureDir, ignoreFileCase, ignoreFileCtx, makeTree, runRule } from './helpers';

test('a pattern that matches nothing is a hint, tagged unnecessary, whose removal is offered but not safe', () => {
  const { t, ctx } = ignoreFileCase({ '.dockerignore': '.git\ncoverage.out\nsrc/*.tmp\n../up\nsrc/main.go/x\n', 'src/main.go': 'x', up: 'u' });
  try {
    const found = runRule(unmatchedPattern, ctx);
    // A pattern still starting with '..' after Docker's Clean can never match (SEMANTICS.md §8).
    assert.deepEqual(found.map((f) => f.message), ['`.git` matches nothing in the context', '`coverage.out` matches nothing in the context',
      '`src/*.tmp` matches nothing in the context', '`../up` matches nothing in the context', '`src/main.go/x` matches nothing in the context']);
    for (const f of found) {
      assert.equal(f.severity, 'hint');
      assert.deepEqual(f.tags, ['unnecessary']);
      assert.equal(f.fixes[0]!.safe, false);
    }
  } finally { t.cleanup(); }
});

test('matching counts even when a later pattern decides, for an empty directory, and inside excluded directories', () => {
  const { t, ctx } = ignoreFileCase({
    '.dockerignore': 'build/x\nbuild\nempty\ndeps\ndeps/inner\n',
    'build/x': 'x', 'empty/': 0, 'deps/inner/a': 'a',
  });
  try { assert.deepEqual(runRule(unmatchedPattern, ctx), []); } finally { t.cleanup(); }
});

test('a root-only name that matches deeper down is root-anchored-pattern\'s finding, not this one; negations are not judged here', () => {
  const { t, ctx } = ignoreFileCase({ '.dockerignore': '*.log\n!nothing\n', 'logs/a.log': 'x' });
  try { assert.deepEqual(runRule(unmatchedPattern, ctx), []); } finally { t.cleanup(); }
});

test('when several contexts share the file (a per-Dockerfile ignore file), unmatched means unmatched in all of them', () => {
  const t = makeTree({ 'df/app.Dockerfile': 'FROM scratch\nCOPY . .\n', 'df/app.Dockerfile.dockerignore': 'x\ny\n', 'a/x': 'x', 'b/z': 'z' });
  try {
    const file = t.abs('df/app.Dockerfile.dockerignore');
    const builds = ['a', 'b'].map((d) => buildFor({ contextDir: t.abs(d), dockerfile: t.abs('df/app.Dockerfile') }));
    assert.deepEqual(builds.map((b) => b.ignoreFile), [file, file]);
    assert.deepEqual(runRule(unmatchedPattern, ignoreFileCtx(file, builds)).map((f) => f.range.start.line), [1]);
    assert.deepEqual(runRule(unmatchedPattern, ignoreFileCtx(file, [builds[1]!])).map((f) => f.range.start.line), [0, 1]);
  } finally { t.cleanup(); }
});

test('silent while the context is being scanned', () => {
  const t = makeTree({ Dockerfile: 'FROM scratch\nCOPY . .\n', '.dockerignore': 'nothing-here\n' });
  try {
    const scanning = buildFor({ contextDir: t.dir, scan: false });
    assert.deepEqual(runRule(unmatchedPattern, ignoreFileCtx(t.abs('.dockerignore'), [scanning])), []);
    assert.equal(runRule(unmatchedPattern, ignoreFileCtx(t.abs('.dockerignore'), [buildFor({ contextDir: t.dir })])).length, 1);
  } finally { t.cleanup(); }
});

test('fixture: the quick fix removes the line, keeping the file\'s CRLF', () => {
  const t = copyFixture('unmatched-pattern');
  try {
    const found = runRule(unmatchedPattern, ignoreFileCtx(t.abs('.dockerignore'), [buildFor({ contextDir: t.dir })]));
    assert.equal(found.length, 1);
    applyFixes(found, { all: true });
    assertSameTree(t.dir, fixtureDir('unmatched-pattern', 'expected'));
  } finally { t.cleanup(); }
});
