// Runs every *.test.ts under test/ (except the real-editor suites) with node's own
// test runner; tsx compiles TypeScript on the fly so a test run needs no emit step.
// Node 20's --test takes no globs, hence the explicit file list. Two files at a time: the
// machine has two cores and most suites wait on the disk or on child processes.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname ?? path.dirname(new URL(import.meta.url).pathname), '..');
const skipDirs = new Set(['e2e', 'vscode', 'fixtures', 'node_modules']);
const only = process.argv.slice(2);

function collect(dir, out) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (!skipDirs.has(e.name)) collect(p, out);
    } else if (e.name.endsWith('.test.ts')) out.push(path.relative(root, p));
  }
  return out;
}
const files = collect(path.join(root, 'test'), [])
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();
const r = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-concurrency=2', '--test-reporter=spec', ...files],
  { cwd: root, stdio: 'inherit' },
);
process.exit(r.status ?? 1);
