import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { goBuildModFlag } from '../../../server/src/engine/rules/go-build-mod-flag';
import { runRules } from '../../../server/src/engine/rules/runRules';
import { dockerfileCase, findings, fixedText, type CtxOptions } from './harness';

const GO_MODULE = { 'go.mod': 'module m\n\ngo 1.24\n', 'vendor/modules.txt': '# x\n', 'main.go': 'package main\n' };
const vendorExcluded = (dockerfile: string, extra: Partial<CtxOptions> = {}): CtxOptions => ({
  dockerfile,
  files: GO_MODULE,
  ignore: ['vendor/'],
  ...extra,
});
const lines = (o: CtxOptions): number[] => findings(goBuildModFlag, o).map((f) => f.range.start.line);

/**
 * The Dockerfile with `WORKDIR /src` and `COPY . .` after each FROM, so its go commands build in
 * the context's module (the rule stays quiet for one that reads nothing of it), and where each
 * original line went.
 */
function copied(df: string): { text: string; at: (line: number) => number } {
  const eol = df.includes('\r\n') ? '\r\n' : '\n';
  const out: string[] = [];
  const map: number[] = [];
  df.split(eol).forEach((l, i) => {
    map[i] = out.length;
    out.push(l);
    if (/^FROM\s/i.test(l)) out.push('WORKDIR /src', 'COPY . .');
  });
  return { text: out.join(eol), at: (n) => map[n]! };
}
const c = (df: string): string => copied(df).text;

// Every shell form rule 6 of issue 3 lists: each row is a Dockerfile and the 0-based lines flagged.
const DETECTION: Array<[string, string, number[]]> = [
  ['plain', 'FROM golang\nRUN go build ./...\n', [1]],
  ['continuation', 'FROM golang\nRUN go \\\n    build \\\n    -o /x ./cmd\n', [1]],
  ['&& chain', 'FROM golang\nRUN apk add git && go build ./... && echo ok\n', [1]],
  ['; sequence', 'FROM golang\nRUN set -e; go install ./cmd/x; ls\n', [1]],
  ['|| alternative', 'FROM golang\nRUN go test ./... || true\n', [1]],
  [
    'if/then/else both branches',
    'FROM golang\nRUN if [ -n "$X" ]; then \\\n      go build -o a ./a; \\\n    else \\\n      go build -o b ./b; \\\n    fi\n',
    [2, 4],
  ],
  ['env-assignment prefix', 'FROM golang\nRUN CGO_ENABLED=0 GOOS=linux go build ./...\n', [1]],
  ['exec form', 'FROM golang\nRUN ["go", "build", "./..."]\n', [1]],
  ['exec form sh -c', 'FROM golang\nRUN ["/bin/sh", "-c", "go build ./..."]\n', [1]],
  ['sh -c in shell form', 'FROM golang\nRUN apk add git && sh -ec "cd app && go build ."\n', [1]],
  ['bash -c with single quotes', "FROM golang\nRUN bash -c 'go test ./...'\n", [1]],
  ['heredoc', 'FROM golang\nRUN <<EOF\nset -e\ngo build ./...\nEOF\n', [3]],
  ['heredoc with bash', 'FROM golang\nRUN bash <<EOF\ngo test ./...\nEOF\n', [2]],
  ['subshell and command list', 'FROM golang\nRUN (cd app && go build .) | tee log\n', [1]],
  ['full path to go', 'FROM golang\nRUN /usr/local/go/bin/go build .\n', [1]],
  ['comment line inside continuation', 'FROM golang\nRUN apk add git \\\n# then build\n && go build .\n', [3]],
  ['CRLF continuation', 'FROM golang\r\nRUN go \\\r\n  build .\r\n', [1]],
  ['backtick escape', '# escape=`\nFROM golang\nRUN go `\n  build .\n', [2]],
  ['with mount flag', 'FROM golang\nRUN --mount=type=cache,target=/root/.cache go build .\n', [1]],
  // Not a build, or -mod decided another way:
  ['go vet is not flagged', 'FROM golang\nRUN go vet ./...\n', []],
  ['echo is not a build', 'FROM golang\nRUN echo go build\n', []],
  ['quoted text is not a build', 'FROM golang\nRUN echo "go build ./..."\n', []],
  ['comment', 'FROM golang\n# RUN go build\nRUN true\n', []],
  ['-mod=mod flag', 'FROM golang\nRUN go build -mod=mod ./...\n', []],
  ['-mod readonly as two words', 'FROM golang\nRUN go build -mod readonly ./...\n', []],
  ['GOFLAGS ENV', 'FROM golang\nENV GOFLAGS=-mod=mod\nRUN go build ./...\n', []],
  [
    'GOFLAGS ENV in the parent stage',
    'FROM golang AS base\nENV GOFLAGS="-mod=mod -trimpath"\nFROM base\nRUN go build ./...\n',
    [],
  ],
  [
    'GOFLAGS ENV two stages up',
    'FROM golang AS base\nENV GOFLAGS=-mod=mod\nFROM base AS mid\nRUN true\nFROM mid\nRUN go build ./...\n',
    [],
  ],
  [
    'GOFLAGS set again after the RUN does not count',
    'FROM golang\nENV GOFLAGS=-trimpath\nRUN go build ./...\nENV GOFLAGS=-mod=mod\n',
    [2],
  ],
  [
    'GOFLAGS made of an ARG is read substituted',
    'FROM golang\nARG MODE=vendor\nENV GOFLAGS=-mod=${MODE}\nRUN go build ./...\n',
    [3],
  ],
  [
    'GOFLAGS ENV of another stage does not count',
    'FROM golang AS base\nENV GOFLAGS=-mod=mod\nFROM golang\nRUN go build ./...\n',
    [3],
  ],
  ['GOFLAGS ARG default', 'FROM golang\nARG GOFLAGS=-mod=mod\nRUN go build ./...\n', []],
  ['GOFLAGS ARG without default is unknown', 'FROM golang\nARG GOFLAGS\nRUN go build ./...\n', []],
  ['GOFLAGS inline prefix', 'FROM golang\nRUN GOFLAGS=-mod=mod go build ./...\n', []],
  ['export GOFLAGS earlier in the RUN', 'FROM golang\nRUN export GOFLAGS=-mod=mod && go build ./...\n', []],
  ['GOFLAGS without -mod', 'FROM golang\nENV GOFLAGS=-trimpath\nRUN go build ./...\n', [2]],
  ['flags from a variable may carry -mod', 'FROM golang\nRUN go build $BUILD_FLAGS ./...\n', []],
  ['a dynamic -ldflags cannot carry -mod', 'FROM golang\nRUN go build -ldflags="-X main.v=$V" ./...\n', [1]],
];

