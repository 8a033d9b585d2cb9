// Whole-tree rule inputs are cached per scan and must follow in-place patches from watched-file
// events, even when the totals do not move (issue 4: a rename keeping sizes).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { scanContextSync } from '../../server/src/engine/context/scan';
import { diskAccess } from '../../server/src/engine/discovery';
import { gitignoredGroups } from '../../server/src/engine/rules/support/gitignored';
import { onTreeWorkReady } from '../../server/src/engine/rules/support/scans';
import { recommendedExclusions } from '../../server/src/engine/rules/support/recommend';
import { engineScanner } from '../../server/src/workspace/engine';
import { makeWorkspace } from './harness';

const paths = (scan: Parameters<typeof gitignoredGroups>[0]): string[] =>
  (gitignoredGroups(scan, diskAccess) ?? []).flatMap((g) => g.entries.map((e) => e.path)).sort();

test('a rename that keeps every total still shows the new path, not the cached old one', () => {
  const root = makeWorkspace({ '.gitignore': '*.log\n', 'a.log': 'abc', 'src/main.go': 'package main\n' });
  try {
    let scan = scanContextSync({ contextDir: root, builder: 'buildkit', ignoreFile: null });
    assert.deepEqual(paths(scan), ['a.log']);
    const totals = JSON.stringify([scan.sent, scan.excluded]);
    fs.renameSync(`${root}/a.log`, `${root}/b.log`);
    scan = engineScanner.applyFsChange(scan, `${root}/a.log`, 'deleted', undefined);
    scan = engineScanner.applyFsChange(scan, `${root}/b.log`, 'created', undefined);
    assert.equal(JSON.stringify([scan.sent, scan.excluded]), totals, 'the rename moved no total');
    assert.deepEqual(paths(scan), ['b.log']);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});

test('an unchanged scan answers from the cache: the same groups object twice', () => {
  const root = makeWorkspace({ '.gitignore': 'dist/\n', 'dist/x.js': 'x' });
  try {
    const scan = scanContextSync({ contextDir: root, builder: 'buildkit', ignoreFile: null });
    assert.equal(gitignoredGroups(scan, diskAccess), gitignoredGroups(scan, diskAccess));
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});

test('once a server opts in, the passes run in the background: undefined until they land, then the groups', async () => {
  const root = makeWorkspace({ '.gitignore': '*.log\n', 'a.log': 'abc', 'src/x.log': 'x', 'src/main.go': 'package main\n' });
  const landed: unknown[] = [];
  let wake: (() => void) | undefined;
  const stop = onTreeWorkReady((scan) => { landed.push(scan); wake?.(); });
  try {
    const scan = scanContextSync({ contextDir: root, builder: 'buildkit', ignoreFile: null });
    assert.equal(gitignoredGroups(scan, diskAccess), undefined, 'nothing until the background passes land');
    // Two passes: where the .gitignore files are, then the verdicts under them.
    while (gitignoredGroups(scan, diskAccess) === undefined) await new Promise<void>((r) => { wake = r; });
    assert.ok(landed.length >= 2 && landed.every((s) => s === scan), 'the listener heard of this scan each time');
    assert.deepEqual(paths(scan), ['a.log', 'src/x.log']);
  } finally {
    stop();
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
  const root = makeWorkspace({ 'Dockerfile': 'FROM scratch\nCOPY . .\n', 'src/main.go': 'package main\n' });
  try {
    let scan = scanContextSync({ contextDir: root, builder: 'buildkit', ignoreFile: null });
    const build = { scan, builder: 'buildkit' } as unknown as Parameters<typeof recommendedExclusions>[0];
    const text = fs.readFileSync(`${root}/Dockerfile`, 'utf8');
    assert.ok(!(recommendedExclusions(build, diskAccess, 1e9, text) ?? []).some((p) => p.includes('.env')));
    fs.writeFileSync(`${root}/.env`, 'TOKEN=x\n');
    scan = engineScanner.applyFsChange(scan, `${root}/.env`, 'created', undefined);
    assert.ok((recommendedExclusions({ ...build, scan }, diskAccess, 1e9, text) ?? []).some((p) => p.includes('.env')), 'the new secret is recommended');
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});
