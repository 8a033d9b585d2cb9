import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ineffectiveNegation } from '../../../server/src/engine/rules/ineffective-negation';
import type { Builder } from '../../../server/src/engine/types';
import { ignoreFileCase, runRule, type TreeSpec } from './helpers';

function messages(files: TreeSpec, builder: Builder = 'buildkit'): string[] {
  const { t, ctx } = ignoreFileCase(files, { builder });
  try {
    return runRule(ineffectiveNegation, ctx).map((f) => `${f.range.start.line}: ${f.message}`);
  } finally {
    t.cleanup();
  }
}

test('classic skips an excluded directory unless a ! pattern starts with its path (SEMANTICS.md §5, case 47)', () => {
  const files = { '.dockerignore': 'dir\n!**/keep.txt\n', 'dir/keep.txt': 'k', 'dir/other': 'o' };
  assert.deepEqual(messages(files, 'classic'), [
    '1: `!**/keep.txt` cannot reach dir/keep.txt: the classic builder skips the excluded directory dir/ (`dir` on line 1) because no `!` pattern starts with `dir/`',
  ]);
  // BuildKit walks in once a ! pattern has a wildcard: the same file re-includes there.
  assert.deepEqual(messages(files, 'buildkit'), []);
});

test('classic: !dir/**/keep.txt enters dir but not the excluded dir/a below it (case 51)', () => {
  const files = { '.dockerignore': 'dir\n!dir/**/keep.txt\n', 'dir/a/keep.txt': 'k' };
  const [m] = messages(files, 'classic');
  assert.match(m!, /skips the excluded directory dir\/a\//);
});

test('a ! pattern that matches nothing, or whose paths nothing excluded', () => {
  assert.deepEqual(messages({ '.dockerignore': 'logs\n!logs/keep.log\n', 'logs/a.log': 'a' }), [
    '1: `!logs/keep.log` matches nothing in the context, so it re-includes nothing',
  ]);
  assert.deepEqual(messages({ '.dockerignore': '*.tmp\n!src/main.go\n', 'src/main.go': 'x' }), [
    '1: `!src/main.go` re-includes nothing: no earlier pattern excludes src/main.go',
  ]);
});

test('a later pattern excluding the path again undoes the !', () => {
  assert.deepEqual(messages({ '.dockerignore': 'docs\n!docs/README.md\n*/README.md\n', 'docs/README.md': 'r' }), [
    '1: `!docs/README.md` is undone: `*/README.md` on line 3 excludes docs/README.md again',
  ]);
});

test('effective negations are not reported, under every builder', () => {
  const files = {
    '.dockerignore': '*\n!src\n!go.mod\ndir\n!dir/keep.txt\n',
    'src/main.go': 'x',
    'go.mod': 'm',
    'dir/keep.txt': 'k',
    'dir/x': 'x',
  };
  for (const b of ['buildkit', 'classic', 'podman'] as const) assert.deepEqual(messages(files, b), [], b);
});

test('an empty directory brought back counts as re-included', () => {
  assert.deepEqual(messages({ '.dockerignore': 'cache\n!cache/keep\n', 'cache/keep/': 0, 'cache/x': 'x' }), []);
});

test('property: one walk collects for each negation the example paths a walk of its own collected', async () => {
  const fc = (await import('fast-check')).default;
  const fs = await import('node:fs');
  const { makeTree, buildFor, ignoreFileCtx } = await import('./helpers');
  const { negationExamples } = await import('../../../server/src/engine/rules/ineffective-negation');
  const { directMatcher } = await import('../../../server/src/engine/rules/support/match');
  const { walkDirs } = await import('../../../server/src/engine/rules/support/tree');
  const spec: TreeSpec = {
    Dockerfile: 'FROM scratch\nCOPY . .\n',
    'a.log': 'x',
    'a/b/c.log': 'x',
    'b/a.log': 'x',
    'é/a': 'x',
    'x/y/a.log/z': 'x',
  };
  for (let i = 0; i < 30; i++) {
    spec[`many/f${i}.log`] = 'x';
    spec[`many/sub${i % 3}/g${i}.log`] = 'x';
  }
  const t = makeTree(spec);
  try {
    const neg = fc.constantFrom(
      '*',
      '**',
      '*.log',
      '**/*.log',
      'many/*',
      'many/**',
      '**/a',
      'a*',
      '*/a.log',
      'many/sub?/*.log',
      '**/g1*',
      'é/*',
      '[ab]',
      'x/**/z',
      'nope',
    );
    const lines = fc.array(
      fc.constantFrom(...['*', 'many', 'x', '**/*.log']).chain((ex) => neg.map((n) => `${ex}\n!${n}`)),
      { minLength: 1, maxLength: 6 },
    );
    fc.assert(
      fc.property(lines, fc.constantFrom('buildkit' as const, 'classic' as const), (ls, builder) => {
        const text = `${ls.join('\n')}\n`;
        fs.writeFileSync(t.abs('.dockerignore'), text);
        const build = buildFor({ contextDir: t.dir, builder });
        const scan = build.scan!;
        const got = negationExamples(ignoreFileCtx(t.abs('.dockerignore'), [build]), scan);
        for (const [index, paths] of got) {
          // The walk each negation made on its own before.
          const test = directMatcher(scan.patterns[index]!, builder)!;
          const want: string[] = [];
          for (const f of scan.root.files.values()) if (test(f.name)) want.push(f.name);
          walkDirs(scan.root, (dir) => {
            if (want.length >= 50) return false;
            if (test(dir.path)) want.push(dir.path);
            for (const f of dir.files.values()) if (test(`${dir.path}/${f.name}`)) want.push(`${dir.path}/${f.name}`);
            return true;
          });
          assert.deepEqual(paths, want, `${text} #${index}`);
        }
      }),
      { seed: 9, numRuns: 80 },
    );
  } finally {
    t.cleanup();
  }
});

test('quiet on a ! that re-includes what the pipeline builds before the image (issue 14)', () => {
  // Shapes of prometheus (`!.build/linux-amd64/`, git-ignored promu output), traefik
  // (`!dist/linux/amd64/traefik` from make binary) and a Makefile cross-build into bin/.
  const { t, ctx } = ignoreFileCase({
    '.gitignore': '/.build/\n',
    '.dockerignore': '*\n!.build/linux-amd64/\n!dist/linux/amd64/traefik\n!bin/*-arm64\n!docs/missing.md\n',
    'main.go': 'package main\n',
  });
  try {
    assert.deepEqual(
      runRule(ineffectiveNegation, ctx).map((f) => f.range.start.line),
      [4],
      'only the stale path outside any build output is reported',
    );
  } finally {
    t.cleanup();
  }
});
