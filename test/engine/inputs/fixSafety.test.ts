// The promise behind every safe fix, as a property: on generated repositories (Go, Node and
// Python shapes, with and without ignore files), applying all safe fixes to a fixpoint never
// stops sending a file the build-input model says a build reads, and never adds an error.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CheckedTree } from '../../../server/src/engine/check/checkedTree';
import { overlayAccess } from '../../../server/src/engine/build/assemble';
import { diskAccess } from '../../../server/src/engine/discovery';
import { fixAll } from '../../../server/src/engine/fix';
import { inputIndex } from '../../../server/src/engine/inputs';
import { DEFAULT_SETTINGS, type Finding } from '../../../server/src/engine/types';
import type { BuildInfo } from '../../../server/src/engine/rules/types';
import type { DirEntry } from '../../../server/src/engine/context/model';

const GO_FILES: Record<string, string> = {
  'go.mod': 'module example.com/p\n\ngo 1.24\n',
  'go.sum': '',
  'cmd/app/main.go': 'package main\n\nimport "example.com/p/pkg/models"\n\nfunc main() { models.X() }\n',
  'pkg/models/m.go': 'package models\n\nimport _ "embed"\n\n//go:embed data/seed.txt\nvar seed string\n\nfunc X() {}\n',
  'pkg/models/data/seed.txt': 'seed',
  'internal/unused/u.go': 'package unused\n',
};
const NODE_FILES: Record<string, string> = {
  'package.json': '{"dependencies":{"vite":"5"}}',
  'package-lock.json': '{}',
  'src/models/index.ts': 'export {}',
  'node_modules/left-pad/index.js': 'module.exports = 1',
  '.env.production': 'VITE_API=/api',
};
const PY_FILES: Record<string, string> = {
  'pyproject.toml': '[project]\nname = "p"\nreadme = "README.md"\n',
  'README.md': '# p',
  'app/models/user.py': 'x = 1',
  'app/__pycache__/user.cpython-312.pyc': 'pyc',
};
const EXTRA: Array<[string, string]> = [
  ['vendor/modules.txt', '# example.com/dep v1\n'],
  ['vendor/example.com/dep/d.go', 'package dep\n'],
  ['models/diagram.png', 'png'],
  ['logs/app.log', 'log'],
  ['services/api/logs/run.log', 'log'],
  ['.env', 'API_TOKEN=9f8e7d6c5b4a39281706f5e4d3c2b1a0'],
  ['deploy/id_rsa', '-----BEGIN OPENSSH PRIVATE KEY-----\nabc\n'],
  ['dist/bundle.js', 'bundle'],
  ['docs/guide.md', 'guide'],
  ['.git/HEAD', 'ref: refs/heads/main\n'],
  ['coverage/lcov.info', 'TN:'],
];
const DOCKERFILES: Record<string, string[]> = {
  go: [
    'FROM golang:1.24 AS build\nWORKDIR /src\nCOPY . .\nRUN go build -o /out/app ./cmd/app\nFROM scratch\nCOPY --from=build /out/app /app\n',
    'FROM golang:1.24\nWORKDIR /src\nCOPY go.mod go.sum ./\nRUN go mod download\nCOPY . .\nRUN go build -o /app ./cmd/app\nCMD ["/app"]\n',
  ],
  node: [
    'FROM node:22\nWORKDIR /app\nCOPY . .\nRUN npm ci && npm run build\n',
    'FROM node:22\nWORKDIR /app\nCOPY . .\n',
  ],
  py: ['FROM python:3.12\nWORKDIR /app\nCOPY . .\nRUN pip install .\nCMD ["python", "-m", "app"]\n'],
};
const PATTERNS = ['models', 'logs', '*.log', '.env', 'node_modules', 'dist', '.git', 'docs', '*.md', 'src', 'vendor/'];
const GITIGNORE = ['*.log', 'dist/', '.env', 'coverage/', 'vendor/', 'node_modules/', '__pycache__/'];

const arbCase = fc.record({
  kind: fc.constantFrom('go', 'node', 'py'),
  variant: fc.nat(1),
  extra: fc.subarray(EXTRA),
  ignore: fc.option(fc.subarray(PATTERNS), { nil: undefined }),
  gitignore: fc.subarray(GITIGNORE),
});

function write(dir: string, files: Record<string, string>): void {
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
}

function sentFiles(root: DirEntry, out = new Set<string>()): Set<string> {
  for (const f of root.files.values()) if (f.excludedBy < 0) out.add(root.path ? `${root.path}/${f.name}` : f.name);
  for (const d of root.dirs.values()) sentFiles(d, out);
  return out;
}

function inputsSent(b: BuildInfo): string[] {
  const scan = b.scan!;
  const src = { dockerfileText: fs.readFileSync(b.dockerfile, 'utf8'), builder: b.builder, contextDir: b.contextDir };
  const index = inputIndex({ ...src, scan, fs: diskAccess });
  return [...sentFiles(scan.root)].filter((p) => index.hit(p) !== undefined);
}

const errors = (fs: Finding[]): Set<string> =>
  new Set(fs.filter((f) => f.severity === 'error').map((f) => `${f.ruleId}\0${f.message}`));

test('property: safe fixes never stop sending a build input and never add an error', () => {
  fc.assert(
    fc.property(arbCase, (c) => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'buildctx-safe-'));
      try {
        const base = c.kind === 'go' ? GO_FILES : c.kind === 'node' ? NODE_FILES : PY_FILES;
        const dockerfiles = DOCKERFILES[c.kind]!;
        write(dir, {
          ...base,
          ...Object.fromEntries(c.extra),
          Dockerfile: dockerfiles[c.variant % dockerfiles.length]!,
        });
        if (c.ignore) write(dir, { '.dockerignore': c.ignore.map((p) => `${p}\n`).join('') });
        if (c.gitignore.length) write(dir, { '.gitignore': c.gitignore.map((p) => `${p}\n`).join('') });
        const tree = new CheckedTree({ root: dir, settings: DEFAULT_SETTINGS, fs: diskAccess });
        const before = tree.check();
        const needed = new Map(before.builds.map((b) => [b.dockerfile, inputsSent(b)]));
        const read = (f: string): string | undefined => diskAccess.readText(f);
        const result = fixAll((overlay) => tree.check(overlay).findings, read);
        const afterBuilds = tree.builds(overlayAccess(diskAccess, result.changed));
        for (const b of afterBuilds) {
          const sent = sentFiles(b.scan!.root);
          const lost = (needed.get(b.dockerfile) ?? []).filter((p) => !sent.has(p));
          assert.deepEqual(lost, [], `fixes ${result.applied.map((a) => a.title).join('; ')} dropped inputs`);
        }
        const added = [...errors(tree.check(result.changed).findings)].filter((e) => !errors(before.findings).has(e));
        assert.deepEqual(added, []);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    }),
    { numRuns: 40, seed: 13 },
  );
});
