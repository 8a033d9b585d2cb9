import { test } from 'node:test';
import assert from 'node:assert/strict';
import { invalidPattern } from '../../../server/src/engine/rules/invalid-pattern';
import { ignoreFileCase, runRule } from './helpers';

test("patterns Docker rejects are errors with Docker's own message, on their line and columns", () => {
  const { t, ctx } = ignoreFileCase({ '.dockerignore': 'ok\n  [\n!\nfoo\\\n', ok: 'x' });
  try {
    const found = runRule(invalidPattern, ctx);
    assert.deepEqual(
      found.map((f) => [f.severity, f.range.start.line, f.range.start.character, f.message]),
      [
        ['error', 1, 2, 'syntax error in pattern'],
        ['error', 2, 0, 'illegal exclusion pattern: "!"'],
        ['error', 3, 0, 'syntax error in pattern'],
      ],
    );
  } finally {
    t.cleanup();
  }
});

test('a pattern whose regexp fails is an error once the scan evaluates it, a warning while nothing reaches it', () => {
  const hit = ignoreFileCase({ '.dockerignore': 'x\n![z-a]\n', x: 'x' });
  const miss = ignoreFileCase({ '.dockerignore': 'x\n![z-a]\n', y: 'y' });
  try {
    const [a] = runRule(invalidPattern, hit.ctx);
    assert.equal(a?.severity, 'error');
    assert.equal(a?.range.start.line, 1);
    const [b] = runRule(invalidPattern, miss.ctx);
    assert.equal(b?.severity, 'warning');
    assert.match(b!.message, /as soon as this pattern is evaluated/);
  } finally {
    hit.t.cleanup();
    miss.t.cleanup();
  }
});

test('valid patterns, comments and escapes are not reported', () => {
  const { t, ctx } = ignoreFileCase({ '.dockerignore': '# [ comment\n\\[x\\]\n**/*.log\n!keep.log\n[a-z]*\n' });
  try {
    assert.deepEqual(runRule(invalidPattern, ctx), []);
  } finally {
    t.cleanup();
  }
});
