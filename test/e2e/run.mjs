#!/usr/bin/env node
// `npm run test:e2e`: the product as a user meets it. Installs code-server (cached), packages
// buildctx.vsix, installs it into a real VS Code 1.100.3, opens an incident-shaped Go
// workspace in headless Chromium and runs the scenarios of issue 5 in order, each building on
// the last as a user's session would. Prints `N passed, N failed`; exits 1 on any failure.
//
// Env: E2E_VSIX=<file> (skip packaging), E2E_ONLY=1,3 (scenario numbers), KEEP_TMP=1, E2E_TRACE=1,
//      CHROMIUM=<binary> (default /usr/bin/chromium), BUILDCTX_E2E_CACHE (see setup.sh).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeWorkspace } from './fixture.mjs';
import { installVsix, makeDirs, startCodeServer, writeUserSettings } from './lib/codeServer.mjs';
import { launchBrowser } from './lib/browser.mjs';
import { describeState, dumpState } from './lib/state.mjs';
import { Workbench } from './lib/workbench.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '../..');
const OUT = path.join(HERE, 'out');
const SCENARIO_TIMEOUT = 240_000;
const T0 = Date.now();
const secs = (ms) => `${(ms / 1000).toFixed(1)} s`;
const log = (...a) => console.error(`[e2e ${secs(Date.now() - T0)}]`, ...a);

async function loadScenarios() {
  const dir = path.join(HERE, 'scenarios');
  const only = (process.env.E2E_ONLY || '').split(',').filter(Boolean).map(Number);
  const files = fs
    .readdirSync(dir)
    .filter((f) => /^\d\d-.*\.mjs$/.test(f))
    .sort();
  const all = [];
  for (const f of files) {
    const n = Number(f.slice(0, 2));
    if (only.length && !only.includes(n)) continue;
    all.push({ n, file: f, ...(await import(path.join(dir, f))).default });
  }
  return all;
}

/** Runs a preparation step; its stdout is returned, its stderr (progress) passes through. */
function step(what, cmd, args) {
  const t = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (b) => {
      out += b;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`${what} failed (exit ${code}): ${out.slice(-2000)}`));
      log(`${what}: ${secs(Date.now() - t)}`);
      resolve(out.trim());
    });
  });
}

/**
 * Installs code-server and packages the extension side by side: the first install is mostly
 * npm downloading and compiling native modules, packaging mostly esbuild, and CI pays for both.
 */
async function prepare() {
  const vsixEnv = process.env.E2E_VSIX;
  const [setupOut, packageOut] = await Promise.all([
    step('setup (code-server)', 'bash', [path.join(HERE, 'setup.sh')]),
    vsixEnv ? Promise.resolve('') : step('npm run package', 'npm', ['run', '--silent', 'package']),
  ]);
  if (packageOut)
    log(
      packageOut
        .split('\n')
        .filter((l) => /DONE|WARNING/.test(l))
        .join('\n') || packageOut,
    );
  const vsix = path.resolve(vsixEnv || path.join(ROOT, 'buildctx.vsix'));
  if (!fs.existsSync(vsix)) throw new Error(`no extension package at ${vsix}`);
  return { csEntry: setupOut.split('\n').pop(), vsix };
}

/** What the extension itself reported when a scenario failed, saved and summarised. */
async function explain(ctx, file) {
  try {
    const state = await dumpState(ctx.wb, ctx.stateFile);
    fs.writeFileSync(file, JSON.stringify(state, null, 2));
    return ` [${describeState(state)}]`;
  } catch (e) {
    return ` [no extension state: ${e.message.split('\n')[0]}]`;
  }
}

async function runScenario(sc, ctx) {
  const t = Date.now();
  const shots = [];
  const shot = async (name) => {
    shots.push(await ctx.wb.screenshot(path.join(OUT, name)));
  };
  let error = null;
  let timer;
  try {
    await Promise.race([
      sc.run({ ...ctx, shot, log: (m) => log(`  ${m}`) }),
      new Promise((_, rej) => {
        timer = setTimeout(() => rej(new Error(`scenario hung for ${SCENARIO_TIMEOUT / 1000}s`)), SCENARIO_TIMEOUT);
      }),
    ]);
  } catch (e) {
    error = e.message.split('\n')[0];
    const base = sc.file.replace(/\.mjs$/, '');
    await shot(`${base}-FAILED.png`).catch(() => {});
    error += await explain(ctx, path.join(OUT, `${base}-state.json`));
  } finally {
    clearTimeout(timer);
  }
  const result = {
    n: sc.n,
    name: sc.name,
    ms: Date.now() - t,
    pass: !error,
    error,
    screenshots: shots.map((s) => path.relative(ROOT, s)),
  };
  log(
    `${result.pass ? 'PASS' : 'FAIL'} ${sc.n} ${sc.name} (${secs(result.ms)})${error ? `\n      ${error}` : ''}\n      ${result.screenshots.join(', ')}`,
  );
  return result;
}

