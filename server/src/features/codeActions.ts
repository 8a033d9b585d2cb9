// Code actions read the fixes each diagnostic carries (no lookup, no recomputation), plus
// "Fix all buildctx problems in this file" and `source.fixAll.buildctx` for codeActionsOnSave.
import { CodeActionKind, type CodeAction, type CodeActionParams, type WorkspaceEdit } from 'vscode-languageserver';
import { fixesOf } from './diagnostics';
import { toWorkspaceEdit, type VersionOf } from './workspaceEdit';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.buildctx`;
export const FIX_ALL_TITLE = 'Fix all buildctx problems in this file';

export interface FileFixAll { edit: WorkspaceEdit; problems: number }

export interface ActionDeps {
  versionOf: VersionOf;
  /** Safe fixes of one file applied to a fixpoint; null when there is nothing to fix. */
  fixFile(uri: string): Promise<FileFixAll | null>;
}

/** Whether the client asked for `kind` (an `only` entry matches itself and its sub-kinds). */
function wants(only: string[] | undefined, kind: string): boolean {
  if (!only || only.length === 0) return !kind.startsWith(CodeActionKind.Source);
  return only.some((k) => kind === k || kind.startsWith(k + '.'));
}

export async function codeActions(d: ActionDeps, params: CodeActionParams): Promise<CodeAction[]> {
  const only = params.context.only;
  const out: CodeAction[] = [];
  if (wants(only, CodeActionKind.QuickFix)) out.push(...quickFixes(d, params));
  const fileWide = wants(only, FIX_ALL_KIND) || (out.length > 0 && wants(only, CodeActionKind.QuickFix));
  if (!fileWide) return out;
  const all = await d.fixFile(params.textDocument.uri);
  if (!all) return out;
  if (wants(only, FIX_ALL_KIND)) out.push({ title: FIX_ALL_TITLE, kind: FIX_ALL_KIND, edit: all.edit });
  if (wants(only, CodeActionKind.QuickFix) && out.length > 0) {
    out.push({ title: `${FIX_ALL_TITLE} (${all.problems})`, kind: CodeActionKind.QuickFix, edit: all.edit });
  }
  return out;
}

function quickFixes(d: ActionDeps, params: CodeActionParams): CodeAction[] {
  const out: CodeAction[] = [];
  for (const diag of params.context.diagnostics) {
    const fixes = fixesOf(diag);
    const preferred = fixes.findIndex((f) => f.preferred) >= 0 ? fixes.findIndex((f) => f.preferred) : fixes.findIndex((f) => f.safe);
    fixes.forEach((fix, i) => {
      out.push({
        title: fix.title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diag],
        isPreferred: i === preferred,
        edit: toWorkspaceEdit(fix.edits, d.versionOf),
      });
    });
  }
  return out;
}
