// Reading build command lines: which words are the Dockerfile and the context, and which
// options make builds different images. Table-driven over the spellings scripts use.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseBuildCommand } from '../../../server/src/engine/discovery/command';
import type { Arg } from '../../../server/src/engine/discovery/shellWords';

const words = (line: string): Arg[] =>
  line
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => (w.startsWith('$') ? { unresolved: w.slice(1) } : w));
const read = (line: string, env?: Map<string, Arg>) => parseBuildCommand(words(line), env);

test('tool, builder, -f and context across CLIs and subcommands', () => {
  const table: Array<[string, string, string | undefined, Arg | undefined, string | undefined]> = [
    // line, tool, builder, file, context
    ['docker build -f docker/a.Dockerfile .', 'docker', undefined, 'docker/a.Dockerfile', '.'],
    ['docker buildx build --file=docker/a.Dockerfile ctx', 'buildx', 'buildkit', 'docker/a.Dockerfile', 'ctx'],
    ['docker buildx b -fDockerfile.dev .', 'buildx', 'buildkit', 'Dockerfile.dev', '.'],
    ['docker image build -t x:1 sub', 'docker', undefined, undefined, 'sub'],
    ['docker --context remote -H tcp://h:2375 build .', 'docker', undefined, undefined, '.'],
    ['podman build --layers -f Containerfile .', 'podman', 'podman', 'Containerfile', '.'],
    ['podman --remote image build -f x/Containerfile', 'podman', 'podman', 'x/Containerfile', undefined],
    ['buildah bud -f Containerfile .', 'buildah', 'podman', 'Containerfile', '.'],
    ['buildah build-using-dockerfile .', 'buildah', 'podman', undefined, '.'],
    ['sudo -E /usr/local/bin/docker build .', 'docker', undefined, undefined, '.'],
    ['time podman build . -t x', 'podman', 'podman', undefined, '.'],
    [
      'docker build --build-arg A=1 --label l=v --secret id=s,src=f --network host -t x -- .',
      'docker',
      undefined,
      undefined,
      '.',
    ],
  ];
  for (const [line, tool, builder, file, context] of table) {
    const p = read(line);
    assert.ok(p, line);
    assert.deepEqual([p.tool, p.builder, p.file, p.context], [tool, builder, file, context], line);
  }
});

test('not a build: other subcommands, other tools, a bare tool word', () => {
  for (const line of [
    'docker run -it alpine',
    'go build ./...',
    'npm run build',
    'docker compose build',
    'docker buildx bake',
    'docker',
    'make build',
  ]) {
    assert.equal(read(line), undefined, line);
  }
});

test('an unresolved command word counts only when its name says it holds a container CLI', () => {
  assert.equal(read('$CONTAINER_TOOL build -f d/x.Dockerfile .')?.tool, 'docker');
  assert.equal(read('$ENGINE build .')?.context, '.');
  assert.equal(read('$GO build ./cmd/x'), undefined);
  assert.equal(read('$NPM build'), undefined);
});

test('--no-cache, tag, target, platform, build args and named contexts', () => {
  const p = read(
    'docker buildx build --no-cache -t a:1 -t a:latest --target runtime --platform linux/arm64 --build-arg B=2 --build-arg A=1 --build-context shared=../shared --build-context img=docker-image://alpine .',
  );
  assert.ok(p);
  assert.equal(p.noCache, true);
  assert.equal(p.tag, 'a:1', 'the first tag names the image');
  assert.equal(p.target, 'runtime');
  assert.equal(p.platform, 'linux/arm64');
  assert.deepEqual(p.buildArgs, ['B=2', 'A=1']);
  assert.deepEqual(p.buildContexts, { shared: '../shared', img: 'docker-image://alpine' });
  assert.equal(read('docker build --no-cache=false .')?.noCache, false);
  assert.equal(read('docker build --no-cache=true .')?.noCache, true);
  assert.equal(read('docker build -t $TAG .')?.tag, undefined, 'an unknown tag is left out');
});

test('DOCKER_BUILDKIT picks the classic builder or BuildKit for docker build', () => {
  assert.equal(read('docker build .', new Map([['DOCKER_BUILDKIT', '0']]))?.builder, 'classic');
  assert.equal(read('docker build .', new Map([['DOCKER_BUILDKIT', '1']]))?.builder, 'buildkit');
  assert.equal(read('podman build .', new Map([['DOCKER_BUILDKIT', '0']]))?.builder, 'podman');
});

test('value flags are never mistaken for the context; unknown flags leave the last word as context', () => {
  assert.equal(read('docker build . --iidfile out.txt')?.context, '.');
  assert.equal(read('docker build --some-new-flag ctx')?.context, 'ctx');
  assert.deepEqual(read('docker build -f $DF .')?.file, { unresolved: 'DF' });
});
