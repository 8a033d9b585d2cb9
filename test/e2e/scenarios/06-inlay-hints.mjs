// Scenario 6 (issue 16): after the fixes, .dockerignore lists vendor/. Its line must end in an
// inlay hint saying what it keeps out now (vendor/'s file count and size, with a minus sign),
// and the hover on the line must explain it with example paths.
import { check, waitFor } from '../lib/wait.mjs';
import { mentionsSize, parseFileCount, within } from '../lib/figures.mjs';

export default {
  name: '.dockerignore: inlay hint on vendor/ shows the files and bytes it keeps out, hover explains it',
  async run({ wb, fixture, shot, state, log }) {
    await wb.openFile('.dockerignore');
    let seen = [];
    const line = await waitFor(
      'an inlay hint at the end of the `vendor/` line',
      async () => {
        seen = await wb.renderedLines();
        const l = seen.find((x) => x.full.startsWith('vendor/'));
        return l && /\d/.test(l.full.slice('vendor/'.length)) ? l : null;
      },
      { timeout: 60_000, describe: () => JSON.stringify(seen.map((x) => x.full)) },
    );
    const hint = line.hint || line.full.slice('vendor/'.length).trim();
    state.vendorHint = hint;
    log(`vendor/ line: ${JSON.stringify(line)}`);
    const { files, bytes } = fixture.vendor;
    check(hint.startsWith('\u2212'), `the hint does not start with a minus sign: "${hint}"`);
    const count = parseFileCount(hint);
    check(count && within(files, count.range), `the hint shows no file count that can be ${files}: "${hint}"`);
    check(mentionsSize(hint, bytes), `the hint shows no size that can be vendor/'s ${bytes} bytes: "${hint}"`);
    // The suite reads documents without their hints (scenario 2 looks for a bare `vendor/` line).
    check(
      line.text === 'vendor/',
      `the line's document text reads ${JSON.stringify(line.text)} with the hint left out`,
    );
    await shot('06-inlay-hint.png');

    const row = wb
      .editor()
      .locator('.view-lines .view-line')
      .filter({ hasText: /^vendor\// })
      .first();
    // Over the pattern's own characters: past the end of a line VS Code shows no hover.
    const target = async () => {
      const box = await row.boundingBox();
      return box && { x: box.x, y: box.y, width: 30, height: box.height };
    };
    const hover = await wb.hoverText(target, /keeps out/, { timeout: 30_000 });
    log(`hover: ${hover.slice(0, 300)}`);
    check(/Matches, for example/.test(hover), `the hover lists no example paths: "${hover.slice(0, 300)}"`);
    check(mentionsSize(hover, bytes), `the hover shows no size that can be vendor/'s ${bytes} bytes`);
    await shot('06-inlay-hint-hover.png');
    await wb.page.keyboard.press('Escape');
  },
};
