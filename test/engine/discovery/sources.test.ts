// One fixture repository per discovery source (issue 6 acceptance): the resolved context,
// the builder and the provenance each source yields.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { contextsOf, discover, sitesOf } from './helpers';

test('explicit configuration overrules what the Makefile says', () => {
  const { root, result } = discover('config', {
    contexts: [{ dockerfile: 'docker/*.Dockerfile', context: 'docker', builder: 'podman' }],
  });
  assert.deepEqual(contextsOf(root, result, 'docker/app.Dockerfile'), [
    ['docker', 'config', 'configured in contexts[0]', 'podman'],
  ]);
  // Without configuration the Makefile decides.
  const plain = discover('config');
  assert.deepEqual(contextsOf(plain.root, plain.result, 'docker/app.Dockerfile'), [
    ['.', 'script', 'Makefile:2', undefined],
  ]);
});

test('compose: build dir, context + dockerfile, .env, override merged, inline and unknown skipped', () => {
  const { root, result } = discover('compose');
  assert.deepEqual(contextsOf(root, result, 'docker/api.Dockerfile'), [['.', 'compose', 'compose.yaml:3', undefined]]);
  assert.deepEqual(contextsOf(root, result, 'web/Dockerfile'), [['web', 'compose', 'compose.yaml:11', undefined]]);
  assert.deepEqual(contextsOf(root, result, 'worker/Dockerfile'), [
    ['worker', 'compose', 'compose.yaml:13', undefined],
  ]);
  const api = result.candidates.get(`${root}/docker/api.Dockerfile`)?.[0];
  assert.deepEqual(api?.additionalContexts, { shared: `${root}/shared` });
  const web = result.sites.filter((s) => s.dockerfile === `${root}/web/Dockerfile`);
  assert.equal(web.length, 1, 'compose.override.yaml merges into the base service: one build');
  assert.equal(web[0]?.target, 'dev');
  assert.equal(result.sites.find((s) => s.dockerfile.endsWith('api.Dockerfile'))?.tag, 'example/api:dev');
});

test('bake: inherits, variable defaults, override files; abstract and unresolvable targets skipped', () => {
  const { root, result } = discover('bake');
  assert.deepEqual(contextsOf(root, result, 'docker/api.Dockerfile'), [
    ['.', 'bake', 'docker-bake.hcl:20', 'buildkit'],
  ]);
  assert.deepEqual(contextsOf(root, result, 'services/worker/Dockerfile'), [
    ['services/worker', 'bake', 'docker-bake.hcl:26', 'buildkit'],
  ]);
  assert.deepEqual(
    sitesOf(root, result).map((s) => [s.at, s.noCache]),
    [
      ['docker-bake.hcl:20', true],
      ['docker-bake.hcl:26', false],
    ],
  );
  assert.equal(result.sites[0]?.tag, 'ghcr.io/example/api:latest');
});

test('Makefile: $(CONTAINER_TOOL) from ?=, continuations, $@, DOCKER_BUILDKIT=0; an unasked pattern rule matches files', () => {
  const { root, result } = discover('makefile');
  assert.deepEqual(contextsOf(root, result, 'docker/aianalysis.Dockerfile'), [['.', 'script', 'Makefile:9', 'podman']]);
  // `build-%` is asked for by nothing, so its stem is open: docker/$*.Dockerfile names the files that exist.
  assert.deepEqual(contextsOf(root, result, 'docker/gateway.Dockerfile'), [
    ['.', 'script', 'Makefile:14', 'classic'],
    ['.', 'script', 'Makefile:17 ($* open: matched docker/*.Dockerfile)', 'podman'],
  ]);
  assert.deepEqual(
    sitesOf(root, result).map((s) => `${s.at} ${s.tool} ${s.dockerfile}`),
    [
      'Makefile:9 podman docker/aianalysis.Dockerfile',
      'Makefile:14 docker docker/gateway.Dockerfile',
      'Makefile:17 podman docker/aianalysis.Dockerfile',
      'Makefile:17 podman docker/gateway.Dockerfile',
    ],
  );
});

test('shell script: cd "$(dirname "$0")/..", ${ENGINE:-podman}, buildx flags; a literal loop list runs per item', () => {
  const { root, result } = discover('script');
  assert.deepEqual(contextsOf(root, result, 'docker/app.Dockerfile'), [
    ['.', 'script', 'scripts/build.sh:5', 'podman'],
    ['.', 'script', 'scripts/build.sh:7 (svc=app)', undefined],
  ]);
  assert.deepEqual(contextsOf(root, result, 'docker/tool.Dockerfile'), [
    ['.', 'script', 'scripts/build.sh:7 (svc=tool)', undefined],
    ['.', 'script', 'scripts/build.sh:9', 'buildkit'],
  ]);
  const tool = result.sites.find((s) => s.dockerfile.endsWith('tool.Dockerfile') && s.tool === 'buildx');
  assert.equal(tool?.target, 'builder');
  assert.equal(tool?.platform, 'linux/amd64,linux/arm64');
  assert.equal(result.sites.length, 4, 'the for-loop build runs once per listed ${svc}');
  assert.equal(result.sites[0]?.noCache, true);
});

