// Engine edits (absolute paths) to LSP WorkspaceEdits: `documentChanges` with the version of
// each open buffer, so VS Code refuses an edit computed on text the user has since changed,
// and a CreateFile before the first edit of a file that does not exist yet.
import { diffLines } from 'diff';
import type {
  CreateFile,
  OptionalVersionedTextDocumentIdentifier,
  TextDocumentEdit,
  TextEdit,
  WorkspaceEdit,
} from 'vscode-languageserver';
import type { FileEdit } from '../engine/types';
import { endPosition } from '../engine/edits';
import { pathToUri } from '../workspace/files';

export type VersionOf = (absPath: string) => number | null;

const REVIEW = 'buildctx-review';

/**
 * With `review` (a label), every edit carries a change annotation that needs confirmation, so
 * VS Code shows the whole change as a diff to accept before it applies it.
 */
export function toWorkspaceEdit(edits: FileEdit[], versionOf: VersionOf, review?: string): WorkspaceEdit {
  const byFile = new Map<string, { create: boolean; edits: TextEdit[] }>();
  for (const fe of edits) {
    let slot = byFile.get(fe.file);
    if (!slot) {
      slot = { create: false, edits: [] };
      byFile.set(fe.file, slot);
    }
    slot.create ||= fe.create === true;
    slot.edits.push(...fe.edits);
  }
  const documentChanges: (TextDocumentEdit | CreateFile)[] = [];
  for (const [file, slot] of byFile) {
    const uri = pathToUri(file);
    const note = review ? { annotationId: REVIEW } : {};
    if (slot.create) documentChanges.push({ kind: 'create', uri, options: { ignoreIfExists: true }, ...note });
    const textDocument: OptionalVersionedTextDocumentIdentifier = {
      uri,
      version: slot.create ? null : versionOf(file),
    };
    documentChanges.push({ textDocument, edits: slot.edits.map((e) => ({ ...e, ...note })) });
  }
  if (!review) return { documentChanges };
  return { documentChanges, changeAnnotations: { [REVIEW]: { label: review, needsConfirmation: true } } };
}

/**
 * The edits turning `before` into `after`, one per changed run of lines, so a fix-all that
 * touches three `go build` lines leaves the rest of the buffer (and its markers) alone.
 */
export function textDiffEdits(before: string, after: string): TextEdit[] {
  if (before === after) return [];
  const edits: TextEdit[] = [];
  let line = 0;
  let pending: { start: number; removed: number; added: string } | null = null;
  const flush = (): void => {
    if (!pending) return;
    const start = { line: pending.start, character: 0 };
    const end = { line: pending.start + pending.removed, character: 0 };
    edits.push({ range: { start, end }, newText: pending.added });
    pending = null;
  };
  for (const part of diffLines(before, after)) {
    const n = part.count ?? 0;
    if (!part.added && !part.removed) {
      flush();
      line += n;
      continue;
    }
    pending ??= { start: line, removed: 0, added: '' };
    if (part.removed) {
      pending.removed += n;
      line += n;
    } else pending.added += part.value;
  }
  flush();
  return clampToEnd(edits, before);
}

// A run ending on the last line without a final newline reaches past the document end; LSP
// clients clamp, but an explicit end keeps the edit exact.
function clampToEnd(edits: TextEdit[], text: string): TextEdit[] {
  const end = endPosition(text);
  for (const e of edits) {
    if (e.range.end.line > end.line) e.range.end = end;
    if (e.range.start.line > end.line) e.range.start = end;
  }
  return edits;
}
