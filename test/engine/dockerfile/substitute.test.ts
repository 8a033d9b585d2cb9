import { test } from 'node:test';
import assert from 'node:assert/strict';
import { expandWord } from '../../../server/src/engine/dockerfile/substitute';

const vars: Record<string, string | null> = { A: 'x', EMPTY: '', DIR: './cmd', UNKNOWN: null };
const lookup = (n: string): string | null => (n in vars ? vars[n]! : null);
const value = (w: string, esc = '\\'): string | null => expandWord(w, lookup, esc).value;

test('plain words, quotes and escapes are processed as BuildKit lexes them', () => {
  assert.equal(value('a/b'), 'a/b');
  assert.equal(value('"a b"'), 'a b');
  assert.equal(value("'$A'"), '$A');
  assert.equal(value('"$A"'), 'x');
  assert.equal(value('a\\ b'), 'a b');
  assert.equal(value('\\$A'), '$A');
  assert.equal(value('"\\$A"'), '$A');
  assert.equal(value('"a\\b"'), 'a\\b', 'inside double quotes only \\" \\$ \\\\ are escapes');
});

test('variables: $VAR, ${VAR} and literal dollars', () => {
  assert.equal(value('$A/b'), 'x/b');
  assert.equal(value('${A}b'), 'xb');
  assert.equal(value('${DIR}/main.go'), './cmd/main.go');
  assert.equal(value('$'), '$');
  assert.equal(value('a$'), 'a$');
  assert.equal(value('$-x'), '$-x');
});

test('modifiers with and without colon', () => {
  assert.equal(value('${EMPTY:-d}'), 'd');
  assert.equal(value('${EMPTY-d}'), '', 'without colon an empty but set variable stays empty');
  assert.equal(value('${A:-d}'), 'x');
  assert.equal(value('${A:+alt}'), 'alt');
  assert.equal(value('${EMPTY:+alt}'), '');
  assert.equal(value('${EMPTY+alt}'), 'alt');
  assert.equal(value('${A:-${DIR}}'), 'x');
  assert.equal(value('${EMPTY:-${DIR}/x}'), './cmd/x');
  assert.equal(value('${A:?must be set}'), 'x');
});

test('an unknown variable makes the word unresolved, whatever the default says', () => {
  for (const w of ['$UNKNOWN', '${UNKNOWN}', '${UNKNOWN:-d}', '${NOTDECLARED}/x', 'a/${UNKNOWN:+y}']) {
    const e = expandWord(w, lookup);
    assert.equal(e.value, null, w);
    assert.ok(e.unresolved.length === 1, w);
  }
  assert.deepEqual(expandWord('${UNKNOWN}/$NOPE', lookup).unresolved, ['UNKNOWN', 'NOPE']);
  assert.deepEqual(
    expandWord('${A#x}', lookup),
    { value: null, unresolved: ['A'] },
    'pattern operators are not evaluated',
  );
});

test('malformed words report BuildKit-like errors and never throw', () => {
  assert.match(expandWord('"abc', lookup).error ?? '', /double-quote/);
  assert.match(expandWord("'abc", lookup).error ?? '', /single-quote/);
  assert.ok(expandWord('${A', lookup).error);
  assert.ok(expandWord('${}', lookup).error);
  assert.equal(expandWord('${A:-', lookup).value, null);
});

test('the escape directive changes the escape character', () => {
  assert.equal(value('a`$A', '`'), 'a$A');
  assert.equal(value('C:\\path', '`'), 'C:\\path');
});

test('fuzz: any word terminates, never throws, and a value implies nothing unresolved', async () => {
  const fc = await import('fast-check');
  const piece = fc.constantFrom(
    '$',
    '{',
    '}',
    ':',
    '-',
    '+',
    '?',
    '#',
    '%',
    '/',
    '"',
    "'",
    '\\',
    '`',
    'A',
    'EMPTY',
    'UNKNOWN',
    'x',
    ' ',
  );
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 40 }), fc.constantFrom('\\', '`'), (parts, esc) => {
      const e = expandWord(parts.join(''), lookup, esc);
      if (e.value !== null) assert.equal(e.unresolved.length, 0);
      if (e.error) assert.equal(e.value, null);
    }),
    { numRuns: 1000 },
  );
});
