// Code actions read the fixes each diagnostic carries (no lookup, no recomputation), plus
// "Fix all buildctx problems in this file" and `source.fixAll.buildctx` for codeActionsOnSave.
// A fix-all runs the rules to a fixpoint (seconds on a big context), and the editor cancels a
// codeAction request as soon as the cursor moves, so Ctrl+. must never wait for one: the
// fix-all edit is computed in `codeAction/resolve`, i.e. only when the user picks it (issue 4).
import {
  CodeActionKind,
  LSPErrorCodes,
  ResponseError,
  type CancellationToken,
  type ClientCapabilities,
  type CodeAction,
  type CodeActionOptions,
  type CodeActionParams,
  type Connection,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import type { Finding } from '../engine/types';
import { fixesOf } from './diagnostics';
import { toWorkspaceEdit, type VersionOf } from './workspaceEdit';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.buildctx`;
export const FIX_ALL_TITLE = 'Fix all buildctx problems in this file';

export interface FileFixAll {
  edit: WorkspaceEdit;
  problems: number;
}

export interface ActionDeps {
  versionOf: VersionOf;
  /** Safe fixes of one file applied to a fixpoint; null when there is nothing to fix. */
  fixFile(uri: string, token?: CancellationToken): Promise<FileFixAll | null>;
  /** Problems with a safe fix in the file's latest diagnostics; undefined before its first check. */
  fixable(uri: string): number | undefined;
}

/** Findings with a safe fix (what a fix-all applies first); undefined when not checked yet. */
export function fixableIn(findings: readonly Finding[] | undefined): number | undefined {
  return findings?.filter((f) => f.fixes.some((x) => x.safe)).length;
}

/** What a deferred fix-all action carries to `codeAction/resolve`. */
interface FixAllData {
  buildctxFixAll: string;
}

/** Whether the client asked for `kind` (an `only` entry matches itself and its sub-kinds). */
function wants(only: string[] | undefined, kind: string): boolean {
  if (!only || only.length === 0) return !kind.startsWith(CodeActionKind.Source);
  return only.some((k) => kind === k || kind.startsWith(`${k}.`));
}

const cancelled = (): ResponseError<void> => new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled');

/** Whether the client resolves a code action's `edit` lazily (LSP 3.16 resolveSupport). */
export function resolvesEdits(caps: ClientCapabilities): boolean {
  return caps.textDocument?.codeAction?.resolveSupport?.properties.includes('edit') === true;
}

/**
 * Quick fixes come straight from `Diagnostic.data`. With `resolves`, fix-all actions go out
 * without their edit; without it, the edit is computed only when the client asked for the
 * fix-all kind itself (codeActionsOnSave), never for a Ctrl+. or lightbulb request.
 */
export async function codeActions(
  d: ActionDeps,
  params: CodeActionParams,
  resolves: boolean,
  token?: CancellationToken,
): Promise<CodeAction[]> {
  const only = params.context.only;
  const uri = params.textDocument.uri;
  const out = wants(only, CodeActionKind.QuickFix) ? quickFixes(d, params) : [];
  const fixable = d.fixable(uri);
  if (fixable === 0) return out;
  if (wants(only, FIX_ALL_KIND)) {
    const data: FixAllData = { buildctxFixAll: uri };
    if (resolves) out.push({ title: FIX_ALL_TITLE, kind: FIX_ALL_KIND, data });
    else {
      const all = await d.fixFile(uri, token);
      if (token?.isCancellationRequested) throw cancelled();
      if (all) out.push({ title: FIX_ALL_TITLE, kind: FIX_ALL_KIND, edit: all.edit });
    }
  }
  if (resolves && out.some((a) => a.kind === CodeActionKind.QuickFix)) {
    const data: FixAllData = { buildctxFixAll: uri };
    const count = fixable === undefined ? '' : ` (${fixable})`;
    out.push({ title: `${FIX_ALL_TITLE}${count}`, kind: CodeActionKind.QuickFix, data });
  }
  return out;
}

/** Fills in the edit of a deferred fix-all; other actions already carry theirs. */
export async function resolveCodeAction(
  d: ActionDeps,
  action: CodeAction,
  token?: CancellationToken,
): Promise<CodeAction> {
  const uri = (action.data as Partial<FixAllData> | undefined)?.buildctxFixAll;
  if (typeof uri !== 'string' || action.edit) return action;
  const all = await d.fixFile(uri, token);
  if (token?.isCancellationRequested) throw cancelled();
  // Nothing left to fix (the file changed since): an empty edit, not an error toast.
  return { ...action, edit: all?.edit ?? { documentChanges: [] } };
}

function quickFixes(d: ActionDeps, params: CodeActionParams): CodeAction[] {
  const out: CodeAction[] = [];
  for (const diag of params.context.diagnostics) {
    const fixes = fixesOf(diag);
    const preferred =
      fixes.findIndex((f) => f.preferred) >= 0 ? fixes.findIndex((f) => f.preferred) : fixes.findIndex((f) => f.safe);
    fixes.forEach((fix, i) => {
      out.push({
        title: fix.title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diag],
        isPreferred: i === preferred,
        edit: toWorkspaceEdit(fix.edits, d.versionOf, fix.confirm ? fix.title : undefined),
      });
    });
  }
  return out;
}

/** The code-action feature of one server: capability negotiation and the two handlers. */
export class CodeActionProvider {
  private resolves = false;

  constructor(private readonly deps: ActionDeps) {}

  initialize(caps: ClientCapabilities): CodeActionOptions {
    this.resolves = resolvesEdits(caps);
    return { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: true };
  }

  listen(connection: Connection): void {
    connection.onCodeAction((p, token) => codeActions(this.deps, p, this.resolves, token));
    connection.onCodeActionResolve((a, token) => resolveCodeAction(this.deps, a, token));
  }
}
