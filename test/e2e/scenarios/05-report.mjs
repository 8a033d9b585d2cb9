// Scenario 5: "Show Build Context Report" opens a webview with the picture of the context: a
// treemap of its folders by size, vendor/ drawn as kept out now that it is excluded, a tooltip
// on hover, and a build selector listing the three Dockerfiles that share the context.
import { check, waitFor } from '../lib/wait.mjs';
import { mentionsSize } from '../lib/figures.mjs';
import { SERVICES } from '../fixture.mjs';

/** The report's document: VS Code nests a webview in two iframes, the host and #active-frame. */
const reportView = (page) => page.frameLocator('iframe.webview.ready').last().frameLocator('#active-frame');

async function openReport(wb, page) {
  await wb.openFile('docker/gateway.Dockerfile');
  await wb.runCommand('Build Context: Show Build Context Report');
  await page
    .locator('.tabs-container .tab', { hasText: /Build Context/ })
    .first()
    .waitFor({ timeout: 20_000 })
    .catch(() => {
      throw new Error('no editor tab titled "Build Context…" opened');
    });
}

/** What the treemap says about a folder's cell: its colour category, label and drawn rects. */
function cellFacts(view, path) {
  return view.locator(`#treemap g.cell[data-path="${path}"]`).evaluate((g) => ({
    kind: g.getAttribute('data-kind'),
    label: g.getAttribute('aria-label') ?? '',
    excludedArea: [...g.querySelectorAll('rect.excluded')]
      .map((r) => r.getBoundingClientRect())
      .reduce((n, b) => n + b.width * b.height, 0),
  }));
}

async function checkPicture(view, fixture, log) {
  const vendor = await cellFacts(view, 'vendor');
  log(`treemap vendor/ cell: ${JSON.stringify(vendor)}`);
  check(vendor.kind === 'excluded', `vendor/ is not drawn as kept out: ${JSON.stringify(vendor)}`);
  check(vendor.excludedArea > 0, 'vendor/ has no visible kept-out cell in the treemap');
  check(
    mentionsSize(vendor.label, fixture.vendor.bytes) && /^vendor\//.test(vendor.label),
    `vendor/'s label does not give its path and ${fixture.vendor.bytes} bytes: ${vendor.label}`,
  );
  const paths = await view.locator('#treemap g.cell[data-path]').evaluateAll((gs) => gs.map((g) => g.dataset.path));
  for (const dir of ['pkg', 'cmd', 'docker'])
    check(paths.includes(dir), `the treemap has no cell for ${dir}/: ${JSON.stringify(paths.slice(0, 20))}`);
  const legend = (await view.locator('#bytes-picture .legend').textContent()).replace(/\s+/g, ' ');
  check(/read by the build/.test(legend) && /kept out/.test(legend), `the legend lacks the categories: ${legend}`);
}

/** Hovering vendor/'s header shows a tooltip with its path and size. */
async function checkTooltip(view, fixture) {
  await view.locator('#treemap g.cell[data-path="vendor"]').hover({ position: { x: 24, y: 6 } });
  const tip = view.locator('#tip');
  await tip.waitFor({ state: 'visible', timeout: 5_000 }).catch(() => {
    throw new Error('hovering vendor/ in the treemap shows no tooltip');
  });
  const text = await tip.textContent();
  check(/vendor\//.test(text) && mentionsSize(text, fixture.vendor.bytes), `vendor/'s tooltip says: ${text}`);
}

async function switchBuild(view, page, log) {
  const options = await view.locator('select#build option').allTextContents();
  log(`build selector: ${JSON.stringify(options)}`);
  for (const svc of SERVICES)
    check(
      options.includes(`docker/${svc}.Dockerfile`),
      `the build selector does not list docker/${svc}.Dockerfile: ${JSON.stringify(options)}`,
    );
  await view.locator('select#build').selectOption({ label: 'docker/aianalysis.Dockerfile' });
  let title = '';
  await waitFor(
    'the report switches to aianalysis.Dockerfile',
    async () => {
      title = await view.locator('#title').textContent({ timeout: 2_000 });
      return /aianalysis\.Dockerfile/.test(title);
    },
    { timeout: 20_000, describe: () => JSON.stringify(title) },
  );
  const tab = page.locator('.tabs-container .tab', { hasText: 'Build Context: docker/aianalysis.Dockerfile' });
  await tab
    .first()
    .waitFor({ timeout: 10_000 })
    .catch(() => {
      throw new Error('the report tab is not retitled for docker/aianalysis.Dockerfile');
    });
  const selected = await view.locator('select#build').evaluate((s) => s.selectedOptions[0]?.textContent);
  check(selected === 'docker/aianalysis.Dockerfile', `the selector shows ${selected} after the switch`);
}

export default {
  name: 'Show Build Context Report: treemap of the context, tooltip, build selector',
  async run({ wb, page, fixture, shot, log }) {
    await openReport(wb, page);
    const view = reportView(page);
    let text = '';
    await waitFor(
      'the report shows the treemap with vendor/ and the build split',
      async () => {
        // innerText, not textContent: it puts breaks between blocks, so "105.8 MiB" is not read
        // as part of "105.8 MiBTransferred".
        // biome-ignore lint/performance/useDomNodeTextContent: the line breaks are the point
        text = (await view.locator('body').innerText({ timeout: 2_000 })).replace(/\s+/g, ' ');
        const drawn = (await view.locator('#treemap g.cell[data-path="vendor"]').count()) > 0;
        return drawn && !/Scanning…|Working out what the build reads/.test(text);
      },
      { timeout: 30_000, describe: () => JSON.stringify(text.slice(0, 300)) },
    );
    const sent = fixture.total.bytes - fixture.vendor.bytes;
    check(
      mentionsSize(text, fixture.vendor.bytes),
      `the report shows no size that can be vendor/'s ${fixture.vendor.bytes} bytes`,
    );
    check(mentionsSize(text, sent), `the report shows no size that can be the context's ${sent} bytes`);
    await checkPicture(view, fixture, log);
    await checkTooltip(view, fixture);
    await shot('05-report.png');
    await switchBuild(view, page, log);
    await shot('05-report-switched.png');
  },
};
