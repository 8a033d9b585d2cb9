// Bake resolves `context` against the directory the bake command runs in, and `dockerfile`
// against the context (buildx issue 1028: `bake -f tests/docker-bake.hcl` from the root looks
// for `dockerfiles/debian9` under the root, not under tests/). Issue 15, item 2.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import { discoverContexts } from '../../../server/src/engine/discovery';
import { DEFAULT_SETTINGS } from '../../../server/src/engine/types';
import { tempRepo } from './helpers';

const BAKE = 'target "api" {\n  context = "docker"\n  dockerfile = "api.Dockerfile"\n}\n';

function contextOf(root: string, dockerfile: string): [string, string] {
  const r = discoverContexts(root, { settings: DEFAULT_SETTINGS });
  const c = r.candidates.get(path.join(root, dockerfile))?.[0];
  assert.ok(c, `no candidates for ${dockerfile}`);
  return [path.relative(root, c.contextDir) || '.', c.provenance];
}

test('bake run from the root with -f docker/docker-bake.hcl: the context is ./docker, not docker/docker', () => {
  const root = tempRepo({
    'docker/docker-bake.hcl': BAKE,
    'docker/api.Dockerfile': 'FROM scratch\nCOPY app /app\n',
    'docker/app': 'x',
    Makefile: 'images:\n\tdocker buildx bake -f docker/docker-bake.hcl api\n',
  });
  const [ctx, provenance] = contextOf(root, 'docker/api.Dockerfile');
  assert.equal(ctx, 'docker');
  assert.match(provenance, /docker\/docker-bake\.hcl:1 \(run from \. by Makefile:2\)/);
});

test('bake run from its own folder (cd docker && docker buildx bake): the context is docker/docker', () => {
  const root = tempRepo({
    'docker/docker-bake.hcl': BAKE,
    'docker/docker/api.Dockerfile': 'FROM scratch\n',
    'build.sh': '#!/bin/sh\ncd docker && docker buildx bake api\n',
  });
  assert.equal(contextOf(root, 'docker/docker/api.Dockerfile')[0], 'docker/docker');
});

test('bake with no invocation found resolves against the repository root', () => {
  const root = tempRepo({
    'docker/docker-bake.hcl': BAKE,
    'docker/api.Dockerfile': 'FROM scratch\n',
  });
  const [ctx, provenance] = contextOf(root, 'docker/api.Dockerfile');
  assert.equal(ctx, 'docker');
  assert.match(provenance, /run from the repository root: no bake command found/);
});
