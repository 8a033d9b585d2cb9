// Scenario 4: type a pattern Docker rejects (`[`, an unclosed class: "syntax error in pattern")
// into .dockerignore. An error squiggle must appear while typing, without saving, and one
// undo must clear it again.
import { check, waitFor } from '../lib/wait.mjs';

export default {
  name: '.dockerignore: invalid pattern gets an error squiggle, undo clears it',
  async run({ wb, page, shot, state, log }) {
    await wb.openFile('.dockerignore');
    check((await wb.squiggleCount('error')) === 0, 'the .dockerignore editor has an error squiggle before any edit');
    check(!(await wb.isActiveTabDirty()), '.dockerignore is dirty before the edit');
    await wb.editor().locator('.view-lines').click();
    await page.keyboard.press('Control+End');
    // The language configuration auto-closes `[`; `[` and `[]` are both rejected by Docker.
    await page.keyboard.type('[');
    const typed = await wb.editorLines();
    log(`.dockerignore while edited: ${JSON.stringify(typed)}`);
    await waitFor(
      'an error squiggle in .dockerignore after typing `[`',
      async () => (await wb.squiggleCount('error')) > 0,
      { timeout: 30_000, describe: () => 'none' },
    );
    const box = await wb.editor().locator('.view-overlays .squiggly-error').first().boundingBox();
    state.invalidPatternHover = await wb.hoverText(box, /\S/).catch(() => '');
    log(`hover on the error: ${state.invalidPatternHover.slice(0, 200)}`);
    await shot('04-invalid-pattern-error.png');

    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+Z');
    await waitFor('undo returns .dockerignore to its saved text', async () => !(await wb.isActiveTabDirty()), {
      timeout: 10_000,
      describe: () => 'tab still dirty',
    });
    await waitFor('the error squiggle is gone after undo', async () => (await wb.squiggleCount('error')) === 0, {
      timeout: 30_000,
      describe: () => 'still shown',
    });
  },
};
