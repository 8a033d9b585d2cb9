import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import {
  heavyDirectoryInContext,
  heavyDirectoryInIgnoreFile,
} from '../../../server/src/engine/rules/heavy-directory-in-context';
import {
  assertSameTree,
  buildFor,
  copyFixture,
  dockerfileCtx,
  fixToFixpoint,
  fixtureDir,
  ignoreFileCtx,
  makeTree,
  runRule,
  type TreeSpec,
} from './helpers';

const MiB = 1024 * 1024;
const DF = 'FROM golang:1.24\nWORKDIR /src\nCOPY go.mod go.sum ./\nCOPY . .\nRUN go build ./...\n';

function check(
  files: TreeSpec,
  opts: {
    dockerfile?: string;
    builder?: 'buildkit' | 'classic' | 'podman';
    largeDirectory?: number;
    scan?: boolean;
  } = {},
) {
  const t = makeTree(files);
  const build = buildFor({
    contextDir: t.dir,
    dockerfile: t.abs(opts.dockerfile ?? 'Dockerfile'),
    builder: opts.builder,
    scan: opts.scan,
  });
  const over = opts.largeDirectory === undefined ? {} : { largeDirectory: opts.largeDirectory };
  return { t, build, found: runRule(heavyDirectoryInContext, dockerfileCtx([build], over)) };
}

test('names a Go vendor/ with its files, bytes and share of the context on the COPY . . line', () => {
  const { t, found } = check({
    Dockerfile: DF,
    'go.mod': 'module m\n',
    'go.sum': '',
    '.dockerignore': '.git\n',
    'vendor/modules.txt': '# m\n',
    'vendor/a/b.go': 3 * MiB,
    'main.go': 'package main\n',
  });
  try {
    assert.equal(found.length, 1);
    const f = found[0]!;
    assert.equal(f.range.start.line, 3);
    assert.equal(f.severity, 'warning');
    assert.match(f.message, /^`COPY \. \.` sends vendor\/ \(2 files, 3 MiB, >99% of the context\)/);
    assert.equal(f.cost?.files, 2);
    const fix = f.fixes[0]!;
    assert.equal(fix.safe, true);
    assert.deepEqual(fix.edits, [
      {
        file: t.abs('.dockerignore'),
        edits: [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, newText: 'vendor/\n' }],
      },
    ]);
  } finally {
    t.cleanup();
  }
});

test('vendor/ is not Go without modules.txt or a go.mod beside it, and small directories are left alone', () => {
  const { t, found } = check({
    Dockerfile: DF,
    'composer.json': '{}',
    'vendor/autoload.php': '<?php\n',
    'src/a.php': '<?php\n',
  });
  try {
    assert.deepEqual(found, []);
  } finally {
    t.cleanup();
  }
});

test('an excluded heavy directory is not reported', () => {
  const { t, found } = check({
    Dockerfile: DF,
    'go.mod': 'module m\n',
    '.dockerignore': 'vendor\n',
    'vendor/modules.txt': '#\n',
    'node_modules/x/index.js': 'x',
  });
  try {
    assert.deepEqual(
      found.map((f) => f.message.split(' (')[0]),
      ['`COPY . .` sends node_modules/'],
    );
  } finally {
    t.cleanup();
  }
});

test("a heavy directory excluded but partly re-included with ! is the user's choice", () => {
  const { t, found } = check({
    Dockerfile: DF,
    'go.mod': 'm',
    '.dockerignore': 'vendor\n!vendor/modules.txt\n',
    'vendor/modules.txt': '#',
    'vendor/a/b.go': 'x',
  });
  try {
    assert.deepEqual(found, []);
  } finally {
    t.cleanup();
  }
});

test('node_modules at several depths is fixed with one **/node_modules line', () => {
  const { found, t } = check({
    Dockerfile: 'FROM node\nCOPY . .\n',
    '.dockerignore': '*.md',
    'node_modules/a/i.js': 'a',
    'web/node_modules/b/i.js': 'b',
    'web/src/i.ts': 'x',
  });
  try {
    assert.deepEqual(
      found.map((f) => f.message.split(' (')[0]),
      ['`COPY . .` sends node_modules/', '`COPY . .` sends web/node_modules/'],
    );
    for (const f of found) {
      // The file had no final newline: the new line goes after a separator, and the file still ends without one.
      assert.deepEqual(f.fixes[0]!.edits[0]!.edits[0]!.newText, '\n**/node_modules');
    }
  } finally {
    t.cleanup();
  }
});

