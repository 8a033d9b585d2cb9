// podman's model against real buildah 1.28.2 (Debian bookworm): corpus cases replayed with
// fixtures/dockerignore/oracle/replay-buildah.mjs (COPY . /c/, then look at what arrived).
// As in a real context, the .dockerignore itself is there too, and buildah matches it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { readIgnoreFile } from '../../../server/src/engine/dockerignore/read';
import { IgnoreMatcher, IgnoreSyntaxError } from '../../../server/src/engine/dockerignore/match';

interface Case {
  id: number;
  patterns: string[];
  path: string;
  isDir: boolean;
  buildah: boolean | string;
}
const file = path.join(__dirname, '..', '..', 'fixtures', 'dockerignore', 'buildah-1.28.2.jsonl');
const cases: Case[] = fs
  .readFileSync(file, 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '')
  .map((l) => JSON.parse(l));

/** What we predict: true/false, or the error (with whether it only shows when evaluated). */
function podman(c: Case): boolean | { message: string; lazy: boolean } {
  try {
    const m = IgnoreMatcher.compile(readIgnoreFile(c.patterns.join('\n'), 'podman').patterns, 'podman');
    m.verdict('.dockerignore');
    return m.verdict(c.path);
  } catch (e) {
    if (!(e instanceof IgnoreSyntaxError)) throw e;
    return { message: e.message, lazy: e.lazy };
  }
}

/** buildah reports constructor errors by message; a regexp failing later breaks the copier instead. */
function agrees(want: boolean | string, got: ReturnType<typeof podman>): boolean {
  if (typeof want === 'boolean') return got === want;
  if (typeof got === 'boolean') return false;
  const known = /syntax error in pattern|illegal exclusion pattern: "!"/.exec(
    want.replace(/^.*processing excludes list \[.*?\]: /, ''),
  );
  return known && want.includes('processing excludes list') ? !got.lazy && got.message === known[0] : got.lazy;
}

test('every verdict of real buildah 1.28.2 is reproduced by the podman model', () => {
  assert.ok(cases.length >= 200);
  const wrong = cases
    .filter((c) => !agrees(c.buildah, podman(c)))
    .map(
      (c) =>
        `#${c.id} ${JSON.stringify(c.patterns)} ${JSON.stringify(c.path)}: buildah ${JSON.stringify(c.buildah).slice(0, 80)}, ours ${JSON.stringify(podman(c))}`,
    );
  console.log(`buildah 1.28.2 agreement: ${cases.length - wrong.length}/${cases.length}`);
  assert.deepEqual(wrong, []);
});
