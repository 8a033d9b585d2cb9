// "Does git ignore this context path?" as one test: git never looks inside an ignored folder,
// so a path is ignored when a folder above it is, or when its own verdict says so. Tracked
// files are never ignored (Gitignores reads the index). Undefined when no .gitignore applies.
import type { DirEntry } from '../context/model';
import type { FileAccess } from '../types';
import { Gitignores } from './gitignores';

/** Git's verdict on a context path, its folders first (git never looks inside an ignored one). */
export function gitIgnoredTest(
  contextDir: string,
  root: DirEntry,
  fs: FileAccess,
): ((path: string) => boolean) | undefined {
  const gi = new Gitignores(contextDir, root, fs);
  if (gi.empty) return undefined;
  const dirs = new Map<string, boolean>([['', false]]);
  const dirIgnored = (d: string): boolean => {
    let v = dirs.get(d);
    if (v === undefined) {
      const slash = d.lastIndexOf('/');
      v = dirIgnored(slash < 0 ? '' : d.slice(0, slash)) || gi.check(d, true) !== null;
      dirs.set(d, v);
    }
    return v;
  };
  return (p) => {
    const slash = p.lastIndexOf('/');
    return dirIgnored(slash < 0 ? '' : p.slice(0, slash)) || gi.check(p, false) !== null;
  };
}
