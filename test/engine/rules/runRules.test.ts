import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runRules } from '../../../server/src/engine/rules/runRules';
import type { Rule, RuleContext } from '../../../server/src/engine/rules/types';
import type { Finding } from '../../../server/src/engine/types';
import { caseFile, dockerfileCase } from './harness';

/** A rule that reports every line containing `BAD`, on the Dockerfile (and optionally on .dockerignore). */
function badLines(id: string, alsoOn?: string): Rule {
  return {
    id,
    appliesTo: 'dockerfile',
    defaultSeverity: 'warning',
    description: 'test',
    check(ctx: RuleContext): Finding[] {
      const out: Finding[] = [];
      ctx.text.split('\n').forEach((l, line) => {
        const c = l.indexOf('BAD');
        if (c >= 0)
          out.push({
            ruleId: id,
            severity: line === 0 ? 'error' : 'warning',
            file: ctx.file,
            range: { start: { line, character: c }, end: { line, character: c + 3 } },
            message: `m${line}`,
            fixes: [],
          });
      });
      if (alsoOn)
        out.push({
          ruleId: id,
          severity: 'hint',
          file: alsoOn,
          range: { start: { line: 1, character: 0 }, end: { line: 1, character: 1 } },
          message: 'elsewhere',
          fixes: [],
        });
      return out;
    },
  };
}

const lines = (fs: Finding[]): Array<[string, number]> => fs.map((f) => [f.ruleId, f.range.start.line]);

test('findings are sorted by file, position, rule', () => {
  const ctx = dockerfileCase({ dockerfile: 'BAD\nok\nx BAD', ignore: ['a', 'b'] });
  const ignoreFile = caseFile(ctx, '.dockerignore');
  const r = runRules(ctx, [badLines('zeta', ignoreFile), badLines('alpha')]);
  assert.deepEqual(lines(r.findings), [
    ['zeta', 1],
    ['alpha', 0],
    ['zeta', 0],
    ['alpha', 2],
    ['zeta', 2],
  ]);
  assert.equal(r.findings[0]!.file, ignoreFile);
});

test('settings: off drops a rule, a level overrides every finding of it, others keep their own', () => {
  const ctx = dockerfileCase({ dockerfile: 'BAD\nBAD', settings: { rules: { a: 'off', b: 'info' } } });
  const r = runRules(ctx, [badLines('a'), badLines('b'), badLines('c')]);
  assert.deepEqual(
    r.findings.map((f) => `${f.ruleId}:${f.severity}`),
    ['b:info', 'c:error', 'b:info', 'c:warning'],
  );
});

test('# buildctx-ignore on the line above suppresses the named rules only (bare: all)', () => {
  const text = 'FROM x\n# buildctx-ignore a, b\nBAD\n#buildctx-ignore\nRUN BAD\n# buildctx-ignore c\nBAD\nBAD';
  const r = runRules(dockerfileCase({ dockerfile: text }), [badLines('a'), badLines('b'), badLines('c')]);
  assert.deepEqual(lines(r.findings), [
    ['c', 2],
    ['a', 6],
    ['b', 6],
    ['a', 7],
    ['b', 7],
    ['c', 7],
  ]);
});

test('suppression sits above the whole instruction when the finding is on a continuation line', () => {
  const text = 'FROM x\n# buildctx-ignore a\nRUN echo \\\n  hi \\\n  BAD\nRUN BAD';
  assert.deepEqual(lines(runRules(dockerfileCase({ dockerfile: text }), [badLines('a')]).findings), [['a', 5]]);
});

test('suppression in the other file a finding is shown on', () => {
  const ctx = dockerfileCase({ dockerfile: 'BAD', ignore: ['# buildctx-ignore z', 'vendor'] });
  assert.deepEqual(lines(runRules(ctx, [badLines('z', caseFile(ctx, '.dockerignore'))]).findings), [['z', 0]]);
});

test('a rule that throws is reported as a failure and the others still run', () => {
  const boom: Rule = {
    id: 'boom',
    appliesTo: 'dockerfile',
    defaultSeverity: 'error',
    description: '',
    check() {
      throw new Error('kaput');
    },
  };
  const ctx = dockerfileCase({ dockerfile: 'BAD' });
  const r = runRules(ctx, [boom, badLines('ok')]);
  assert.deepEqual(r.failures, [{ ruleId: 'boom', file: ctx.file, message: 'kaput' }]);
  assert.deepEqual(lines(r.findings), [['ok', 0]]);
});

test('rules for the other file kind are not run', () => {
  const ignoreRule: Rule = { ...badLines('i'), appliesTo: 'ignorefile' };
  assert.deepEqual(runRules(dockerfileCase({ dockerfile: 'BAD' }), [ignoreRule]).findings, []);
});
