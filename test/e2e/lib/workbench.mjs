// What a user does in the VS Code workbench, as Playwright steps on selectors that hold for
// VS Code 1.100.3 (code-server 4.100.3). Every wait has a deadline and a message saying what
// was expected, so a failure reads like a bug report.
import { parseStatus } from './figures.mjs';
import { waitFor } from './wait.mjs';

/** Status bar item element id: `<publisher>.<extension name>.<item id>`. */
export const STATUS_ITEM = '[id="buildctx.buildctx.buildctx.contextSize"]';
const EXPLORER_ROW = '.explorer-folders-view .monaco-list-row';

export class Workbench {
  constructor(page) {
    this.page = page;
    this.palette = page.locator('.quick-input-widget');
  }

  async open(url) {
    await this.page.goto(url, { waitUntil: 'domcontentloaded' });
    await this.page.locator('.monaco-workbench').waitFor({ timeout: 120_000 });
  }

  /**
   * Opens the quick input with `key`, enters `text` and accepts the row carrying `rowText`.
   * Entered with fill(): typed keys can land in the editor while the widget is still opening.
   */
  async quickPick(key, text, rowText, { timeout = 20_000 } = {}) {
    await this.page.keyboard.press('Escape');
    await this.page.keyboard.press(key);
    const input = this.palette.locator('.quick-input-box input');
    await input.waitFor({ state: 'visible', timeout });
    await input.fill(text);
    // Wait for the *focused* row: until the filter applies, the list still shows recently
    // opened entries, and Enter would open whichever of them is first.
    const row = this.palette.locator('.monaco-list-row.focused', { hasText: rowText }).first();
    await row.waitFor({ timeout });
    await this.page.keyboard.press('Enter');
  }

  /** F1 and the command's title, as listed in the palette ("Category: Title"). */
  async runCommand(title, { timeout = 20_000 } = {}) {
    await this.quickPick('F1', `>${title}`, title, { timeout }).catch(() => {
      throw new Error(`command palette has no command "${title}" (is it contributed and enabled?)`);
    });
  }

