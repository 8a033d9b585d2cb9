// What a build pipeline makes before `docker build` runs (`make build`, promu, goreleaser,
// `dotnet publish`): paths git ignores, so a clean checkout never has them, or paths in a
// build-output folder. A COPY of one that is missing, or a `!` that re-includes one, is about
// the pipeline's output, not a mistake a clean checkout proves (issue 14).
import type { FileAccess } from '../../types';
import type { DirEntry } from '../../context/model';
import { gitIgnoredTest } from '../../gitignore/ignoredTest';

const OUTPUT_DIRS = new Set([
  'bin',
  'dist',
  'build',
  'out',
  'output',
  '_output',
  'target',
  '.build',
  'release',
  'artifacts',
  'publish',
]);

/**
 * Why `rel` (a context path or a pattern's path, wildcards allowed) looks like pipeline output,
 * or null. `root` is the context tree, for the .gitignore files in it.
 */
export function pipelineOutput(
  rel: string,
  contextDir: string,
  root: DirEntry | undefined,
  fs: FileAccess,
): string | null {
  const segs = rel.replace(/^\/+/, '').split('/');
  const wild = segs.findIndex((seg) => /[*?[\\]/.test(seg));
  const literal = (wild < 0 ? segs : segs.slice(0, wild)).join('/');
  const ignored = root ? gitIgnoredTest(contextDir, root, fs) : undefined;
  // The path need not exist, so it may be a file or a folder: ask git both ways.
  if (ignored && literal !== '' && (ignored(literal) || ignored(`${literal}/x`))) return 'git ignores that path';
  const outDir = segs.slice(0, -1).find((seg) => OUTPUT_DIRS.has(seg));
  return outDir ? `it lies in ${outDir}/, a build-output folder` : null;
}