for (const [name, dockerfile, expected] of DETECTION) {
  test(`go-build-mod-flag detection: ${name}`, () => {
    const d = copied(dockerfile);
    assert.deepEqual(lines(vendorExcluded(d.text)), expected.map(d.at));
  });
}

test('positive: warning names the command and vendor/ state, on the go words', () => {
  const [f] = findings(goBuildModFlag, vendorExcluded(c('FROM golang\nRUN CGO_ENABLED=0 go build ./...\n')));
  assert.ok(f);
  assert.equal(f.severity, 'warning');
  assert.deepEqual(f.range, { start: { line: 3, character: 18 }, end: { line: 3, character: 26 } });
  assert.match(f.message, /`go build` has no -mod= flag: vendor\/ is excluded from the context by \.dockerignore/);
  assert.equal(f.fixes[0]?.safe, true);
});

test('positive: vendor/ present and sent still warns (the build depends on shipping vendor/)', () => {
  const found = findings(goBuildModFlag, { dockerfile: c('FROM golang\nRUN go build .\n'), files: GO_MODULE });
  assert.equal(found.length, 1);
  assert.match(found[0]!.message, /Go builds from vendor\//);
});

test('negative: no vendor/ in the repository, whatever the ignore file says (issue 14)', () => {
  assert.deepEqual(
    lines({ dockerfile: c('FROM golang\nRUN go build .\n'), files: { 'go.mod': 'module m\n' }, ignore: ['**/vendor'] }),
    [],
  );
});

test('negative: commands that read nothing of the module: pkg@version, after go mod init, in /tmp', () => {
  for (const run of [
    'RUN go install golang.org/x/tools/cmd/goimports@v0.20.0',
    'RUN cd /tmp && go build -o /x .',
    'RUN mkdir /w && cd /w && go mod init w && go build .',
  ])
    assert.deepEqual(lines(vendorExcluded(c(`FROM golang\n${run}\n`))), [], run);
  assert.deepEqual(
    lines(vendorExcluded('FROM golang\nRUN go build ./...\n')),
    [],
    'no COPY: no module in the container',
  );
});

test('negative: a module without vendor/ and no vendor pattern is left alone', () => {
  assert.deepEqual(
    lines({ dockerfile: 'FROM golang\nRUN go build .\n', files: { 'go.mod': 'module m\n' }, ignore: ['.git'] }),
    [],
  );
});

test('negative: not a Go module (no go.mod, no vendor/modules.txt)', () => {
  assert.deepEqual(
    lines({
      dockerfile: c('FROM php\nRUN go build .\n'),
      files: { 'composer.json': '{}', 'vendor/autoload.php': '' },
      ignore: ['vendor'],
    }),
    [],
  );
});

test('error variant: -mod=vendor while vendor/ is excluded', () => {
  const [f] = findings(goBuildModFlag, vendorExcluded(c('FROM golang\nRUN go build -mod=vendor ./...\n')));
  assert.equal(f?.severity, 'error');
  assert.match(
    f!.message,
    /uses -mod=vendor but vendor\/ is excluded from the context by \.dockerignore, so the build fails/,
  );
  assert.deepEqual(f!.fixes, []);
});

test('error variant: GOFLAGS=-mod=vendor from ENV while vendor/ is only partly re-included', () => {
  const found = findings(goBuildModFlag, {
    dockerfile: c('FROM golang\nENV GOFLAGS=-mod=vendor\nRUN go build ./...\n'),
    files: { ...GO_MODULE, 'vendor/a/a.go': 'package a' },
    ignore: ['vendor', '!vendor/modules.txt'],
  });
  assert.equal(found.length, 1);
  assert.equal(found[0]!.severity, 'error');
  assert.match(found[0]!.message, /only partly sent/);
});

test('error variant: -mod=vendor with no vendor/ at all', () => {
  const found = findings(goBuildModFlag, {
    dockerfile: c('FROM golang\nRUN go build -mod=vendor .\n'),
    files: { 'go.mod': 'module m\n' },
  });
  assert.equal(found[0]?.severity, 'error');
  assert.match(found[0]!.message, /there is no vendor\/ in the context/);
});

test('negative: -mod=vendor while vendor/ is sent works', () => {
  assert.deepEqual(lines({ dockerfile: c('FROM golang\nRUN go build -mod=vendor .\n'), files: GO_MODULE }), []);
});

test('without a scan yet the ignore patterns decide', () => {
  const found = findings(
    goBuildModFlag,
    vendorExcluded(c('FROM golang\nRUN go build -mod=vendor .\n'), { scanned: false }),
  );
  assert.equal(found[0]?.severity, 'error');
});

test('fix inserts -mod=mod right after the subcommand and keeps layout; a second pass finds nothing', () => {
  const dockerfile = c(
    'FROM golang\r\nRUN CGO_ENABLED=0 go build \\\r\n    -o /x ./cmd && \\\r\n    go test ./...\r\nRUN ["go","install","./t"]',
  );
  const ctx = dockerfileCase(vendorExcluded(dockerfile));
  const fixed = fixedText(ctx, runRules(ctx, [goBuildModFlag]).findings);
  assert.equal(
    fixed,
    c(
      'FROM golang\r\nRUN CGO_ENABLED=0 go build -mod=mod \\\r\n    -o /x ./cmd && \\\r\n    go test -mod=mod ./...\r\nRUN ["go","install", "-mod=mod","./t"]',
    ),
  );
  assert.deepEqual(lines(vendorExcluded(fixed)), []);
});

test('heredoc fix lands inside the heredoc body', () => {
  const ctx = dockerfileCase(vendorExcluded(c('FROM golang\nRUN <<EOF\ngo build -o /x .\nEOF\n')));
  assert.equal(
    fixedText(ctx, runRules(ctx, [goBuildModFlag]).findings),
    c('FROM golang\nRUN <<EOF\ngo build -mod=mod -o /x .\nEOF\n'),
  );
});

test('inline suppression on the line above the RUN', () => {
  assert.deepEqual(
    lines(vendorExcluded(c('FROM golang\n# buildctx-ignore go-build-mod-flag\nRUN go \\\n  build .\n'))),
    [],
  );
  assert.deepEqual(lines(vendorExcluded(c('FROM golang\n# buildctx-ignore other-rule\nRUN go build .\n'))), [4]);
});

test('fixture pair: input → expected', () => {
  const dir = path.join(__dirname, '../../fixtures/rules/go-build-mod-flag');
  const read = (side: string, f: string): string => fs.readFileSync(path.join(dir, side, f), 'utf8');
  const opts: CtxOptions = {
    dockerfile: read('input', 'Dockerfile'),
    files: { 'go.mod': read('input', 'go.mod'), 'vendor/modules.txt': read('input', 'vendor/modules.txt') },
    ignore: read('input', '.dockerignore').trimEnd().split('\n'),
  };
  const ctx = dockerfileCase(opts);
  const found = runRules(ctx, [goBuildModFlag]).findings;
  assert.equal(found.length, 3);
  assert.equal(fixedText(ctx, found), read('expected', 'Dockerfile'));
});

test('fix inside a quoted sh -c script lands inside the quotes', () => {
  const ctx = dockerfileCase(vendorExcluded(c('FROM golang\nRUN sh -c "go build ." && ["x"]\n')));
  assert.equal(
    fixedText(ctx, runRules(ctx, [goBuildModFlag]).findings),
    c('FROM golang\nRUN sh -c "go build -mod=mod ." && ["x"]\n'),
  );
});
