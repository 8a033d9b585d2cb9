// Fix-all for one file (code action) and for the whole workspace (custom request).
// Waits for the engine's fixpoint driver (engine/fix.ts).
import type { WorkspaceFixAllResult } from '../protocol';
import type { FileFixAll } from './codeActions';
import type { SizeDeps } from './contextSize';
import type { VersionOf } from './workspaceEdit';

export async function fixFile(_d: SizeDeps, _versionOf: VersionOf, _uri: string): Promise<FileFixAll | null> {
  return null;
}

export async function workspaceFixAll(_d: SizeDeps, _versionOf: VersionOf): Promise<WorkspaceFixAllResult> {
  return { edit: { documentChanges: [] }, problems: 0, files: [], saved: { files: 0, bytes: 0 } };
}
