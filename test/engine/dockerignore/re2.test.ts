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

/** Regexps Go's regexp.Compile rejects. */
const GO_ERRORS = [
  ...['a**', 'a*+', '*a', '(a', 'a)', '[a', '[z-a]', '\\8', '\\1', '\\C', '\\pQ', '\\p{Foo}', '\\x{}', '\\xZ1'],
  ...['a{1001}', 'a{2,1}', '(a{100}){11}', '(a{10}){101}', '[[:nope:]]', '\\', '(?i)a', '|*'],
  // Errors in Docker's Go 1.24 that re2js (Go 1.25+, Unicode 17) accepts: the oracle cannot see them.
  ...['\\p{Cn}', '\\p{LC}', '\\p{Assigned}', '\\p{Garay}', '\\p{Unknown}'],
];
const GO_ACCEPTS = [
  ...['a{', 'a{,2}', 'a{01}', '{', 'a|', '(|a)', '()', '[]a]', '[^]a]', '[a-]', '\\Q*\\E+', 'x{2}{', '^*', '$+'],
  ...['\\b*', '[[:alpha:]-z]', '((a{10}){10}){10}', '(a{10}){100}', '(a{1000}){0}', '(a{1000}){1}'],
];

test("Go regexp syntax errors are errors; Go's literal { is a literal", () => {
  for (const bad of GO_ERRORS) assert.equal(re2ToJs(bad), null, bad);
  for (const ok of GO_ACCEPTS) assert.notEqual(re2ToJs(ok), null, ok);
  assert.equal(new RegExp(re2ToJs('^a{,2}$') as string, 'u').test('a{,2}'), true);
  assert.equal(new RegExp(re2ToJs('^x{2}$') as string, 'u').test('xx'), true);
  const quoted = new RegExp(re2ToJs('^\\Qa.\\E+$') as string, 'u');
  assert.deepEqual(
    ['a.', 'a..', 'ab', 'a.E'].map((t) => quoted.test(t)),
    [true, true, false, false],
  );
  assert.equal(new RegExp(re2ToJs('^\\Qa.') as string, 'u').test('a.'), true);
  // Go 1.24's C is Cc, Cf, Co and Cs; re2js's also takes the unassigned code points (Cn).
  const unassigned = '\u0378';
  assert.equal(new RegExp(re2ToJs('\\pC') as string, 'u').test(unassigned), false);
  assert.equal(new RegExp(re2ToJs('\\PC') as string, 'u').test(unassigned), true);
});

/**
 * Go regexp fragments. Docker's translation never writes `(?` (it escapes `(`, buildah turns
 * `?` into `[^/]`), so generated regexps containing it are skipped; \p names are those Go 1.24
 * and re2js agree on (the ones they disagree on are pinned above).
 */
const ATOMS = [
  ...['a', 'b', 'A', '_', '0', '/', '-', ',', ':', 'E', 'é', '😀', 'Ω'],
  ...['.', '^', '$', '|', '(', ')', '*', '+', '?', '{', '}', '[', ']', '[^', '\\', '[:', ':]'],
  ...['[ab]', '[^/]', '[a-]', '[]a]', '[z-a]', '[\\d-z]', '[\\pL\\s]', '[^\\n]', '(.*/)?', '\\Qa.\\E'],
  ...['\\b', '\\B', '\\A', '\\z', '\\d', '\\D', '\\s', '\\S', '\\w', '\\W', '\\n', '\\t', '\\v', '\\r', '\\.'],
  ...['\\x41', '\\x{1F600}', '\\x{}', '\\x{110000}', '\\101', '\\0', '\\8', '\\1', '\\C', '\\Q', '\\E', '\\y'],
];
const COUNTS = ['{0}', '{1}', '{2}', '{10}', '{100}', '{1000}', '{1001}', '{01}', '{,2}', '{2,}', '{1,3}', '{3,2}'];
const POSIX = ['alnum', 'alpha', 'ascii', 'blank', 'cntrl', 'digit', 'graph', 'lower', 'print', 'punct', 'space'];
const UNICODE = ['L', 'N', 'Z', 'C', 'Lu', 'Greek', 'Han', 'Common', 'Any', 'Grek', 'Zzzz', 'Foo', 'greek'];
const pick = <T>(xs: T[]): fc.Arbitrary<T> => fc.constantFrom(...xs);
const atom = fc.oneof(
  { weight: 8, arbitrary: pick(ATOMS) },
  { weight: 2, arbitrary: pick([...COUNTS, '{0,1001}', '{2,1000}']) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(pick(['', '^']), pick([...POSIX, 'upper', 'word', 'xdigit', 'nope']))
      .map(([neg, name]) => `[[:${neg}${name}:]]`),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(pick(['\\p', '\\P']), pick(['', '^']), pick(UNICODE))
      .map(([p, neg, name]) => (neg === '' && name.length === 1 ? `${p}${name}` : `${p}{${neg}${name}}`)),
  },
  // Counted repeats inside counted repeats: Go caps the product at 1000.
  {
    weight: 1,
    arbitrary: fc
      .tuple(pick(['a', '[ab]', 'a*']), pick(COUNTS), pick(COUNTS))
      .map(([a, inner, outer]) => `(${a}${inner})${outer}`),
  },
);
const goRegexp = fc
  .array(atom, { maxLength: 8 })
  .map((parts) => parts.join(''))
  .filter((src) => !src.includes('(?'));

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
    fc.property(goRegexp, (src) => {
      const ours = re2Compile(src) !== null;
      assert.equal(ours, oracle(src) !== null, src);
      if (!ours) rejected++;
    }),
    { seed: 4242, numRuns: 2000 },
  );
  assert.ok(rejected > 300, `only ${rejected} rejected regexps were generated`);
});

