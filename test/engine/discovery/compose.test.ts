// Compose files put together the way docker compose does (issue 15): YAML merge keys and
// aliases, `extends` in the same and in another file, the default override file, `include`,
// and services behind profiles. Each test writes the smallest repository showing one rule.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { discoverContexts } from '../../../server/src/engine/discovery';
import { DEFAULT_SETTINGS } from '../../../server/src/engine/types';
import { tempRepo } from './helpers';

const DOCKERFILE = 'FROM alpine\nCOPY . /app\n';

function discover(files: Record<string, string>, t: { after: (fn: () => void) => void }) {
  const root = tempRepo(files);
  t.after(() => fs.rmSync(root, { recursive: true, force: true }));
  return { root, result: discoverContexts(root, { settings: DEFAULT_SETTINGS }) };
}

/** `site line: dockerfile in context (target)` per compose build site, paths relative to the root. */
function sites(root: string, r: ReturnType<typeof discoverContexts>): string[] {
  return r.sites
    .filter((s) => s.tool === 'compose')
    .map((s) => {
      const rel = (p: string) => path.relative(root, p) || '.';
      const target = s.target === undefined ? '' : ` (${s.target})`;
      return `${rel(s.file)}:${s.line}: ${rel(s.dockerfile)} in ${rel(s.contextDir)}${target}`;
    });
}

function provenance(root: string, r: ReturnType<typeof discoverContexts>, dockerfile: string): string[] {
  return (r.candidates.get(path.join(root, dockerfile)) ?? []).map((c) => c.provenance);
}

test('merge keys: a service made of `<<: *defaults` (one map or a list) is a build site', (t) => {
  const { root, result } = discover(
    {
      'compose.yaml': [
        'x-defaults: &defaults',
        '  build:',
        '    context: ./api',
        '  restart: always',
        'x-worker: &worker',
        '  build: ./worker',
        'services:',
        '  api:',
        '    <<: *defaults',
        '    image: example/api',
        '  worker:',
        '    <<: [*worker, *defaults]',
        '  "quoted":',
        '    "<<": *defaults',
        '',
      ].join('\n'),
      'api/Dockerfile': DOCKERFILE,
      'worker/Dockerfile': DOCKERFILE,
    },
    t,
  );
  // A quoted "<<" is an ordinary key, not a merge: `quoted` has no build.
  assert.deepEqual(sites(root, result), [
    'compose.yaml:8: api/Dockerfile in api',
    'compose.yaml:11: worker/Dockerfile in worker',
  ]);
  assert.deepEqual(provenance(root, result, 'api/Dockerfile'), ['compose.yaml:8 (build from compose.yaml:2)']);
});

test('aliases: `build: *anchor` and an aliased context are read through the anchor', (t) => {
  const { root, result } = discover(
    {
      'compose.yaml': [
        'x-ctx: &ctx ./web',
        'services:',
        '  a:',
        '    build: &shared',
        '      context: *ctx',
        '      target: a',
        '  b:',
        '    build: *shared',
        '',
      ].join('\n'),
      'web/Dockerfile': DOCKERFILE,
    },
    t,
  );
  assert.deepEqual(sites(root, result), [
    'compose.yaml:4: web/Dockerfile in web (a)',
    'compose.yaml:8: web/Dockerfile in web (a)',
  ]);
});

test('extends in the same file: chains are followed, own fields win, cycles end without a build', (t) => {
  const { root, result } = discover(
    {
      'compose.yaml': [
        'services:',
        '  base:',
        '    build:',
        '      context: ./app',
        '      target: base',
        '  middle:',
        '    extends: base',
        '  top:',
        '    extends:',
        '      service: middle',
        '    build:',
        '      target: prod',
        '  loop1:',
        '    extends: loop2',
        '  loop2:',
        '    extends: loop1',
        '',
      ].join('\n'),
      'app/Dockerfile': DOCKERFILE,
    },
    t,
  );
  assert.deepEqual(sites(root, result), [
    'compose.yaml:3: app/Dockerfile in app (base)',
    'compose.yaml:6: app/Dockerfile in app (base)',
    'compose.yaml:11: app/Dockerfile in app (prod)',
  ]);
  assert.deepEqual(provenance(root, result, 'app/Dockerfile'), ['compose.yaml:3']);
});

