import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDockerfile, scriptRange, type CopyInstruction } from '../../../server/src/engine/dockerfile';

const copies = (text: string): CopyInstruction[] => parseDockerfile(text).copies;
const only = (text: string): CopyInstruction => {
  const c = copies(text);
  assert.equal(c.length, 1);
  return c[0]!;
};

test('whole-context copies: every spelling of the context root', () => {
  for (const src of ['.', './', './.', '/', '..', './/', 'a/..']) {
    const c = only(`FROM x\nCOPY ${src} /app\n`);
    assert.equal(c.wholeContext, true, src);
    assert.equal(c.sources[0]!.contextPath, '', src);
  }
  for (const src of ['./src', '*', 'go.mod', './a/..b']) {
    assert.equal(only(`FROM x\nCOPY ${src} /app\n`).wholeContext, false, src);
  }
});

test('sources, destination, flags and their ranges', () => {
  const c = only('FROM x\nCOPY --chown=1:1 --link go.mod ./go.sum /src/\n');
  assert.deepEqual(
    c.sources.map((s) => [s.raw, s.contextPath, s.kind]),
    [
      ['go.mod', 'go.mod', 'context'],
      ['./go.sum', 'go.sum', 'context'],
    ],
  );
  assert.equal(c.destination?.value, '/src/');
  assert.deepEqual(
    c.flags.map((f) => [f.name, f.value]),
    [
      ['chown', '1:1'],
      ['link', null],
    ],
  );
  assert.deepEqual(c.sources[1]!.range, { start: { line: 1, character: 31 }, end: { line: 1, character: 39 } });
  assert.deepEqual(c.keywordRange, { start: { line: 1, character: 0 }, end: { line: 1, character: 4 } });
  assert.equal(c.from, null);
  assert.equal(c.execForm, false);
});

test('--from sources are stage sources, never context paths', () => {
  const c = only('FROM x AS b\nCOPY --from=b /out/app /app\n');
  assert.equal(c.from, 'b');
  assert.equal(c.sources[0]!.kind, 'stage');
  assert.equal(c.sources[0]!.contextPath, null);
  assert.equal(only('FROM x\nCOPY --from=alpine:3 . /\n').wholeContext, false);
});

test('ADD: URLs and git repositories are not context sources', () => {
  const c = copies(
    'FROM x\nADD https://example.com/a.tgz /a\nADD git@github.com:moby/buildkit.git /bk\nADD https://github.com/moby/buildkit.git#v0.12 /bk2\nADD local.tgz /l\n',
  );
  assert.deepEqual(
    c.map((i) => i.sources[0]!.kind),
    ['url', 'git', 'git', 'context'],
  );
});

test('exec (JSON) form keeps spaces in names and has per-element ranges', () => {
  const c = only('FROM x\nCOPY ["my dir/a b.txt", "c", "/dst/"]\n');
  assert.equal(c.execForm, true);
  assert.deepEqual(
    c.sources.map((s) => s.value),
    ['my dir/a b.txt', 'c'],
  );
  assert.equal(c.destination?.value, '/dst/');
  assert.deepEqual(c.sources[0]!.range, { start: { line: 1, character: 6 }, end: { line: 1, character: 22 } });
  assert.equal(only('FROM x\nCOPY [not json /a\n').execForm, false, 'invalid JSON falls back to shell form');
});

test('heredoc COPY: the body is content, not sources', () => {
  const c = only('FROM x\nCOPY <<EOF /etc/app.conf\nkey=value\nother line\nEOF\nRUN true\n');
  assert.equal(c.sources.length, 1);
  assert.equal(c.sources[0]!.kind, 'heredoc');
  assert.equal(c.destination?.value, '/etc/app.conf');
  assert.equal(c.heredocs[0]!.name, 'EOF');
  assert.equal(c.heredocs[0]!.content, 'key=value\nother line');
});

test('ARG and ENV substitution is stage-aware', () => {
  const text = [
    'ARG SRC=./global',
    'ARG BASE=golang',
    'FROM ${BASE}:1.24 AS build',
    'COPY ${SRC} /a',
    'ARG SRC',
    'COPY ${SRC} /b',
    'ARG OUT=bin',
    'ENV OUT=env-wins',
    'COPY ${OUT:-x}/y /c',
    'FROM build AS second',
    'COPY $OUT /d',
    'COPY ${SRC} /e',
    'ARG FLAVOUR',
    'COPY cmd/${FLAVOUR} /f',
    '',
  ].join('\n');
  const m = parseDockerfile(text);
  assert.equal(m.stages[0]!.image, 'golang:1.24', 'FROM sees global ARGs');
  const v = m.copies.map((c) => c.sources[0]!.value);
  assert.deepEqual(v, [null, './global', 'env-wins/y', 'env-wins', null, null]);
  assert.deepEqual(
    m.copies[0]!.sources[0]!.unresolved,
    ['SRC'],
    'a global ARG is invisible in a stage until re-declared',
  );
  assert.deepEqual(m.copies[5]!.sources[0]!.unresolved, ['FLAVOUR'], 'an ARG without default is a build-arg: unknown');
  assert.equal(m.stages[1]!.baseStage, 0, 'ENV is inherited from the base stage, ARGs are not');
});