test('without an ignore file the fix creates .dockerignore', () => {
  const { t, found, build } = check({
    Dockerfile: 'FROM node\nCOPY . .\n',
    'node_modules/a/i.js': 'a',
    'src/i.js': 'x',
  });
  try {
    assert.equal(build.ignoreFile, null);
    const fe = found[0]!.fixes[0]!.edits[0]!;
    assert.equal(fe.file, t.abs('.dockerignore'));
    assert.equal(fe.create, true);
    assert.match(fe.edits[0]!.newText, /^# .*\nnode_modules\/\n$/);
  } finally {
    t.cleanup();
  }
});

test('stays silent while the context is being scanned and when nothing copies the whole context (BuildKit)', () => {
  const a = check({ Dockerfile: DF, 'go.mod': 'm', 'vendor/modules.txt': '#' }, { scan: false });
  const b = check({
    Dockerfile: 'FROM golang\nCOPY main.go ./\n',
    'go.mod': 'm',
    'main.go': 'x',
    'vendor/modules.txt': '#',
  });
  try {
    assert.deepEqual(a.found, []);
    assert.deepEqual(b.found, []);
  } finally {
    a.t.cleanup();
    b.t.cleanup();
  }
});

test('the classic builder sends the whole context even without COPY . ., so the first instruction carries it', () => {
  const { t, found } = check(
    { Dockerfile: 'FROM golang\nCOPY main.go ./\n', 'go.mod': 'm', 'main.go': 'x', 'vendor/modules.txt': '#' },
    { builder: 'classic' },
  );
  try {
    assert.equal(found.length, 1);
    assert.equal(found[0]!.range.start.line, 0);
    assert.match(found[0]!.message, /^This classic build sends vendor\//);
  } finally {
    t.cleanup();
  }
});

test('any directory over settings.largeDirectory is reported (info, fix not safe), the deepest heavy one', () => {
  const { t, found } = check(
    {
      Dockerfile: 'FROM x\nCOPY . .\n',
      'assets/video/a.mp4': 6 * MiB,
      'assets/video/b.mp4': 6 * MiB,
      'assets/i.png': 10,
    },
    { largeDirectory: 10 * MiB },
  );
  try {
    assert.equal(found.length, 1);
    assert.match(
      found[0]!.message,
      /sends assets\/video\/ \(2 files, 12 MiB, >99% of the context\): over the 10 MiB large-directory threshold/,
    );
    assert.equal(found[0]!.severity, 'info');
    assert.equal(found[0]!.fixes[0]!.safe, false);
  } finally {
    t.cleanup();
  }
});

test('a directory a COPY names is reported without a fix', () => {
  const { t, found } = check({
    Dockerfile: 'FROM golang\nCOPY vendor ./vendor\nCOPY . .\n',
    'go.mod': 'm',
    'vendor/modules.txt': '#',
    '.dockerignore': '.git\n',
  });
  try {
    assert.equal(found.length, 1);
    // No exclusion; only the allow-list rewrite, which fix-all never applies.
    assert.deepEqual(
      found[0]!.fixes.map((x) => [x.safe, x.title.startsWith('Write a minimal')]),
      [[false, true]],
    );
    assert.match(found[0]!.message, /`COPY vendor \.\/vendor` uses it/);
  } finally {
    t.cleanup();
  }
});

test('in the ignore file: once per directory however many builds send it', () => {
  const t = makeTree({
    'a.Dockerfile': DF,
    'b.Dockerfile': DF,
    'go.mod': 'm',
    'go.sum': '',
    '.dockerignore': '.git\n',
    'vendor/modules.txt': '#',
  });
  try {
    const builds = ['a', 'b'].map((n) => buildFor({ contextDir: t.dir, dockerfile: t.abs(`${n}.Dockerfile`) }));
    const found = runRule(heavyDirectoryInIgnoreFile, ignoreFileCtx(t.abs('.dockerignore'), builds));
    assert.equal(found.length, 1);
    assert.equal(found[0]!.file, t.abs('.dockerignore'));
    assert.match(
      found[0]!.message,
      /vendor\/ \(1 file, .*\) is not excluded: `COPY \. \.` sends it in a\.Dockerfile, b\.Dockerfile/,
    );
  } finally {
    t.cleanup();
  }
});

test('fixture: fix-all adds vendor/ once, keeps CRLF, and a second pass changes nothing', () => {
  const t = copyFixture('heavy-directory-in-context');
  try {
    const run = () => runRule(heavyDirectoryInContext, dockerfileCtx([buildFor({ contextDir: t.dir })]));
    assert.equal(run().length, 1);
    assert.equal(fixToFixpoint(run), 1);
    assertSameTree(t.dir, fixtureDir('heavy-directory-in-context', 'expected'));
    assert.deepEqual(run(), []);
  } finally {
    t.cleanup();
  }
});

test('acceptance: the go-vendor incident tree names vendor/ (7,994 files, 105.8 MiB) on each COPY . . and once in .dockerignore', () => {
  const t = makeTree({});
  try {
    const gen = spawnSync(
      process.execPath,
      [path.join(__dirname, '../../../bench/make-tree.mjs'), t.dir, 'go-vendor'],
      { encoding: 'utf8' },
    );
    assert.equal(gen.status, 0, gen.stderr);
    // One scan serves the three builds: same context, same ignore file, same builder.
    const first = buildFor({ contextDir: t.dir, dockerfile: t.abs('docker/gateway.Dockerfile') });
    const builds = ['gateway', 'aianalysis', 'data-storage'].map((s) => ({
      ...first,
      dockerfile: t.abs(`docker/${s}.Dockerfile`),
    }));
    for (const b of builds) {
      const found = runRule(heavyDirectoryInContext, dockerfileCtx([b]));
      assert.equal(found.length, 1, b.dockerfile);
      assert.match(found[0]!.message, /^`COPY \. \.` sends vendor\/ \(7,994 files, 105\.8 MiB, 9\d% of the context\)/);
    }
    const inIgnore = runRule(heavyDirectoryInIgnoreFile, ignoreFileCtx(t.abs('.dockerignore'), builds));
    assert.equal(inIgnore.length, 1);
    assert.match(inIgnore[0]!.message, /^vendor\/ \(7,994 files, 105\.8 MiB/);
  } finally {
    t.cleanup();
  }
});

test('the minimal ignore file: an allow-list of what the build reads, never safe, shown for review', () => {
  const t = makeTree({
    'docker/app.Dockerfile':
      'FROM golang:1.24 AS build\nWORKDIR /src\nCOPY . .\nRUN go build -o /out/app ./cmd/app\n' +
      'FROM scratch\nCOPY --from=build /out/app /app\n',
    'go.mod': 'module example.com/app\n',
    'go.sum': '',
    'cmd/app/main.go': 'package main\n\nimport "example.com/app/pkg/x"\n\nfunc main() { x.X() }\n',
    'pkg/x/x.go': 'package x\n\nfunc X() {}\n',
    'vendor/modules.txt': '# example.com/dep v1\n',
    'vendor/example.com/dep/d.go': 'package dep\n',
    'docs/a.md': 'docs',
    '.dockerignore': '\uFEFF.git\r\n',
  });
  try {
    const build = buildFor({ contextDir: t.dir, dockerfile: t.abs('docker/app.Dockerfile') });
    const [f] = runRule(heavyDirectoryInContext, dockerfileCtx([build]));
    const allow = f!.fixes.find((x) => x.title.startsWith('Write a minimal .dockerignore'))!;
    assert.equal(allow.safe, false);
    assert.equal(allow.confirm, true);
    const edit = allow.edits[0]!.edits[0]!;
    assert.equal(edit.range.start.character, 1, 'the BOM stays');
    assert.equal(
      edit.newText,
      [
        '# Written by buildctx: only what this build reads (buildctx inputs) is sent.',
        '*',
        '!go.mod',
        '!go.sum',
        '!cmd',
        '!pkg',
        '',
      ].join('\r\n'),
    );
  } finally {
    t.cleanup();
  }
});
