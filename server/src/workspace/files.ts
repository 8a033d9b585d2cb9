// What is on screen is what is checked: open buffers win over the disk for every file the
// engine reads (Dockerfiles, ignore files, .gitignore, compose files...).
import * as fs from 'node:fs';
import type { TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import type { FileAccess } from '../engine/types';

export const uriToPath = (uri: string): string => URI.parse(uri).fsPath;
export const pathToUri = (p: string): string => URI.file(p).toString();

export class WorkspaceFiles implements FileAccess {
  constructor(private readonly docs: TextDocuments<TextDocument>) {}

  /** The open buffer for an absolute path, if the editor has one. */
  document(absPath: string): TextDocument | undefined {
    return this.docs.get(pathToUri(absPath));
  }

  readText(absPath: string): string | undefined {
    const doc = this.document(absPath);
    if (doc) return doc.getText();
    try {
      return fs.readFileSync(absPath, 'utf8');
    } catch {
      return undefined; // missing, a directory, unreadable: the engine treats all as absent
    }
  }

  readBytes(absPath: string): Uint8Array | undefined {
    const doc = this.document(absPath);
    if (doc) return new TextEncoder().encode(doc.getText());
    try {
      return fs.readFileSync(absPath);
    } catch {
      return undefined;
    }
  }

  exists(absPath: string): boolean {
    return this.document(absPath) !== undefined || fs.existsSync(absPath);
  }
}
