import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DockerfileParser, Run } from 'dockerfile-ast';
import fc from 'fast-check';
import { parseShell, parseWithMvdan } from '../../../server/src/engine/shell/parse';
import { parsePlain } from '../../../server/src/engine/shell/plain';
import { runCommands } from '../../../server/src/engine/shell/runCommands';

const argv = (src: string): Array<Array<string | null>> =>
  parseShell(src).commands.map((c) => c.args.map((a) => a.value));

test('commands across &&, ;, ||, pipes, subshells, both if branches and $(…)', () => {
  assert.deepEqual(argv('a 1 && b; c || d | e; (f); if g; then h; else i; fi; echo $(j)'), [
    ['a', '1'],
    ['b'],
    ['c'],
    ['d'],
    ['e'],
    ['f'],
    ['g'],
    ['h'],
    ['i'],
    ['echo', null],
    ['j'],
  ]);
});

test('word values: quotes removed, escapes resolved, expansions unknown with their literal prefix', () => {
  const [cmd] = parseShell(`x 'a b' "c d" e\\ f -ldflags="-X v=$V" $(y) g\\\nh`).commands;
  assert.deepEqual(
    cmd!.args.map((a) => a.value),
    ['x', 'a b', 'c d', 'e f', null, null, 'gh'],
  );
  assert.equal(cmd!.args[4]!.prefix, '-ldflags=-X v=');
  assert.equal(cmd!.args[5]!.prefix, '');
});

test('assignment prefixes, bare assignments and export are kept apart', () => {
  const s = parseShell('A=1 B="2 3" go build; export GOFLAGS=-mod=mod; C=4; go test');
  assert.deepEqual(s.commands[0]!.assigns, [
    { name: 'A', value: '1' },
    { name: 'B', value: '2 3' },
  ]);
  assert.deepEqual(
    s.variables.map((v) => [v.name, v.value]),
    [
      ['GOFLAGS', '-mod=mod'],
      ['C', '4'],
    ],
  );
});

test('offsets are UTF-16 even after multi-byte text', () => {
  const src = 'echo "é😀" && go build';
  const go = parseShell(src).commands[1]!;
  assert.equal(src.slice(go.args[0]!.start, go.args[1]!.end), 'go build');
});

test('bad shell never throws: an error and no commands', () => {
  for (const src of ['if then (', 'echo "unterminated', ')))', 'a <<']) {
    const s = parseShell(src);
    assert.equal(typeof s.error, 'string', src);
    assert.deepEqual(s.commands, []);
  }
  // NUL ends sh's reading of a word; control characters and U+FFFF are plain word text;
  // expansions are words whose value is only known at run time.
  const odd = parseShell('\0\u0001 \uFFFF $((1/0)) ${x:?boom}');
  assert.equal(odd.error, undefined);
  assert.deepEqual(
    odd.commands.map((c) => c.args.map((a) => a.value)),
    [['\u0001', '\uFFFF', null, null]],
  );
});

test('runCommands maps words back to Dockerfile positions for every RUN form', () => {
  const text = 'FROM x\nRUN a \\\n  && go build\nRUN ["go", "test"]\nRUN <<EOF\ngo install\nEOF\n';
  const runs = DockerfileParser.parse(text)
    .getInstructions()
    .filter((i): i is Run => i instanceof Run);
  const where = runs.map((r) =>
    runCommands(text, r).commands.map(
      (c) => `${c.form}:${c.args.map((a) => `${a.value}@${a.range.start.line}:${a.range.start.character}`).join(',')}`,
    ),
  );
  assert.deepEqual(where, [
    ['shell:a@1:4', 'shell:go@2:5,build@2:8'],
    ['exec:go@3:5,test@3:11'],
    ['shell:cat@4:0'].slice(1).concat(['shell:go@5:0,install@5:3']),
  ]);
});

test('a RUN that does not parse reports the error and keeps going', () => {
  const text = 'FROM x\nRUN if then (\n';
  const run = DockerfileParser.parse(text).getInstructions()[1] as Run;
  const r = runCommands(text, run);
  assert.match(r.error ?? '', /must be followed by/);
  assert.deepEqual(r.commands, []);
});

