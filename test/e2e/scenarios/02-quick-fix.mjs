// Scenario 2: Ctrl+. on the `COPY . .` squiggle and pick the fix. The edit lands in another
// file (.dockerignore gains `vendor/`), and the status bar must drop by exactly the vendor/
// size while the Dockerfile stays the active editor: nothing is reopened or re-saved first.
import fs from 'node:fs';
import path from 'node:path';
import { check, waitFor } from '../lib/wait.mjs';
import { dropMatches, parseStatus, statusShows, within } from '../lib/figures.mjs';
import { dumpState } from '../lib/state.mjs';

/**
 * Cursor on the squiggle, Ctrl+., and the code action menu. Tries three times: each attempt
 * that finds "No code actions available" is logged and counted in results.json, because it is
 * a bug worth seeing even when a retry succeeds (seen when code action requests take seconds
 * and VS Code cancels overlapping ones).
 */
async function openQuickFixMenu(wb, page, line, log, state) {
  const menu = page.locator('.action-widget');
  for (let attempt = 1; attempt <= 3; attempt++) {
    const squiggles = await wb.squigglesOn('warning', line);
    check(squiggles.length > 0, 'no warning squiggle under `COPY . .` to put the cursor on');
    const sq = squiggles.sort((a, b) => b.width - a.width)[0];
    await page.keyboard.press('Escape');
    await page.mouse.click(sq.x + sq.width / 2, line.y + line.height / 2);
    // Move off the squiggle: its hover asks for code actions too, and requests cancel each other.
    await page.mouse.move(sq.x + 600, line.y + 300);
    await page.keyboard.press('Control+.');
    const none = page.locator('.monaco-editor-overlaymessage', { hasText: 'No code actions' });
    const shown = await waitFor(
      'the code action menu or "No code actions available"',
      async () => ((await menu.isVisible()) ? 'menu' : (await none.isVisible()) ? 'none' : null),
      { timeout: 15_000 },
    );
    if (shown === 'menu') {
      state.quickFixAttempts = attempt;
      return menu;
    }
    log(`attempt ${attempt}: Ctrl+. on the squiggle said "No code actions available"`);
  }
  throw new Error('Ctrl+. on the `COPY . .` squiggle said "No code actions available" three times');
}

/** Picks the vendor/ fix in the open menu with a user's click; returns its title. */
async function pickVendorFix(page, menu) {
  const fix = menu.locator('.monaco-list-row', { hasText: /vendor\// }).first();
  await fix.waitFor({ timeout: 15_000 }).catch(async () => {
    throw new Error(
      `no quick fix mentioning vendor/ in the menu: ${JSON.stringify(await menu.locator('.monaco-list-row').allInnerTexts())}`,
    );
  });
  const title = (await fix.textContent()).trim();
  // A click at the row's position: the menu re-renders while it settles, which Playwright's
  // locator.click() reads as an element that never becomes stable.
  const row = await fix.boundingBox();
  await page.mouse.move(row.x + row.width / 2, row.y + row.height / 2);
  await page.mouse.click(row.x + row.width / 2, row.y + row.height / 2);
  await menu.waitFor({ state: 'hidden', timeout: 10_000 }).catch(() => {
    throw new Error(`clicking "${title}" did not apply it (the menu stayed open)`);
  });
  return title;
}

/**
 * The edit may leave .dockerignore as an unsaved buffer: check what the editor shows, then
 * save it like a user and check the disk.
 */
async function checkDockerignore(wb, page, workspace) {
  await wb.openFile('.dockerignore');
  const lines = await waitFor(
    '.dockerignore shows a `vendor/` line',
    async () => {
      const l = await wb.editorLines();
      return l.includes('vendor/') ? l : null;
    },
    { timeout: 10_000 },
  );
  check(lines.filter((l) => l === 'vendor/').length === 1, `vendor/ appears more than once: ${JSON.stringify(lines)}`);
  if (await wb.isActiveTabDirty()) await page.keyboard.press('Control+S');
  const file = path.join(workspace, '.dockerignore');
  return waitFor(
    '.dockerignore on disk has a `vendor/` line next to the original `.git`',
    () => {
      const text = fs.readFileSync(file, 'utf8');
      const l = text.split('\n');
      return l.includes('vendor/') && l.includes('.git') && text.endsWith('\n') ? text : null;
    },
    { timeout: 10_000, describe: () => JSON.stringify(fs.readFileSync(file, 'utf8')) },
  );
}

export default {
  name: 'Ctrl+. fix: .dockerignore gains vendor/, status bar drops by the vendor/ size',
  async run({ wb, page, fixture, workspace, shot, state, stateFile, log }) {
    await wb.openFile('docker/gateway.Dockerfile');
    const before = state.statusBefore ?? parseStatus(await wb.statusText());
    check(before, `no context size in the status bar before the fix: "${await wb.statusText()}"`);
    const line = await wb.lineBox('COPY . .');
    check(line, 'the editor does not show a `COPY . .` line');
    const menu = await openQuickFixMenu(wb, page, line, log, state);
    state.quickFixTitle = await pickVendorFix(page, menu);
    log(`quick fix: "${state.quickFixTitle}"`);

    const { total, vendor } = fixture;
    const expected = { files: total.files - vendor.files, bytes: total.bytes - vendor.bytes };
    const after = await wb.waitStatus(
      `status bar drops by vendor/ (${vendor.files} files, ${vendor.bytes} bytes) from "${before.text}"`,
      (s) => statusShows(s, expected) && dropMatches(before, s, vendor.bytes),
      { timeout: 30_000 },
    );
    check(within(expected.files, after.files), `file count "${after.text}" is not ${expected.files}`);
    state.statusAfter = after;
    log(`status bar after the fix: "${after.text}" (was "${before.text}")`);
    check(await wb.activeTab('gateway.Dockerfile').count(), 'the Dockerfile is no longer the active editor');
    await shot('02-quick-fix-status-drop.png');
    // Not asserted (issue 4 calls the CodeLens optional), but a lens that disagrees with the
    // status bar is worth seeing in the results.
    state.codeLensAfterFix = await wb
      .editor()
      .locator('.codelens-decoration')
      .allInnerTexts()
      .catch(() => []);
    log(`CodeLens right after the fix: ${JSON.stringify(state.codeLensAfterFix)}`);
    state.sentAfter = (await dumpState(wb, stateFile).catch(() => null))?.summary?.sent ?? null;
    state.dockerignoreAfterFix = await checkDockerignore(wb, page, workspace);
  },
};
