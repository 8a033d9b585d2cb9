import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { scanContextSync } from '../../../../server/src/engine/context/scan/scan';
import { NAME_TABLE, ScanWriter } from '../../../../server/src/engine/context/worker/encode';
import { scanContextFlat } from '../../../../server/src/engine/context/worker/flat';
import { decodeScan } from '../../../../server/src/engine/context/worker/decode';
import { makeTree, normalised } from '../helpers';

const optsFor = (dir: string) => ({
  contextDir: dir,
  builder: 'buildkit' as const,
  ignoreFile: path.join(dir, '.dockerignore'),
});
const noPause = async (): Promise<void> => {};

test('an encoded scan rebuilds the same scan, and the rebuild lets go of every chunk it read', async () => {
  const dir = makeTree({ 'a/b/c': 5, 'a/d': 7, 'e/f/g/h': 1, top: 2, 'gone/x.log': 9, '.dockerignore': '*/*.log\n' });
  const { encoded } = scanContextFlat(optsFor(dir));
  const back = await decodeScan(encoded, noPause);
  assert.ok(encoded.chunks.length > 0 && encoded.chunks.every((c) => c === undefined), 'the chunks are released');
  assert.deepEqual(normalised(back), normalised(scanContextSync(optsFor(dir))));
  assert.equal(back.excluded.files, 1);
});

test('names survive the UTF-8 name buffer: BOM, multibyte, emoji, newline, 255-byte names', async () => {
  const long = 'é'.repeat(127); // 254 bytes: the buffer's first estimate is far too small for many of these
  const spec: Record<string, number> = { '\uFEFFbom': 1, 'ünï cödé 😀': 2, 'new\nline': 3, 'd\uFEFF/\uFEFF': 4 };
  for (let i = 0; i < 40; i++) spec[`${long}${i % 10}/${long.slice(0, 120)}${i}`] = i;
  const dir = makeTree(spec);
  const s = scanContextSync(optsFor(dir));
  const { encoded, transfer } = scanContextFlat(optsFor(dir));
  assert.ok(transfer.includes(encoded.chunks[0]!.names.buffer as ArrayBuffer), 'the names move with the transfer list');
  const back = await decodeScan(encoded, noPause);
  assert.deepEqual(normalised(back), normalised(s));
  assert.equal(back.root.files.get('\uFEFFbom')?.size, 1);
  assert.equal(back.root.dirs.get('d\uFEFF')?.files.get('\uFEFF')?.size, 4);
});

test('a scan holds the young generation small, and lets it grow again afterwards', () => {
  // A fresh process: the young generation only ever grows, so the test runner's own could not tell.
  const gc = path.resolve(__dirname, '../../../../server/src/engine/context/scan/gc.ts');
  const code = `require('tsx/cjs');
    const v8 = require('node:v8');
    const { withSmallYoungGeneration } = require(${JSON.stringify(gc)});
    const young = () => v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size;
    const fill = (keep) => { for (let i = 0; i < 400000; i++) keep.push({ i, s: 'n' + i }); };
    const keep = [];
    const before = young();
    const held = withSmallYoungGeneration(() => { fill(keep); return young(); });
    fill(keep);
    process.stdout.write(JSON.stringify({ before, held, after: young() }));`;
  const out = JSON.parse(execFileSync(process.execPath, ['-e', code], { encoding: 'utf8' })) as {
    before: number;
    held: number;
    after: number;
  };
  assert.equal(out.held, out.before, 'the young generation did not grow while held');
  assert.ok(out.after > out.held, `young generation after release: ${out.after} bytes`);
});

test('repeated names are sent once and read back right across chunks and name-table restarts', async () => {
  // More distinct names than the table holds (and entries than a chunk holds), with repeats
  // of names from before and after each restart: every entry must get its own name back.
  const w = new ScanWriter();
  const expected: string[] = [];
  const dirNo = w.add(0, 'dir', 0, -1, 'pkg');
  for (let i = 0; i < NAME_TABLE * 2; i++) {
    const name = i % 3 === 0 ? `shared${i % 7}` : `f${i}`;
    w.add(dirNo, 'file', i, -1, name);
    expected.push(name);
  }
  const head = {
    contextDir: '/x',
    builder: 'buildkit' as const,
    ignoreFile: null,
    patterns: [],
    errors: [],
    fatal: null,
    sent: { files: 0, bytes: 0 },
    excluded: { files: 0, bytes: 0 },
    patternStats: [],
  };
  const { encoded } = w.finish(head, []);
  assert.ok(encoded.chunks.length > 1, 'spans chunks');
  const sentOnce = encoded.chunks.reduce((n, c) => n + c!.refs.filter((r) => r < 0).length, 0);
  assert.ok(sentOnce < expected.length + 1, `${sentOnce} names sent for ${expected.length + 1} entries`);
  const back = await decodeScan(encoded, noPause);
  const pkg = back.root.dirs.get('pkg')!;
  const byName = new Map<string, number>();
  for (const f of pkg.files.values()) byName.set(f.name, f.size);
  // Names repeat, so the directory keeps the last entry of each name (as a Map would).
  const last = new Map<string, number>();
  expected.forEach((n, i) => {
    last.set(n, i);
  });
  assert.deepEqual(byName, last);
});
