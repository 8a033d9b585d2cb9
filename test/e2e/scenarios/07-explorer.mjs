// Scenario 7: the build context in the Explorer (issue 16). With gateway.Dockerfile active and
// vendor/ kept out by the line scenario 2 added to .dockerignore, the Explorer dims `vendor`,
// gives it the ⊘ badge and a tooltip naming that line, and leaves sent folders alone; the
// toggle command takes the marks away and brings them back.
import fs from 'node:fs';
import path from 'node:path';
import { check, waitFor } from '../lib/wait.mjs';

const BADGE = '⊘';
const TOGGLE = 'Build Context: Toggle Explorer Decorations';

export default {
  name: 'Explorer: vendor dimmed with a badge and a tooltip naming its .dockerignore line; toggle',
  async run({ wb, page, workspace, shot, log }) {
    const lines = fs.readFileSync(path.join(workspace, '.dockerignore'), 'utf8').split('\n');
    const line = lines.findIndex((l) => l.trim() === 'vendor/') + 1;
    check(line > 0, `.dockerignore has no vendor/ line (scenario 2 adds it): ${JSON.stringify(lines)}`);

    // The report of scenario 5 may hold the focus in a group of its own: open the Dockerfile beside it.
    await wb.runCommand('View: Focus First Editor Group');
    await wb.openFile('docker/gateway.Dockerfile');
    await wb.showExplorer();
    let seen = null;
    const marked = (want) => async () => {
      seen = await wb.explorerRow('vendor');
      return seen && (seen.badge === BADGE) === want && seen.decorations.length > 0 === want ? seen : null;
    };
    const vendor = await waitFor('the Explorer row `vendor` carries the ⊘ badge', marked(true), {
      timeout: 30_000,
      describe: () => JSON.stringify(seen),
    });
    const cmd = await wb.explorerRow('cmd');
    check(cmd, 'the Explorer shows no `cmd` row');
    check(cmd.badge === '' && cmd.decorations.length === 0, `the sent folder cmd is marked: ${JSON.stringify(cmd)}`);
    check(vendor.color !== cmd.color, `vendor is not dimmed: its name is ${vendor.color}, like cmd's ${cmd.color}`);
    log(`vendor row: ${JSON.stringify(vendor)}; cmd: ${cmd.color}`);

    const tip = await wb.hoverText(async () => (await wb.explorerRow('vendor'))?.box, /excluded by vendor\//, {
      timeout: 20_000,
    });
    const expected = `excluded by vendor/ (.dockerignore:${line})`;
    check(tip.includes(expected), `vendor's tooltip does not say "${expected}": "${tip.slice(0, 300)}"`);
    check(/gateway\.Dockerfile/.test(tip), `vendor's tooltip does not name gateway.Dockerfile: "${tip.slice(0, 300)}"`);
    log(`tooltip: ${tip.slice(0, 200)}`);
    await shot('07-explorer-vendor.png');

    await page.mouse.move(0, 0);
    await wb.runCommand(TOGGLE);
    await waitFor('the toggle takes the badge off vendor', marked(false), {
      timeout: 15_000,
      describe: () => JSON.stringify(seen),
    });
    await wb.runCommand(TOGGLE);
    await waitFor('toggling again brings the badge back', marked(true), {
      timeout: 15_000,
      describe: () => JSON.stringify(seen),
    });
  },
};
