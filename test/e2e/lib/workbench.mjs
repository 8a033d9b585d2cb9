// What a user does in the VS Code workbench, as Playwright steps on selectors that hold for
// VS Code 1.100.3 (code-server 4.100.3). Every wait has a deadline and a message saying what
// was expected, so a failure reads like a bug report.
import { parseStatus } from './figures.mjs';
import { waitFor } from './wait.mjs';

/** Status bar item element id: `<publisher>.<extension name>.<item id>`. */
export const STATUS_ITEM = '[id="buildctx.buildctx.buildctx.contextSize"]';

export class Workbench {
  constructor(page) {
    this.page = page;
    this.palette = page.locator('.quick-input-widget');
  }

  async open(url) {
    await this.page.goto(url, { waitUntil: 'domcontentloaded' });
    await this.page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  }

  /** F1, type the command's title, pick the row that carries it. */
  async runCommand(title, { timeout = 20_000 } = {}) {
    await this.page.keyboard.press('Escape');
    await this.page.keyboard.press('F1');
    await this.palette.waitFor({ state: 'visible', timeout });
    await this.page.keyboard.type(title);
    const row = this.palette.locator('.monaco-list-row', { hasText: title }).first();
    await row.waitFor({ timeout }).catch(() => {
      throw new Error(`command palette has no command "${title}" (is it contributed and enabled?)`);
    });
    await row.click();
  }

  /** Ctrl+P, type a workspace-relative path, open it and wait for its tab to be active. */
  async openFile(relPath) {
    const name = relPath.split('/').pop();
    await this.page.keyboard.press('Escape');
    await this.page.keyboard.press('Control+P');
    await this.palette.waitFor({ state: 'visible' });
    await this.page.keyboard.type(relPath);
    await this.palette.locator('.monaco-list-row', { hasText: name }).first().waitFor({ timeout: 20_000 })
      .catch(() => { throw new Error(`quick open (Ctrl+P) does not list ${relPath}`); });
    await this.page.keyboard.press('Enter');
    await this.activeTab(name).waitFor({ timeout: 20_000 })
      .catch(() => { throw new Error(`${relPath} did not become the active editor tab`); });
    await this.editor().locator('.view-lines').waitFor();
  }

  activeTab(name) {
    return this.page.locator('.tabs-container .tab.active', { hasText: name });
  }

  async isActiveTabDirty() {
    return (await this.page.locator('.tabs-container .tab.active.dirty').count()) > 0;
  }

  /** The editor of the active group (the one that has focus in these scenarios). */
  editor() {
    return this.page.locator('.editor-group-container.active .monaco-editor').first();
  }

  /** Visible text of the editor, one string per rendered line (files here fit on screen). */
  async editorLines() {
    const lines = await this.editor().locator('.view-lines .view-line').evaluateAll((els) =>
      els.map((el) => ({ top: parseFloat(el.style.top) || 0, text: el.textContent.replace(/\u00a0/g, ' ') })));
    return lines.sort((a, b) => a.top - b.top).map((l) => l.text);
  }

  /** Bounding box of the rendered line whose trimmed text equals `text`. */
  async lineBox(text) {
    const line = this.editor().locator('.view-lines .view-line').filter({ hasText: text });
    const n = await line.count();
    for (let i = 0; i < n; i++) {
      const el = line.nth(i);
      if ((await el.textContent()).replace(/\u00a0/g, ' ').trim() === text) return el.boundingBox();
    }
    return null;
  }

  /** Squiggles of a kind (`warning`, `error`, `info`) whose vertical centre lies on `box`. */
  async squigglesOn(kind, box) {
    const boxes = await this.editor().locator(`.view-overlays .squiggly-${kind}`).evaluateAll((els) =>
      els.map((el) => { const r = el.getBoundingClientRect(); return { x: r.x, y: r.y, width: r.width, height: r.height }; }));
    return boxes.filter((b) => b.width > 0 && b.y + b.height / 2 >= box.y && b.y + b.height / 2 <= box.y + box.height);
  }

  async squiggleCount(kind) {
    return this.editor().locator(`.view-overlays .squiggly-${kind}`).count();
  }

  /** Hovers the middle of `box` and returns the text of the hover once it contains `expect`. */
  async hoverText(box, expect, { timeout = 15_000 } = {}) {
    await this.page.mouse.move(box.x + 2, box.y + 2);
    await this.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 4 });
    const hover = this.page.locator('.monaco-hover:not(.hidden)');
    return waitFor(`a hover containing ${expect}`, async () => {
      const texts = await hover.allInnerTexts();
      const t = texts.join('\n').replace(/\s+/g, ' ');
      return expect.test(t) ? t : null;
    }, { timeout, describe: () => 'hover text did not match' });
  }

  /** Text of the extension's status bar item ('' while it is hidden or absent). */
  async statusText() {
    const item = this.page.locator(STATUS_ITEM);
    if ((await item.count()) === 0) return '';
    return (await item.first().innerText()).replace(/\s+/g, ' ').trim();
  }

  /** Waits until the parsed status item satisfies `pred`; the failure quotes what it showed. */
  async waitStatus(what, pred, { timeout = 60_000 } = {}) {
    let seen = '';
    return waitFor(what, async () => {
      seen = await this.statusText();
      const s = parseStatus(seen);
      return pred(s) ? s : null;
    }, { timeout, interval: 300, describe: () => `status bar item "${seen || '(hidden or absent)'}"` });
  }

  /** Messages of the notification toasts currently shown. */
  async notifications() {
    return (await this.page.locator('.notifications-toasts .notification-list-item-message').allInnerTexts())
      .map((t) => t.replace(/\s+/g, ' ').trim());
  }

  async screenshot(file) {
    await this.page.screenshot({ path: file });
    return file;
  }
}
