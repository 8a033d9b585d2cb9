// Scenario 5: "Show Build Context Report" opens a webview with the picture of the context:
// where the bytes are, sent versus kept out, now that vendor/ is excluded.
import { check, waitFor } from '../lib/wait.mjs';
import { mentionsSize } from '../lib/figures.mjs';

export default {
  name: 'Show Build Context Report: webview with the picture of the context',
  async run({ wb, page, fixture, shot, log }) {
    await wb.openFile('docker/gateway.Dockerfile');
    await wb.runCommand('Build Context: Show Build Context Report');
    await page
      .locator('.tabs-container .tab', { hasText: /Build Context/ })
      .first()
      .waitFor({ timeout: 20_000 })
      .catch(() => {
        throw new Error('no editor tab titled "Build Context…" opened');
      });
    // VS Code nests a webview's document in two iframes: the host frame and #active-frame.
    const view = page.frameLocator('iframe.webview.ready').last().frameLocator('#active-frame');
    let text = '';
    await waitFor(
      'the report shows vendor/ and the context picture',
      async () => {
        text = (await view.locator('body').textContent({ timeout: 2_000 })).replace(/\s+/g, ' ');
        return /vendor\//.test(text) && !/Scanning…/.test(text);
      },
      { timeout: 30_000, describe: () => JSON.stringify(text.slice(0, 300)) },
    );
    const sent = fixture.total.bytes - fixture.vendor.bytes;
    check(
      mentionsSize(text, fixture.vendor.bytes),
      `the report shows no size that can be vendor/'s ${fixture.vendor.bytes} bytes`,
    );
    check(mentionsSize(text, sent), `the report shows no size that can be the context's ${sent} bytes`);
    const bars = await view.locator('#bytes-picture .row').evaluateAll((rows) =>
      rows.map((r) => ({
        name: r.querySelector('.name')?.textContent ?? '',
        sent: r.querySelector('.sent')?.getBoundingClientRect().width ?? 0,
        excluded: r.querySelector('.excluded')?.getBoundingClientRect().width ?? 0,
      })),
    );
    log(`report bars: ${JSON.stringify(bars)}`);
    const vendor = bars.find((b) => b.name.startsWith('vendor'));
    check(vendor, `the picture (#bytes-picture) has no vendor/ row: ${JSON.stringify(bars.map((b) => b.name))}`);
    check(vendor.excluded > 0 && vendor.sent === 0, `vendor/ is not drawn as kept out: ${JSON.stringify(vendor)}`);
    // Sources are a few MiB beside vendor/'s 105.8 MiB, so their sent bars may be too thin to
    // draw; the rows themselves must be there.
    for (const dir of ['pkg/', 'cmd/', 'docker/'])
      check(
        bars.some((b) => b.name === dir),
        `the picture has no ${dir} row`,
      );
    await shot('05-report.png');
  },
};
