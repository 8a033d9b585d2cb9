// An ignore file no build reads: not at any build's context root, shadowed by a per-Dockerfile
// file, or a `.containerignore` beside a `.dockerignore` (buildah lets the latter win, and
// Docker never reads the former). The message names the file that is read instead.
import * as path from 'node:path';
import type { Finding } from '../types';
import type { Rule, RuleContext } from './types';

const ID = 'unused-ignore-file';
const DEFAULT_DOCKERFILES = ['Dockerfile', 'dockerfile', 'Containerfile'];

/** Why nothing reads the context-root file `.dockerignore` in `dir`. */
function rootDockerignore(dir: string, exists: (p: string) => boolean): string {
  for (const df of DEFAULT_DOCKERFILES) {
    if (exists(path.join(dir, df)) && exists(path.join(dir, `${df}.dockerignore`))) {
      return `no build uses it: BuildKit and podman read ${df}.dockerignore instead for ${df}, and no classic build has its context here`;
    }
  }
  return 'no build has its context in this directory, and Docker reads .dockerignore only at the root of the build context';
}

function containerignore(dir: string, exists: (p: string) => boolean): string {
  if (exists(path.join(dir, '.dockerignore'))) {
    return 'no build uses it: podman/buildah read .dockerignore instead when both exist, and Docker never reads .containerignore';
  }
  return 'no build uses it: only podman/buildah read .containerignore, and no podman build has its context here';
}

function perDockerfile(dir: string, dockerfile: string, ext: string, exists: (p: string) => boolean, builder: string): string {
  if (!exists(path.join(dir, dockerfile))) {
    return `no build uses it: there is no ${dockerfile} beside it, and a per-Dockerfile ignore file is read only next to the Dockerfile it names`;
  }
  if (ext === 'containerignore' && exists(path.join(dir, `${dockerfile}.dockerignore`))) {
    return `no build uses it: podman reads ${dockerfile}.dockerignore instead`;
  }
  if (builder === 'classic') {
    return `no build uses it: the classic builder ignores per-Dockerfile files and reads .dockerignore at the context root`;
  }
  return `no build of ${dockerfile} uses it`;
}

export function unusedReason(file: string, exists: (p: string) => boolean, builder: string): string {
  const dir = path.dirname(file);
  const base = path.basename(file);
  if (base === '.dockerignore') return rootDockerignore(dir, exists);
  if (base === '.containerignore') return containerignore(dir, exists);
  const m = /^(.+)\.(dockerignore|containerignore)$/.exec(base);
  if (m) return perDockerfile(dir, m[1]!, m[2]!, exists, builder);
  return 'no build uses it';
}

export const unusedIgnoreFile: Rule = {
  id: ID,
  appliesTo: 'ignorefile',
  defaultSeverity: 'hint',
  description: 'No build reads this ignore file; the message says which file is read instead.',
  check(ctx: RuleContext): Finding[] {
    if (ctx.kind !== 'ignorefile' || ctx.builds.length > 0) return [];
    const end = ctx.text.search(/\r?\n/);
    const range = { start: { line: 0, character: 0 }, end: { line: 0, character: end < 0 ? ctx.text.length : end } };
    const reason = unusedReason(ctx.file, (p) => ctx.fs.exists(p), ctx.settings.builder);
    return [{ ruleId: ID, severity: 'hint', file: ctx.file, range, message: `${path.basename(ctx.file)}: ${reason}`, fixes: [] }];
  },
};
