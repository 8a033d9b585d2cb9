// Conformance: every case of the shared corpus (verdicts computed with Docker's own Go code and
// replayed through real docker CLIs) against our reader and matcher. Target: 100% agreement.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { readIgnoreFile } from '../../../server/src/engine/dockerignore/read';
import { IgnoreSyntaxError, builderErrorMessage, isExcluded } from '../../../server/src/engine/dockerignore/match';
import type { Builder } from '../../../server/src/engine/types';

interface Verdict {
  excluded: boolean | null;
  error?: string;
}
interface Case {
  id: number;
  tag: string;
  patterns: string[];
  path: string;
  isDir: boolean;
  readAll: string[];
  verdicts: Record<string, Verdict>;
}

const corpusFile = path.join(__dirname, '..', '..', 'fixtures', 'dockerignore', 'corpus.jsonl');
const cases: Case[] = fs
  .readFileSync(corpusFile, 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '')
  .map((l) => JSON.parse(l));

function ours(c: Case, builder: Builder): Verdict {
  const parsed = readIgnoreFile(c.patterns.join('\n'), builder);
  try {
    return { excluded: isExcluded(parsed.patterns, c.path, c.isDir, builder) };
  } catch (e) {
    if (!(e instanceof IgnoreSyntaxError)) throw e;
    return { excluded: null, error: builderErrorMessage(e, builder) };
  }
}

test('the corpus is complete (2,378 cases, errors included)', () => {
  assert.equal(cases.length, 2378);
  assert.ok(cases.filter((c) => c.verdicts.classic.excluded === null).length >= 10);
});

test("reader: every case yields exactly ReadAll's patterns", () => {
  const wrong: string[] = [];
  for (const c of cases) {
    const got = readIgnoreFile(c.patterns.join('\n')).patterns.map((p) => p.source);
    if (JSON.stringify(got) !== JSON.stringify(c.readAll))
      wrong.push(`#${c.id} ${JSON.stringify(c.patterns)}: ${JSON.stringify(got)}`);
  }
  console.log(`readAll agreement: ${cases.length - wrong.length}/${cases.length}`);
  assert.deepEqual(wrong, []);
});

for (const builder of ['buildkit', 'classic'] as const) {
  test(`matcher: every ${builder} verdict agrees, errors included`, () => {
    const wrong: string[] = [];
    let errors = 0;
    for (const c of cases) {
      const want = c.verdicts[builder];
      const got = ours(c, builder);
      if (want.excluded === null) errors++;
      const same = got.excluded === want.excluded && (want.excluded !== null || got.error === want.error);
      if (!same)
        wrong.push(
          `#${c.id} ${JSON.stringify(c.patterns)} ${JSON.stringify(c.path)}: want ${JSON.stringify(want)}, got ${JSON.stringify(got)}`,
        );
    }
    console.log(`${builder} agreement: ${cases.length - wrong.length}/${cases.length} (${errors} build failures)`);
    assert.deepEqual(wrong, []);
  });
}

test('buildkit and classic really differ on the corpus (the walk policies are not the same code)', () => {
  const differing = cases.filter(
    (c) => c.verdicts.buildkit.excluded !== c.verdicts.classic.excluded && c.verdicts.classic.excluded !== null,
  );
  assert.ok(differing.length >= 20);
  for (const c of differing) assert.notEqual(ours(c, 'buildkit').excluded, ours(c, 'classic').excluded, `#${c.id}`);
});
