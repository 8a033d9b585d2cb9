// The extension's test-only command (`buildctx.test.dumpState`, enabled by BUILDCTX_TEST=1)
// writes what its real status item shows and what `vscode.languages.getDiagnostics()` holds.
// The suite asserts on the screen; this is for exact figures in the report and for failure
// messages that say what the extension believed when the screen disagreed.
import fs from 'node:fs';
import { waitFor } from './wait.mjs';

export async function dumpState(wb, file) {
  fs.rmSync(file, { force: true });
  await wb.runCommand('Build Context: Dump State (tests)', { timeout: 10_000 });
  // Parsing fails while the file is half written; the next poll reads it whole.
  return waitFor('the extension writes its test state', () => JSON.parse(fs.readFileSync(file, 'utf8')), {
    timeout: 10_000,
  });
}

/** One line: the status item as the extension set it, and the diagnostic codes per file. */
export function describeState(state) {
  const bar = state.statusBar ?? {};
  const diags = (state.diagnostics ?? [])
    .filter((d) => d.diagnostics.length > 0)
    .map(
      (d) =>
        `${d.uri.split('/').slice(-2).join('/')}: ${d.diagnostics.map((x) => `${x.code ?? '?'}@${x.range[0] + 1}(${x.severity})`).join(' ')}`,
    );
  return `extension state: status item ${bar.visible ? 'visible' : 'hidden'} "${bar.text ?? ''}"; diagnostics: ${diags.join('; ') || 'none'}`;
}
