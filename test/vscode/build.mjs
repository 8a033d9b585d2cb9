// Bundles the @vscode/test-cli suite to out/test/vscode/*.test.js (what .vscode-test.mjs
// runs): one bundle per test file, with `vscode` and mocha's globals left to the host.
import * as esbuild from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const entries = fs
  .readdirSync(here)
  .filter((f) => f.endsWith('.test.ts'))
  .map((f) => path.join(here, f));
await esbuild.build({
  entryPoints: entries,
  outdir: path.join(root, 'out/test/vscode'),
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  external: ['vscode', 'mocha'],
  logLevel: 'warning',
});
