import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dockerfileSyntax } from '../../../server/src/engine/rules/dockerfile-syntax';
import { findings } from './harness';

const one = (dockerfile: string) => findings(dockerfileSyntax, { dockerfile, files: {} });

test('COPY with no arguments, empty FROM, an unknown instruction, no FROM: one clear error each', () => {
  const cases: Array<[string, RegExp, number]> = [
    ['FROM golang\nCOPY\n', /COPY requires at least two arguments.*\(line 2\)/, 1],
    ['FROM golang\nCOPY app.go\n', /only one was provided/, 1],
    ['FROM\nRUN true\n', /FROM requires either one or three arguments/, 0],
    ['FROM alpine\nCOPPY a b\n', /unknown instruction: COPPY/, 1],
    ['# just a comment\nRUN true\n', /no build stage: it has no FROM/, 1],
    ['\n# nothing\n', /has no instructions/, 0],
    ['FR\u0000OM\u0001\u0002', /binary file/, 0],
  ];
  for (const [text, message, line] of cases) {
    const found = one(text);
    assert.equal(found.length, 1, JSON.stringify(text));
    assert.equal(found[0]!.severity, 'error');
    assert.match(found[0]!.message, /^Docker cannot parse this Dockerfile: /);
    assert.match(found[0]!.message, message);
    assert.equal(found[0]!.range.start.line, line, JSON.stringify(text));
  }
});

test('valid Dockerfiles parse: flags, three-word FROM, heredoc COPY, lower-case keywords, ARG before FROM', () => {
  for (const text of [
    'ARG BASE=alpine\nFROM ${BASE} AS build\nCOPY --chown=1:1 a b\n',
    'FROM --platform=$BUILDPLATFORM golang AS b\ncopy . .\n',
    'FROM alpine\nCOPY <<EOF /etc/x\nhello\nEOF\n',
    'FROM alpine\nONBUILD RUN true\nHEALTHCHECK NONE\nSHELL ["sh", "-c"]\n',
  ])
    assert.deepEqual(one(text), [], text);
});
