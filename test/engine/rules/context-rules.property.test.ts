// Property test over the context and ignore-file rules on a real (small) context: whatever the
// ignore file says, checking never throws, fix-all settles, a second fix-all changes no byte,
// and fixing never introduces an error-level finding.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import fc from 'fast-check';
import { CONTEXT_RULES } from '../../../server/src/engine/rules/contextRules';
import { runRules } from '../../../server/src/engine/rules/runRules';
import type { Finding } from '../../../server/src/engine/types';
import { applyFixes, buildFor, dockerfileCtx, ignoreFileCtx, makeTree } from './helpers';

const LINES = [
  'node_modules',
  '**/node_modules',
  '*.log',
  'vendor/',
  'vendor',
  '.env',
  'dir',
  '!dir/keep.txt',
  '!**/keep.txt',
  '# c',
  'vendor/ # deps',
  '  # x',
  '[',
  'logs',
  'logs/*.log',
  '!web',
  '.git',
  '/vendor',
  'web/node_modules',
  'dir/*',
  '*.md',
  ' *.md ',
];

const TREE = {
  Dockerfile: 'FROM golang\nCOPY go.mod ./\nCOPY . .\nRUN go build -mod=mod ./...\n',
  'go.mod': 'module m\n',
  'vendor/modules.txt': '#\n',
  'node_modules/a/i.js': 'a',
  'web/node_modules/b/i.js': 'b',
  'web/src/app.js': 'x',
  'logs/a.log': 'l',
  'web/debug.log': 'l',
  '.env': 'A=1',
  'dir/keep.txt': 'k',
  'dir/other.txt': 'o',
  'docs/README.md': 'r',
  '.gitignore': 'dist/\n*.log\n',
  'dist/out.js': 'o',
};

test('random ignore files: check never throws, fix-all settles and is idempotent, and adds no errors', () => {
  const t = makeTree(TREE);
  const ignore = t.abs('.dockerignore');
  const check = (): Finding[] => {
    const build = buildFor({ contextDir: t.dir, builder: 'buildkit' });
    const a = runRules(dockerfileCtx([build]), CONTEXT_RULES);
    const b = fs.existsSync(ignore)
      ? runRules(ignoreFileCtx(ignore, [build]), CONTEXT_RULES)
      : { findings: [], failures: [] };
    assert.deepEqual([...a.failures, ...b.failures], []);
    return [...a.findings, ...b.findings];
  };
  let fixedCases = 0;
  try {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...LINES), { maxLength: 7 }),
        fc.constantFrom('\n', '\r\n'),
        fc.boolean(),
        fc.boolean(),
        (lines, eol, finalNewline, present) => {
          if (present) fs.writeFileSync(ignore, lines.join(eol) + (finalNewline && lines.length > 0 ? eol : ''));
          else fs.rmSync(ignore, { force: true });
          const errorsBefore = new Set(
            check()
              .filter((f) => f.severity === 'error')
              .map((f) => f.message),
          );
          let passes = 0;
          while (applyFixes(check()).length > 0) assert.ok(++passes <= 6, 'fix-all did not settle');
          if (passes > 0) fixedCases++;
          const settled = fs.existsSync(ignore) ? fs.readFileSync(ignore, 'utf8') : null;
          assert.deepEqual(applyFixes(check()), []);
          assert.equal(fs.existsSync(ignore) ? fs.readFileSync(ignore, 'utf8') : null, settled);
          for (const f of check()) if (f.severity === 'error') assert.ok(errorsBefore.has(f.message), f.message);
        },
      ),
      { seed: 20261127, numRuns: 40 },
    );
    // The property is only worth something if fixes actually ran in many of the cases.
    assert.ok(fixedCases >= 20, `only ${fixedCases} cases applied a fix`);
  } finally {
    t.cleanup();
  }
});
