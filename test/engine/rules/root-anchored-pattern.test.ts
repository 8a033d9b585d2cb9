import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rootAnchoredPattern } from '../../../server/src/engine/rules/root-anchored-pattern';
import {
  assertSameTree,
  buildFor,
  copyFixture,
  fixToFixpoint,
  fixtureDir,
  ignoreFileCase,
  ignoreFileCtx,
  runRule,
} from './helpers';

test('node_modules without / only matches at the root: says what is still sent and offers **/node_modules', () => {
  const { t, ctx } = ignoreFileCase({
    Dockerfile: 'FROM node\nCOPY . .\nRUN npm ci\n',
    'package.json': '{}',
    '.dockerignore': 'node_modules\n',
    'node_modules/a.js': 'aaaa',
    'web/node_modules/b.js': 'bb',
    'api/node_modules/c/d.js': 'c',
    'web/i.js': 'x',
  });
  try {
    const [f, ...rest] = runRule(rootAnchoredPattern, ctx);
    assert.equal(rest.length, 0);
    assert.equal(f!.severity, 'warning');
    assert.equal(
      f!.message,
      '`node_modules` matches only at the context root; still sent: api/node_modules/, web/node_modules/ (2 files, 3 B)',
    );
    assert.deepEqual(f!.cost, { files: 2, bytes: 3 });
    const fix = f!.fixes[0]!;
    assert.equal(fix.safe, true);
    assert.deepEqual(fix.edits[0]!.edits, [
      { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 12 } }, newText: '**/node_modules' },
    ]);
  } finally {
    t.cleanup();
  }
});

test('*.log and .env deeper down are files: each is listed', () => {
  const { t, ctx } = ignoreFileCase({
    Dockerfile:
      'FROM golang AS build\nWORKDIR /src\nCOPY . .\nRUN go build -o /app .\nFROM scratch\nCOPY --from=build /app /app\n',
    'go.mod': 'module m\n',
    'main.go': 'package main\n',
    '.dockerignore': '*.log\n.env\n',
    'a.log': '',
    'logs/b.log': 'b',
    'config/.env': 'S=1',
  });
  try {
    const found = runRule(rootAnchoredPattern, ctx);
    assert.deepEqual(
      found.map((f) => f.message),
      [
        '`*.log` matches only at the context root; still sent: logs/b.log (1 file, 1 B)',
        '`.env` matches only at the context root; still sent: config/.env (1 file, 3 B)',
      ],
    );
  } finally {
    t.cleanup();
  }
});

test('silent when every deeper match is something the image may read: root-only is then right', () => {
  // The copy lands in the image: a program may load config/.env when it runs; logs it does not.
  const { t, ctx } = ignoreFileCase({
    '.dockerignore': '*.log\n.env\n',
    'a.log': '',
    'logs/b.log': 'b',
    'config/.env': 'S=1',
  });
  try {
    assert.deepEqual(
      runRule(rootAnchoredPattern, ctx).map((f) => f.message),
      ['`*.log` matches only at the context root; still sent: logs/b.log (1 file, 1 B)'],
    );
  } finally {
    t.cleanup();
  }
});

test('Go monorepo: widening models/ would drop a package the build compiles, so the fix is not safe', () => {
  const { t, ctx } = ignoreFileCase({
    Dockerfile:
      'FROM golang AS build\nWORKDIR /src\nCOPY . .\nRUN go build -o /out/store ./cmd/store\n' +
      'FROM scratch\nCOPY --from=build /out/store /store\n',
    'go.mod': 'module example.com/mono\n',
    'cmd/store/main.go': 'package main\n\nimport "example.com/mono/pkg/store/models"\n\nfunc main() { models.X() }\n',
    'pkg/store/models/user.go': 'package models\n\nfunc X() {}\n',
    'tools/models/old.txt': 'stale notes',
    'models/fixture.bin': 'x',
    '.dockerignore': 'models/\n',
  });
  try {
    const [f, ...rest] = runRule(rootAnchoredPattern, ctx);
    assert.equal(rest.length, 0);
    assert.match(
      f!.message,
      /Widening it would also drop pkg\/store\/models\/user\.go: .*go build -o \/out\/store \.\/cmd\/store.* compiles it/,
    );
    assert.equal(f!.fixes[0]!.safe, false);
  } finally {
    t.cleanup();
  }
});

test('not reported: nothing deeper, a written leading /, patterns with /, **, negations, deeper copies already excluded', () => {
  const { t, ctx } = ignoreFileCase({
    '.dockerignore': 'dist\n/build\nsrc/tmp\n**/cache\n!keep\nsub\n',
    'dist/a': 'a',
    'x/build/b': 'b',
    'x/src/tmp/c': 'c',
    keep: 'k',
    'y/keep': 'k',
    'sub/deep/sub/x': 'x',
  });
  try {
    assert.deepEqual(runRule(rootAnchoredPattern, ctx), []);
  } finally {
    t.cleanup();
  }
});

