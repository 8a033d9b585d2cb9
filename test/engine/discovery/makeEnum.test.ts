// Makefile builds whose values make computes: pattern rules over a variable family, foreach and
// the file functions, one target per element, and a -f template matched against existing files.
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

test('a pattern rule reading $(FAMILY_$*) builds once per defined member, naming the stem', (t) => {
  const { root, result } = discoverTemp(t, {
    Makefile: [
      'RUNTIME_DOCKERFILES_gateway := docker/gateway.runtime.Dockerfile',
      'RUNTIME_DOCKERFILES_worker := docker/worker.runtime.Dockerfile',
      'image-runtime-%: ; docker build -f $(RUNTIME_DOCKERFILES_$*) .',
      '',
    ].join('\n'),
    'docker/gateway.runtime.Dockerfile': FROM,
    'docker/worker.runtime.Dockerfile': FROM,
  });
  assert.deepEqual(contextsOf(root, result, 'docker/gateway.runtime.Dockerfile'), [
    ['.', 'script', 'Makefile:3 ($*=gateway)', undefined],
  ]);
  assert.deepEqual(contextsOf(root, result, 'docker/worker.runtime.Dockerfile'), [
    ['.', 'script', 'Makefile:3 ($*=worker)', undefined],
  ]);
});

test('foreach, wildcard, patsubst, notdir and dir expand against the repository', (t) => {
  const { root, result } = discoverTemp(t, {
    Makefile: [
      'DOCKERFILES := $(wildcard cmd/*/Dockerfile)',
      'NAMES := $(notdir $(patsubst %/Dockerfile,%,$(DOCKERFILES)))',
      'all:',
      '\t$(foreach d,$(DOCKERFILES),docker build -t $(notdir $(d)) -f $(d) $(dir $(d));)',
      'tools:',
      '\t$(foreach n,$(NAMES),docker build -f tools/$(n).Dockerfile .;)',
      '',
    ].join('\n'),
    'cmd/api/Dockerfile': FROM,
    'cmd/worker/Dockerfile': FROM,
    'tools/api.Dockerfile': FROM,
    'tools/worker.Dockerfile': FROM,
  });
  assert.deepEqual(contextsOf(root, result, 'cmd/api/Dockerfile'), [['cmd/api', 'script', 'Makefile:4', undefined]]);
  assert.deepEqual(contextsOf(root, result, 'cmd/worker/Dockerfile'), [
    ['cmd/worker', 'script', 'Makefile:4', undefined],
  ]);
  assert.deepEqual(contextsOf(root, result, 'tools/worker.Dockerfile'), [['.', 'script', 'Makefile:6', undefined]]);
});

test('one target per element: prerequisites from foreach and static pattern rules bind the stem', (t) => {
  const { root, result } = discoverTemp(t, {
    Makefile: [
      'COMPONENTS := api worker',
      'images: $(foreach c,$(COMPONENTS),image-$(c))',
      'image-%:',
      '\tdocker build -f services/$*/Dockerfile services/$*',
      'TOOLS := lint',
      '$(addprefix tool-,$(TOOLS)): tool-%:',
      '\tdocker build -f tools/$*.Dockerfile .',
      '',
    ].join('\n'),
    'services/api/Dockerfile': FROM,
    'services/worker/Dockerfile': FROM,
    'services/other/Dockerfile': FROM,
    'tools/lint.Dockerfile': FROM,
  });
  assert.deepEqual(contextsOf(root, result, 'services/api/Dockerfile'), [
    ['services/api', 'script', 'Makefile:4 ($*=api)', undefined],
  ]);
  assert.deepEqual(contextsOf(root, result, 'services/worker/Dockerfile'), [
    ['services/worker', 'script', 'Makefile:4 ($*=worker)', undefined],
  ]);
  assert.deepEqual(contextsOf(root, result, 'services/other/Dockerfile')[0]?.[1], 'fallback', 'no target asks for it');
  assert.deepEqual(contextsOf(root, result, 'tools/lint.Dockerfile'), [
    ['.', 'script', 'Makefile:7 ($*=lint)', undefined],
  ]);
});

test('a variable left open is matched against existing Dockerfiles, only when the template finds some', (t) => {
  const { root, result } = discoverTemp(t, {
    Makefile: [
      'docker-component:',
      '\tdocker build -t x/$(COMPONENT) -f ./cmd/$(COMPONENT)/Dockerfile .',
      'nothing:',
      '\tdocker build -f ./images/$(COMPONENT)/Dockerfile .',
      'anything:',
      '\tdocker build -f $(DOCKERFILE) .',
      '',
    ].join('\n'),
    'cmd/a/Dockerfile': FROM,
    'cmd/b/Dockerfile': FROM,
    Dockerfile: FROM,
  });
  assert.deepEqual(contextsOf(root, result, 'cmd/a/Dockerfile'), [
    ['.', 'script', 'Makefile:2 (COMPONENT open: matched ./cmd/*/Dockerfile)', undefined],
  ]);
  assert.deepEqual(
    contextsOf(root, result, 'cmd/b/Dockerfile')[0]?.[2],
    'Makefile:2 (COMPONENT open: matched ./cmd/*/Dockerfile)',
  );
  assert.deepEqual(
    contextsOf(root, result, 'Dockerfile')[0]?.[1],
    'fallback',
    'a bare $(DOCKERFILE) is not a template',
  );
  assert.equal(result.sites.length, 2);
});
