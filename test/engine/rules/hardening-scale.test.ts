// The inputs bench/hardening.ts times (5,000 ignore patterns, a 10,000-line Dockerfile) check
// without a rule failure and report exactly the findings planted in them: no timing here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { CheckedTree } from '../../../server/src/engine/check/checkedTree';
import { DEFAULT_SETTINGS, type Finding } from '../../../server/src/engine/types';
import {
  DOCKERFILE_LINES,
  IGNORE_PATTERNS,
  PLANTED,
  dockerfileCaseFiles,
  dockerfileText,
  ignoreCaseFiles,
  ignoreText,
} from '../../../bench/hardeningInputs';
import { diskFs, makeTree } from './helpers';
import { readIgnoreFile } from '../../../server/src/engine/dockerignore/read';

function countByRule(findings: Finding[], file: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const f of findings) if (f.file === file) out[f.ruleId] = (out[f.ruleId] ?? 0) + 1;
  return out;
}

function check(files: Record<string, string>): { dir: string; findings: Finding[]; cleanup(): void } {
  const t = makeTree(files);
  const project = new CheckedTree({
    root: t.dir,
    settings: DEFAULT_SETTINGS,
    builder: 'buildkit',
    dockerfiles: [t.abs('Dockerfile')],
    fs: diskFs,
  });
  const r = project.check();
  assert.deepEqual(r.failures, []);
  return { dir: t.dir, findings: r.findings, cleanup: t.cleanup };
}

test('the generated inputs have the advertised size', () => {
  assert.equal(readIgnoreFile(ignoreText()).patterns.length, IGNORE_PATTERNS);
  assert.equal(dockerfileText().split('\n').length - 1, DOCKERFILE_LINES);
});

test('5,000-pattern ignore file: only the 5 covered and the 5 unmatched patterns are reported, on their lines', () => {
  const c = check({ ...ignoreCaseFiles(), '.dockerignore': ignoreText() });
  try {
    const file = path.join(c.dir, '.dockerignore');
    assert.deepEqual(countByRule(c.findings, file), PLANTED.ignore);
    const lines = (id: string): number[] =>
      c.findings.filter((f) => f.file === file && f.ruleId === id).map((f) => f.range.start.line);
    assert.deepEqual(lines('redundant-pattern'), [4990, 4991, 4992, 4993, 4994]);
    assert.deepEqual(lines('unmatched-pattern'), [4995, 4996, 4997, 4998, 4999]);
  } finally {
    c.cleanup();
  }
});

test('10,000-line Dockerfile: the planted missing, outside-context and -mod findings, each once, on their lines', () => {
  const c = check({ ...dockerfileCaseFiles(), Dockerfile: dockerfileText() });
  try {
    const file = path.join(c.dir, 'Dockerfile');
    assert.deepEqual(countByRule(c.findings, file), PLANTED.dockerfile);
    // Block k starts at line 1 + 5k; COPY is its 3rd line, RUN its 4th. Planted blocks: k = 250, 750, 1250, 1750.
    const planted = [250, 750, 1250, 1750];
    const lines = (id: string): number[] => c.findings.filter((f) => f.ruleId === id).map((f) => f.range.start.line);
    assert.deepEqual(
      lines('copy-source-missing'),
      planted.map((k) => 1 + 5 * k + 2),
    );
    assert.deepEqual(
      lines('copy-source-outside-context'),
      planted.map((k) => 1 + 5 * k + 2),
    );
    assert.deepEqual(
      lines('go-build-mod-flag'),
      planted.map((k) => 1 + 5 * k + 3),
    );
  } finally {
    c.cleanup();
  }
});
