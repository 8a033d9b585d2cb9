// The five scenarios of issue 5 through the `vscode` API, for contributors whose machines can
// download VS Code (`npm run test:vscode`). CI runs the code-server suite (test/e2e), which
// asserts the same things on the screen. The tests share one workspace and build on each
// other in order, as a user's session does.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { SERVICES, GITIGNORE, dockerfile } from '../e2e/fixture.mjs';
import { dropMatches, mentionsSize, parseStatus, statusShows, type ParsedStatus } from '../e2e/lib/figures.mjs';
import { diagnosticsOf, dumpState, fixture, hoverText, open, readDisk, uriOf, waitFor } from './util';

const GATEWAY = 'docker/gateway.Dockerfile';
const COPY_LINE = 3; // 0-based line of `COPY . .` in the fixture Dockerfiles

async function waitStatus(what: string, pred: (s: ParsedStatus | null) => boolean): Promise<ParsedStatus> {
  let seen = '';
  return waitFor(
    what,
    async () => {
      seen = (await dumpState()).statusBar.text;
      const s = parseStatus(seen);
      return pred(s) ? s : null;
    },
    90_000,
    () => `status bar "${seen}"`,
  );
}

suite('buildctx in VS Code: the incident workspace', function () {
  this.timeout(180_000);
  let before: ParsedStatus;

  test('1. gateway.Dockerfile: warning on COPY . ., hover with vendor/ size, status bar size', async () => {
    const { vendor, total } = fixture();
    await open(GATEWAY);
    before = await waitStatus('status bar shows the whole context', (s) => statusShows(s, total));
    const warning = await waitFor('a warning on `COPY . .`', () =>
      diagnosticsOf(GATEWAY, vscode.DiagnosticSeverity.Warning).find(
        (d) => d.range.start.line === COPY_LINE && /vendor\//.test(d.message),
      ),
    );
    assert.equal(warning.source, 'buildctx');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      uriOf(GATEWAY),
      new vscode.Position(COPY_LINE, 2),
    );
    const text = hoverText(hovers);
    assert.match(text, /vendor\//);
    assert.ok(mentionsSize(text, vendor.bytes), `hover shows no size that can be ${vendor.bytes} bytes: ${text}`);
  });

  test('2. quick fix: .dockerignore gains vendor/, status drops by the vendor/ size', async () => {
    const { vendor, total } = fixture();
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      uriOf(GATEWAY),
      new vscode.Range(COPY_LINE, 0, COPY_LINE, 8),
      vscode.CodeActionKind.QuickFix.value,
    );
    const fix = actions.find((a) => /vendor\//.test(a.title));
    assert.ok(fix?.edit, `no quick fix with an edit mentions vendor/: ${actions.map((a) => a.title).join(' | ')}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    const expected = { files: total.files - vendor.files, bytes: total.bytes - vendor.bytes };
    await waitStatus(
      'status bar drops by the vendor/ size',
      (s) => statusShows(s, expected) && dropMatches(before, s!, vendor.bytes),
    );
    const ignore = await vscode.workspace.openTextDocument(uriOf('.dockerignore'));
    assert.equal(
      ignore
        .getText()
        .split(/\r?\n/)
        .filter((l) => l === 'vendor/').length,
      1,
    );
    await ignore.save();
    assert.match(readDisk('.dockerignore'), /^vendor\/$/m);
  });

  test('3. Fix All Dockerfiles: -mod=mod in every go build, files on disk match', async () => {
    const message = await vscode.commands.executeCommand<string>('buildctx.fixAll');
    assert.match(message, /Fixed \d+ problems? in \d+ files?/);
    assert.ok(await vscode.workspace.saveAll(false));
    for (const svc of SERVICES)
      assert.equal(readDisk(`docker/${svc}.Dockerfile`), dockerfile(svc, { fixed: true }), svc);
    assert.equal(readDisk('.gitignore'), GITIGNORE);
  });

  test('4. .dockerignore: invalid pattern is an error, undo clears it', async () => {
    const editor = await open('.dockerignore');
    const end = editor.document.lineAt(editor.document.lineCount - 1).range.end;
    assert.ok(await editor.edit((e) => e.insert(end, '[')));
    await waitFor(
      'an error diagnostic in .dockerignore',
      () => diagnosticsOf('.dockerignore', vscode.DiagnosticSeverity.Error).length > 0,
    );
    await vscode.commands.executeCommand('undo');
    await waitFor('undo restores the saved text', () => !editor.document.isDirty);
    await waitFor(
      'the error is gone after undo',
      () => diagnosticsOf('.dockerignore', vscode.DiagnosticSeverity.Error).length === 0,
    );
  });

  test('5. Show Build Context Report opens the report webview', async () => {
    await open(GATEWAY);
    await vscode.commands.executeCommand('buildctx.showReport');
    const tab = await waitFor('a report webview tab', () =>
      vscode.window.tabGroups.all
        .flatMap((g) => g.tabs)
        .find((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('buildctx.report')),
    );
    assert.match(tab.label, /Build Context/);
  });
});