async function session(scenarios, { csEntry, vsix }, tmp) {
  const dirs = makeDirs(tmp);
  const workspace = path.join(tmp, 'workspace');
  const fixture = makeWorkspace(workspace);
  log(
    `workspace ${workspace}: ${fixture.total.files} files, vendor/ ${fixture.vendor.files} files, ${fixture.vendor.bytes} bytes`,
  );
  // E2E_TRACE=1 logs every LSP message to the "Build Context" output (kept in out/vscode-logs).
  writeUserSettings(dirs, process.env.E2E_TRACE ? { 'buildctx.trace.server': 'verbose' } : {});
  log(`install-extension: ${installVsix(csEntry, dirs, vsix).split('\n').pop()}`);
  // The state file lives outside the workspace: inside, it would be part of the build context.
  const stateFile = path.join(dirs.dumps, 'state.json');
  const server = await startCodeServer({
    csEntry,
    dirs,
    workspace,
    logFile: path.join(OUT, 'code-server.log'),
    env: { BUILDCTX_TEST: '1', BUILDCTX_TEST_OUT: stateFile },
  });
  const browser = await launchBrowser(dirs, process.env.CHROMIUM || '/usr/bin/chromium');
  const results = [];
  try {
    const wb = new Workbench(browser.page);
    await wb.open(server.url);
    log('workbench loaded');
    const ctx = { wb, page: browser.page, workspace, fixture, stateFile, state: {} };
    for (const sc of scenarios) results.push(await runScenario(sc, ctx));
    return { results, state: ctx.state };
  } finally {
    await browser.close();
    await server.stop();
    try {
      fs.cpSync(path.join(dirs.userData, 'logs'), path.join(OUT, 'vscode-logs'), { recursive: true });
    } catch {
      /* no logs yet */
    }
  }
}

function summary(scenarios, results, state, fatal) {
  const failedOut = scenarios
    .filter((s) => !results.some((r) => r.n === s.n))
    .map((s) => ({ n: s.n, name: s.name, pass: false, ms: 0, error: `not run: ${fatal}`, screenshots: [] }));
  const all = [...results, ...failedOut];
  const passed = all.filter((r) => r.pass).length;
  const status = (s, sent) => s && { text: s.text, sent: sent ?? null };
  fs.writeFileSync(
    path.join(OUT, 'results.json'),
    JSON.stringify(
      {
        totalMs: Date.now() - T0,
        fatal: fatal ?? null,
        scenarios: all,
        statusBefore: status(state?.statusBefore, state?.sentBefore),
        statusAfter: status(state?.statusAfter, state?.sentAfter),
        statusItemMs: state?.statusItemMs ?? null,
        statusShownMs: state?.statusShownMs ?? null,
        quickFix: state?.quickFixTitle ?? null,
        quickFixAttempts: state?.quickFixAttempts ?? null,
        codeLensAfterFix: state?.codeLensAfterFix ?? null,
        fixAll: state?.fixAllMessage ?? null,
      },
      null,
      2,
    ),
  );
  for (const r of all)
    console.log(`${r.pass ? '✔' : '✖'} ${r.n}. ${r.name} (${secs(r.ms)})${r.pass ? '' : `: ${r.error}`}`);
  console.log(`${passed} passed, ${all.length - passed} failed`);
  return all.length - passed;
}

async function main() {
  fs.rmSync(OUT, { recursive: true, force: true });
  fs.mkdirSync(OUT, { recursive: true });
  const scenarios = await loadScenarios();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'buildctx-e2e-'));
  let out = { results: [], state: {} };
  let fatal;
  try {
    out = await session(scenarios, await prepare(), tmp);
  } catch (e) {
    fatal = e.message;
    log(`FATAL: ${e.stack || e}`);
  } finally {
    if (process.env.KEEP_TMP) log(`kept ${tmp}`);
    else fs.rmSync(tmp, { recursive: true, force: true });
  }
  const failed = summary(scenarios, out.results, out.state, fatal);
  log(`total ${secs(Date.now() - T0)}; screenshots and logs in ${path.relative(ROOT, OUT)}/`);
  process.exit(failed || fatal ? 1 : 0);
}

await main();