/** Characters on either side of the edges of Go's tables: ASCII classes, \s, `.`, categories. */
const EDGES = [...'aA_09/.-!@[`{}~:\t\n\v\f\r ', '\x00', '\x1f', '\x7f', '\u00a0', '\u00ad', '\u2028'];
/** Short texts from the regexp's own characters and the edges, so that some match it whole. */
const textFor = (src: string): fc.Arbitrary<string> => {
  const chars = [...new Set([...src, ...EDGES, '\ue000', 'Ω', '中', '😀'])];
  return fc.array(pick(chars), { maxLength: 6 }).map((a) => a.join(''));
};

test('the translated RegExp and re2js match the same inputs, anywhere and whole', () => {
  let compared = 0;
  let matched = 0;
  const cases = goRegexp.chain((src) =>
    fc.tuple(fc.constant(src), fc.array(textFor(src), { minLength: 4, maxLength: 8 })),
  );
  fc.assert(
    fc.property(cases, ([src, inputs]) => {
      // Patterns reach the matcher anchored, as `^…$`: the whole-input form is the one that counts.
      for (const go of [src, `^(${src})$`]) {
        const prog = re2Compile(go);
        const re2 = oracle(go);
        if (prog === null || re2 === null) continue;
        const re = new RegExp(prog.js, 'u');
        for (const s of inputs) {
          const hit = re2.test(s);
          assert.equal(re.test(s), hit, `${go} on ${JSON.stringify(s)}`);
          compared++;
          if (hit && go !== src) matched++;
        }
      }
    }),
    { seed: 4242, numRuns: 1200 },
  );
  assert.ok(compared > 3500 && matched > 100, `${compared} inputs compared, ${matched} matched whole`);
});

/** Every class, escape and `.` against every ASCII character and the edges of Go's Unicode tables. */
test('each class and escape matches exactly the characters re2js matches', () => {
  const items = [
    ...['\\d', '\\D', '\\s', '\\S', '\\w', '\\W', '\\n', '\\t', '\\v', '\\f', '\\r', '\\a', '\\.', '\\-'],
    ...['\\x41', '\\x{1F600}', '\\101', '\\0', 'a-f', '\\d-z', '\\pL', '\\PL', '\\pN', '\\pZ', '\\p{Lu}'],
    ...['\\pC', '\\PC', '\\p{^C}', '\\p{Greek}', '\\p{Han}', '\\P{Common}', '\\p{Any}', '\\P{Any}'],
    ...[...POSIX, 'upper', 'word', 'xdigit'].flatMap((name) => [`[:${name}:]`, `[:^${name}:]`]),
  ];
  const regexps = ['.', ...items.flatMap((item) => [item.startsWith('[') ? `[${item}]` : item, `[^${item}]`])];
  const ascii = Array.from({ length: 128 }, (_, i) => String.fromCodePoint(i));
  const chars = [...ascii, ...EDGES, '\u0085', '\u1680', '\u2029', '\ue000', '\u{10fffd}', 'é', 'Ω', '中', '😀'];
  for (const src of regexps.filter((r) => !/^[a\\]-/.test(r))) {
    const prog = re2Compile(`^${src}$`);
    const re2 = oracle(`^${src}$`);
    assert.ok(prog !== null && re2 !== null, src);
    const re = new RegExp(prog.js, 'u');
    for (const c of chars) assert.equal(re.test(c), re2.test(c), `${src} on ${JSON.stringify(c)}`);
  }
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
