#!/usr/bin/env node
// Deterministic build-context fixtures for the benchmark and the scale tests, so `npm run bench`
// works in any clone. Shapes and sizes follow ../shared/bench/make-tree.mjs (same seed, same
// random sequence, same tree), plus `huge`: the 1,000,000-file workspace of issue 7.
//
//   node bench/make-tree.mjs <out-dir> <go-vendor|monorepo|wide|huge> [--seed N]
//
// File contents are sparse (ftruncate): sizes are real to lstat() but cost no disk blocks.
import fs from 'node:fs';
import path from 'node:path';

export const SHAPES = ['go-vendor', 'monorepo', 'wide', 'huge'];

const WORDS = [
  'api',
  'core',
  'util',
  'http',
  'grpc',
  'store',
  'cache',
  'auth',
  'log',
  'metrics',
  'client',
  'server',
  'types',
  'internal',
  'config',
  'codec',
  'proto',
  'v1',
  'v2',
  'sync',
];

const dockerfile = (svc) => `FROM golang:1.24 AS builder
WORKDIR /src
COPY go.mod go.sum ./
COPY . .
RUN CGO_ENABLED=0 GOOS=linux go build \\
    -ldflags="-s -w" \\
    -o /out/${svc} ./cmd/${svc}

FROM gcr.io/distroless/static
COPY --from=builder /out/${svc} /${svc}
ENTRYPOINT ["/${svc}"]
`;

/** Writes one shape into `out`; returns what it wrote. */
export function makeTree(out, shape, seed = 42) {
  let state = seed >>> 0;
  // Linear congruential generator: the shared generator's sequence, so trees match theirs.
  const rand = () => (state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  const pick = (xs) => xs[Math.floor(rand() * xs.length)];
  // Log-normal-ish sizes around `median` bytes.
  const size = (median) => Math.max(1, Math.round(median * Math.exp((rand() + rand() + rand() - 1.5) * 2)));
  const made = new Set();
  let files = 0,
    bytes = 0;

  function file(rel, n, text) {
    const p = path.join(out, rel);
    const dir = path.dirname(p);
    // One mkdir per directory, not per file: it dominates generation time on the huge shape.
    if (!made.has(dir)) {
      fs.mkdirSync(dir, { recursive: true });
      made.add(dir);
    }
    if (text !== undefined) {
      fs.writeFileSync(p, text);
      n = Buffer.byteLength(text);
    } else {
      const fd = fs.openSync(p, 'w');
      fs.ftruncateSync(fd, n);
      fs.closeSync(fd);
    }
    files++;
    bytes += n;
  }
  function tree(root, count, median, exts, depth = 3) {
    for (let i = 0; i < count; i++) {
      const d = Array.from({ length: 1 + Math.floor(rand() * depth) }, () => pick(WORDS)).join('/');
      file(`${root}/${d}/${pick(WORDS)}_${i}.${pick(exts)}`, size(median));
    }
  }

  if (shape === 'go-vendor') {
    file('go.mod', 0, 'module example.com/svc\n\ngo 1.24\n');
    file('go.sum', 0, '');
    file('.gitignore', 0, 'vendor/\nbin/\n*.log\ncoverage.out\n');
    file('.dockerignore', 0, '.git\n*.md\ncoverage.out\n');
    for (const svc of ['gateway', 'aianalysis', 'data-storage']) {
      file(`docker/${svc}.Dockerfile`, 0, dockerfile(svc));
      file(`cmd/${svc}/main.go`, 0, 'package main\n\nfunc main() {}\n');
    }
    tree('pkg', 1000, 6000, ['go']);
    tree('docs', 200, 4000, ['md']);
    // vendor/: exactly 7,994 files, ~106 MB (size() averages ~1.62x its median).
    const n = 7994,
      per = Math.round((106 * 2 ** 20) / n / 1.62);
    file('vendor/modules.txt', 0, '# example.com/dep v1.0.0\n');
    tree('vendor/github.com', n - 1, per, ['go', 'go', 'go', 's', 'bazel'], 5);
  } else if (shape === 'monorepo') {
    file('package.json', 0, '{"name":"mono","private":true}\n');
    file('.gitignore', 0, 'node_modules\ndist/\n.cache/\n');
    file('Dockerfile', 0, 'FROM node:22\nWORKDIR /app\nCOPY . .\nRUN npm ci && npm run build\n');
    for (const pkg of ['web', 'api', 'worker', 'shared']) {
      tree(`packages/${pkg}/src`, 2500, 3000, ['ts', 'tsx', 'json']);
      tree(`packages/${pkg}/node_modules`, 25000, 4000, ['js', 'd.ts', 'json', 'map'], 5);
      tree(`packages/${pkg}/dist`, 1500, 20000, ['js', 'map']);
    }
    tree('node_modules', 70000, 5000, ['js', 'd.ts', 'json', 'map', 'md'], 6);
    tree('.git/objects', 10000, 8000, ['pack', 'idx', 'obj'], 2);
    tree('.cache', 2000, 50000, ['bin']);
  } else if (shape === 'wide') {
    for (let d = 0; d < 20000; d++) for (let f = 0; f < 5; f++) file(`d${d % 100}/s${d}/f${f}.txt`, size(2000));
  } else if (shape === 'huge') {
    // 40 packages x 25,000 files, with an ignore file that keeps node_modules and dist out,
    // so the scan also exercises matching and exclusion attribution at scale.
    file('package.json', 0, '{"name":"huge","private":true}\n');
    file('Dockerfile', 0, 'FROM node:22\nWORKDIR /app\nCOPY . .\nRUN npm ci && npm run build\n');
    file('.dockerignore', 0, '**/node_modules\n**/dist\n.git\n');
    for (let p = 0; p < 40; p++) {
      tree(`packages/p${p}/src`, 2500, 3000, ['ts', 'tsx', 'json']);
      tree(`packages/p${p}/node_modules`, 20000, 4000, ['js', 'd.ts', 'json', 'map'], 5);
      tree(`packages/p${p}/dist`, p === 39 ? 2497 : 2500, 20000, ['js', 'map']);
    }
  } else {
    throw new Error(`unknown shape: ${shape}`);
  }
  return { files, bytes };
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('make-tree.mjs')) {
  const [out, shape, ...rest] = process.argv.slice(2);
  if (!out || !SHAPES.includes(shape)) {
    console.error(`usage: make-tree.mjs <out-dir> <${SHAPES.join('|')}> [--seed N]`);
    process.exit(2);
  }
  const s = rest.indexOf('--seed');
  const { files, bytes } = makeTree(out, shape, s >= 0 ? Number(rest[s + 1]) : 42);
  console.log(`${files} files, ${(bytes / 2 ** 20).toFixed(1)} MiB apparent, in ${out}`);
}
