// The report picture's data: folders with their needed / sent-but-unused / excluded bytes, whose
// sums must be the scan's and the model's, whatever the limits leave out.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { scanContextSync } from '../../../server/src/engine/context/scan/scan';
import { computeInputs, InputIndex } from '../../../server/src/engine/inputs';
import { classifyTree } from '../../../server/src/engine/inputs/classify';
import { folderMap, type MapFolder } from '../../../server/src/engine/inputs/folderMap';
import { diskFs, makeTree, type TreeSpec } from '../rules/helpers';

const DOCKERFILE =
  'FROM golang AS b\nWORKDIR /src\nCOPY . .\nRUN go build -o /out ./cmd/a\nFROM scratch\nCOPY --from=b /out /out\n';
const FILES: TreeSpec = {
  Dockerfile: DOCKERFILE,
  '.dockerignore': 'vendor/\n**/*.log\n',
  'go.mod': 'module example.com/m\n',
  'cmd/a/main.go': 'package main\n\nimport "example.com/m/pkg/x"\n\nfunc main() { x.X() }\n',
  'pkg/x/x.go': 'package x\n\nfunc X() {}\n',
  'pkg/x/big.bin': 40_000,
  'pkg/y/y.go': 'package y\n',
  'docs/guide/a.md': 3_000,
  'docs/guide/deep/b.md': 2_000,
  'docs/c.log': 500,
  'vendor/github.com/dep/d.go': 90_000,
  'vendor/modules.txt': '#',
  'assets/img/a.png': 7_000,
  'assets/img/b.png': 9_000,
  'assets/x.svg': 100,
};

function setup() {
  const t = makeTree(FILES);
  const scan = scanContextSync({
    contextDir: t.dir,
    builder: 'buildkit',
    ignoreFile: path.join(t.dir, '.dockerignore'),
  });
  const index = new InputIndex(
    computeInputs({ dockerfileText: DOCKERFILE, builder: 'buildkit', contextDir: t.dir, scan, fs: diskFs }),
  );
  return { t, scan, split: classifyTree(scan, index) };
}

const bytes = (f: MapFolder): number => f.needed.bytes + f.unused.bytes + f.excluded.bytes;
const find = (f: MapFolder, p: string): MapFolder | undefined =>
  f.path === p ? f : f.children.map((c) => find(c, p)).find((x) => x !== undefined);

test('the root of the map holds exactly the needed, unused and excluded totals of the scan and model', () => {
  const { t, scan, split } = setup();
  try {
    const map = folderMap(scan.root, split);
    assert.deepEqual(map.needed, split.needed);
    assert.deepEqual(map.unused, split.unused);
    assert.deepEqual(map.excluded, split.excluded);
    assert.equal(map.needed.bytes + map.unused.bytes, scan.sent.bytes);
    assert.equal(map.needed.files + map.unused.files, scan.sent.files);
    assert.deepEqual(map.excluded, scan.excluded);
  } finally {
    t.cleanup();
  }
});

test('each folder is split by what the build reads; children never outweigh their parent', () => {
  const { t, scan, split } = setup();
  try {
    const map = folderMap(scan.root, split);
    const vendor = find(map, 'vendor');
    assert.deepEqual(vendor && [vendor.needed.bytes, vendor.unused.bytes, vendor.excluded.bytes], [0, 0, 90_001]);
    const pkg = find(map, 'pkg');
    assert.ok(pkg && pkg.needed.bytes > 0 && pkg.needed.files >= 1, 'pkg/x is read');
    const docs = find(map, 'docs');
    assert.deepEqual(docs && [docs.needed.bytes, docs.unused.bytes, docs.excluded.bytes], [0, 5_000, 500]);
    const check = (f: MapFolder): void => {
      for (const k of ['needed', 'unused', 'excluded'] as const) {
        const sum = f.children.reduce((n, c) => n + c[k].bytes, 0);
        assert.ok(sum <= f[k].bytes, `${f.path}: children's ${k} ${sum} > ${f[k].bytes}`);
      }
      f.children.forEach(check);
    };
    check(map);
    // Largest first, so the limits keep the folders that matter.
    assert.deepEqual(
      map.children.map((c) => c.path),
      ['vendor', 'pkg', 'assets', 'docs', 'cmd'],
    );
  } finally {
    t.cleanup();
  }
});

test('limits cut depth and count; without a model all that is sent counts as unused', () => {
  const { t, scan } = setup();
  try {
    const map = folderMap(scan.root, null, { depth: 1, top: [2] });
    assert.deepEqual(
      map.children.map((c) => [c.path, c.children.length]),
      [
        ['vendor', 0],
        ['pkg', 0],
      ],
    );
    assert.equal(map.needed.bytes, 0);
    assert.equal(map.unused.bytes, scan.sent.bytes);
    assert.equal(bytes(map), scan.sent.bytes + scan.excluded.bytes);
  } finally {
    t.cleanup();
  }
});
