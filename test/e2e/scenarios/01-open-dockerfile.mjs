// Scenario 1: open docker/gateway.Dockerfile as the incident's engineer would have. A warning
// squiggle must sit under `COPY . .`, its hover must name vendor/ and its size, and the status
// bar must show the size and file count of the whole context (nothing is excluded yet).
import { check, waitFor } from '../lib/wait.mjs';
import { mentionsSize, statusShows } from '../lib/figures.mjs';
import { dumpState } from '../lib/state.mjs';

export default {
  name: 'open gateway.Dockerfile: squiggle under COPY . ., hover with vendor/ size, status bar size',
  async run({ wb, fixture, shot, state, stateFile, log }) {
    await wb.openFile('docker/gateway.Dockerfile');
    const opened = Date.now();

    // First the item at all (the extension activated, its server answered), then the figure:
    // a failure then says which of the two never happened.
    await waitFor(
      'the buildctx status bar item appears (extension activated, server answering)',
      async () => (await wb.statusText()) !== '',
      { timeout: 120_000, describe: () => 'absent or hidden' },
    );
    state.statusItemMs = Date.now() - opened;
    const total = fixture.total;
    const status = await wb.waitStatus(
      `status bar item shows the whole context (${total.files} files, ${total.bytes} bytes)`,
      (s) => statusShows(s, total),
      { timeout: 150_000 },
    );
    state.statusBefore = status;
    state.statusShownMs = Date.now() - opened;
    log(`status bar before the fix: "${status.text}", ${state.statusShownMs} ms after the Dockerfile opened`);
    // Exact bytes behind the rounded text, for the report only.
    state.sentBefore = (await dumpState(wb, stateFile).catch(() => null))?.summary?.sent ?? null;

    const line = await wb.lineBox('COPY . .');
    check(line, 'the editor does not show a `COPY . .` line');
    const squiggles = await waitFor(
      'a warning squiggle under `COPY . .`',
      async () => {
        const s = await wb.squigglesOn('warning', line);
        return s.length ? s : null;
      },
      { timeout: 30_000, describe: () => 'none on that line' },
    );

    // The squiggle as it is now: the CodeLens landing above `COPY . .` moves the line down.
    const squiggleNow = async () => {
      const l = await wb.lineBox('COPY . .');
      return (l && (await wb.squigglesOn('warning', l))[0]) ?? squiggles[0];
    };
    const hover = await wb.hoverText(squiggleNow, /vendor\//, { timeout: 30_000 });
    check(
      mentionsSize(hover, fixture.vendor.bytes),
      `hover names vendor/ but no size that can be ${fixture.vendor.bytes} bytes: "${hover.slice(0, 400)}"`,
    );
    // One story per COPY (issue 16): the hover opens with vendor/, the biggest cost.
    const raw = (await wb.page.locator('.monaco-hover:not(.hidden)').allInnerTexts()).join('\n');
    const firstLine = raw.split('\n').find((l) => l.trim() !== '') ?? '';
    check(/vendor\//.test(firstLine), `the hover's first line does not name vendor/: "${firstLine}"`);
    log(`hover: ${hover.slice(0, 200)}`);
    await shot('01-gateway-squiggle-hover.png');
    await wb.page.keyboard.press('Escape');
  },
};