test("extends from another file: its relative paths stay relative to that file's folder", (t) => {
  const { root, result } = discover(
    {
      'compose.yaml': [
        'services:',
        '  web:',
        '    extends:',
        '      file: common/services.yml',
        '      service: webapp',
        '',
      ].join('\n'),
      // A chain inside the other file, and a Dockerfile named relative to the context.
      'common/services.yml': [
        'services:',
        '  base:',
        '    build:',
        '      context: ../web',
        '      dockerfile: web.Dockerfile',
        '  webapp:',
        '    extends: base',
        '',
      ].join('\n'),
      'web/web.Dockerfile': DOCKERFILE,
    },
    t,
  );
  // The extended file's own services are not part of the project: one site, in compose.yaml.
  assert.deepEqual(sites(root, result), ['compose.yaml:2: web/web.Dockerfile in web']);
  assert.deepEqual(provenance(root, result, 'web/web.Dockerfile'), [
    'compose.yaml:2 (build from common/services.yml:3)',
  ]);
  assert.ok(result.read.includes(path.join(root, 'common/services.yml')), 'a change to the extended file rediscovers');
});

test('default override: replaces context and dockerfile, adds services; an explicit -f pair goes without it', (t) => {
  const { root, result } = discover(
    {
      'docker-compose.yml': [
        'services:',
        '  api:',
        '    build:',
        '      context: ./old',
        '    image: example/api',
        '  db:',
        '    image: postgres',
        '',
      ].join('\n'),
      'docker-compose.override.yml': [
        'services:',
        '  api:',
        '    build:',
        '      context: ./api',
        '      dockerfile: dev.Dockerfile',
        '  tools:',
        '    build: ./tools',
        '  db:',
        '    build: ./db',
        '',
      ].join('\n'),
      // `-f docker-compose.yml -f docker-compose.prod.yml` leaves the default override out.
      'docker-compose.prod.yml': 'services:\n  api:\n    build:\n      target: prod\n',
      'old/Dockerfile': DOCKERFILE,
      'api/dev.Dockerfile': DOCKERFILE,
      'tools/Dockerfile': DOCKERFILE,
      'db/Dockerfile': DOCKERFILE,
    },
    t,
  );
  assert.deepEqual(sites(root, result).sort(), [
    'docker-compose.override.yml:7: tools/Dockerfile in tools',
    'docker-compose.override.yml:9: db/Dockerfile in db',
    'docker-compose.prod.yml:3: old/Dockerfile in old (prod)',
    'docker-compose.yml:3: api/dev.Dockerfile in api',
  ]);
});

test('include: string and `path:` entries; paths relative to the included file or project_directory', (t) => {
  const { root, result } = discover(
    {
      'compose.yaml': [
        'include:',
        '  - infra/db.yml',
        '  - path: ./svc/api.yml',
        '    project_directory: .',
        'services:',
        '  web:',
        '    build: ./web',
        '',
      ].join('\n'),
      'infra/db.yml': 'services:\n  db:\n    build: ./db\n',
      'infra/db/Dockerfile': DOCKERFILE,
      'svc/api.yml': 'services:\n  api:\n    build: ./api\n',
      'api/Dockerfile': DOCKERFILE,
      'web/Dockerfile': DOCKERFILE,
    },
    t,
  );
  assert.deepEqual(sites(root, result), [
    'compose.yaml:7: web/Dockerfile in web',
    'infra/db.yml:3: infra/db/Dockerfile in infra/db',
    'svc/api.yml:3: api/Dockerfile in api',
  ]);
  assert.deepEqual(provenance(root, result, 'infra/db/Dockerfile'), ['infra/db.yml:3 (included by compose.yaml:2)']);
  for (const f of ['infra/db.yml', 'svc/api.yml']) assert.ok(result.read.includes(path.join(root, f)), f);
});

test('include: an included compose.yaml found on its own is one site; include cycles end', (t) => {
  const { root, result } = discover(
    {
      'compose.yaml': 'include:\n  - sub/compose.yaml\n',
      'sub/compose.yaml': 'include:\n  - ../compose.yaml\nservices:\n  s:\n    build: .\n',
      'sub/Dockerfile': DOCKERFILE,
    },
    t,
  );
  assert.deepEqual(sites(root, result), ['sub/compose.yaml:5: sub/Dockerfile in sub']);
});

test('a file read through include or extends that does not exist yet is listed in read', (t) => {
  const { root, result } = discover(
    {
      'compose.yaml': 'include:\n  - later.yml\nservices:\n  a:\n    extends: {file: base.yml, service: a}\n',
    },
    t,
  );
  for (const f of ['later.yml', 'base.yml']) assert.ok(result.read.includes(path.join(root, f)), f);
});

test('profiles: a service only some profiles start is still a build site', (t) => {
  const { root, result } = discover(
    {
      'compose.yaml': ['services:', '  debug:', '    profiles: [debug]', '    build: ./debug', ''].join('\n'),
      'debug/Dockerfile': DOCKERFILE,
    },
    t,
  );
  assert.deepEqual(sites(root, result), ['compose.yaml:4: debug/Dockerfile in debug']);
});
