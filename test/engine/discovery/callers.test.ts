// Builds whose values come from the caller: `make target VAR=value` (workflow, script, another
// recipe) and scripts called with positional arguments. The provenance names the caller.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { discoverContexts } from '../../../server/src/engine/discovery';
import { DEFAULT_SETTINGS } from '../../../server/src/engine/types';
import { contextsOf, tempRepo } from './helpers';

const FROM = 'FROM alpine\n';

function discoverTemp(t: { after: (f: () => void) => void }, files: Record<string, string>) {
  const root = tempRepo(files);
  t.after(() => fs.rmSync(root, { recursive: true, force: true }));
  return { root, result: discoverContexts(root, { settings: DEFAULT_SETTINGS }) };
}

test('make VAR=value from a workflow, a script, a recipe and a loop in a recipe resolves the callee', (t) => {
  const { root, result } = discoverTemp(t, {
    Makefile: [
      'docker-component:',
      '\tdocker build -t x/$(COMPONENT) -f ./cmd/$(COMPONENT)/Dockerfile .',
      '',
      'docker-api:',
      '\tCOMPONENT=api make docker-component',
      'docker-rest:',
      '\tfor c in cli query; do $(MAKE) docker-component COMPONENT=$$c; done',
      '',
    ].join('\n'),
    '.github/workflows/ci.yml': [
      'on: push',
      'jobs:',
      '  images:',
      '    runs-on: ubuntu-latest',
      '    steps:',
      '      - run: make docker-component COMPONENT=worker',
      '',
    ].join('\n'),
    'scripts/release.sh': '#!/bin/sh\nset -e\nmake -C .. docker-component COMPONENT=vulture\n',
    'cmd/api/Dockerfile': FROM,
    'cmd/worker/Dockerfile': FROM,
    'cmd/cli/Dockerfile': FROM,
    'cmd/query/Dockerfile': FROM,
    'cmd/vulture/Dockerfile': FROM,
    'cmd/unused/Dockerfile': FROM,
  });
  const at = (d: string) => contextsOf(root, result, d);
  assert.deepEqual(at('cmd/api/Dockerfile'), [
    ['.', 'script', 'Makefile:2 (COMPONENT=api from Makefile:5)', undefined],
  ]);
  assert.deepEqual(at('cmd/worker/Dockerfile'), [
    ['.', 'script', 'Makefile:2 (COMPONENT=worker from .github/workflows/ci.yml:6)', undefined],
  ]);
  assert.deepEqual(at('cmd/cli/Dockerfile'), [
    ['.', 'script', 'Makefile:2 (COMPONENT=cli from Makefile:7)', undefined],
  ]);
  assert.deepEqual(at('cmd/query/Dockerfile')[0]?.[2], 'Makefile:2 (COMPONENT=query from Makefile:7)');
  assert.deepEqual(at('cmd/vulture/Dockerfile')[0]?.[2], 'Makefile:2 (COMPONENT=vulture from scripts/release.sh:3)');
  assert.deepEqual(at('cmd/unused/Dockerfile')[0]?.[1], 'fallback', 'callers bind COMPONENT: no open match');
});

test('a script building "$1" resolves from each caller: script, Makefile recipe, workflow run', (t) => {
  const { root, result } = discoverTemp(t, {
    'build.sh': '#!/bin/sh\nset -e\ndocker build -f "$1/Dockerfile" "$1"\n',
    'ci.sh': '#!/bin/sh\n./build.sh services/api\n',
    Makefile: 'web:\n\t./build.sh services/web\n',
    '.github/workflows/ci.yml': [
      'on: push',
      'jobs:',
      '  images:',
      '    runs-on: ubuntu-latest',
      '    steps:',
      '      - run: bash build.sh services/worker',
      '',
    ].join('\n'),
    'services/api/Dockerfile': FROM,
    'services/web/Dockerfile': FROM,
    'services/worker/Dockerfile': FROM,
  });
  const at = (d: string) => contextsOf(root, result, d);
  assert.deepEqual(at('services/api/Dockerfile'), [
    ['services/api', 'script', 'build.sh:3 ($1=services/api from ci.sh:2)', undefined],
  ]);
  assert.deepEqual(at('services/web/Dockerfile'), [
    ['services/web', 'script', 'build.sh:3 ($1=services/web from Makefile:2)', undefined],
  ]);
  assert.deepEqual(at('services/worker/Dockerfile'), [
    ['services/worker', 'script', 'build.sh:3 ($1=services/worker from .github/workflows/ci.yml:6)', undefined],
  ]);
});