  /** Ctrl+P and a workspace-relative path; resolves once its tab is the active one. */
  async openFile(relPath) {
    const name = relPath.split('/').pop();
    let lastError;
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        await this.quickPick('Control+P', relPath, name);
        await this.activeTab(name).waitFor({ timeout: 10_000 });
        await this.editor().locator('.view-lines').waitFor();
        return;
      } catch (e) {
        lastError = e;
      }
    }
    throw new Error(
      `quick open (Ctrl+P) did not make ${relPath} the active editor: ${lastError.message.split('\n')[0]}`,
    );
  }

  /** The active tab of the active group: every group has an active tab, and a webview's title can match too. */
  activeTab(name) {
    return this.page.locator('.editor-group-container.active .tabs-container .tab.active', { hasText: name });
  }

  async isActiveTabDirty() {
    return (await this.page.locator('.editor-group-container.active .tabs-container .tab.active.dirty').count()) > 0;
  }

  /** The editor of the active group (the one that has focus in these scenarios). */
  editor() {
    return this.page.locator('.editor-group-container.active .monaco-editor').first();
  }

  /**
   * Visible text of the editor, one string per rendered line (files here fit on screen), as the
   * document holds it: inlay hints are injected into the rendered line and left out here.
   */
  async editorLines() {
    return (await this.renderedLines()).map((l) => l.text);
  }

  /**
   * Every rendered line: its document text and the inlay hint text injected into it. VS Code
   * 1.100 renders a hint (and its padding, U+200A) as spans whose class is a dynamic CSS rule
   * (`dyn-rule-<editor>-<n>`, editor/browser/editorDom.ts DynamicCssRules); the text is in leaf spans.
   */
  async renderedLines() {
    const lines = await this.editor()
      .locator('.view-lines .view-line')
      .evaluateAll((els) =>
        els.map((el) => {
          const leaves = [...el.querySelectorAll('span')].filter((sp) => sp.children.length === 0);
          const of = (list) => list.map((sp) => sp.textContent).join('');
          const hinted = leaves.filter((sp) => /\bdyn-rule-/.test(sp.className));
          const text = leaves.length ? of(leaves.filter((sp) => !hinted.includes(sp))) : el.textContent;
          return {
            top: parseFloat(el.style.top) || 0,
            text: text.replace(/\u00a0/g, ' '),
            hint: of(hinted)
              .replace(/[\u00a0\u200a]/g, ' ')
              .trim(),
            full: el.textContent.replace(/\u00a0/g, ' '),
          };
        }),
      );
    return lines.sort((a, b) => a.top - b.top);
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
    const boxes = await this.editor()
      .locator(`.view-overlays .squiggly-${kind}`)
      .evaluateAll((els) =>
        els.map((el) => {
          const r = el.getBoundingClientRect();
          return { x: r.x, y: r.y, width: r.width, height: r.height };
        }),
      );
    return boxes.filter((b) => b.width > 0 && b.y + b.height / 2 >= box.y && b.y + b.height / 2 <= box.y + box.height);
  }

  async squiggleCount(kind) {
    return this.editor().locator(`.view-overlays .squiggly-${kind}`).count();
  }

  /** Hovers the middle of `box`; returns the hover's text once it matches `expect` and every provider answered. */
  /**
   * `target` is a box, or a function giving its current box: a CodeLens that lands above a line
   * moves it, and a hover asked at the old place never opens, so the mouse follows the target.
   */
  async hoverText(target, expect, { timeout = 15_000 } = {}) {
    const boxOf = typeof target === 'function' ? target : async () => target;
    let at = null;
    let movedAt = 0;
    const point = async () => {
      const box = await boxOf();
      if (!box) return;
      const moved = !at || at.x !== box.x || at.y !== box.y;
      if (!moved && Date.now() - movedAt < 3000) return;
      await this.page.mouse.move(box.x + 2, box.y + 2);
      await this.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 4 });
      at = box;
      movedAt = Date.now();
    };
    await point();
    const hover = this.page.locator('.monaco-hover:not(.hidden)');
    let seen = '';
    return waitFor(
      `a hover containing ${expect}`,
      async () => {
        const texts = await hover.allInnerTexts();
        const t = texts.join('\n').replace(/\s+/g, ' ');
        seen = t;
        if (t === '') await point();
        // "Loading..." stands in for a hover provider that has not answered yet.
        return expect.test(t) && !/Loading\.\.\./.test(t) ? t : null;
      },
      { timeout, describe: () => JSON.stringify(seen.slice(0, 300)) },
    );
  }

  /** Text of the extension's status bar item ('' while it is hidden or absent). */
  async statusText() {
    const item = this.page.locator(STATUS_ITEM);
    if ((await item.count()) === 0) return '';
    return (await item.first().textContent()).replace(/\s+/g, ' ').trim();
  }

  /** Waits until the parsed status item satisfies `pred`; the failure quotes what it showed. */
  async waitStatus(what, pred, { timeout = 60_000 } = {}) {
    let seen = '';
    return waitFor(
      what,
      async () => {
        seen = await this.statusText();
        const s = parseStatus(seen);
        return pred(s) ? s : null;
      },
      { timeout, interval: 300, describe: () => `status bar item "${seen || '(hidden or absent)'}"` },
    );
  }

  /** Shows the Explorer in the side bar and waits for its first row. */
  async showExplorer() {
    await this.runCommand('View: Show Explorer');
    await this.page.locator(EXPLORER_ROW).first().waitFor({ timeout: 20_000 });
  }

  /**
   * A top-level Explorer row as drawn: its decoration classes, the badge VS Code draws in the
   * label's ::after, and the colour of its name; null while the row is not rendered.
   */
  async explorerRow(name) {
    return this.page.locator(`${EXPLORER_ROW}[aria-level="1"]`).evaluateAll((rows, wanted) => {
      for (const r of rows) {
        const label = r.querySelector('.monaco-icon-label');
        const nameEl = r.querySelector('.label-name');
        if (!label || !nameEl || nameEl.textContent !== wanted) continue;
        const after = getComputedStyle(label, '::after').content;
        const box = nameEl.getBoundingClientRect();
        return {
          decorations: [...label.classList].filter((c) => c.startsWith('monaco-decoration')),
          badge: /^".*"$/.test(after) ? after.slice(1, -1) : '',
          color: getComputedStyle(nameEl).color,
          box: { x: box.x, y: box.y, width: box.width, height: box.height },
        };
      }
      return null;
    }, name);
  }

  /** Messages of the notification toasts currently shown. */
  async notifications() {
    return (await this.page.locator('.notifications-toasts .notification-list-item-message').allInnerTexts()).map((t) =>
      t.replace(/\s+/g, ' ').trim(),
    );
  }

  /**
   * Resolves once the first notification toast stands still inside the window: toasts slide
   * in from below, and a screenshot mid-slide shows nothing. Only for the picture, so it
   * gives up quietly at the deadline.
   */
  async toastSettled() {
    const toast = this.page.locator('.notifications-toasts .notification-toast').first();
    let last = null;
    await waitFor(
      'the notification toast stops moving',
      async () => {
        const box = await toast.boundingBox();
        const still = box && last && box.y === last.y && box.y + box.height <= this.page.viewportSize().height;
        last = box;
        return still;
      },
      { timeout: 10_000, interval: 150 },
    ).catch(() => {});
  }

  async screenshot(file) {
    await this.page.screenshot({ path: file });
    return file;
  }
}
