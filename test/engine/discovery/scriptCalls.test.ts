// Values a script's build gets from inside the same script (a shell function called with
// literal arguments) and from a caller's options that the script reads with `getopts`.
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

test('a shell function building "$1" resolves from each literal call of it in the same script', (t) => {
  const { root, result } = discoverTemp(t, {
    'build.sh': [
      '#!/bin/bash',
      'build_one() {',
      '  local dir=$1',
      '  docker build -f "$dir/Dockerfile" "$dir"',
      '}',
      'build_one services/api',
      'for s in web; do build_one "services/$s"; done',
      '',
    ].join('\n'),
    'services/api/Dockerfile': FROM,
    'services/web/Dockerfile': FROM,
  });
  const at = (d: string) => contextsOf(root, result, d);
  assert.deepEqual(at('services/api/Dockerfile'), [
    ['services/api', 'script', 'build.sh:4 ($1=services/api from build.sh:6)', undefined],
  ]);
  assert.deepEqual(at('services/web/Dockerfile'), [
    ['services/web', 'script', 'build.sh:4 ($1=services/web from build.sh:7)', undefined],
  ]);
});

test("a script reading options with getopts gets the caller's -d value, unknown values stay unknown", (t) => {
  const { root, result } = discoverTemp(t, {
    'ci.sh': [
      '#!/bin/bash',
      'scripts/image.sh -c api -d services/api',
      'scripts/image.sh -l -dservices/web -f Dockerfile.web',
      'scripts/image.sh -d "$UNKNOWN" -c other',
      'f() {',
      '  bash scripts/image.sh -c "$1" -d "$2"',
      '}',
      'f worker services/worker',
      '',
    ].join('\n'),
    'scripts/image.sh': [
      '#!/bin/bash',
      'file=Dockerfile',
      'while getopts "c:d:f:hl" opt; do',
      '  case "${opt}" in',
      '  c) name=${OPTARG} ;;',
      '  d)',
      '    dir=${OPTARG}',
      '    ;;',
      '  f) file="$OPTARG" ;;',
      '  esac',
      'done',
      'echo "building $name"',
      'docker build -f "$dir/$file" "$dir"',
      '',
    ].join('\n'),
    'services/api/Dockerfile': FROM,
    'services/web/Dockerfile.web': FROM,
    'services/worker/Dockerfile': FROM,
    'services/other/Dockerfile': FROM,
  });
  const at = (d: string) => contextsOf(root, result, d);
  assert.deepEqual(at('services/api/Dockerfile'), [
    ['services/api', 'script', 'scripts/image.sh:13 (-d services/api from ci.sh:2)', undefined],
  ]);
  assert.deepEqual(at('services/web/Dockerfile.web'), [
    [
      'services/web',
      'script',
      'scripts/image.sh:13 (-d services/web from ci.sh:3; -f Dockerfile.web from ci.sh:3)',
      undefined,
    ],
  ]);
  assert.deepEqual(at('services/worker/Dockerfile'), [
    ['services/worker', 'script', 'scripts/image.sh:13 (-d services/worker from ci.sh:8)', undefined],
  ]);
  assert.deepEqual(at('services/other/Dockerfile')[0]?.[1], 'fallback');
});
