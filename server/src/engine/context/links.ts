// Symlinks whose target lies outside the build context. The scan records links and never
// follows them, because Docker sends the link itself, not what it points to (fsutil's walker
// and the classic tar both keep links as links): inside the image such a link dangles or
// points at whatever the image has at that path. Reading link texts happens here, lazily and
// only for the links the scan found, so a scan without links costs nothing extra.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ContextScan, DirEntry } from './model';

export interface OutsideLink {
  /** Relative to the context root, '/' separators. */
  path: string;
  /** The link text, as Docker sends it. */
  target: string;
  /** False when the ignore file keeps the link out of the context (then it is harmless). */
  sent: boolean;
}

export type ReadLink = (absPath: string) => string;

const defaultReadLink: ReadLink = (p) => fs.readlinkSync(p, 'utf8');

/** Whether the link at `rel` (relative to `contextDir`) with link text `target` resolves outside the context, lexically. */
export function escapesContext(contextDir: string, rel: string, target: string): boolean {
  if (path.isAbsolute(target)) {
    const r = path.relative(contextDir, target);
    return r === '..' || r.startsWith(`..${path.sep}`) || path.isAbsolute(r);
  }
  let depth = rel.split('/').length - 1; // the directories the link sits in
  for (const seg of target.split('/')) {
    if (seg === '' || seg === '.') continue;
    depth += seg === '..' ? -1 : 1;
    if (depth < 0) return true;
  }
  return false;
}

/** Links in the scanned context whose target leaves it (at most `limit`, sent ones first). */
export function linksOutside(scan: ContextScan, readLink: ReadLink = defaultReadLink, limit = 1000): OutsideLink[] {
  const out: OutsideLink[] = [];
  const stack: DirEntry[] = [scan.root];
  while (stack.length > 0 && out.length < limit) {
    const dir = stack.pop()!;
    for (const sub of dir.dirs.values()) stack.push(sub);
    for (const file of dir.files.values()) {
      if (file.kind !== 'symlink') continue;
      const rel = dir.path ? `${dir.path}/${file.name}` : file.name;
      let target: string;
      try {
        target = readLink(path.join(scan.contextDir, ...rel.split('/')));
      } catch {
        continue;
      } // vanished since the scan
      if (escapesContext(scan.contextDir, rel, target)) out.push({ path: rel, target, sent: file.excludedBy < 0 });
      if (out.length >= limit) break;
    }
  }
  return out.sort((a, b) => Number(b.sent) - Number(a.sent) || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
