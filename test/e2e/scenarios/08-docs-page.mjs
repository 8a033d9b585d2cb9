// Scenario 8: a diagnostic's rule code opens the rule's page, docs/rules/<id>.md, shipped in the
// installed .vsix: offline, in an editor tab (issue 16). The diagnostic is scenario 4's: `[`
// typed into .dockerignore, which Docker rejects (invalid-pattern); undo leaves the file clean.
import { check, waitFor } from '../lib/wait.mjs';

const RULE = 'invalid-pattern';

export default {
  name: 'rule code in a hover opens docs/rules/<id>.md of the installed extension in an editor tab',
  async run({ wb, page, shot, log }) {
    await wb.openFile('.dockerignore');
    await wb.editor().locator('.view-lines').click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type('[');
    await waitFor(
      'an error squiggle in .dockerignore after typing `[`',
      async () => (await wb.squiggleCount('error')) > 0,
      {
        timeout: 30_000,
        describe: () => 'none',
      },
    );
    const box = await wb.editor().locator('.view-overlays .squiggly-error').first().boundingBox();
    await wb.hoverText(box, new RegExp(RULE));
    const link = page.locator('.monaco-hover:not(.hidden) a.code-link', { hasText: RULE }).first();
    const href = await link.getAttribute('href', { timeout: 10_000 });
    log(`code link: ${href}`);
    check(!/^https?:/.test(href ?? ''), `the rule code links to the web (${href}), not to the shipped page`);
    await link.click();

    const tab = wb.activeTab(`${RULE}.md`);
    await tab.waitFor({ timeout: 20_000 }).catch(() => {
      throw new Error(`clicking the rule code opened no editor tab titled ${RULE}.md`);
    });
    let lines = [];
    await waitFor(
      `the page's heading "# ${RULE}" in the editor`,
      async () => {
        lines = await wb.editorLines();
        return lines.some((l) => l.trim() === `# ${RULE}`);
      },
      { timeout: 15_000, describe: () => JSON.stringify(lines.slice(0, 5)) },
    );
    // The page comes from the installed extension (buildctx.buildctx-<version>/docs/rules), not
    // from the workspace, which has no docs folder.
    const crumbs = (
      await page.locator('.editor-group-container.active .breadcrumbs-control .monaco-breadcrumb-item').allInnerTexts()
    ).map((t) => t.trim());
    log(`breadcrumbs: ${crumbs.join(' › ')}`);
    const at = crumbs.indexOf('docs');
    check(
      at > 0 && /^buildctx\.buildctx-/.test(crumbs[at - 1]) && crumbs[at + 1] === 'rules',
      `the page is not the installed extension's docs/rules/${RULE}.md: ${crumbs.join(' › ')}`,
    );
    await shot('08-docs-page.png');

    // Leave the session as scenario 5 left it: the page closed, .dockerignore back to its saved text.
    await tab.locator('.codicon-close').click();
    await wb.openFile('.dockerignore');
    await wb.editor().locator('.view-lines').click();
    await page.keyboard.press('Control+Z');
    await waitFor('undo returns .dockerignore to its saved text', async () => !(await wb.isActiveTabDirty()), {
      timeout: 10_000,
      describe: () => 'tab still dirty',
    });
  },
};
