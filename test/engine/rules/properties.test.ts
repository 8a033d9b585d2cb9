// Property tests over random Dockerfiles, ignore files and context trees, through the real
// pipeline (discovery skipped with a fixed context, real scanner, every registered rule):
// checking never throws, fix-all is idempotent and never introduces an error-level finding.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { DEFAULT_SETTINGS, type Finding } from '../../../server/src/engine/types';
import { fixAll } from '../../../server/src/engine/fix';
import { CheckedTree } from '../../../server/src/engine/check/checkedTree';
import { diskAccess } from '../../../server/src/engine/discovery';

const RUNS = { seed: 20261127, numRuns: 40, endOnFailure: true };

const TREE_FILES = [
  'go.mod',
  'go.sum',
  'vendor/modules.txt',
  'vendor/dep/a.go',
  'src/a.go',
  'src/b.go',
  'config/app.yaml',
  'node_modules/x/index.js',
  'package.json',
  'docs/README.md',
  '.git/HEAD',
];

const IGNORE_LINES = [
  'vendor/',
  'vendor',
  '!vendor/modules.txt',
  '*.md',
  '**/node_modules',
  'node_modules',
  'src',
  '!src/a.go',
  'config/*.yaml',
  '[',
  '# comment',
  'vendor/ # deps',
  '',
  '  spaces  ',
  '!',
  '.git',
  '**',
  '!**/a.go',
  '/docs/',
  'config',
  'a\\',
  '*.log',
];

const DOCKER_LINES = [
  'FROM golang AS b',
  'FROM b',
  'FROM alpine',
  'ARG DIR=src',
  'ARG NOPE',
  'ENV GOFLAGS=-mod=vendor',
  'ENV GOFLAGS=-mod=mod',
  'COPY go.mod go.sum ./',
  'COPY package*.json ./',
  'COPY . .',
  'ADD ./ /app',
  'COPY ${DIR}/a.go /x',
  'COPY $NOPE /n',
  'COPY src/*.go /s/',
  'COPY config/app.yaml /c',
  'COPY missing.txt /m',
  'COPY --from=b /x /y',
  'COPY --parents **/a.go /p/',
  'RUN go build ./...',
  'RUN CGO_ENABLED=0 go build \\\n  -o /x .',
  'RUN ["go","test","./..."]',
  'RUN <<EOF\ngo install .\nEOF',
  'RUN go mod download',
  'RUN if a; then go build; else go test; fi',
  'RUN npm ci',
  'RUN go build -mod=vendor .',
  'RUN echo "unterminated',
  'COPY',
  'RUN \\',
  '# buildctx-ignore go-build-mod-flag',
  'COPY <<EOT /f\nhi\nEOT',
  'WORKDIR /src',
];

const treeArb = fc.record({
  files: fc.subarray(TREE_FILES),
  // Half the Dockerfiles copy the module in first, so their go commands build in it (where
  // go-build-mod-flag speaks) whatever order the generated lines come in.
  copiesFirst: fc.boolean(),
  ignore: fc.option(
    fc.array(fc.oneof(fc.constantFrom(...IGNORE_LINES), fc.string({ maxLength: 12 })), { maxLength: 8 }),
    { nil: undefined },
  ),
  dockerfile: fc.array(
    fc.oneof(
      { weight: 5, arbitrary: fc.constantFrom(...DOCKER_LINES) },
      { weight: 1, arbitrary: fc.string({ maxLength: 20 }) },
    ),
    { minLength: 1, maxLength: 10 },
  ),
  crlf: fc.boolean(),
  bom: fc.boolean(),
  finalNewline: fc.boolean(),
});

type Case = typeof treeArb extends fc.Arbitrary<infer T> ? T : never;

function materialise(c: Case): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'buildctx-prop-'));
  const eol = c.crlf ? '\r\n' : '\n';
  const join = (lines: string[]): string => (c.bom ? '\uFEFF' : '') + lines.join(eol) + (c.finalNewline ? eol : '');
  for (const f of c.files) {
    fs.mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
    fs.writeFileSync(path.join(dir, f), f === 'go.mod' ? 'module m\n' : 'x');
  }
  const head = c.copiesFirst ? ['FROM golang AS b', 'WORKDIR /src', 'COPY . .'] : [];
  fs.writeFileSync(path.join(dir, 'Dockerfile'), join([...head, ...c.dockerfile.flatMap((l) => l.split('\n'))]));
  if (c.ignore) fs.writeFileSync(path.join(dir, '.dockerignore'), join(c.ignore));
  return dir;
}

const project = (dir: string): CheckedTree =>
  new CheckedTree({ root: dir, settings: DEFAULT_SETTINGS, contextDir: dir, fs: diskAccess });
const read = (f: string): string | undefined => {
  try {
    return fs.readFileSync(f, 'utf8');
  } catch {
    return undefined;
  }
};
const errorKeys = (fs_: Finding[]): Set<string> =>
  new Set(fs_.filter((f) => f.severity === 'error').map((f) => `${f.ruleId}\0${f.file}\0${f.message}`));

test('check never throws and no rule fails on random Dockerfiles, ignore files and trees', () => {
  fc.assert(
    fc.property(treeArb, (c) => {
      const dir = materialise(c);
      try {
        const out = project(dir).check();
        assert.deepEqual(out.failures, []);
        for (const f of out.findings) assert.ok(f.range.start.line >= 0 && f.message.length > 0, JSON.stringify(f));
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    }),
    RUNS,
  );
});

test('fix-all is idempotent and never introduces an error-level finding', () => {
  const rulesFixed = new Set<string>();
  fc.assert(
    fc.property(treeArb, (c) => {
      const dir = materialise(c);
      try {
        const p = project(dir);
        const before = p.check().findings;
        const first = fixAll((ov) => p.check(ov).findings, read);
        for (const a of first.applied) rulesFixed.add(a.ruleId);
        assert.equal(first.converged, true);
        const afterRead = (f: string): string | undefined => first.changed.get(f) ?? read(f);
        const second = fixAll((ov) => p.check(new Map([...first.changed, ...ov])).findings, afterRead);
        assert.deepEqual([...second.changed.keys()], [], 'a second fix-all changed files');
        const after = p.check(first.changed).findings;
        const had = errorKeys(before);
        for (const k of errorKeys(after)) assert.ok(had.has(k), `new error: ${k.split('\0').join(' | ')}`);
        // Text the fixes did not touch keeps its line endings and BOM.
        for (const [file, text] of first.changed) {
          const old = read(file);
          if (old === undefined) continue;
          assert.equal(text.startsWith('\uFEFF'), old.startsWith('\uFEFF'), file);
          if (old.includes('\r\n'))
            assert.ok(!/[^\r]\n/.test(text.replace(/^\n/, '')), `${file}: LF introduced into a CRLF file`);
        }
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    }),
    RUNS,
  );
  // The generator must reach the fixes, or the properties above hold vacuously.
  assert.ok(rulesFixed.has('go-build-mod-flag'), [...rulesFixed].join(','));
  assert.ok(rulesFixed.size >= 3, [...rulesFixed].join(','));
});
