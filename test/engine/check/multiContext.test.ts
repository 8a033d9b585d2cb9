// Two build sites disagree (issue 15): a Makefile builds api/Dockerfile with api/ as context, a
// workflow with the root. The Dockerfile is checked against each; a finding true for one
// context only says which, and one true for both is reported once, unlabelled.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import { CheckedTree } from '../../../server/src/engine/check/checkedTree';
import { diskAccess } from '../../../server/src/engine/diskAccess';
import { DEFAULT_SETTINGS } from '../../../server/src/engine/types';
import { tempRepo } from '../discovery/helpers';

test('a Dockerfile with two contexts is checked against each, findings name the one they hold for', () => {
  const root = tempRepo({
    'api/Dockerfile': 'FROM scratch\nCOPY go.mod /src/\nCOPY missing.txt /x\n',
    'go.mod': 'module x\n',
    Makefile: 'api:\n\tdocker build -f api/Dockerfile api\n',
    '.github/workflows/ci.yml': 'jobs:\n  b:\n    steps:\n      - run: docker build -f api/Dockerfile .\n',
  });
  const out = new CheckedTree({ root, settings: DEFAULT_SETTINGS, fs: diskAccess }).check();
  const contexts = out.builds.map((b) => path.relative(root, b.contextDir) || '.').sort();
  assert.deepEqual(contexts, ['.', 'api']);
  const missing = out.findings
    .filter((f) => f.ruleId === 'copy-source-missing')
    .map((f) => [f.range.start.line, f.message.replace(/^.*?(does not exist)/, '$1')]);
  assert.deepEqual(missing, [
    [
      1,
      "does not exist in the build context (the Dockerfile's folder), so the build fails. (with the context . from Makefile:2)",
    ],
    [2, "does not exist in the build context (the Dockerfile's folder), so the build fails."],
  ]);
});
