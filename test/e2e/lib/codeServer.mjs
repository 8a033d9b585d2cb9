// Starts a hermetic code-server (VS Code 1.100.3 with a Node extension host) and stops it with
// everything it spawned. Hermetic because code-server and Chromium write into $HOME
// (config.yaml, ~/.local/share/code-server, a device id, crash reports): every such path is a
// temp dir, so a run leaves nothing behind and two runs never share state.
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

/** Creates the temp dirs one run uses under `tmp`. */
export function makeDirs(tmp) {
  const dirs = {
    userData: path.join(tmp, 'user-data'),
    extensions: path.join(tmp, 'extensions'),
    xdgConfig: path.join(tmp, 'xdg-config'),
    xdgData: path.join(tmp, 'xdg-data'),
    xdgCache: path.join(tmp, 'xdg-cache'),
    home: path.join(tmp, 'home'),
    browserProfile: path.join(tmp, 'chromium-profile'),
    dumps: path.join(tmp, 'dumps'),
  };
  for (const d of Object.values(dirs)) fs.mkdirSync(d, { recursive: true });
  return dirs;
}

export function hermeticEnv(dirs, extra = {}) {
  return {
    ...process.env,
    HOME: dirs.home,
    XDG_CONFIG_HOME: dirs.xdgConfig,
    XDG_DATA_HOME: dirs.xdgData,
    XDG_CACHE_HOME: dirs.xdgCache,
    ...extra,
  };
}

/** User settings that keep the workbench quiet and fast: no welcome page, trust prompt or updates. */
export function writeUserSettings(dirs, settings = {}) {
  const user = path.join(dirs.userData, 'User');
  fs.mkdirSync(user, { recursive: true });
  fs.writeFileSync(
    path.join(user, 'settings.json'),
    JSON.stringify(
      {
        'workbench.startupEditor': 'none',
        'workbench.tips.enabled': false,
        'workbench.enableExperiments': false,
        'telemetry.telemetryLevel': 'off',
        'update.mode': 'none',
        'extensions.autoCheckUpdates': false,
        'extensions.autoUpdate': false,
        'extensions.ignoreRecommendations': true,
        'security.workspace.trust.enabled': false,
        'git.enabled': false,
        'chat.disableAIFeatures': true,
        'editor.hover.delay': 100,
        // A file the fix edits must not be saved behind the test's back: it asserts what is on disk.
        'files.autoSave': 'off',
        'files.hotExit': 'off',
        ...settings,
      },
      null,
      2,
    ),
  );
}

/** Installs a .vsix the way a user does; throws with code-server's own message on failure. */
export function installVsix(csEntry, dirs, vsix) {
  const args = [
    csEntry,
    '--user-data-dir',
    dirs.userData,
    '--extensions-dir',
    dirs.extensions,
    '--install-extension',
    vsix,
  ];
  try {
    return execFileSync(process.execPath, args, {
      env: hermeticEnv(dirs),
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 120_000,
    }).trim();
  } catch (e) {
    // e.g. "not compatible with VS Code '1.100.3'" when engines.vscode is too new.
    throw new Error(`code-server --install-extension ${vsix} failed: ${(e.stderr || '') + (e.stdout || '')}`);
  }
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/**
 * Spawns code-server in its own process group and resolves once it listens.
 * Returns `{ port, url, stop }`; `stop()` ends the whole group (server, extension host, file
 * watcher, pty host and our language server), which a plain SIGTERM to the server would leave
 * running for seconds.
 */
export async function startCodeServer({ csEntry, dirs, workspace, logFile, env = {} }) {
  const port = await freePort();
  const args = [
    csEntry,
    '--user-data-dir',
    dirs.userData,
    '--extensions-dir',
    dirs.extensions,
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--auth',
    'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--ignore-last-opened',
    '--config',
    path.join(dirs.xdgConfig, 'config.yaml'),
    workspace,
  ];
  const log = fs.createWriteStream(logFile);
  const cs = spawn(process.execPath, args, {
    env: hermeticEnv(dirs, env),
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const stop = () => stopGroup(cs.pid);
  try {
    await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('code-server did not listen within 60s')), 60_000);
      const onData = (b) => {
        log.write(b);
        if (/HTTP server listening on/.test(b.toString())) {
          clearTimeout(timer);
          resolve();
        }
      };
      cs.stdout.on('data', onData);
      cs.stderr.on('data', onData);
      cs.on('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`code-server exited early (${code}); see ${logFile}`));
      });
    });
  } catch (e) {
    await stop();
    throw e;
  }
  return { port, url: `http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}`, stop };
}

async function stopGroup(pid) {
  const alive = () => {
    try {
      process.kill(-pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  try {
    process.kill(-pid, 'SIGTERM');
  } catch {
    return;
  }
  const deadline = Date.now() + 5_000;
  while (alive() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  if (alive()) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
  }
}
