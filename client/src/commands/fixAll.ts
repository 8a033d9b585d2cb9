// "Fix All Dockerfiles": one WorkspaceEdit from the server, applied as a single undoable
// step. Files the user had open stay dirty for review; the others are saved, since an
// unopened file left dirty in the background is easy to lose track of.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { WorkspaceFixAllRequest, type WorkspaceFixAllResult } from '../../../server/src/protocol';
import { summaryMessage } from '../text';

export async function fixAllDockerfiles(client: LanguageClient): Promise<string> {
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Window, title: 'Build Context: fixing' },
    () => client.sendRequest(WorkspaceFixAllRequest, {}),
  );
  if (result.problems === 0) {
    const msg = 'No problems to fix: every Dockerfile and ignore file is already clean.';
    void vscode.window.showInformationMessage(msg);
    return msg;
  }
  const wasOpen = openInTabs();
  const edit = await client.protocol2CodeConverter.asWorkspaceEdit(result.edit);
  if (!(await vscode.workspace.applyEdit(edit))) {
    // Versioned edits are refused when a buffer changed since the server computed them.
    const msg = 'Fix All Dockerfiles: files changed while fixing; run it again.';
    void vscode.window.showWarningMessage(msg);
    return msg;
  }
  await saveUnopened(result, wasOpen);
  const msg = summaryMessage(result);
  void vscode.window.showInformationMessage(msg);
  return msg;
}

/** Files the user has in an editor tab (documents merely loaded by VS Code do not count). */
function openInTabs(): Set<string> {
  const out = new Set<string>();
  for (const tab of vscode.window.tabGroups.all.flatMap((g) => g.tabs)) {
    if (tab.input instanceof vscode.TabInputText) out.add(tab.input.uri.toString());
    else if (tab.input instanceof vscode.TabInputTextDiff) out.add(tab.input.modified.toString());
  }
  return out;
}

async function saveUnopened(result: WorkspaceFixAllResult, wasOpen: Set<string>): Promise<void> {
  for (const uri of result.files) {
    if (wasOpen.has(uri)) continue;
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
    if (doc.isDirty) await doc.save();
  }
}