test('the fix is not safe when widening would exclude what a COPY names', () => {
  const { t, ctx } = ignoreFileCase({
    Dockerfile: 'FROM scratch\nCOPY tools/bin /bin\nCOPY . .\n',
    '.dockerignore': 'bin\n',
    'tools/bin/x': 'x',
  });
  try {
    const [f] = runRule(rootAnchoredPattern, ctx);
    assert.equal(f!.fixes[0]!.safe, false);
    assert.match(f!.message, /would also exclude what `COPY tools\/bin \/bin` copies/);
  } finally {
    t.cleanup();
  }
});

test('fixture: both anchored habits widened, no final newline kept, second pass changes nothing', () => {
  const t = copyFixture('root-anchored-pattern');
  try {
    const run = () =>
      runRule(rootAnchoredPattern, ignoreFileCtx(t.abs('.dockerignore'), [buildFor({ contextDir: t.dir })]));
    assert.equal(run().length, 2);
    assert.equal(fixToFixpoint(run), 1);
    assertSameTree(t.dir, fixtureDir('root-anchored-pattern', 'expected'));
  } finally {
    t.cleanup();
  }
});

test('many deeper matches are summarised by the top-level directories holding them', () => {
  const files: Record<string, string> = { '.dockerignore': '*.md\n' };
  for (let i = 0; i < 5; i++) files[`docs/p${i}/x.md`] = 'x';
  files['api/README.md'] = 'r';
  const { t, ctx } = ignoreFileCase(files);
  try {
    assert.equal(
      runRule(rootAnchoredPattern, ctx)[0]!.message,
      '`*.md` matches only at the context root; still sent: 6 matches under api/, docs/ (6 files, 6 B)',
    );
  } finally {
    t.cleanup();
  }
});

test('property: looking names up by key reports what testing every candidate on every name reports', async () => {
  const fc = (await import('fast-check')).default;
  const fs = await import('node:fs');
  const { makeTree } = await import('./helpers');
  const { directMatcher } = await import('../../../server/src/engine/rules/support/match');
  const { isSentFile, sendsSomething, walkDirs } = await import('../../../server/src/engine/rules/support/tree');
  const t = makeTree({
    Dockerfile: 'FROM scratch\nCOPY . .\n',
    'a/b/c.log': 'xx',
    'a/ab.txt': 'x',
    'b/a.log': 'xxx',
    'ab/b/b': 'x',
    'c.log': 'x',
    'é/a': 'x',
    'x/y/a.log/z': 'x',
    'x/a.b': 'xxxx',
  });
  try {
    const name = fc.constantFrom(
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
      '[ab]',
      'é',
      'z',
      'a.b',
      '*.b',
      'a?b',
      '*.txt',
      'a+',
      'a|b',
    );
    const line = fc.tuple(fc.constantFrom('', '', '/', '!'), name).map(([pre, n]) => pre + n);
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 10 }), (lines) => {
        const text = `${lines.join('\n')}\n`;
        fs.writeFileSync(t.abs('.dockerignore'), text);
        const build = buildFor({ contextDir: t.dir });
        const ctx = ignoreFileCtx(t.abs('.dockerignore'), [build]);
        const got = runRule(rootAnchoredPattern, ctx).map((f) => [f.range.start.line, f.cost]);
        // Every candidate tested on every name, as the rule did before it looked names up.
        const cands = ctx.parsed.patterns
          .filter(
            (p) =>
              !p.negate &&
              !p.error &&
              !p.lazyError &&
              !p.pattern.includes('/') &&
              !p.pattern.startsWith('**') &&
              !p.raw.trim().startsWith('/'),
          )
          .map((p) => ({ p, test: directMatcher(p, 'buildkit')!, paths: new Set<string>(), files: 0, bytes: 0 }));
        walkDirs(build.scan!.root, (dir) => {
          if (!sendsSomething(dir)) return false;
          const hit = dir.path.includes('/') ? cands.filter((c) => c.test(dir.name)) : [];
          for (const c of hit)
            if (!c.paths.has(dir.path)) {
              c.paths.add(dir.path);
              c.files += dir.sent.files;
              c.bytes += dir.sent.bytes;
            }
          if (hit.length > 0) return false;
          for (const f of dir.files.values())
            for (const c of cands)
              if (isSentFile(f) && c.test(f.name)) {
                c.paths.add(`${dir.path}/${f.name}`);
                c.files++;
                c.bytes += f.size;
              }
          return true;
        });
        const want = cands.filter((c) => c.paths.size > 0).map((c) => [c.p.line, { files: c.files, bytes: c.bytes }]);
        assert.deepEqual(got, want, text);
      }),
      { seed: 3, numRuns: 100 },
    );
  } finally {
    t.cleanup();
  }
});
