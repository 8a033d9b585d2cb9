#!/usr/bin/env node
// `npm run demo` (after `npm run build`): the incident on a generated Go service. Three
// Dockerfiles do `COPY . .`, and .dockerignore does not list vendor/ (7,994 files, 105.8 MiB).
// Generates the tree into .demo/go-vendor (git-ignored) with the project's own generator,
// then shows `buildctx context` and, when that command exists, `buildctx check`.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cli = path.join(root, 'server', 'out', 'cli.js');
const demoDir = path.join('.demo', 'go-vendor');
const generator = path.join(root, 'bench', 'make-tree.mjs');

function run(args, okCodes) {
  console.log(`\n$ buildctx ${args.join(' ')}\n`);
  const r = spawnSync(process.execPath, [cli, ...args], { cwd: root, stdio: 'inherit' });
  if (r.error) throw r.error;
  if (!okCodes.includes(r.status)) {
    console.error(`demo: buildctx ${args[0]} exited with ${r.status ?? r.signal}`);
    process.exit(r.status || 1);
  }
}

function prepare() {
  const abs = path.join(root, demoDir);
  if (fs.existsSync(path.join(abs, 'docker', 'gateway.Dockerfile'))) return;
  fs.rmSync(abs, { recursive: true, force: true });
  if (fs.existsSync(generator)) {
    console.log(`Generating the incident-shaped example into ${demoDir} ...`);
    const r = spawnSync(process.execPath, [generator, abs, 'go-vendor'], { cwd: root, stdio: 'inherit' });
    if (r.status !== 0) process.exit(r.status || 1);
  } else {
    // Without the generator the small committed example keeps the demo running.
    fs.cpSync(path.join(root, 'examples', 'go-service'), abs, { recursive: true });
  }
  // Like the incident repository, the example is a git repository of its own: its .gitignore
  // (vendor/) is the one that applies, not this project's (which ignores .demo/). No git, no repo.
  spawnSync('git', ['init', '-q'], { cwd: abs, stdio: 'ignore' });
}

if (!fs.existsSync(cli)) {
  console.error('demo: server/out/cli.js is missing; run `npm run build` first (npm run demo does).');
  process.exit(1);
}
prepare();
run(['context', '-f', path.join(demoDir, 'docker', 'gateway.Dockerfile'), demoDir], [0]);
if (fs.existsSync(path.join(root, 'server', 'src', 'cli', 'check.ts'))) {
  // check exits 1 when it has findings, which is the point of the demo.
  run(['check', '--context', demoDir, demoDir], [0, 1]);
}
