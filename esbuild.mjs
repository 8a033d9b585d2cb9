// Bundles the extension client, the language server, the scan worker and the CLI.
// One bundle per process entry point keeps the .vsix free of node_modules. The two parsers
// compiled from Go (mvdan-sh, hcl2-parser: ~11 MB of the ~12) are bundles of their own that
// engine/bundled.ts requires on first use, so no process compiles them just to start.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as esbuild from 'esbuild';

const require = createRequire(import.meta.url);
const watch = process.argv.includes('--watch');
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  minify: process.argv.includes('--minify'),
  logLevel: 'warning',
  // jsonc-parser's `main` is a UMD build whose inner requires esbuild cannot follow (the bundle
  // would fail with "Cannot find module './impl/format'"); its ESM build bundles.
  alias: { 'jsonc-parser': 'jsonc-parser/lib/esm/main.js' },
};
// The bundles engine/bundled.ts loads through V8's code cache end with a hash of their bytes,
// the cache's key, so that no run has to hash them (or load node:crypto) to find it.
const stamped = {
  name: 'bundle-hash',
  setup(build) {
    build.onEnd(async ({ errors }) => {
      const file = build.initialOptions.outfile;
      if (errors.length > 0 || !fs.existsSync(file)) return;
      const text = await fs.promises.readFile(file);
      // A watch rebuild whose output did not change leaves the file, stamp and all, as it was.
      if (/\/\/# bundleHash=\w+\n$/.test(text.subarray(-80).toString('latin1'))) return;
      const hash = createHash('sha256').update(text).digest('hex');
      await fs.promises.appendFile(file, `//# bundleHash=${hash.slice(0, 32)}\n`);
    });
  },
};
const parser = (name) => ({
  entryPoints: [require.resolve(name)],
  outfile: `server/out/parsers/${name}.js`,
  // Third-party generated code: minified it loads faster, and no one steps through it.
  minify: true,
  sourcemap: false,
  plugins: [stamped],
});
const builds = [
  { entryPoints: ['client/src/extension.ts'], outfile: 'client/out/extension.js', external: ['vscode'] },
  // The server is minified: V8 compiles a third less, ~10 ms of its start (bench/startup.ts);
  // its source map still maps stack traces back.
  { entryPoints: ['server/src/server.ts'], outfile: 'server/out/server.js', minify: true },
  { entryPoints: ['server/src/engine/context/worker/scanWorker.ts'], outfile: 'server/out/scanWorker.js' },
  // `buildctx`: a launcher that answers --version at once, then the program with every command.
  // commander is in cliProgram.js only: the launcher never parses options, and the command
  // bundles get their options from the program, so there is one copy of it.
  { entryPoints: ['server/src/cli/main.ts'], outfile: 'server/out/cli.js', banner: { js: '#!/usr/bin/env node' } },
  // The bundles each `buildctx` run loads are minified: fewer bytes to read and compile, and
  // no stray non-ASCII comment that makes V8 hold the whole source as UTF-16 (check: -9 ms).
  { entryPoints: ['server/src/cli/program.ts'], outfile: 'server/out/cliProgram.js', minify: true, plugins: [stamped] },
  // What each command does, loaded by cli/commands.ts only when that command runs.
  ...['context', 'inputs', 'check', 'contexts'].map((c) => ({
    entryPoints: [`server/src/cli/${c}.ts`],
    outfile: `server/out/cli-${c}.js`,
    minify: true,
    plugins: [stamped],
  })),
  parser('mvdan-sh'),
  parser('hcl2-parser'),
];
// V8 code caches (engine/bundled.ts) of earlier builds: their key holds the bundle's mtime, so
// they would never be read again, only pile up.
for (const dir of ['server/out', 'server/out/parsers']) {
  for (const f of fs.existsSync(dir) ? fs.readdirSync(dir) : []) {
    if (/\.(cache|tmp)$/.test(f)) fs.rmSync(`${dir}/${f}`, { force: true });
  }
}
if (watch) {
  for (const b of builds) await (await esbuild.context({ ...common, ...b })).watch();
} else {
  await Promise.all(builds.map((b) => esbuild.build({ ...common, ...b })));
}
