// Debian's Chromium, headless, driven by playwright-core (a devDependency; Playwright's own
// browser download is unreachable here). A fresh profile and HOME per run keep it hermetic.
import path from 'node:path';
import pw from 'playwright-core';

export async function launchBrowser(dirs, executablePath) {
  // Playwright refuses --user-data-dir in args; launchPersistentContext(dir) is how to give one.
  const context = await pw.chromium.launchPersistentContext(dirs.browserProfile, {
    executablePath,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    viewport: { width: 1400, height: 900 },
    env: {
      ...process.env,
      HOME: dirs.home,
      XDG_CONFIG_HOME: path.join(dirs.home, '.config'),
      XDG_CACHE_HOME: path.join(dirs.home, '.cache'),
    },
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return { page, close: () => context.close().catch(() => {}) };
}
