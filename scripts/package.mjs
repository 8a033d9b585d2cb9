// Packages the extension from a staging folder holding only what ships. vsce globs every
// file under its working directory before applying .vscodeignore, which takes minutes once
// a clone holds benchmark trees (.bench/ has ~600k files); staging keeps packaging to seconds
// and makes the allow-list in .vscodeignore the second guard rather than the only one.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname ?? path.dirname(new URL(import.meta.url).pathname), '..');
const SHIP = [
  'package.json',
  'README.md',
  'CHANGELOG.md',
  'LICENSE',
  '.vscodeignore',
  'client/out/extension.js',
  'server/out/server.js',
  'server/out/scanWorker.js',
  'server/out/cli.js',
  'server/out/cliProgram.js',
  'server/out/cli-context.js',
  'server/out/cli-check.js',
  'server/out/cli-contexts.js',
  'server/out/parsers',
  'syntaxes',
  'docs',
  'images',
];

const stage = fs.mkdtempSync(path.join(os.tmpdir(), 'buildctx-package-'));
try {
  for (const rel of SHIP) {
    const from = path.join(root, rel);
    if (!fs.existsSync(from)) continue;
    fs.cpSync(from, path.join(stage, rel), { recursive: true });
  }
  const out = path.resolve(root, process.argv[2] ?? 'buildctx.vsix');
  const vsce = path.join(root, 'node_modules', '@vscode', 'vsce', 'vsce');
  // buildctx has no public repository to name; its docs ship inside the package instead.
  const args = ['package', '--no-dependencies', '--allow-missing-repository', '-o', out];
  const r = spawnSync(process.execPath, [vsce, ...args], {
    cwd: stage,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  process.exitCode = r.status ?? 1;
} finally {
  fs.rmSync(stage, { recursive: true, force: true });
}
