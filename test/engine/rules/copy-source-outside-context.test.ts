import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copySourceOutsideContext } from '../../../server/src/engine/rules/copy-source-outside-context';
import { leavesContext } from '../../../server/src/engine/rules/support/copySources';
import { copySourceMissing } from '../../../server/src/engine/rules/copy-source-missing';
import { DOCKERFILE_RULES } from '../../../server/src/engine/rules';
import { runRules } from '../../../server/src/engine/rules/runRules';
import { dockerfileCase, findings, type CtxOptions } from './harness';

const FILES = { 'go.mod': 'module m\n', 'src/a.go': 'package a\n', 'x.txt': 'x' };
const opts = (dockerfile: string, extra: Partial<CtxOptions> = {}): CtxOptions => ({
  dockerfile,
  files: FILES,
  ...extra,
});
const found = (o: CtxOptions): string[] =>
  findings(copySourceOutsideContext, o).map((f) => `${f.range.start.line}:${f.range.start.character} ${f.severity}`);

test('leavesContext is lexical, like filepath.Join of the context root and the source', () => {
  for (const v of ['..', '../x', '../../go.mod', 'a/../../x', './../x', '/../x', 'a/b/../../../x'])
    assert.equal(leavesContext(v), true, v);
  for (const v of ['.', 'x', '/x', '/', 'a/../x', 'a/b/../../x', '...', '..x', 'x/..', ''])
    assert.equal(leavesContext(v), false, v);
  assert.equal(leavesContext(null), false);
});

test('classic: any source above the root is an error, whatever the clamped path holds', () => {
  const f = findings(copySourceOutsideContext, opts('FROM x\nCOPY ../x.txt ../nope /a/\n', { builder: 'classic' }));
  assert.deepEqual(
    f.map((x) => [x.range.start.character, x.severity]),
    [
      [5, 'error'],
      [14, 'error'],
    ],
  );
  assert.match(
    f[0]!.message,
    /COPY source `\.\.\/x\.txt` is outside the build context: the classic builder refuses it \("forbidden path outside the build context"\)/,
  );
});

test('BuildKit: clamped to a missing path is an error, to an existing one a warning naming it', () => {
  const f = findings(copySourceOutsideContext, opts('FROM x\nCOPY ../x.txt /a\nADD ../../nope /b\n'));
  assert.deepEqual(
    f.map((x) => `${x.range.start.line} ${x.severity}`),
    ['1 warning', '2 error'],
  );
  assert.match(f[0]!.message, /silently copy `x\.txt` at the context root instead/);
  assert.match(
    f[1]!.message,
    /ADD source `\.\.\/\.\.\/nope`.*read it as `nope` at the context root, which does not exist/,
  );
});

test('`..` alone is the whole context for BuildKit, refused by classic', () => {
  assert.deepEqual(found(opts('FROM x\nCOPY .. /app\n')), ['1:5 warning']);
  assert.deepEqual(found(opts('FROM x\nCOPY .. /app\n', { builder: 'classic' })), ['1:5 error']);
  assert.match(findings(copySourceOutsideContext, opts('FROM x\nCOPY .. /app\n'))[0]!.message, /the whole context/);
});

test('negative: absolute sources, `..` that stays inside, --from, URLs, unresolved variables', () => {
  const df =
    'FROM x AS b\nFROM y\nCOPY /x.txt src/../go.mod /a/\nCOPY --from=b ../etc /e\nADD https://example.com/../f /f\nCOPY $UNSET/../../x /u\n';
  assert.deepEqual(found(opts(df)), []);
  assert.deepEqual(found(opts(df, { builder: 'classic' })), []);
});

test('variables are substituted before the check', () => {
  assert.deepEqual(found(opts('FROM x\nARG UP=..\nCOPY ${UP}/x.txt /a\n', { builder: 'classic' })), ['2:5 error']);
});

test('a wildcard clamped to nothing fails under BuildKit', () => {
  assert.deepEqual(found(opts('FROM x\nCOPY ../*.go ../src/*.go /a/\n')), ['1:5 error', '1:13 warning']);
});

test('podman clamps like BuildKit', () => {
  assert.deepEqual(found(opts('FROM x\nCOPY ../x.txt ../nope /a/\n', { builder: 'podman' })), [
    '1:5 warning',
    '1:14 error',
  ]);
});

test('copy-source-missing does not report the same source again; the registry reports it once', () => {
  const o = opts('FROM x\nCOPY ../nope missing.txt /a/\n');
  assert.deepEqual(
    findings(copySourceMissing, o).map((f) => f.range.start.character),
    [13],
  );
  const all = runRules(dockerfileCase(o), DOCKERFILE_RULES).findings.map(
    (f) => `${f.ruleId}@${f.range.start.character}`,
  );
  assert.deepEqual(all, ['copy-source-outside-context@5', 'copy-source-missing@13']);
});

test('without a build nothing is reported (the context is unknown)', () => {
  const ctx = dockerfileCase(opts('FROM x\nCOPY ../x /a\n'));
  assert.deepEqual(copySourceOutsideContext.check({ ...ctx, builds: [] }), []);
});
