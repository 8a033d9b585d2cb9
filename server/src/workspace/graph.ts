// Which open documents depend on which files and directories, so a change re-checks only the
// Dockerfiles it can affect: their ignore files, .gitignore files, discovery sources, and
// every file inside their contexts. Open documents are few, so a linear pass is cheap and
// keeps the bookkeeping impossible to get out of sync.
import * as path from 'node:path';

interface Deps {
  files: Set<string>;
  dirs: Set<string>;
}

export class DependencyGraph {
  private readonly byDoc = new Map<string, Deps>();

  /** Replaces what `doc` depends on: exact files, and directories whose whole subtree counts. */
  set(doc: string, files: Iterable<string>, dirs: Iterable<string>): void {
    this.byDoc.set(doc, { files: new Set(files), dirs: new Set(dirs) });
  }

  delete(doc: string): void {
    this.byDoc.delete(doc);
  }

  docs(): string[] {
    return [...this.byDoc.keys()];
  }

  /** Documents a change of `absPath` can affect. */
  affected(absPath: string): Set<string> {
    const out = new Set<string>();
    for (const [doc, deps] of this.byDoc) {
      if (deps.files.has(absPath)) {
        out.add(doc);
        continue;
      }
      for (const dir of deps.dirs) {
        if (isInside(absPath, dir)) {
          out.add(doc);
          break;
        }
      }
    }
    return out;
  }

  /** Documents that name `absPath` itself: an edited buffer changes no directory on disk. */
  affectedExact(absPath: string): Set<string> {
    const out = new Set<string>();
    for (const [doc, deps] of this.byDoc) if (deps.files.has(absPath)) out.add(doc);
    return out;
  }

  /** Whether any document watches `absPath` as a file or through a directory. */
  isWatched(absPath: string): boolean {
    return this.affected(absPath).size > 0;
  }
}

export function isInside(p: string, dir: string): boolean {
  if (p === dir) return true;
  const withSep = dir.endsWith(path.sep) ? dir : dir + path.sep;
  return p.startsWith(withSep);
}
