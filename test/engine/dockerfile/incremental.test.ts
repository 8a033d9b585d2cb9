// The per-instruction cache must be invisible: after any sequence of edits, parseDockerfile
// returns exactly what a cold parse of the whole text returns (issue 4).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseDockerfile, scriptRange } from '../../../server/src/engine/dockerfile';
import { coldBuild } from '../../../server/src/engine/dockerfile/parse';
import { splitChunks } from '../../../server/src/engine/dockerfile/chunks';

// Lines chosen to exercise what the cache keys on: stage names and bases, global and stage
// ARGs, ENV that depends on ARG, variables in COPY/FROM, continuations with comments and blank
// lines inside, exec form, CRLF, and lines that are not instructions at all.
const LINES = [
  'FROM golang:1.22 AS build',
  'FROM build AS test',
  'FROM $BASE',
  'FROM ${BASE:-alpine} AS final',
  'FROM scratch',
  'ARG BASE=debian',
  'ARG BASE',
  'ARG V=1 W=$V',
  'ARG DIR=src',
  'ENV DIR=/app',
  'ENV A=$DIR B=${V}x',
  'COPY . .',
  'COPY $DIR/ /out/',
  'COPY --from=build /out /out',
  'ADD https://example.com/a.tgz /',
  'COPY ["go.mod", "go.sum", "./"]',
  'RUN go build -o /out/app ./cmd/app',
  'RUN --mount=type=bind,source=.,target=/src make \\',
  '    && make install \\',
  '# a comment',
  '',
  '   ',
  'RUN echo $DIR \\',
  '# inside a continuation',
  '    done',
  'WORKDIR $DIR',
  'LABEL a="b c"',
  'CMD ["app"]',
  'RUN a \\\r',
  '  b\r',
  'ENV X 1',
  'USER nobody',
  '\tRUN indented',
  'COPY ünïcode/ /ü/',
  'EXPOSE 80',
];

const line = fc.constantFrom(...LINES);
const edit = fc.oneof(
  fc.record({ op: fc.constant('set' as const), at: fc.nat(), text: line }),
  fc.record({ op: fc.constant('insert' as const), at: fc.nat(), text: line }),
  fc.record({ op: fc.constant('delete' as const), at: fc.nat(), text: fc.constant('') }),
  fc.record({ op: fc.constant('type' as const), at: fc.nat(), text: fc.string({ maxLength: 3 }) }),
);

type Edit = { op: 'set' | 'insert' | 'delete' | 'type'; at: number; text: string };

function apply(lines: string[], e: Edit): string[] {
  const out = [...lines];
  const i = lines.length === 0 ? 0 : e.at % (lines.length + (e.op === 'insert' ? 1 : 0));
  if (e.op === 'insert') out.splice(i, 0, e.text);
  else if (out.length === 0) out.push(e.text);
  else if (e.op === 'set') out[i] = e.text;
  else if (e.op === 'delete') out.splice(i, 1);
  else out[i] = out[i]! + e.text;
  return out;
}

test('after random edits the cached parse equals a cold parse', () => {
  fc.assert(
    fc.property(
      fc.array(line, { maxLength: 25 }),
      fc.array(edit, { maxLength: 8 }),
      fc.boolean(),
      (start, edits, finalNewline) => {
        let lines = start;
        for (const e of [{ op: 'type', at: 0, text: '' } as Edit, ...edits]) {
          lines = apply(lines, e);
          const text = lines.join('\n') + (finalNewline ? '\n' : '');
          assert.deepEqual(parseDockerfile(text), coldBuild(text), JSON.stringify(text));
        }
      },
    ),
    { numRuns: Number(process.env.FC_RUNS ?? 300) },
  );
});

test('an edit on one line reuses every other instruction as the same object', () => {
  const base = [
    'FROM node:22 AS web',
    'ARG X=1',
    'COPY . .',
    'RUN npm ci',
    'LABEL round="0"',
    'FROM web',
    'COPY --from=web /a /b',
  ];
  const before = parseDockerfile(`${base.join('\n')}\n`);
  const after = parseDockerfile(`${base.map((l) => l.replace('"0"', '"1"')).join('\n')}\n`);
  assert.notEqual(before, after);
  assert.equal(after.runs[0], before.runs[0], 'the unchanged RUN is not re-read');
  assert.equal(after.copies[1], before.copies[1], 'nor the COPY after the edit');
  assert.notEqual(after.instructions[4], before.instructions[4], 'the edited LABEL is');
});

test('a line inserted above moves the cached instructions below it', () => {
  const base = 'FROM x\nCOPY a b\nRUN make\n';
  parseDockerfile(base);
  const moved = parseDockerfile('FROM x\n# new\nCOPY a b\nRUN make\n');
  assert.equal(moved.copies[0]!.range.start.line, 2);
  assert.deepEqual(scriptRange(moved.runs[0]!, moved.lineStarts, 0, 4), {
    start: { line: 3, character: 4 },
    end: { line: 3, character: 8 },
  });
  assert.deepEqual(moved, coldBuild('FROM x\n# new\nCOPY a b\nRUN make\n'));
});

test('a changed ARG default re-resolves the cached COPY that uses it', () => {
  const a = parseDockerfile('FROM x\nARG DIR=src\nCOPY $DIR /app\n');
  const b = parseDockerfile('FROM x\nARG DIR=lib\nCOPY $DIR /app\n');
  assert.equal(a.copies[0]!.sources[0]!.value, 'src');
  assert.equal(b.copies[0]!.sources[0]!.value, 'lib');
});

