// `npm run test:vscode`: the e2e scenarios through the `vscode` API in a VS Code that
// @vscode/test-electron downloads (not possible on CI machines, which run the same scenarios
// in code-server: `npm run test:e2e`). The workspace is generated fresh for every run, shaped
// like the incident: a Go module whose Dockerfiles `COPY . .` a 105.8 MiB vendor/.
import { defineConfig } from '@vscode/test-cli';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { makeWorkspace } from './test/e2e/fixture.mjs';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'buildctx-vscode-test-'));
const workspace = path.join(tmp, 'workspace');
const totals = makeWorkspace(workspace);
// The CLI process that loads this config outlives the VS Code it starts; clean up after it.
process.on('exit', () => fs.rmSync(tmp, { recursive: true, force: true }));

export default defineConfig({
  label: 'scenarios',
  files: 'out/test/vscode/**/*.test.js',
  // 1.100 is the oldest VS Code engines.vscode accepts, and the one code-server 4.100.3 ships.
  version: process.env.VSCODE_TEST_VERSION || '1.100.3',
  workspaceFolder: workspace,
  env: { BUILDCTX_TEST: '1', BUILDCTX_E2E_FIXTURE: JSON.stringify(totals) },
  launchArgs: ['--disable-extensions', '--disable-workspace-trust'],
  mocha: { ui: 'tdd', timeout: 180_000 },
});
