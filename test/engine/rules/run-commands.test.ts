// The RUN-reading rules take each RUN's commands from the shared Dockerfile model instead of a
// second dockerfile-ast parse: for every well-formed RUN both views must read the same commands.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DockerfileParser, Run } from 'dockerfile-ast';
import { parseDockerfile } from '../../../server/src/engine/dockerfile';
import { coldBuild } from '../../../server/src/engine/dockerfile/parse';
import { runCommands, type RunCommands } from '../../../server/src/engine/shell/runCommands';
import { commandsOf } from '../../../server/src/engine/dockerfile/runCommandsOf';

const RUNS = [
  'RUN go build ./...',
  'RUN go \\\n    build \\\n    -o /x ./cmd',
  'RUN apk add git && go build ./... && echo ok',
  'RUN if [ -n "$X" ]; then \\\n      go build -o a ./a; \\\n    else \\\n      go build -o b ./b; \\\n    fi',
  'RUN CGO_ENABLED=0 GOOS=linux go build ./...',
  'RUN ["go", "build", "./..."]',
  'RUN [ "go" ,"test" ]',
  'RUN []',
  'RUN ["/bin/sh", "-c", "go build ./..."]',
  'RUN apk add git && sh -ec "cd app && go build ."',
  "RUN bash -c 'go test ./...'",
  'RUN <<EOF\nset -e\ngo build ./...\nEOF',
  'RUN bash <<EOF\ngo test ./...\nEOF',
  'RUN apk add git \\\n# then build\n && go build .',
  'RUN go \\\r\n  build .\r',
  'RUN --mount=type=cache,target=/root/.cache go build .',
  'RUN --network=none',
  'RUN export GOFLAGS=-mod=mod && go build',
  'RUN echo "é😀" && go build',
  'RUN if then (',
];

const show = (r: RunCommands): string => JSON.stringify(r);

function both(text: string): Array<[string, string]> {
  const df = DockerfileParser.parse(text);
  const ast = df.getInstructions().filter((i): i is Run => i instanceof Run);
  return [parseDockerfile(text), coldBuild(text)].flatMap((model) => {
    assert.equal(model.runs.length, ast.length, text);
    return model.runs.map((run, i): [string, string] => [
      show(commandsOf(model, run)),
      show(runCommands(text, ast[i]!, df.getEscapeCharacter())),
    ]);
  });
}

test('every RUN form: the model reads the same commands, at the same positions, as dockerfile-ast', () => {
  for (const run of RUNS) {
    for (const text of [`FROM golang\n${run}\n`, `FROM golang\nCOPY . .\n\n${run}\nRUN true\n`]) {
      for (const [fromModel, fromAst] of both(text)) assert.equal(fromModel, fromAst, JSON.stringify(text));
    }
  }
  const backtick = '# escape=`\nFROM golang\nRUN go `\n  build .\n';
  for (const [fromModel, fromAst] of both(backtick)) assert.equal(fromModel, fromAst);
});

test('positions follow the RUN when an edit above moves it (the chunk cache shifts them)', () => {
  const text = 'FROM golang\nRUN go build ./...\n';
  parseDockerfile(text);
  const moved = parseDockerfile(`FROM golang\nARG A=1\n\n${text.slice('FROM golang\n'.length)}`);
  const [cmd] = commandsOf(moved, moved.runs[0]!).commands;
  assert.deepEqual(
    cmd!.args.map((a) => [a.value, a.range.start.line, a.range.start.character]),
    [
      ['go', 3, 4],
      ['build', 3, 7],
      ['./...', 3, 13],
    ],
  );
});

test('text after the closing bracket is shell form, as BuildKit reads it (JSON that does not parse)', () => {
  const m = parseDockerfile('FROM golang\nRUN ["go", "build"] && true\n');
  assert.deepEqual(
    commandsOf(m, m.runs[0]!).commands.map((c) => c.form),
    ['shell', 'shell'],
  );
});

test("a RUN's commands are read once: an edit elsewhere keeps them, an edit of the RUN or a line above re-reads them", () => {
  const text = (a: string, b: string): string => `FROM golang\nRUN go build ${a}\nLABEL x=1\nRUN go test ${b}\n`;
  const before = parseDockerfile(text('./a', './b'));
  const first = before.runs.map((r) => commandsOf(before, r));
  const edited = parseDockerfile(text('./c', './b'));
  assert.equal(commandsOf(edited, edited.runs[1]!), first[1], 'the RUN not edited is not read again');
  const [cmd] = commandsOf(edited, edited.runs[0]!).commands;
  assert.deepEqual(
    cmd!.args.map((a) => a.value),
    ['go', 'build', './c'],
    'the edited RUN gets its new commands',
  );
  const moved = parseDockerfile(`# top\n${text('./c', './b')}`);
  const [below] = commandsOf(moved, moved.runs[1]!).commands;
  assert.equal(below!.range.start.line, 4, 'a line added above moves the commands with the RUN');
});