test('chunks: one per instruction, with continuation comments inside; heredocs and escape directives are not split', () => {
  const chunks = splitChunks('# syntax=x\nFROM a\nRUN b \\\n# c\n\n  d\n# after\nCOPY e f\n')!;
  assert.deepEqual(
    chunks.map((c) => [c.line, c.text]),
    [
      [1, 'FROM a\n'],
      [2, 'RUN b \\\n# c\n\n  d\n# after\n'],
      [7, 'COPY e f\n'],
    ],
  );
  assert.equal(splitChunks('FROM a\nRUN <<EOF\necho\nEOF\n'), null);
  assert.equal(splitChunks('# escape=`\nFROM a\n'), null);
});

test('a stage inherits its base stage ENV through the cache; FROM chunks are reused too', () => {
  const text = (d: string, label: string): string =>
    `FROM a AS base\nENV D=${d}\nFROM base AS app\nWORKDIR $D\nCOPY $D /d\nLABEL l=${label}\n`;
  const first = parseDockerfile(text('x', '0'));
  const relabelled = parseDockerfile(text('x', '1'));
  assert.equal(relabelled.instructions[2], first.instructions[2], 'the FROM is not re-read');
  const changed = parseDockerfile(text('y', '1'));
  assert.equal(changed.copies[0]!.sources[0]!.value, 'y');
  assert.equal((changed.instructions[3] as { args: Array<{ value: string | null }> }).args[0]!.value, 'y');
  assert.deepEqual(changed, coldBuild(text('y', '1')));
});

test('a file with more instructions than the cache floor still re-reads only the edited one', () => {
  const lines = ['FROM golang AS build'];
  for (let k = 0; k < 3000; k++) lines.push(`ARG V${k}=v${k}`, `RUN echo \${V${k}} && go build ./...`);
  const text = `${lines.join('\n')}\n`;
  const before = parseDockerfile(text);
  // Typing in the first RUN moves every later offset but no line: the rest is reused as is.
  const typed = text.replace('RUN echo ${V0} && go build', 'RUN echo ${V0} && go  build');
  const after = parseDockerfile(typed);
  assert.equal(after.instructions[1], before.instructions[1], 'the ARG above the edit is the same object');
  assert.equal(after.instructions.at(-2), before.instructions.at(-2), 'so is an ARG far below it');
  assert.equal(after.runs.at(-1), before.runs.at(-1), 'and a RUN below: its offsets are line-relative');
  assert.notEqual(after.runs[0], before.runs[0], 'the edited RUN is read again');
  assert.equal(after.runs[0]!.script, 'echo ${V0} && go  build ./...');
  const last = after.runs.at(-1)!;
  const echo = {
    start: { line: last.range.start.line, character: 4 },
    end: { line: last.range.start.line, character: 8 },
  };
  assert.deepEqual(scriptRange(last, after.lineStarts, 0, 4), echo, 'its script still maps to its own text');
  assert.deepEqual(after, coldBuild(typed));
});

test('a chunk text that recurs keeps one placement per occurrence, and an edit of one re-reads only it', () => {
  const text = (tag: string): string =>
    `FROM a AS one\nCOPY go.mod .\nLABEL t=${tag}\nFROM a AS two\nCOPY go.mod .\nCOPY go.mod .\n`;
  const before = parseDockerfile(text('0'));
  const after = parseDockerfile(text('1'));
  assert.deepEqual(
    after.copies.map((c) => c.range.start.line),
    [1, 4, 5],
  );
  for (let i = 0; i < 3; i++) assert.equal(after.copies[i], before.copies[i], `occurrence ${i} is reused where it was`);
  const edited = parseDockerfile(text('1').replace('COPY go.mod .\nCOPY go.mod .\n', 'COPY go.mod .\nCOPY go.sum .\n'));
  assert.equal(edited.copies[1], after.copies[1], 'the unchanged occurrence in the same stage is reused');
  assert.notEqual(edited.copies[2], after.copies[2], 'the edited one is read again');
  assert.equal(edited.copies[2]!.sources[0]!.value, 'go.sum');
  assert.deepEqual(
    edited,
    coldBuild(text('1').replace('COPY go.mod .\nCOPY go.mod .\n', 'COPY go.mod .\nCOPY go.sum .\n')),
  );
});

test('the same text in two stages is cached once per stage: an edit in one stage re-reads only there', () => {
  const text = (d: string): string => `FROM a AS one\nENV D=${d}\nWORKDIR $D\nFROM a AS two\nENV D=y\nWORKDIR $D\n`;
  const arg = (m: ReturnType<typeof parseDockerfile>, i: number): string | null =>
    (m.instructions[i] as { args: Array<{ value: string | null }> }).args[0]!.value;
  const before = parseDockerfile(text('x'));
  assert.deepEqual([arg(before, 2), arg(before, 5)], ['x', 'y']);
  const after = parseDockerfile(text('z'));
  assert.deepEqual([arg(after, 2), arg(after, 5)], ['z', 'y'], 'the WORKDIR in stage one sees the new ENV');
  assert.notEqual(after.instructions[2], before.instructions[2]);
  assert.equal(after.instructions[5], before.instructions[5], 'the one in stage two is reused');
});