test('GitHub Actions: build-push-action inputs and run steps with workflow env; ${{ }} skipped', () => {
  const { root, result } = discover('actions');
  assert.deepEqual(contextsOf(root, result, 'docker/app.Dockerfile'), [
    ['.', 'ci', '.github/workflows/ci.yml:10', 'buildkit'],
  ]);
  assert.deepEqual(contextsOf(root, result, 'docker/migrate.Dockerfile'), [
    ['.', 'ci', '.github/workflows/ci.yml:20', undefined],
  ]);
  assert.deepEqual(
    sitesOf(root, result).map((s) => s.tool),
    ['action', 'docker'],
  );
});

test('source files: Go argument list, Python list, JS command string, Jenkinsfile', () => {
  const { root, result } = discover('source');
  assert.deepEqual(contextsOf(root, result, 'docker/e2e.Dockerfile'), [
    ['.', 'script', 'test/e2e/images.go:9', 'podman'],
  ]);
  assert.deepEqual(contextsOf(root, result, 'docker/py.Dockerfile'), [['.', 'script', 'tools/build.py:4', 'buildkit']]);
  assert.deepEqual(contextsOf(root, result, 'docker/app.Dockerfile'), [
    ['.', 'script', 'tools/release.js:2', undefined],
    ['.', 'ci', 'Jenkinsfile:5', 'podman'],
  ]);
  assert.equal(result.sites.find((s) => s.file.endsWith('images.go'))?.tag, 'e2e:latest');
  assert.equal(result.sites.find((s) => s.file.endsWith('build.py'))?.noCache, true);
});

test('header comment: the -f path leads back to the Dockerfile, so the command ran from the root', () => {
  const { root, result } = discover('comment');
  assert.deepEqual(contextsOf(root, result, 'docker/aianalysis.Dockerfile'), [
    ['.', 'comment', 'docker/aianalysis.Dockerfile:2', 'podman'],
  ]);
  // A comment building some other file says nothing about this one.
  assert.deepEqual(contextsOf(root, result, 'docker/other.Dockerfile'), [
    ['docker', 'fallback', "the Dockerfile's folder", undefined],
  ]);
  assert.equal(result.sites.length, 0, 'a comment is evidence, not a build');
});

test('only inference applies: nearest folder holding the COPY sources, else the own folder', () => {
  const { root, result } = discover('inference');
  assert.deepEqual(contextsOf(root, result, 'docker/gateway.Dockerfile'), [
    ['.', 'inference', 'inferred from COPY sources', undefined],
  ]);
  assert.deepEqual(contextsOf(root, result, 'services/web/Dockerfile'), [
    ['services/web', 'inference', 'inferred from COPY sources', undefined],
  ]);
  assert.deepEqual(contextsOf(root, result, 'partial/Dockerfile'), [
    ['.', 'inference', 'inferred from COPY sources (1 of 2 found)', undefined],
  ]);
  assert.deepEqual(contextsOf(root, result, 'tools/Dockerfile'), [
    ['tools', 'fallback', "the Dockerfile's folder", undefined],
  ]);
});

test('two sources disagree: both contexts are kept, strongest first', () => {
  const { root, result } = discover('disagree');
  assert.deepEqual(contextsOf(root, result, 'docker/app.Dockerfile'), [
    ['.', 'compose', 'compose.yaml:3', undefined],
    ['docker', 'script', 'Makefile:2', 'podman'],
  ]);
});

test('unresolvable variables are skipped, never guessed', () => {
  const { root, result } = discover('unresolved');
  assert.deepEqual(result.sites, [], '$(shell ...), $(CONTEXT_DIR), "$1", "$CTX" and ${APP_CONTEXT} are all unknown');
  assert.deepEqual(contextsOf(root, result, 'docker/app.Dockerfile'), [
    ['.', 'inference', 'inferred from COPY sources', undefined],
  ]);
});

test('read lists every file the result depends on', () => {
  const { root, result } = discover('compose');
  for (const f of ['compose.yaml', 'compose.override.yaml', '.env', 'docker/api.Dockerfile'])
    assert.ok(result.read.includes(`${root}/${f}`), f);
});
