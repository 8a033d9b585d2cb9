// Explicit configuration (`.buildctx.json` / settings `contexts`): a Dockerfile glob and the
// context folder, both relative to the workspace root. Globs follow the `ignore` package
// (gitignore-style: `docker/*.Dockerfile`, `**/Containerfile`), which users already know.
import * as path from 'node:path';
import ignore from 'ignore';
import type { ContextMapping } from '../types';
import type { ContextCandidate } from './types';

function matches(glob: string, dockerfile: string, root: string): boolean {
  if (path.isAbsolute(glob)) return path.normalize(glob) === dockerfile;
  const rel = path.relative(root, dockerfile).split(path.sep).join('/');
  if (rel.startsWith('..')) return false;
  try {
    return ignore().add(glob.replace(/^\.\//, '')).ignores(rel);
  } catch {
    return false;
  }
}

export function configCandidates(dockerfile: string, mappings: ContextMapping[], root: string): ContextCandidate[] {
  const out: ContextCandidate[] = [];
  mappings.forEach((m, i) => {
    if (typeof m?.dockerfile !== 'string' || typeof m.context !== 'string' || !matches(m.dockerfile, dockerfile, root))
      return;
    const c: ContextCandidate = {
      dockerfile,
      contextDir: path.resolve(root, m.context),
      source: 'config',
      provenance: `configured in contexts[${i}]`,
    };
    if (m.builder) c.builder = m.builder;
    out.push(c);
  });
  return out;
}
