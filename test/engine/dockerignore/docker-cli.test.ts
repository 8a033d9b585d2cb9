// A second oracle: 1,419 cases replayed through the real docker CLI 28.2.2 (classic builder)
// against a fake daemon that records the context it receives (fixtures/dockerignore/oracle/).
// They stress what the corpus barely touches: Go regexp escapes, classes, `{ | }`, BOMs.
// Unlike the corpus, each real context also holds the .dockerignore itself, which the walk
// visits too (so an invalid inclusion pattern fails the build), and the CLI appends
// `!.dockerignore` when the file is excluded (TrimBuildFilesFromExcludes).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { readIgnoreFile, type IgnorePattern } from '../../../server/src/engine/dockerignore/read';
import { IgnoreMatcher, IgnoreSyntaxError } from '../../../server/src/engine/dockerignore/match';

interface Case {
  patterns: string[];
  path: string;
  isDir: boolean;
  excluded: boolean | null;
  error?: string;
}
const file = path.join(__dirname, '..', '..', 'fixtures', 'dockerignore', 'docker-cli-28.2.2.jsonl');
const cases: Case[] = fs
  .readFileSync(file, 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '')
  .map((l) => JSON.parse(l));

const keepIgnoreFile: IgnorePattern = {
  pattern: '.dockerignore',
  negate: true,
  line: -1,
  start: 0,
  end: 0,
  raw: '!.dockerignore',
};

function classicContext(c: Case): { excluded: boolean | null; error?: string } {
  try {
    let patterns = readIgnoreFile(c.patterns.join('\n')).patterns;
    const first = IgnoreMatcher.compile(patterns, 'classic');
    let ignoreFileExcluded = false;
    try {
      ignoreFileExcluded = first.verdict('.dockerignore');
    } catch {
      /* the CLI ignores errors here */
    }
    if (ignoreFileExcluded) patterns = [...patterns, keepIgnoreFile];
    const m = IgnoreMatcher.compile(patterns, 'classic');
    m.verdict('.dockerignore');
    return { excluded: m.verdict(c.path) };
  } catch (e) {
    if (!(e instanceof IgnoreSyntaxError)) throw e;
    return { excluded: null, error: e.message };
  }
}

test('every verdict of the real docker CLI 28.2.2 is reproduced', () => {
  assert.ok(cases.length >= 1400);
  const wrong: string[] = [];
  for (const c of cases) {
    const got = classicContext(c);
    if (got.excluded !== c.excluded || got.error !== c.error)
      wrong.push(
        `${JSON.stringify(c.patterns)} ${JSON.stringify(c.path)}: want ${c.excluded ?? c.error}, got ${got.excluded ?? got.error}`,
      );
  }
  const kinds = [true, false, null].map((k) => cases.filter((c) => c.excluded === k).length);
  console.log(
    `docker CLI 28.2.2 agreement: ${cases.length - wrong.length}/${cases.length} (excluded ${kinds[0]}, sent ${kinds[1]}, build fails ${kinds[2]})`,
  );
  assert.deepEqual(wrong, []);
});
