// Bad input never crashes or hangs: random ignore files and paths, every builder. The only
// exception the engine may raise is IgnoreSyntaxError (the build would fail in Docker too).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { readIgnoreFile } from '../../../server/src/engine/dockerignore/read';
import {
  IgnoreMatcher,
  IgnoreSyntaxError,
  ROOT_RESULT,
  type MatchResult,
} from '../../../server/src/engine/dockerignore/match';
import { BUILDERS } from '../../../server/src/engine/types';

const atoms = [
  'a',
  'b',
  '/',
  '*',
  '**',
  '?',
  '[',
  ']',
  '^',
  '!',
  '-',
  '\\',
  '.',
  '..',
  '{',
  '}',
  '|',
  '(',
  ')',
  '+',
  '$',
  '#',
  ' ',
  '\t',
  '\r',
  '\n',
  '\uFEFF',
  '\u00a0',
  '\u0085',
  'é',
  '😀',
  '\ud800',
  '[:alpha:]',
  '\\p',
  '\\x',
  '\\Q',
  '\\E',
  '{2}',
  '\\d',
];
const fileText = fc.array(fc.constantFrom(...atoms), { maxLength: 40 }).map((a) => a.join(''));
const relPath = fc
  .array(
    fc
      .array(fc.constantFrom('a', 'b', '*', '\\', ' ', 'é', '😀', '[', '!', '\n'), { minLength: 1, maxLength: 4 })
      .map((a) => a.join('')),
    { minLength: 1, maxLength: 4 },
  )
  .map((parts) => parts.join('/'));
const onlySyntaxErrors = (fn: () => void): void => {
  try {
    fn();
  } catch (e) {
    if (!(e instanceof IgnoreSyntaxError)) throw e;
  }
};

test('reader and matcher throw nothing but IgnoreSyntaxError on random input', () => {
  fc.assert(
    fc.property(fileText, fc.array(relPath, { maxLength: 5 }), (text, paths) => {
      for (const builder of BUILDERS) {
        const parsed = readIgnoreFile(text, builder);
        for (const p of parsed.patterns) {
          assert.ok(p.line >= 0 && p.start >= 0 && p.end >= p.start, 'positions stay on the line');
        }
        onlySyntaxErrors(() => {
          const m = IgnoreMatcher.compile(parsed.patterns, builder);
          for (const path of paths) {
            let parent: MatchResult = ROOT_RESULT;
            const parts = path.split('/');
            for (let i = 1; i <= parts.length; i++) {
              const r = m.match(parts.slice(0, i).join('/'), parent);
              assert.equal(r.excluded, r.by >= 0 && !parsed.patterns[r.by].negate);
              m.descendsInto(parts.slice(0, i).join('/'), r);
              parent = r;
            }
          }
        });
      }
    }),
    { seed: 20261127, numRuns: 400 },
  );
});

test('the reader keeps every pattern on the line it came from', () => {
  fc.assert(
    fc.property(
      fc.array(fc.constantFrom('a', '!b', '# c', ' d ', '', '/e/', '\\f'), { maxLength: 12 }),
      fc.constantFrom('\n', '\r\n'),
      (lines, eol) => {
        const parsed = readIgnoreFile(lines.join(eol));
        for (const p of parsed.patterns)
          assert.equal(
            lines[p.line]
              .slice(p.start, p.end)
              .replace(/^!/, '')
              .trim()
              .replace(/^\/|\/$/g, ''),
            p.pattern,
          );
      },
    ),
    { seed: 7, numRuns: 200 },
  );
});