test('ENV values on one line use the environment from before the line', () => {
  const m = parseDockerfile('FROM x\nENV A=1\nENV A=2 B=$A\nCOPY $B /x\n');
  assert.equal(m.copies[0]!.sources[0]!.value, '1');
});

test('RUN: shell text with continuations and comment lines removed, offsets map back', () => {
  const text = 'FROM x\nRUN --mount=type=cache,target=/root/.cache go build \\\n  # a comment\n  -o /out ./cmd\n';
  const m = parseDockerfile(text);
  const r = m.runs[0]!;
  assert.equal(r.script, 'go build   -o /out ./cmd');
  assert.equal(r.execForm, false);
  assert.deepEqual(
    r.mounts.map((x) => [x.type, x.target]),
    [['cache', '/root/.cache']],
  );
  const at = r.script.indexOf('-o');
  assert.deepEqual(scriptRange(r, m.lineStarts, at, at + 2), {
    start: { line: 3, character: 2 },
    end: { line: 3, character: 4 },
  });
});

test('RUN exec form, heredoc and bind mounts', () => {
  const m = parseDockerfile(
    'FROM x\nRUN ["go", "build", "./..."]\nRUN <<EOT\ngo build ./...\nEOT\nRUN --mount=type=bind,source=go.sum,target=/g true\n',
  );
  assert.deepEqual(m.runs[0]!.argv, ['go', 'build', './...']);
  assert.equal(m.runs[1]!.heredocs[0]!.content, 'go build ./...');
  assert.deepEqual(
    m.runs[2]!.mounts.map((x) => [x.type, x.source, x.from]),
    [['bind', 'go.sum', null]],
  );
});

test('broken and odd input never throws', () => {
  for (const text of [
    '',
    'COPY',
    'COPY a',
    'FROM',
    'FROM x AS',
    'COPY --from= . .',
    'RUN \\',
    'ARG',
    'ENV',
    '\uFEFFFROM x\nCOPY . .',
    'FROM x\r\nCOPY . .\r\n',
    'COPY ${',
    '# escape=`\nFROM x\nCOPY a`\n b /c\n',
  ]) {
    assert.doesNotThrow(() => parseDockerfile(text), JSON.stringify(text));
  }
  assert.equal(parseDockerfile('FROM x\r\nCOPY . .\r\n').copies[0]!.wholeContext, true);
  assert.equal(parseDockerfile('COPY . .').copies[0]!.stage, -1);
});

test('the model is cached per text', () => {
  const text = 'FROM x\nCOPY a b\n';
  assert.equal(parseDockerfile(text), parseDockerfile(text));
  assert.notEqual(parseDockerfile(text), parseDockerfile(`${text}\n`));
});

test('fuzz: Dockerfile-shaped garbage never throws and ranges stay inside the text', async () => {
  const fc = await import('fast-check');
  const token = fc.constantFrom(
    'FROM ',
    'COPY ',
    'ADD ',
    'RUN ',
    'ARG ',
    'ENV ',
    '--from=',
    '--mount=type=bind,',
    '<<EOF',
    'EOF',
    '${A:-',
    '$',
    '}',
    '{',
    '"',
    "'",
    '\\',
    '\\\n',
    '\n',
    '\r\n',
    '[',
    ']',
    '", "',
    ' ',
    '.',
    '/',
    '*',
    '#',
    'a',
    '=',
    '`',
    '\uFEFF',
    '😀',
  );
  fc.assert(
    fc.property(fc.array(token, { maxLength: 60 }), (parts) => {
      const text = parts.join('');
      const m = parseDockerfile(text);
      const lines = text.split('\n').length;
      for (const ins of m.instructions) assert.ok(ins.range.end.line < lines);
      for (const c of m.copies)
        for (const s of c.sources) assert.ok(s.range.start.line < lines && s.range.end.line < lines);
      for (const r of m.runs) assert.equal(r.scriptOffsets.length, r.execForm ? 1 : r.script.length + 1);
    }),
    { numRuns: 400 },
  );
});
