// Scenario 3: command palette → "Fix All Dockerfiles". Every Dockerfile's `go build` gains
// `-mod=mod` (the incident's second fix), the notification says what was fixed, and after
// saving, the files on disk are exactly the expected fixtures.
import fs from 'node:fs';
import path from 'node:path';
import { check, waitFor } from '../lib/wait.mjs';
import { SERVICES, GITIGNORE, dockerfile } from '../fixture.mjs';

/** Every file outside vendor/ (the ones a fix could touch), path → content. */
function snapshot(root, rel = '', out = new Map()) {
  for (const e of fs.readdirSync(path.join(root, rel), { withFileTypes: true })) {
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) {
      if (r !== 'vendor') snapshot(root, r, out);
    } else if (e.isFile()) out.set(r, fs.readFileSync(path.join(root, r), 'utf8'));
  }
  return out;
}

function firstDifference(actual, expected) {
  const a = actual.split('\n'),
    e = expected.split('\n');
  const i = a.findIndex((l, k) => l !== e[k]);
  const at = i < 0 ? Math.min(a.length, e.length) : i;
  return `line ${at + 1}: got ${JSON.stringify(a[at])}, expected ${JSON.stringify(e[at])}`;
}

export default {
  name: 'Fix All Dockerfiles: -mod=mod in every go build, notification, files on disk match',
  async run({ wb, page, workspace, shot, state, log }) {
    const before = snapshot(workspace);
    await wb.runCommand('Build Context: Fix All Dockerfiles');
    let seen = [];
    const message = await waitFor(
      'a notification "Fixed N problems in M files"',
      async () => {
        seen = await wb.notifications();
        return seen.find((t) => /Fixed \d+ problems? in \d+ files?/.test(t));
      },
      { timeout: 60_000, describe: () => JSON.stringify(seen) },
    );
    state.fixAllMessage = message;
    log(`notification: "${message}"`);
    await wb.toastSettled();
    await shot('03-fix-all-notification.png');

    await wb.runCommand('File: Save All');
    const expected = Object.fromEntries(
      SERVICES.map((s) => [`docker/${s}.Dockerfile`, dockerfile(s, { fixed: true })]),
    );
    let diff = '';
    await waitFor(
      'every Dockerfile on disk equals its expected fixture (`go build -mod=mod`)',
      () => {
        const wrong = Object.entries(expected).find(
          ([f, text]) => fs.readFileSync(path.join(workspace, f), 'utf8') !== text,
        );
        diff = wrong
          ? `${wrong[0]} ${firstDifference(fs.readFileSync(path.join(workspace, wrong[0]), 'utf8'), wrong[1])}`
          : '';
        return !wrong;
      },
      { timeout: 20_000, describe: () => diff },
    );
    let dirty = [];
    await waitFor(
      'no editor is dirty after File: Save All',
      async () => {
        dirty = await page.locator('.tabs-container .tab.dirty').allInnerTexts();
        return dirty.length === 0;
      },
      { timeout: 10_000, describe: () => JSON.stringify(dirty) },
    );

    const after = snapshot(workspace);
    const changed = [...after.keys()].filter((f) => before.get(f) !== after.get(f));
    log(`files changed on disk: ${changed.join(', ')}`);
    const [, problems, files] = /Fixed (\d+) problems? in (\d+) files?/.exec(message).map(Number);
    check(
      files === changed.length,
      `notification says ${files} files but ${changed.length} changed on disk: ${changed.join(', ')}`,
    );
    check(
      problems >= SERVICES.length,
      `notification says ${problems} problems; each of the ${SERVICES.length} go builds is one`,
    );
    check(after.get('.gitignore') === GITIGNORE, '.gitignore was changed');
    const ignore = after.get('.dockerignore').split(/\r?\n/);
    check(
      ignore.filter((l) => l === 'vendor/').length === 1,
      `.dockerignore does not list vendor/ exactly once: ${JSON.stringify(ignore)}`,
    );
  },
};
