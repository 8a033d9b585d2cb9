import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isGuardPattern } from '../../../server/src/engine/rules/support/guards';
import { unmatchedPattern } from '../../../server/src/engine/rules/unmatched-pattern';
import {
  applyFixes,
  assertSameTree,
  buildFor,
  copyFixture,
  fixtureDir,
  ignoreFileCase,
  ignoreFileCtx,
  makeTree,
  runRule,
} from './helpers';

test('a pattern that matches nothing is a hint, tagged unnecessary, whose removal is offered but not safe', () => {
  const { t, ctx } = ignoreFileCase({
    '.dockerignore': '.git\ncoverage.out\nsrc/*.tmp\n../up\nsrc/main.go/x\n./src/currency/client.js\n.cd .babelrc\n',
    'src/main.go': 'x',
    up: 'u',
  });
  try {
    const found = runRule(unmatchedPattern, ctx);
    // A pattern still starting with '..' after Docker's Clean can never match (SEMANTICS.md §8).
    assert.deepEqual(
      found.map((f) => f.message),
      // .git, coverage.out and *.tmp guard what a clean checkout lacks: not reported (issue 14).
      [
        '`../up` matches nothing in the context',
        '`src/main.go/x` matches nothing in the context',
        '`./src/currency/client.js` matches nothing in the context',
        '`.cd .babelrc` matches nothing in the context',
      ],
    );
    for (const f of found) {
      assert.equal(f.severity, 'hint');
      assert.deepEqual(f.tags, ['unnecessary']);
      assert.equal(f.fixes[0]!.safe, false);
    }
  } finally {
    t.cleanup();
  }
});

test('matching counts even when a later pattern decides, for an empty directory, and inside excluded directories', () => {
  const { t, ctx } = ignoreFileCase({
    '.dockerignore': 'build/x\nbuild\nempty\ndeps\ndeps/inner\n',
    'build/x': 'x',
    'empty/': 0,
    'deps/inner/a': 'a',
  });
  try {
    assert.deepEqual(runRule(unmatchedPattern, ctx), []);
  } finally {
    t.cleanup();
  }
});

test("a root-only name that matches deeper down is root-anchored-pattern's finding, not this one; negations are not judged here", () => {
  const { t, ctx } = ignoreFileCase({ '.dockerignore': '*.log\n!nothing\n', 'logs/a.log': 'x' });
  try {
    assert.deepEqual(runRule(unmatchedPattern, ctx), []);
  } finally {
    t.cleanup();
  }
});

test('when several contexts share the file (a per-Dockerfile ignore file), unmatched means unmatched in all of them', () => {
  const t = makeTree({
    'df/app.Dockerfile': 'FROM scratch\nCOPY . .\n',
    'df/app.Dockerfile.dockerignore': 'x\ny\n',
    'a/x': 'x',
    'b/z': 'z',
  });
  try {
    const file = t.abs('df/app.Dockerfile.dockerignore');
    const builds = ['a', 'b'].map((d) => buildFor({ contextDir: t.abs(d), dockerfile: t.abs('df/app.Dockerfile') }));
    assert.deepEqual(
      builds.map((b) => b.ignoreFile),
      [file, file],
    );
    assert.deepEqual(
      runRule(unmatchedPattern, ignoreFileCtx(file, builds)).map((f) => f.range.start.line),
      [1],
    );
    assert.deepEqual(
      runRule(unmatchedPattern, ignoreFileCtx(file, [builds[1]!])).map((f) => f.range.start.line),
      [0, 1],
    );
  } finally {
    t.cleanup();
  }
});

test('silent while the context is being scanned', () => {
  const t = makeTree({ Dockerfile: 'FROM scratch\nCOPY . .\n', '.dockerignore': 'nothing-here\n' });
  try {
    const scanning = buildFor({ contextDir: t.dir, scan: false });
    assert.deepEqual(runRule(unmatchedPattern, ignoreFileCtx(t.abs('.dockerignore'), [scanning])), []);
    assert.equal(
      runRule(unmatchedPattern, ignoreFileCtx(t.abs('.dockerignore'), [buildFor({ contextDir: t.dir })])).length,
      1,
    );
  } finally {
    t.cleanup();
  }
});

test("fixture: the quick fix removes the line, keeping the file's CRLF", () => {
  const t = copyFixture('unmatched-pattern');
  try {
    const found = runRule(unmatchedPattern, ignoreFileCtx(t.abs('.dockerignore'), [buildFor({ contextDir: t.dir })]));
    assert.equal(found.length, 1);
    applyFixes(found, { all: true });
    assertSameTree(t.dir, fixtureDir('unmatched-pattern', 'expected'));
  } finally {
    t.cleanup();
  }
});

