// GitHub Actions matrices and checkouts (issue 15): `file: ${{ matrix.base_path }}/...` and
// `docker build -f "cmd/${{ matrix.component }}/Dockerfile" .` name one Dockerfile per
// combination; a repository checked out to `release/` builds `context: release` from its root;
// forks of build-push-action take the same inputs. Before, each of these fell back to the
// Dockerfile's folder.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import { discoverContexts } from '../../../server/src/engine/discovery';
import { matrixCombos } from '../../../server/src/engine/discovery/workflowMatrix';
import { DEFAULT_SETTINGS } from '../../../server/src/engine/types';
import { tempRepo } from './helpers';

function first(root: string, dockerfile: string): [string, string, string] {
  const c = discoverContexts(root, { settings: DEFAULT_SETTINGS }).candidates.get(path.join(root, dockerfile))?.[0];
  assert.ok(c, dockerfile);
  return [path.relative(root, c.contextDir) || '.', c.source, c.provenance];
}

const INCLUDE_MATRIX = `jobs:
  build:
    strategy:
      matrix:
        include:
          - project_name: Api
            base_path: ./src
          - project_name: Setup
            base_path: ./util
    steps:
      - uses: actions/checkout@v4
      - uses: docker/build-push-action@v6
        with:
          context: .
          file: \${{ matrix.base_path }}/\${{ matrix.project_name }}/Dockerfile
`;

test('build-push-action file from matrix include entries: one build per entry, values in provenance', () => {
  const root = tempRepo({
    '.github/workflows/build.yml': INCLUDE_MATRIX,
    'src/Api/Dockerfile': 'FROM scratch\nCOPY src/Api /app\n',
    'util/Setup/Dockerfile': 'FROM scratch\nCOPY util/Setup /app\n',
  });
  assert.deepEqual(first(root, 'src/Api/Dockerfile'), [
    '.',
    'ci',
    '.github/workflows/build.yml:12 (matrix.base_path=./src, matrix.project_name=Api)',
  ]);
  assert.equal(first(root, 'util/Setup/Dockerfile')[0], '.');
});

test('run: docker build with a matrix list and object values; the arch does not multiply the build', () => {
  const root = tempRepo({
    '.github/workflows/docker.yml': `jobs:
  docker:
    strategy:
      matrix:
        component: [ api, cli ]
        arch: [ { runner: x, arch: amd64 }, { runner: y, arch: arm64 } ]
    steps:
      - run: |
          docker build --platform "linux/\${{ matrix.arch.arch }}" -f "cmd/\${{ matrix.component }}/Dockerfile" .
`,
    'cmd/api/Dockerfile': 'FROM scratch\n',
    'cmd/cli/Dockerfile': 'FROM scratch\n',
  });
  const r = discoverContexts(root, { settings: DEFAULT_SETTINGS });
  assert.deepEqual(
    r.sites.map((s) => `${path.relative(root, s.dockerfile)} ${path.relative(root, s.contextDir) || '.'}`),
    ['cmd/api/Dockerfile .', 'cmd/cli/Dockerfile .'],
  );
  assert.match(first(root, 'cmd/cli/Dockerfile')[2], /matrix\.component=cli/);
});

test('a checkout into release/ and a fork of build-push-action: context release is the repository root', () => {
  const root = tempRepo({
    '.github/workflows/images.yml': `jobs:
  images:
    steps:
      - uses: actions/checkout@v4
        with:
          path: release
      - uses: useblacksmith/build-push-action@v1
        with:
          context: release
          file: release/cmd/app/Dockerfile
`,
    'cmd/app/Dockerfile': 'FROM scratch\n',
  });
  assert.deepEqual(first(root, 'cmd/app/Dockerfile').slice(0, 2), ['.', 'ci']);
});

test('matrix combinations follow GitHub: cross product, include extends or adds, exclude removes', () => {
  const combos = matrixCombos({
    os: ['linux', 'mac'],
    v: [1, 2],
    exclude: [{ os: 'mac', v: 1 }],
    include: [{ os: 'linux', extra: 'x' }, { os: 'bsd' }],
  });
  assert.deepEqual(combos, [
    { os: 'linux', v: 1, extra: 'x' },
    { os: 'linux', v: 2, extra: 'x' },
    { os: 'mac', v: 2 },
    { os: 'bsd' },
  ]);
  assert.equal(matrixCombos('${{ fromJSON(needs.a.outputs.m) }}'), undefined);
});
