// Makefile recipes as the shell receives them: make's own variables expanded first.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeRecipes } from '../../../server/src/engine/discovery/makefile';
import { unresolvedMarker } from '../../../server/src/engine/discovery/shellWords';
import * as path from 'node:path';
import { discoverContexts } from '../../../server/src/engine/discovery';
import { DEFAULT_SETTINGS } from '../../../server/src/engine/types';
import { tempRepo } from './helpers';

const recipes = (text: string): Array<[number, string]> => makeRecipes(text).map((r) => [r.line, r.text]);

test('=, :=, ?= and += with make semantics', () => {
  const text = [
    'A = one',
    'B := $(A)-x',
    'A = two',
    'C ?= first',
    'C ?= second',
    'D = $(A)',
    'D += more',
    'E := e',
    'E += $(E)',
    'all:',
    '\techo $(A) $(B) $(C) $(D) $(E) ${A}',
  ].join('\n');
  assert.deepEqual(recipes(text), [[11, 'echo two one-x first two more e e two']]);
});

test('shell functions, shell assignments and undefined variables become unresolved markers', () => {
  const text =
    'T := $(shell git rev-parse HEAD)\nS != date\nall:\n\tdocker build -t x:$(T)-$(S) -f $(call f,a) $(NOPE) .\n';
  assert.deepEqual(recipes(text), [
    [
      3 + 1,
      `docker build -t x:${unresolvedMarker('T')}-${unresolvedMarker('S')} -f ${unresolvedMarker('call')} ${unresolvedMarker('NOPE')} .`,
    ],
  ]);
});

test('$$ reaches the shell as $, prefixes @-+ are dropped, continuations keep their line breaks', () => {
  const text = 'img:\n\t@-docker build \\\n\t\t-f $$DF \\\n\t\t.\n';
  assert.deepEqual(recipes(text), [[2, 'docker build \\\n\t-f $DF \\\n\t.']]);
});

test('$@ is the target of a single-target rule; a pattern rule nothing asks for keeps its stem unknown', () => {
  assert.deepEqual(recipes('gateway:\n\tdocker build -f docker/$@.Dockerfile .\n'), [
    [2, 'docker build -f docker/gateway.Dockerfile .'],
  ]);
  assert.deepEqual(recipes('img-%:\n\tdocker build -f docker/$*.Dockerfile -t $@ .\n'), [
    [2, `docker build -f docker/${unresolvedMarker('stem')}.Dockerfile -t img-${unresolvedMarker('stem')} .`],
  ]);
});

test('define blocks, comments, inline recipes and exported DOCKER_BUILDKIT', () => {
  const text =
    'export DOCKER_BUILDKIT = 0\ndefine HELP\n\tdocker build nothing\nendef\n# img:\nimg: ; docker build .\n';
  const rs = makeRecipes(text);
  assert.deepEqual(
    rs.map((r) => [r.line, r.text.trim()]),
    [[6, 'docker build .']],
  );
  assert.equal(rs[0]?.env.get('DOCKER_BUILDKIT'), '0');
});

test('an unknown one-word value keeps its variable name, so a tool variable is still recognised', () => {
  const text =
    'CONTAINER_TOOL := $(shell command -v podman || echo docker)\nENGINE = $(shell which docker)\nimg:\n\t$(CONTAINER_TOOL) build . && $(ENGINE) build .\n';
  assert.deepEqual(recipes(text), [
    [4, `${unresolvedMarker('CONTAINER_TOOL')} build . && ${unresolvedMarker('ENGINE')} build .`],
  ]);
});

test('recursive definitions terminate', () => {
  const [r] = makeRecipes('A = $(B)\nB = $(A)\nall:\n\techo $(A)\n');
  assert.match(r?.text ?? '', /@@BUILDCTX_UNRESOLVED_/);
});

test('a Makefile another includes runs its recipes in the includer’s folder (jaeger’s scripts/makefiles/Docker.mk)', () => {
  const root = tempRepo({
    Makefile: 'include scripts/makefiles/Docker.mk\n',
    'scripts/makefiles/Docker.mk': 'img:\n\tdocker build -t x cmd/app\n',
    'cmd/app/Dockerfile': 'FROM scratch\n',
  });
  const c = discoverContexts(root, { settings: DEFAULT_SETTINGS }).candidates.get(
    path.join(root, 'cmd/app/Dockerfile'),
  );
  assert.deepEqual(
    c?.map((x) => [path.relative(root, x.contextDir), x.source, x.provenance]),
    [['cmd/app', 'script', 'scripts/makefiles/Docker.mk:2']],
  );
});

test('a recipe that copies a Dockerfile next to build output builds that Dockerfile with the output as context', () => {
  const root = tempRepo({
    Makefile:
      'image:\n\tgo build -o dist/app ./cmd\n\tcp Dockerfile.dev dist\n\tdocker build -t app -f dist/Dockerfile.dev dist\n',
    'Dockerfile.dev': 'FROM scratch\nCOPY app /app\n',
    'dist/.keep': '',
  });
  const c = discoverContexts(root, { settings: DEFAULT_SETTINGS }).candidates.get(path.join(root, 'Dockerfile.dev'));
  assert.deepEqual(
    c?.map((x) => [path.relative(root, x.contextDir), x.source, x.provenance]),
    [['dist', 'script', 'Makefile:4 (copied to dist by Makefile:3)']],
  );
});