test('property: one keyed walk for the patterns that may match anywhere agrees with walking the tree for each pattern', async () => {
  const fc = (await import('fast-check')).default;
  const { directMatcher } = await import('../../../server/src/engine/rules/support/match');
  const t = makeTree({
    Dockerfile: 'FROM scratch\nCOPY . .\n',
    'a/b/c.log': 'x',
    'a/ab.txt': 'x',
    'b/a.log': 'x',
    'ab/b/b': 'x',
    'c.log': 'x',
    'é/a': 'x',
    'x/y/z/a.b': 'x',
    'empty/': 0,
  });
  try {
    type Entry = { name: string; path: string };
    const entries = (scan: NonNullable<ReturnType<typeof buildFor>['scan']>): Entry[] => {
      const out: Entry[] = [];
      const walk = (d: typeof scan.root): void => {
        for (const name of [...d.files.keys(), ...d.dirs.keys()])
          out.push({ name, path: d.path ? `${d.path}/${name}` : name });
        for (const c of d.dirs.values()) walk(c);
      };
      walk(scan.root);
      return out;
    };
    const seg = fc.constantFrom(
      'a',
      'b',
      'ab',
      'c.log',
      'a.log',
      '*',
      '*.log',
      'a*',
      '*b',
      '?',
      '**',
      '[ab]',
      'é',
      'x',
      'y',
      'z',
      'a.b',
      'nope',
      '*.b',
      'a+',
      'a|b',
    );
    const line = fc
      .tuple(fc.constantFrom('', '', '/', '!'), fc.array(seg, { minLength: 1, maxLength: 3 }))
      .map(([pre, s]) => pre + s.join('/'));
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 12 }), (lines) => {
        const text = `${lines.join('\n')}\n`;
        require('node:fs').writeFileSync(t.abs('.dockerignore'), text);
        const build = buildFor({ contextDir: t.dir });
        const scan = build.scan!;
        const ctx = ignoreFileCtx(t.abs('.dockerignore'), [build]);
        const got = runRule(unmatchedPattern, ctx).map((f) => f.range.start.line);
        const all = entries(scan);
        const want = ctx.parsed.patterns
          .filter((p, i) => {
            const stat = scan.patternStats[i];
            const test = directMatcher(p, scan.builder);
            if (
              p.negate ||
              p.error ||
              p.lazyError ||
              !stat ||
              stat.decided.files > 0 ||
              stat.decided.bytes > 0 ||
              !test
            )
              return false;
            if (isGuardPattern(p.pattern)) return false;
            const byName = !p.pattern.includes('/') && !p.raw.trim().startsWith('/');
            return !all.some((e) => (byName ? test(e.name) : test(e.path)));
          })
          .map((p) => p.line);
        assert.deepEqual(got, want, text);
      }),
      { seed: 5, numRuns: 120 },
    );
  } finally {
    t.cleanup();
  }
});

test('guards are not dead: build output, caches, local env files, OS litter, and lines .gitignore also holds', () => {
  const { t, ctx } = ignoreFileCase({
    '.gitignore': '/generated-docs/\nlocal-notes.txt\n',
    '.dockerignore':
      'node_modules\n**/dist\nbuild/\ntarget\nbin/\nobj/\n__pycache__\n*.pyc\n.venv\n.DS_Store\n*.swp\n*.log\n' +
      'coverage*\n.env.local\n.expo\nandroid/\nios/\ngenerated-docs\nlocal-notes.txt\nsrc/old/stale.js\n',
    'main.go': 'package main\n',
  });
  try {
    assert.deepEqual(
      runRule(unmatchedPattern, ctx).map((f) => f.message),
      ['`src/old/stale.js` matches nothing in the context'],
    );
  } finally {
    t.cleanup();
  }
});

test('runtime data, release archives and agent state are guards too; removed paths stay reported', () => {
  const { t, ctx } = ignoreFileCase({
    '.dockerignore':
      'default.etcd\n*.tar.gz\n*.bzip2\nqdrant-storage/\n*.sqlite\nproduction/docker/.data\n.data-*\n/.claude/\n' +
      '.tarballs/\n/kubernetes\ninstall.sh\n',
    'main.go': 'package main\n',
  });
  try {
    assert.deepEqual(
      runRule(unmatchedPattern, ctx).map((f) => f.message),
      ['`/kubernetes` matches nothing in the context', '`install.sh` matches nothing in the context'],
    );
  } finally {
    t.cleanup();
  }
});
