// Header comments (issue 15, item 6, and loki's Dockerfile.cross): the command may follow
// leading ARGs, and a context written as a placeholder (`<workflow-dir>/`) means each folder
// holding the COPY sources, said so in the provenance, instead of the Dockerfile's folder.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import { discoverContexts } from '../../../server/src/engine/discovery';
import { DEFAULT_SETTINGS } from '../../../server/src/engine/types';
import { tempRepo } from './helpers';

function contexts(root: string, dockerfile: string): Array<[string, string, string]> {
  const list = discoverContexts(root, { settings: DEFAULT_SETTINGS }).candidates.get(path.join(root, dockerfile));
  assert.ok(list, dockerfile);
  return list.map((c) => [path.relative(root, c.contextDir) || '.', c.source, c.provenance]);
}

test('a header command after leading ARG lines still names the context', () => {
  const root = tempRepo({
    'cmd/canary/Dockerfile.cross': [
      'ARG GO_VERSION=1.26',
      '# Called from the root of the project like so:',
      '# docker build -t canary -f cmd/canary/Dockerfile.cross .',
      'FROM golang:${GO_VERSION}',
      'COPY . /src',
      '',
    ].join('\n'),
  });
  assert.deepEqual(contexts(root, 'cmd/canary/Dockerfile.cross'), [['.', 'comment', 'cmd/canary/Dockerfile.cross:3']]);
});

test('a placeholder context is each folder holding the COPY sources, chosen by inference', () => {
  const root = tempRepo({
    'tools/runner/Dockerfile': [
      '# Build: podman build -f Dockerfile <workflow-dir>/',
      'FROM python:3',
      'COPY workflow-schema.yaml steps/ /w/',
      '',
    ].join('\n'),
    'workflows/nightly/workflow-schema.yaml': 'a: 1\n',
    'workflows/nightly/steps/one.py': '',
    'workflows/release/workflow-schema.yaml': 'a: 1\n',
    'workflows/release/steps/two.py': '',
    'workflows/broken/workflow-schema.yaml': 'no steps here\n',
  });
  const note = 'tools/runner/Dockerfile:1 (<…>/ chosen where the COPY sources exist)';
  assert.deepEqual(contexts(root, 'tools/runner/Dockerfile'), [
    ['workflows/nightly', 'comment', note],
    ['workflows/release', 'comment', note],
  ]);
});
