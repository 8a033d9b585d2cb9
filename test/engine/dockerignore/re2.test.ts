// The Go-regexp layer: what Go rejects, and the linear-time engine that takes over from the JS
// RegExp when backtracking could explode. The two engines must always agree.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { re2Compile, re2ToJs } from '../../../server/src/engine/dockerignore/re2';
import { compileVm, vmMatch } from '../../../server/src/engine/dockerignore/re2Vm';
import { readIgnoreFile } from '../../../server/src/engine/dockerignore/read';
import { isExcluded } from '../../../server/src/engine/dockerignore/match';

test('Go regexp syntax errors are errors; Go\'s literal { is a literal', () => {
  for (const bad of ['a**', 'a*+', '*a', '(a', 'a)', '[a', '[z-a]', '\\8', '\\1', '\\C', '\\pQ', '\\p{Foo}', '\\x{}', '\\xZ1', 'a{1001}', 'a{2,1}', '[[:nope:]]', '\\', '(?i)a', '|*']) {
    assert.equal(re2ToJs(bad), null, bad);
  }
  for (const ok of ['a{', 'a{,2}', 'a{01}', '{', 'a|', '(|a)', '()', '[]a]', '[^]a]', '[a-]', '\\Q*\\E+', 'x{2}{', '^*', '$+', '\\b*', '[[:alpha:]-z]']) {
    assert.notEqual(re2ToJs(ok), null, ok);
  }
  assert.equal(new RegExp(re2ToJs('^a{,2}$') as string, 'u').test('a{,2}'), true);
  assert.equal(new RegExp(re2ToJs('^x{2}$') as string, 'u').test('xx'), true);
});

test('the VM and the JS RegExp agree on random Go regexps and inputs', () => {
  const atoms = ['a', 'b', '/', '.', '^', '$', '|', '(', ')', '*', '+', '?', '{2}', '{1,3}', '{2,}', '[ab]', '[^/]', '[[:alpha:]]',
    '\\b', '\\B', '\\d', '\\s', '\\w', '\\pL', '\\Qa.\\E', '(.*/)?', '😀', 'é', '\\x41', '[^\\n]'];
  const input = fc.array(fc.constantFrom('a', 'b', '/', 'A', '1', ' ', '\n', 'é', '😀', '.'), { maxLength: 12 }).map((a) => a.join(''));
  let compared = 0;
  fc.assert(fc.property(fc.array(fc.constantFrom(...atoms), { maxLength: 8 }), fc.array(input, { minLength: 1, maxLength: 6 }), (parts, inputs) => {
    const prog = re2Compile(parts.join(''));
    if (prog === null) return;
    const vm = compileVm(prog.ast);
    assert.ok(vm);
    const re = new RegExp(prog.js, 'u');
    for (const s of inputs) { assert.equal(vmMatch(vm, s), re.test(s), `${parts.join('')} on ${JSON.stringify(s)}`); compared++; }
  }), { seed: 4242, numRuns: 1500 });
  assert.ok(compared > 1000);
});

test('hostile patterns are decided without backtracking blow-up', () => {
  const decide = (p: string, path: string): boolean => isExcluded(readIgnoreFile(p).patterns, path, false, 'buildkit');
  assert.equal(decide('*a*a*a*a*a*a*a*a*b', 'a'.repeat(200)), false);
  assert.equal(decide('*a*a*a*a*a*a*a*a*b', 'a'.repeat(200) + 'b'), true);
  assert.equal(decide('**/**/**/**/**/**/**/**/z', 'a/'.repeat(80) + 'y'), false);
  assert.equal(decide('**/**/**/**/**/**/**/**/z', 'a/'.repeat(80) + 'z'), true);
  // buildah passes `(` `{` `}` through, so nested repetitions reach the regexp: (a+){2,}b
  const podman = readIgnoreFile('(a{1,}){2,}b', 'podman').patterns;
  assert.equal(isExcluded(podman, 'a'.repeat(5000), false, 'podman'), false);
  assert.equal(isExcluded(podman, 'a'.repeat(5000) + 'b', false, 'podman'), true);
});
