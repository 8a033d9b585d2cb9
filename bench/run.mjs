#!/usr/bin/env node
// `npm run bench`: `buildctx context` against `find` on the same trees, in the same run.
//   node bench/run.mjs [monorepo|go-vendor|wide|huge ...]   (default: monorepo go-vendor wide)
// Fixtures come from bench/make-tree.mjs into .bench/<shape> (git-ignored), generated once.
// Each command runs 3 times, interleaved; the best wall time counts (the least disturbed by
// other load). Peak RSS is the buildctx process's maximum resident set (GNU time, else the
// process's own report).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { filesize } from 'filesize';
import { makeTree } from './make-tree.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const benchDir = path.join(root, '.bench');
const cli = path.join(root, 'server/out/cli.js');
const workerJs = path.join(root, 'server/out/scanWorker.js');
const direct = path.join(benchDir, 'out/scan-direct.js');
const GEN_VERSION = '1';
const RUNS = 3;
const human = (n) => filesize(n, { standard: 'iec', round: 1 });
const gnuTime = fs.existsSync('/usr/bin/time') ? '/usr/bin/time' : null;

function fixture(shape) {
  const dir = path.join(benchDir, shape);
  const marker = path.join(benchDir, `${shape}.generated`); // outside the tree: it must not count
  if (fs.existsSync(marker) && fs.readFileSync(marker, 'utf8') === GEN_VERSION) return dir;
  fs.rmSync(dir, { recursive: true, force: true });
  const t = performance.now();
  process.stderr.write(`generating ${shape} into ${path.relative(root, dir)} ... `);
  const { files } = makeTree(dir, shape);
  fs.writeFileSync(marker, GEN_VERSION);
  process.stderr.write(`${files} files in ${((performance.now() - t) / 1000).toFixed(1)} s\n`);
  return dir;
}

/** Runs argv once; returns wall ms, peak RSS (KiB) and stdout. */
function timed(argv, { capture = false, ok = [0] } = {}) {
  const rssFile = path.join(benchDir, `.rss-${process.pid}`);
  const cmd = gnuTime ? [gnuTime, '-f', '%M', '-o', rssFile, ...argv] : argv;
  const t = process.hrtime.bigint();
  const r = spawnSync(cmd[0], cmd.slice(1), {
    stdio: ['ignore', capture ? 'pipe' : 'ignore', 'pipe'],
    maxBuffer: 1 << 28,
    encoding: 'utf8',
  });
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  if (!ok.includes(r.status)) throw new Error(`${argv.join(' ')} exited ${r.status}: ${r.stderr}`);
  const rss = gnuTime ? Number(fs.readFileSync(rssFile, 'utf8').trim().split('\n').pop()) : NaN;
  return { ms, rss, stdout: r.stdout ?? '' };
}

/** `buildctx context` when the CLI is built and can run on this tree; else the scanner bundled alone. */
function buildctxCommand(dir) {
  const directCmd = { label: 'scanner (direct)', argv: [process.execPath, direct, dir] };
  if (!fs.existsSync(cli)) return directCmd;
  // go-vendor keeps its Dockerfiles in docker/, as the incident repo did; wide has none.
  const docker = path.join(dir, 'docker');
  let f = [];
  if (!fs.existsSync(path.join(dir, 'Dockerfile'))) {
    if (!fs.existsSync(docker)) return directCmd;
    f = [
      '-f',
      path.join(
        docker,
        fs
          .readdirSync(docker)
          .filter((n) => n.endsWith('Dockerfile'))
          .sort()[0],
      ),
    ];
  }
  return {
    label: 'buildctx context',
    argv: [process.execPath, cli, 'context', dir, ...f, '--json'],
    fallback: directCmd,
  };
}

/**
 * `buildctx check` and `buildctx contexts` on trees with a Dockerfile at the root; with
 * BUILDCTX_BASELINE_CLI set (the cli.js of another build, e.g. a worktree of an earlier commit),
 * that one first, in the same run, so each command's time is a ratio to its baseline.
 */
function checkCommands(dir) {
  if (!fs.existsSync(cli) || !fs.existsSync(path.join(dir, 'Dockerfile'))) return [];
  const base = process.env.BUILDCTX_BASELINE_CLI;
  return [
    ['check', '--format', 'json'],
    ['contexts', '--json'],
  ].flatMap(([cmd, ...flags]) => {
    const argv = (c) => [process.execPath, c, cmd, dir, ...flags];
    const own = { label: `buildctx ${cmd}`, argv: argv(cli) };
    return base ? [{ label: `buildctx ${cmd} (baseline)`, argv: argv(base), baseline: true }, own] : [own];
  });
}

