// Whole-tree rule inputs are cached per scan and must follow in-place patches from watched-file
// events, even when the totals do not move (issue 4: a rename keeping sizes).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { scanContextSync } from '../../server/src/engine/context/scan/scan';
import { diskAccess } from '../../server/src/engine/discovery';
import { gitignoredGroups } from '../../server/src/engine/rules/support/gitignored';
import { Scheduler } from '../../server/src/engine/background/scheduler';
import { TreeWork } from '../../server/src/engine/background/treeWork';
import { ContextStore } from '../../server/src/workspace/contexts';
import { recommendedExclusions } from '../../server/src/engine/rules/support/recommend';
import { engineScanner } from '../../server/src/workspace/engine';
import { makeWorkspace } from './harness';

type Scan = Parameters<typeof gitignoredGroups>[1];
const paths = (scan: Scan, work = new TreeWork()): string[] =>
  (gitignoredGroups(work, scan, diskAccess) ?? []).flatMap((g) => g.entries.map((e) => e.path)).sort();

test('a rename that keeps every total still shows the new path: the store that patches bumps the revision', async () => {
  const root = makeWorkspace({ '.gitignore': '*.log\n', 'a.log': 'abc', 'src/main.go': 'package main\n' });
  const work = new TreeWork();
  const store = new ContextStore(engineScanner, { onPatched: (scan) => work.patched(scan) });
  try {
    const entry = store.ensure({ contextDir: root, builder: 'buildkit', ignoreFile: null, ignoreText: undefined });
    await store.settled(entry);
    const scan = entry.scan!;
    assert.deepEqual(paths(scan, work), ['a.log']);
    const totals = JSON.stringify([scan.sent, scan.excluded]);
    fs.renameSync(`${root}/a.log`, `${root}/b.log`);
    store.fileChanged(`${root}/a.log`, 'deleted');
    store.fileChanged(`${root}/b.log`, 'created');
    assert.equal(entry.scan, scan, 'patched in place');
    assert.equal(JSON.stringify([scan.sent, scan.excluded]), totals, 'the rename moved no total');
    assert.deepEqual(paths(scan, work), ['b.log']);
  } finally {
    store.dispose();
    fs.rmSync(root, { recursive: true, force: true });
  }
});

test('an unchanged scan answers from the cache: the same groups object twice', () => {
  const root = makeWorkspace({ '.gitignore': 'dist/\n', 'dist/x.js': 'x' });
  try {
    const scan = scanContextSync({ contextDir: root, builder: 'buildkit', ignoreFile: null });
    const work = new TreeWork();
    assert.equal(gitignoredGroups(work, scan, diskAccess), gitignoredGroups(work, scan, diskAccess));
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});

test('once a server opts in, the passes run in the background: undefined until they land, then the groups', async () => {
  const root = makeWorkspace({
    '.gitignore': '*.log\n',
    'a.log': 'abc',
    'src/x.log': 'x',
    'src/main.go': 'package main\n',
  });
  const landed: unknown[] = [];
  let wake: (() => void) | undefined;
  const work = new TreeWork({
    scheduler: new Scheduler(),
    onReady: (scan) => {
      landed.push(scan);
      wake?.();
    },
  });
  try {
    const scan = scanContextSync({ contextDir: root, builder: 'buildkit', ignoreFile: null });
    assert.equal(gitignoredGroups(work, scan, diskAccess), undefined, 'nothing until the background passes land');
    // Two passes: where the .gitignore files are, then the verdicts under them.
    while (gitignoredGroups(work, scan, diskAccess) === undefined)
      await new Promise<void>((r) => {
        wake = r;
      });
    assert.ok(landed.length >= 2 && landed.every((s) => s === scan), 'the listener heard of this scan each time');
    assert.deepEqual(paths(scan, work), ['a.log', 'src/x.log']);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});

test('without a server the CLI gets the groups at once', () => {
  const root = makeWorkspace({ '.gitignore': '*.log\n', 'a.log': 'abc' });
  try {
    assert.deepEqual(paths(scanContextSync({ contextDir: root, builder: 'buildkit', ignoreFile: null })), ['a.log']);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});

test('the recommended ignore file follows a patch: a new .env appears in it', () => {
  const root = makeWorkspace({
    // A build stage the image only takes a binary from: nothing else copied is read.
    Dockerfile:
      'FROM golang AS b\nWORKDIR /src\nCOPY . .\nRUN go build -o /app ./src\nFROM scratch\nCOPY --from=b /app /app\n',
    'go.mod': 'module m\n',
    'src/main.go': 'package main\n',
  });
  try {
    let scan = scanContextSync({ contextDir: root, builder: 'buildkit', ignoreFile: null });
    const build = {
      scan,
      builder: 'buildkit',
      contextDir: root,
      dockerfile: `${root}/Dockerfile`,
    } as unknown as Parameters<typeof recommendedExclusions>[0];
    const text = fs.readFileSync(`${root}/Dockerfile`, 'utf8');
    const work = new TreeWork();
    const x = { fs: diskAccess, work, builds: [], largeDirectory: 1e9, dockerfileText: text };
    assert.ok(!(recommendedExclusions(build, x) ?? []).some((p) => p.includes('.env')));
    fs.writeFileSync(`${root}/.env`, 'API_TOKEN=9f8e7d6c5b4a3928-q7Zr\n');
    scan = engineScanner.applyFsChange(scan, `${root}/.env`, 'created', undefined);
    work.patched(scan);
    assert.ok(
      (recommendedExclusions({ ...build, scan }, x) ?? []).some((p) => p.includes('.env')),
      'the new secret is recommended',
    );
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});
