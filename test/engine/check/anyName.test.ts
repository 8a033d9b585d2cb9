// Any file a build names with -f is a Dockerfile (issue 15, item 5): `Dockerfile_debug` and
// `build/app.docker` are checked, with the context of the site that names them.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import { CheckedTree } from '../../../server/src/engine/check/checkedTree';
import { diskAccess } from '../../../server/src/engine/diskAccess';
import { DEFAULT_SETTINGS } from '../../../server/src/engine/types';
import { tempRepo } from '../discovery/helpers';

test('files named only by -f are checked with the context of the site that names them', () => {
  const root = tempRepo({
    'build/app.docker': 'FROM scratch\nCOPY src /src\nCOPY missing.txt /x\n',
    'cmd/api/Dockerfile_debug': 'FROM scratch\nCOPY cmd/api /app\n',
    'src/a.txt': 'a',
    Makefile: 'img:\n\tdocker build -f build/app.docker .\ndbg:\n\tdocker build -f cmd/api/Dockerfile_debug .\n',
  });
  const out = new CheckedTree({ root, settings: DEFAULT_SETTINGS, fs: diskAccess }).check();
  const builds = out.builds.map((b) => [path.relative(root, b.dockerfile), path.relative(root, b.contextDir) || '.']);
  assert.deepEqual(builds.sort(), [
    ['build/app.docker', '.'],
    ['cmd/api/Dockerfile_debug', '.'],
  ]);
  const missing = out.findings.filter((f) => f.ruleId === 'copy-source-missing');
  assert.deepEqual(
    missing.map((f) => [path.relative(root, f.file), f.range.start.line]),
    [['build/app.docker', 2]],
    'only the really missing source; cmd/api exists from the root context',
  );
});
