#!/usr/bin/env node
// The workspace the e2e suite opens, shaped like the incident that started buildctx: a Go
// module whose three Dockerfiles `COPY . .` a 7,994-file, 105.8 MiB `vendor/` that
// .dockerignore forgets (while .gitignore lists it), and `go build` without `-mod=mod`.
// vendor/ is generated at test time with sparse files, so sizes are real to stat() but cost
// no disk, and a fixed seed makes every run byte-identical.
//
//   node test/e2e/fixture.mjs <dir>      prints the totals as JSON
import fs from 'node:fs';
import path from 'node:path';

export const SERVICES = ['gateway', 'aianalysis', 'data-storage'];
export const VENDOR_FILES = 7994;
/** 105.8 MiB, the size of the incident's vendor/. */
export const VENDOR_BYTES = 110_950_000;
export const DOCKERIGNORE = '.git\n';
export const GITIGNORE = 'vendor/\n';

/** A Dockerfile as the incident had it, or as fix-all must leave it (`-mod=mod` after `go build`). */
export function dockerfile(svc, { fixed = false } = {}) {
  return `FROM golang:1.24 AS builder
WORKDIR /src
COPY go.mod go.sum ./
COPY . .
RUN CGO_ENABLED=0 GOOS=linux go build${fixed ? ' -mod=mod' : ''} \\
    -ldflags="-s -w" \\
    -o /out/${svc} ./cmd/${svc}

FROM gcr.io/distroless/static
COPY --from=builder /out/${svc} /${svc}
ENTRYPOINT ["/${svc}"]
`;
}

function rng(seed) {
  let state = seed >>> 0;
  return () => (state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

/** File sizes of vendor/: log-normal-ish, scaled so they sum to exactly VENDOR_BYTES. */
function vendorSizes(rand) {
  const raw = Array.from({ length: VENDOR_FILES - 1 }, () => Math.exp((rand() + rand() + rand() - 1.5) * 2));
  const budget = VENDOR_BYTES - MODULES_TXT.length;
  const scale = budget / raw.reduce((a, b) => a + b, 0);
  const sizes = raw.map((r) => Math.max(1, Math.floor(r * scale)));
  sizes[0] += budget - sizes.reduce((a, b) => a + b, 0);
  return sizes;
}

const MODULES_TXT = '# github.com/example/dep v1.0.0\n## explicit; go 1.21\ngithub.com/example/dep\n';
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

/**
 * Writes the workspace into `dir` (which must be empty or absent) and returns what the suite
 * asserts against: vendor/ and whole-tree totals in files and bytes.
 */
export function makeWorkspace(dir) {
  const totals = { files: 0, bytes: 0 };
  const write = (rel, content, size) => {
    const p = path.join(dir, rel);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    if (content !== undefined) {
      fs.writeFileSync(p, content);
      size = Buffer.byteLength(content);
    } else {
      const fd = fs.openSync(p, 'w');
      fs.ftruncateSync(fd, size);
      fs.closeSync(fd);
    }
    totals.files++;
    totals.bytes += size;
  };
  write('go.mod', 'module example.com/incident\n\ngo 1.24\n\nrequire github.com/example/dep v1.0.0\n');
  write('go.sum', 'github.com/example/dep v1.0.0 h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n');
  write('.gitignore', GITIGNORE);
  write('.dockerignore', DOCKERIGNORE);
  for (const svc of SERVICES) {
    write(`docker/${svc}.Dockerfile`, dockerfile(svc));
    write(`cmd/${svc}/main.go`, `package main\n\nfunc main() { println("${svc}") }\n`);
  }
  const rand = rng(5);
  const pick = (xs) => xs[Math.floor(rand() * xs.length)];
  // Sources: a few MiB, well under the 10 MB large-directory threshold, so vendor/ is the
  // only directory the rules may call heavy and what stays after the fix is a visible figure.
  for (let i = 0; i < 600; i++) {
    write(
      `pkg/${pick(WORDS)}/${pick(WORDS)}_${i}.go`,
      undefined,
      Math.round(4000 * Math.exp((rand() + rand() - 1) * 1.5)),
    );
  }
  const before = { ...totals };
  write('vendor/modules.txt', MODULES_TXT);
  vendorSizes(rand).forEach((size, i) => {
    const depth = 1 + Math.floor(rand() * 4);
    const d = Array.from({ length: depth }, () => pick(WORDS)).join('/');
    write(
      `vendor/github.com/${pick(WORDS)}/${d}/${pick(WORDS)}_${i}.${pick(['go', 'go', 'go', 's'])}`,
      undefined,
      size,
    );
  });
  const vendor = { files: totals.files - before.files, bytes: totals.bytes - before.bytes };
  return { vendor, total: { ...totals } };
}

// Run as a script (not imported by the suites or bundled into the test-cli suite).
if (process.argv[1] && path.basename(process.argv[1]) === 'fixture.mjs') {
  const dir = process.argv[2];
  if (!dir) {
    console.error('usage: fixture.mjs <dir>');
    process.exit(2);
  }
  console.log(JSON.stringify(makeWorkspace(path.resolve(dir))));
}
