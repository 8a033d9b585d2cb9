// Where a context's git repository is: its work tree root, the git directory (a `.git`
// directory, or the one a `.git` file names in a linked work tree or a submodule) and the
// common directory holding info/exclude and the config.
import * as path from 'node:path';
import type { FileAccess } from '../types';
import { indexPaths } from './gitIndex';

export interface Repository {
  root: string;
  gitDir: string;
  commonDir: string;
}

/** The nearest repository holding `dir`, or null outside any. */
export function findRepository(dir: string, fs: FileAccess): Repository | null {
  for (;;) {
    const dotGit = path.join(dir, '.git');
    if (fs.exists(dotGit)) return repositoryAt(dir, dotGit, fs);
    const parent = path.dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

function repositoryAt(root: string, dotGit: string, fs: FileAccess): Repository {
  // A directory reads as no text; a file says "gitdir: <path>".
  const link = /^gitdir: (.+?)\r?\n?$/.exec(fs.readText(dotGit) ?? '')?.[1];
  const gitDir = link ? path.resolve(root, link) : dotGit;
  const common = fs.readText(path.join(gitDir, 'commondir'))?.trim();
  return { root, gitDir, commonDir: common ? path.resolve(gitDir, common) : gitDir };
}

/**
 * The paths git tracks (relative to the repository root) and every directory above one; empty
 * when the index is missing or unreadable.
 */
export function trackedPaths(repo: Repository, fs: FileAccess): Set<string> {
  const bytes = fs.readBytes(path.join(repo.gitDir, 'index'));
  if (!bytes) return new Set();
  const sha256 = /^\s*objectformat\s*=\s*sha256\s*$/im.test(fs.readText(path.join(repo.commonDir, 'config')) ?? '');
  const tracked = new Set<string>();
  for (const p of indexPaths(bytes, sha256 ? 32 : 20) ?? []) {
    tracked.add(p);
    for (let i = p.lastIndexOf('/'); i > 0; i = p.lastIndexOf('/', i - 1)) {
      const dir = p.slice(0, i);
      if (tracked.has(dir)) break;
      tracked.add(dir);
    }
  }
  return tracked;
}
