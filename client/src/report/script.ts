// The report webview's only script, allowed by its nonce: the build selector asks the extension
// for another build's report, and hovering (or focusing) a treemap cell shows its label, split
// into lines, beside the pointer. Plain JavaScript in a string: the webview has no module loader,
// and the extension's TypeScript has no DOM types to check it against.
export const WEBVIEW_SCRIPT = `(() => {
  const vscode = acquireVsCodeApi();
  const select = document.getElementById('build');
  if (select) select.addEventListener('change', () => vscode.postMessage({ type: 'build', id: select.value }));
  const tip = document.getElementById('tip');
  if (!tip) return;
  const cellAt = (t) => (t instanceof Element ? t.closest('.cell') : null);
  const show = (cell, x, y) => {
    if (!cell) return void (tip.hidden = true);
    tip.replaceChildren(...cell.getAttribute('aria-label').split('; ').map((line) => {
      const div = document.createElement('div');
      div.textContent = line;
      return div;
    }));
    tip.hidden = false;
    tip.style.left = Math.max(0, Math.min(x + 14, innerWidth - tip.offsetWidth - 8)) + 'px';
    tip.style.top = Math.max(0, Math.min(y + 14, innerHeight - tip.offsetHeight - 8) + scrollY) + 'px';
  };
  document.addEventListener('pointermove', (e) => show(cellAt(e.target), e.clientX, e.clientY));
  document.addEventListener('pointerleave', () => show(null));
  document.addEventListener('focusin', (e) => {
    const cell = cellAt(e.target);
    const r = cell ? cell.getBoundingClientRect() : null;
    show(cell, r ? r.left : 0, r ? r.top : 0);
  });
  document.addEventListener('focusout', () => show(null));
})();`;
