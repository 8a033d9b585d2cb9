// The Go-regexp layer: our translator from Go's regexp syntax to a JS RegExp, checked against
// re2js (RE2 in JavaScript, with Go's syntax) as the oracle: they must accept the same regexps
// and match the same paths. re2js is also the linear-time engine for long paths.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { RE2JS } from 're2js';
import { re2Compile, re2ToJs } from '../../../server/src/engine/dockerignore/goregexp/re2';
import { readIgnoreFile } from '../../../server/src/engine/dockerignore/read';
import { isExcluded } from '../../../server/src/engine/dockerignore/match';
import { compilePattern, testPattern } from '../../../server/src/engine/dockerignore/pattern';

test("Go regexp syntax errors are errors; Go's literal { is a literal", () => {
  for (const bad of [
    'a**',
    'a*+',
    '*a',
    '(a',
    'a)',
    '[a',
    '[z-a]',
    '\\8',
    '\\1',
    '\\C',
    '\\pQ',
    '\\p{Foo}',
    '\\x{}',
    '\\xZ1',
    'a{1001}',
    'a{2,1}',
    '[[:nope:]]',
    '\\',
    '(?i)a',
    '|*',
  ]) {
    assert.equal(re2ToJs(bad), null, bad);
  }
  for (const ok of [
    'a{',
    'a{,2}',
    'a{01}',
    '{',
    'a|',
    '(|a)',
    '()',
    '[]a]',
    '[^]a]',
    '[a-]',
    '\\Q*\\E+',
    'x{2}{',
    '^*',
    '$+',
    '\\b*',
    '[[:alpha:]-z]',
  ]) {
    assert.notEqual(re2ToJs(ok), null, ok);
  }
  assert.equal(new RegExp(re2ToJs('^a{,2}$') as string, 'u').test('a{,2}'), true);
  assert.equal(new RegExp(re2ToJs('^x{2}$') as string, 'u').test('xx'), true);
});

const ATOMS = [
  'a',
  'b',
  '/',
  '.',
  '^',
  '$',
  '|',
  '(',
  ')',
  '*',
  '+',
  '?',
  '{2}',
  '{1,3}',
  '{2,}',
  '[ab]',
  '[^/]',
  '[[:alpha:]]',
  '\\b',
  '\\B',
  '\\d',
  '\\s',
  '\\w',
  '\\pL',
  '\\Qa.\\E',
  '(.*/)?',
  '😀',
  'é',
  '\\x41',
  '[^\\n]',
  '{',
  '}',
];

/** re2js's verdict on a Go regexp: its compiled form, or null where it (like Go) rejects it. */
function oracle(src: string): RE2JS | null {
  try {
    return RE2JS.compile(src);
  } catch {
    return null;
  }
}

test('the translator accepts exactly the Go regexps re2js accepts', () => {
  let rejected = 0;
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...ATOMS), { maxLength: 8 }), (parts) => {
      const src = parts.join('');
      const ours = re2Compile(src) !== null;
      assert.equal(ours, oracle(src) !== null, src);
      if (!ours) rejected++;
    }),
    { seed: 4242, numRuns: 2000 },
  );
  assert.ok(rejected > 100, `only ${rejected} rejected regexps were generated`);
});

test('the translated RegExp and re2js match the same inputs', () => {
  const input = fc
    .array(fc.constantFrom('a', 'b', '/', 'A', '1', ' ', '\n', 'é', '😀', '.'), { maxLength: 12 })
    .map((a) => a.join(''));
  let compared = 0;
  fc.assert(
    fc.property(
      fc.array(fc.constantFrom(...ATOMS), { maxLength: 8 }),
      fc.array(input, { minLength: 1, maxLength: 6 }),
      (parts, inputs) => {
        const src = parts.join('');
        const prog = re2Compile(src);
        const re2 = oracle(src);
        if (prog === null || re2 === null) return;
        const re = new RegExp(prog.js, 'u');
        for (const s of inputs) {
          assert.equal(re.test(s), re2.test(s), `${src} on ${JSON.stringify(s)}`);
          compared++;
        }
      },
    ),
    { seed: 4242, numRuns: 1500 },
  );
  assert.ok(compared > 1000);
});

test('hostile patterns are decided without backtracking blow-up', () => {
  const decide = (p: string, path: string): boolean => isExcluded(readIgnoreFile(p).patterns, path, false, 'buildkit');
  assert.equal(decide('*a*a*a*a*a*a*a*a*b', 'a'.repeat(200)), false);
  assert.equal(decide('*a*a*a*a*a*a*a*a*b', `${'a'.repeat(200)}b`), true);
  assert.equal(decide('**/**/**/**/**/**/**/**/z', `${'a/'.repeat(80)}y`), false);
  assert.equal(decide('**/**/**/**/**/**/**/**/z', `${'a/'.repeat(80)}z`), true);
  // buildah passes `(` `{` `}` through, so nested repetitions reach the regexp: (a+){2,}b
  const podman = readIgnoreFile('(a{1,}){2,}b', 'podman').patterns;
  assert.equal(isExcluded(podman, 'a'.repeat(5000), false, 'podman'), false);
  assert.equal(isExcluded(podman, `${'a'.repeat(5000)}b`, false, 'podman'), true);
});

test('re2js is compiled for a pattern only when a path is too long for its RegExp', () => {
  const p = compilePattern('**/c1/*.log', 'moby'); // (.*/)? and [^/]*: two wide repeats
  assert.equal(testPattern(p, 'a/c1/x.log'), true);
  assert.equal(p.linear, null);
  const deep = `${'d/'.repeat(p.maxSafeLen)}c1/x.log`;
  assert.equal(testPattern(p, deep), true);
  assert.notEqual(p.linear, null);
  assert.equal(testPattern(p, `${deep}/y`), false);
});