test('property: never throws on shell-ish noise; word offsets stay inside the text and static words read back', async () => {
  const fc = (await import('fast-check')).default;
  const atoms = [
    'go',
    'build',
    ' ',
    '\\\n',
    '&&',
    ';',
    '||',
    '|',
    '"',
    "'",
    '$',
    '(',
    ')',
    '{',
    '}',
    'if',
    'then',
    'fi',
    '<<',
    'EOF',
    '\n',
    '=',
    'é',
    '😀',
    '#',
    '`',
    '\\',
  ];
  fc.assert(
    fc.property(
      fc.array(fc.oneof(fc.constantFrom(...atoms), fc.string({ maxLength: 3 })), { maxLength: 30 }),
      (parts) => {
        const src = parts.join('');
        const s = parseShell(src);
        for (const c of s.commands) {
          for (const a of c.args) {
            assert.ok(
              a.start >= 0 && a.start < a.end && a.end <= src.length,
              `${JSON.stringify(src)} ${a.start}-${a.end}`,
            );
            const raw = src.slice(a.start, a.end);
            if (a.value !== null && /^[\w./=-]+$/.test(raw)) assert.equal(a.value, raw);
          }
        }
      },
    ),
    { seed: 7, numRuns: 300 },
  );
});

test('a plain one-line command is read without the parser exactly as the parser reads it', () => {
  const word = fc.oneof(
    fc.constantFrom(
      'go',
      'build',
      '-o',
      '/out/app',
      './cmd/...',
      'A=1',
      'GOFLAGS=-mod=mod',
      'X=',
      '1A=b',
      'a=b=c',
      '%x',
      'u@h:1,2+3',
    ),
    fc.stringMatching(/^[A-Za-z0-9_./=:,@%+-]{1,8}$/),
  );
  const blank = fc.constantFrom(' ', '  ', '\t', ' \\\n    ', '\\\n ', ' && ', '&&', ' &&\\\n  ');
  const line = fc.tuple(fc.array(fc.tuple(word, blank), { minLength: 1, maxLength: 6 }), fc.boolean()).map(
    ([parts, lead]) =>
      (lead ? ' ' : '') +
      parts
        .map(([w, b]) => w + b)
        .join('')
        .trimEnd(),
  );
  let plain = 0;
  fc.assert(
    fc.property(line, (src) => {
      const fast = parsePlain(src);
      if (fast === undefined) return;
      plain++;
      assert.deepEqual(fast, parseWithMvdan(src), JSON.stringify(src));
    }),
    { seed: 12, numRuns: 400 },
  );
  assert.ok(plain > 120, `${plain} of 400 generated lines took the plain path`);
  const list = 'npm ci && npm run build &&\\\n  CGO_ENABLED=0 go build -o /out/app ./cmd/app';
  assert.notEqual(parsePlain(list), undefined, 'an && list of plain commands takes the plain path');
  assert.deepEqual(parsePlain(list), parseWithMvdan(list));
  for (const src of [
    'echo $HOME',
    'a &&',
    '&& b',
    'a && && b',
    'A=1 && b',
    'a & b',
    'a || b',
    'echo "$x"',
    'if true',
    'export A=1',
    'ls *.go',
    'a # c',
    'x\ny',
    '~/bin/x',
    'go\\\nbuild',
    'echo "a\\"b"',
    "echo 'unterminated",
  ]) {
    assert.equal(parsePlain(src), undefined, src);
  }
});

test('an empty assignment before a command is read, not a parse error (`X= go build` with GOFLAGS-style env)', () => {
  const s = parseWithMvdan('GOFLAGS= go build ./... && echo done');
  assert.equal(s.error, undefined);
  assert.deepEqual(
    s.commands.map((c) => [c.assigns, c.args.map((a) => a.value)]),
    [
      [[{ name: 'GOFLAGS', value: '' }], ['go', 'build', './...']],
      [[], ['echo', 'done']],
    ],
  );
});

test('the incident-shaped RUN (continuations, a quoted -ldflags) takes the plain path and reads as the parser reads it', () => {
  const src = 'CGO_ENABLED=0 GOOS=linux go build \\\n    -ldflags="-s -w" \\\n    -o /out/gateway ./cmd/gateway';
  const fast = parsePlain(src);
  assert.ok(fast);
  assert.deepEqual(fast, parseWithMvdan(src));
  assert.deepEqual(
    fast.commands[0]?.args.map((a) => a.value),
    ['go', 'build', '-ldflags=-s -w', '-o', '/out/gateway', './cmd/gateway'],
  );
});
