// Turning a parsed build command into absolute paths. The docker CLI resolves `-f` against
// the working directory, not the context; buildah falls back to the context for a relative
// Containerfile that is not found from the working directory. When a script's working
// directory is unknown, its own folder and the repository root are tried, and only a
// Dockerfile that exists there is accepted: an unknown path is skipped, never guessed.
import * as path from 'node:path';
import type { FileAccess } from '../types';
import type { ParsedBuild } from './command';
import type { Arg } from './shellWords';

export interface ResolvedBuild {
  dockerfile: string;
  contextDir: string;
  additionalContexts?: Record<string, string>;
}

/** A context that is not a local directory: a Git/HTTP URL, stdin, or an image reference. */
export function isRemoteContext(ctx: string): boolean {
  return (
    ctx === '-' ||
    /^[a-z][a-z0-9+.-]*:\/\//i.test(ctx) ||
    /^git@/.test(ctx) ||
    /^github\.com\//.test(ctx) ||
    /\.git(#.*)?$/.test(ctx)
  );
}

function resolveFrom(base: string, p: string): string {
  return path.resolve(base, p);
}

function defaultDockerfile(ctx: string, build: ParsedBuild, fs: FileAccess): string | undefined {
  const names = build.tool === 'podman' || build.tool === 'buildah' ? ['Containerfile', 'Dockerfile'] : ['Dockerfile'];
  for (const n of names) if (fs.exists(path.join(ctx, n))) return path.join(ctx, n);
  return undefined;
}

function resolveAt(base: string, build: ParsedBuild, fs: FileAccess): ResolvedBuild | undefined {
  const file = build.file;
  if (file !== undefined && typeof file !== 'string') return undefined;
  if (file === '-' || (file && isRemoteContext(file))) return undefined;
  let contextDir: string;
  if (build.context === undefined) {
    // podman/buildah without a context arg use the Containerfile's folder; docker refuses.
    if ((build.tool !== 'podman' && build.tool !== 'buildah') || !file) return undefined;
    contextDir = path.dirname(resolveFrom(base, file));
  } else {
    if (typeof build.context !== 'string' || isRemoteContext(build.context)) return undefined;
    contextDir = resolveFrom(base, build.context);
  }
  let dockerfile: string | undefined;
  if (file) {
    dockerfile = resolveFrom(base, file);
    if (!fs.exists(dockerfile) && (build.tool === 'podman' || build.tool === 'buildah') && !path.isAbsolute(file))
      dockerfile = path.join(contextDir, file);
    if (!fs.exists(dockerfile)) return undefined;
  } else {
    dockerfile = defaultDockerfile(contextDir, build, fs);
    if (!dockerfile) return undefined;
  }
  const additionalContexts = localContexts(build.buildContexts, base);
  return additionalContexts ? { dockerfile, contextDir, additionalContexts } : { dockerfile, contextDir };
}

/** Local named contexts only (`--build-context name=dir`); images and URLs are not directories. */
export function localContexts(named: Record<string, Arg>, base: string): Record<string, string> | undefined {
  let out: Record<string, string> | undefined;
  for (const [name, value] of Object.entries(named)) {
    if (
      typeof value !== 'string' ||
      isRemoteContext(value) ||
      value.startsWith('docker-image://') ||
      value.startsWith('target:')
    )
      continue;
    (out ??= {})[name] = resolveFrom(base, value);
  }
  return out;
}

/** The first base under which the build's Dockerfile exists. */
export function resolveBuild(build: ParsedBuild, bases: string[], fs: FileAccess): ResolvedBuild | undefined {
  for (const base of bases) {
    const r = resolveAt(base, build, fs);
    if (r) return r;
  }
  return undefined;
}
