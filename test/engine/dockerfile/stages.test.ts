import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDockerfile, reachableStages, stageRef } from '../../../server/src/engine/dockerfile';

const text = [
  'FROM golang AS deps', // 0
  'COPY go.mod go.sum ./',
  'FROM deps AS build', // 1: FROM an earlier stage
  'COPY . .',
  'FROM alpine AS tools', // 2: used through RUN --mount from=
  'COPY tools/ /tools',
  'FROM node AS docs', // 3: never used by the final stage
  'COPY docs/ /docs',
  'FROM scratch', // 4: final
  'COPY --from=build /out /out',
  'RUN --mount=type=bind,from=tools,target=/t true',
  '',
].join('\n');

test('the default target is the last stage, with everything it depends on', () => {
  const m = parseDockerfile(text);
  assert.deepEqual([...reachableStages(m)].sort(), [0, 1, 2, 4]);
});

test('a named target builds only its own dependencies', () => {
  const m = parseDockerfile(text);
  assert.deepEqual([...reachableStages(m, 'docs')].sort(), [3]);
  assert.deepEqual([...reachableStages(m, 'BUILD')].sort(), [0, 1], 'stage names are case-insensitive');
  assert.equal(reachableStages(m, 'nope').size, 5, 'an unknown target hides nothing');
});

test('--from by index and by name only reaches earlier stages', () => {
  const m = parseDockerfile('FROM a AS one\nFROM b\nCOPY --from=0 /x /x\nCOPY --from=one /y /y\nCOPY --from=2 /z /z\n');
  assert.equal(stageRef(m, '0', 1)?.index, 0);
  assert.equal(stageRef(m, 'ONE', 1)?.index, 0);
  assert.equal(stageRef(m, '1', 1), null, 'a stage cannot copy from itself');
  assert.equal(stageRef(m, 'alpine:3', 1), null);
  assert.equal(stageRef(m, null, 1), null);
});

test('no FROM at all: nothing breaks', () => {
  const m = parseDockerfile('COPY . .\n');
  assert.equal(reachableStages(m).size, 0);
});
