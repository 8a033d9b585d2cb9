import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copySourceMissing } from '../../../server/src/engine/rules/copy-source-missing';
import { dockerfileCase, findings, type CtxOptions } from './harness';
import { runRules } from '../../../server/src/engine/rules/runRules';
import { CheckedTree } from '../../../server/src/engine/check/checkedTree';
import { DEFAULT_SETTINGS } from '../../../server/src/engine/types';
import { diskFs, makeTree } from './helpers';

const FILES = {
  'go.mod': 'module m\n',
  'src/a.go': 'package a\n',
  'src/b.go': 'package b\n',
  'web/app/x.txt': 'x',
  'empty/': '',
};
const at = (o: CtxOptions): Array<[number, number]> =>
  findings(copySourceMissing, o).map((f) => [f.range.start.line, f.range.start.character]);
const with_ = (dockerfile: string, extra: Partial<CtxOptions> = {}): CtxOptions => ({
  dockerfile,
  files: FILES,
  ...extra,
});

test('positive: a missing file is an error on the source word', () => {
  const found = findings(copySourceMissing, with_('FROM x\nCOPY go.mod go.sum ./\n'));
  assert.equal(found.length, 1);
  assert.equal(found[0]!.severity, 'error');
  assert.deepEqual(found[0]!.range, { start: { line: 1, character: 12 }, end: { line: 1, character: 18 } });
  assert.match(found[0]!.message, /COPY source `go.sum` does not exist in the build context/);
});

test('negative: files and directories that exist, ./ and leading / forms', () => {
  assert.deepEqual(
    at(with_('FROM x\nCOPY go.mod ./src /app/\nCOPY ./web/app/x.txt /x\nCOPY /src/a.go empty /y/\n')),
    [],
  );
});

test('wildcards: a match is fine, no match is an error', () => {
  assert.deepEqual(at(with_('FROM x\nCOPY src/*.go /s/\nCOPY src/*.rs /r/\nCOPY sr?/[ab].go /t/\n')), [[2, 5]]);
  assert.match(findings(copySourceMissing, with_('FROM x\nCOPY *.rs /r/\n'))[0]!.message, /matches nothing/);
});

test('ARG/ENV substitution: resolved values are checked, unresolvable ones skipped', () => {
  assert.deepEqual(
    at(
      with_(
        'FROM x\nARG DIR=src\nCOPY ${DIR}/a.go /a\nARG OTHER=nope\nCOPY $OTHER /b\nCOPY $UNSET/x /c\nARG GIVEN\nCOPY $GIVEN /d\n',
      ),
    ),
    [[4, 5]],
  );
  assert.deepEqual(at(with_('FROM x\nENV D=web\nCOPY $D/app /w\nCOPY ${D}/missing /m\n')), [[3, 5]]);
});

test('not context sources: --from, URLs, git, heredocs', () => {
  const df =
    'FROM x AS b\nFROM y\nCOPY --from=b /nope /n\nCOPY --from=alpine /etc/nothing /e\nADD https://example.com/f.tgz /f\nADD git@github.com:o/r.git /r\nCOPY <<EOF /h\nhello\nEOF\n';
  assert.deepEqual(at(with_(df)), []);
});

test('--parents with ** matches at any depth', () => {
  assert.deepEqual(at(with_('FROM x\nCOPY --parents web/**/x.txt /o/\nCOPY --parents **/*.md /m/\n')), [[2, 15]]);
});

test('exec form and several sources', () => {
  assert.deepEqual(at(with_('FROM x\nCOPY ["go.mod", "missing.txt", "/app/"]\n')), [[1, 16]]);
});

test('without a scan, literal sources fall back to the disk; wildcards wait', () => {
  assert.deepEqual(at(with_('FROM x\nCOPY nope.txt *.rs go.mod /a/\n', { scanned: false })), [[1, 5]]);
});

test('an existing but ignored source is not "missing" (copy-source-ignored says why)', () => {
  assert.deepEqual(at(with_('FROM x\nCOPY src /s\n', { ignore: ['src'] })), []);
});

test('suppression with buildctx-ignore', () => {
  assert.deepEqual(at(with_('FROM x\n# buildctx-ignore copy-source-missing\nCOPY nope /n\n')), []);
});

test('a context directory that does not exist says nothing about each source', () => {
  const ctx = dockerfileCase(with_('FROM x\nCOPY nope.txt /n\n', { scanned: false }));
  const gone = { ...ctx, builds: ctx.builds.map((b) => ({ ...b, contextDir: '/elsewhere' })) };
  assert.deepEqual(runRules(gone, [copySourceMissing]).findings, []);
});

test('a missing source the pipeline builds first is an info with the resolved path (issue 14)', () => {
  // Shapes of prometheus (.build/<os>-<arch>/ from promu), minio (a git-ignored binary at the
  // root) and a Makefile cross-build into bin/.
  const found = findings(copySourceMissing, {
    dockerfile:
      'FROM alpine\nARG OS=linux ARCH=amd64\nCOPY .build/${OS}-${ARCH}/prometheus /bin/\n' +
      'COPY minio /usr/bin/\nARG BINARY=bin/gateway-arm64\nCOPY ${BINARY} /app\nCOPY config.yaml /etc/\n',
    files: { '.gitignore': '.build/\n/minio\n', 'main.go': 'package main\n' },
  });
  assert.deepEqual(
    found.map((f) => [f.range.start.line, f.severity]),
    [
      [2, 'info'],
      [3, 'info'],
      [5, 'info'],
      [6, 'error'],
    ],
  );
  assert.match(
    found[0]!.message,
    /`\.build\/\$\{OS\}-\$\{ARCH\}\/prometheus` \(\.build\/linux-amd64\/prometheus\).*git ignores that path/,
  );
  assert.match(found[2]!.message, /`\$\{BINARY\}` \(bin\/gateway-arm64\).*lies in bin\/, a build-output folder/);
});

test('a missing source the build recipe makes just before docker build is an info naming that line', () => {
  // thanos: `make docker` copies the binary to ./thanos_tmp_for_docker, then runs docker build.
  const dir = makeTree({
    Dockerfile: 'FROM alpine\nCOPY /thanos_tmp_for_docker /bin/thanos\nCOPY LICENSE /\n',
    Makefile:
      'docker: build\n\t@cp "$(GOBIN)/thanos" ./thanos_tmp_for_docker\n\t@docker build -t thanos .\n\t@rm ./thanos_tmp_for_docker\n',
  });
  try {
    const tree = new CheckedTree({ root: dir.dir, settings: DEFAULT_SETTINGS, fs: diskFs, rules: [copySourceMissing] });
    const found = tree.check().findings;
    assert.deepEqual(
      found.map((f) => [f.range.start.line, f.severity]),
      [
        [1, 'info'],
        [2, 'error'],
      ],
    );
    assert.match(found[0]!.message, /Makefile:2 makes it before the build \(line 3\)/);
  } finally {
    dir.cleanup();
  }
});