async function bundleDirect() {
  await esbuild.build({
    entryPoints: [path.join(root, 'bench/scan-direct.ts')],
    outfile: direct,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    logLevel: 'warning',
  });
}

function bench(shape) {
  const dir = fixture(shape);
  let tool = buildctxCommand(dir);
  const findArgv = ['find', dir, '-type', 'f', '-printf', '%s\n'];
  let best = null,
    bestFind = Infinity,
    peak = 0;
  // The 1M-file tree takes minutes per run: once is enough to show it completes and what it costs.
  const runs = shape === 'huge' ? 1 : RUNS;
  const checks = checkCommands(dir);
  const bestCheck = checks.map(() => Infinity);
  for (let i = 0; i < runs; i++) {
    bestFind = Math.min(bestFind, timed(findArgv).ms);
    checks.forEach((c, k) => {
      bestCheck[k] = Math.min(bestCheck[k], timed(c.argv, { capture: true, ok: [0, 1] }).ms);
    });
    let r;
    try {
      r = timed(tool.argv, { capture: true });
    } catch (err) {
      if (!tool.fallback) throw err;
      process.stderr.write(
        `(buildctx context failed: ${String(err.message).split('\n')[0]}; timing the scanner directly)\n`,
      );
      tool = tool.fallback;
      r = timed(tool.argv, { capture: true });
    }
    peak = Math.max(peak, r.rss);
    if (!best || r.ms < best.ms) best = r;
  }
  checks.forEach((c, k) => {
    const baseline = k > 0 && checks[k - 1].baseline ? bestCheck[k - 1] : undefined;
    console.log(
      `${shape.padEnd(10)} ${c.label}: ${(bestCheck[k] / 1000).toFixed(2)} s | ratio to find ${(bestCheck[k] / bestFind).toFixed(2)}x` +
        (baseline ? ` | ${(bestCheck[k] / baseline).toFixed(2)}x the baseline's time` : ''),
    );
  });
  const out = JSON.parse(best.stdout);
  const rss = Number.isFinite(peak) ? peak : out.maxRssKiB;
  console.log(
    `${shape.padEnd(10)} ${tool.label}: ${(best.ms / 1000).toFixed(2)} s | find: ${(bestFind / 1000).toFixed(2)} s | ratio ${(best.ms / bestFind).toFixed(2)}x | peak RSS ${(rss / 1024).toFixed(0)} MB`,
  );
  console.log(
    `${''.padEnd(10)} sent ${out.totals.files.toLocaleString('en-US')} files, ${human(out.totals.bytes)}` +
      (out.largest?.[0]
        ? `; largest sent dir ${out.largest[0].path}/: ${out.largest[0].files.toLocaleString('en-US')} files, ${human(out.largest[0].bytes)}`
        : ''),
  );
  const kept = (out.excluded ?? []).filter((e) => e.files > 0).slice(0, 3);
  if (kept.length > 0)
    console.log(
      `${''.padEnd(10)} kept out: ${kept.map((e) => `${e.pattern} (line ${e.line}) ${e.files.toLocaleString('en-US')} files, ${human(e.bytes)}`).join('; ')}`,
    );
  return { shape, ms: best.ms, findMs: bestFind, rssKiB: rss };
}

/** The language-server path on a tree: the scan in a worker, the event loop's worst stall. */
function benchWorker(shape) {
  const dir = path.join(benchDir, shape);
  const r = timed([process.execPath, direct, dir, '--worker', workerJs], { capture: true });
  const out = JSON.parse(r.stdout);
  console.log(
    `${''.padEnd(10)} worker scan (server path): ${(out.ms / 1000).toFixed(2)} s, peak RSS ${((gnuTime ? r.rss : out.maxRssKiB) / 1024).toFixed(0)} MB, ` +
      `worst event-loop stall ${out.worstEventLoopLagMs} ms, ${out.progressEvents} progress events`,
  );
}

const shapes = process.argv.slice(2).length > 0 ? process.argv.slice(2) : ['monorepo', 'go-vendor', 'wide'];
fs.mkdirSync(benchDir, { recursive: true });
await bundleDirect();
for (const shape of shapes) {
  bench(shape);
  if (shape === 'huge' || shape === 'monorepo') benchWorker(shape);
}
