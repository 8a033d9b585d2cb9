// Which Dockerfile and which ignore file a build uses, exactly as each builder decides:
//  - Dockerfile: `Dockerfile`, then `dockerfile` in the context (docker CLI and BuildKit's
//    dockerui both fall back to the lower-case name); podman/buildah: `Containerfile`, then
//    `Dockerfile` (buildah's DiscoverContainerfile).
//  - buildkit: `<Dockerfile dir>/<Dockerfile name>.dockerignore` replaces
//    `<context>/.dockerignore` (dockerui reads `filename + ".dockerignore"` from the Dockerfile's
//    directory; the name is the one asked for, so a lower-case fallback still looks for
//    `Dockerfile.dockerignore`).
//  - classic: `<context>/.dockerignore` only.
//  - podman: buildah's ContainerIgnoreFile: `<Containerfile>.dockerignore`, else
//    `<Containerfile>.containerignore`, else `<context>/.containerignore`, else
//    `<context>/.dockerignore`. (The code checks `.containerignore` first but then lets an
//    existing `.dockerignore` overwrite the choice, so the latter wins when both exist.) A
//    relative -f is joined to the context directory for this lookup, not to the cwd the
//    Containerfile itself is read from: `podman build -f ctx/Containerfile ctx` looks for
//    `ctx/ctx/Containerfile.dockerignore`. All of this was checked against buildah 1.28.2.
import nodeFs from 'node:fs';
import path from 'node:path';
import type { Builder } from '../types';

export interface ResolveFs {
  exists(absPath: string): boolean;
}

export interface ResolveOptions {
  contextDir: string;
  /** As given with -f (relative to cwd, like docker build); omitted for the default name. */
  dockerfile?: string;
  builder: Builder;
  fs?: ResolveFs;
  /** Base for a relative contextDir/dockerfile; defaults to process.cwd(). */
  cwd?: string;
}

export interface ResolvedBuild {
  contextDir: string;
  /** Absolute path; for a default name that does not exist, the first name the builder tries. */
  dockerfile: string;
  dockerfileExists: boolean;
  builder: Builder;
  ignoreFile: string | null;
  /** Where a new ignore file for this build goes: the one in use, else `<context>/.dockerignore`. */
  ignoreFileToCreate: string;
}

const diskFs: ResolveFs = {
  exists(p) {
    try {
      return nodeFs.statSync(p).isFile();
    } catch {
      return false;
    }
  },
};

const DEFAULT_NAMES: Record<Builder, string[]> = {
  buildkit: ['Dockerfile', 'dockerfile'],
  classic: ['Dockerfile', 'dockerfile'],
  podman: ['Containerfile', 'Dockerfile'],
};

/** The Dockerfile a build reads and the name the builder asked for (which names its ignore file). */
function chooseDockerfile(
  contextDir: string,
  opts: ResolveOptions,
  fs: ResolveFs,
): { file: string; requested: string; exists: boolean } {
  if (opts.dockerfile !== undefined) {
    const file = path.resolve(opts.cwd ?? process.cwd(), opts.dockerfile);
    const requested = opts.builder === 'podman' ? path.resolve(contextDir, opts.dockerfile) : file;
    return { file, requested, exists: fs.exists(file) };
  }
  const names = DEFAULT_NAMES[opts.builder];
  const first = path.join(contextDir, names[0]!);
  for (const name of names) {
    const file = path.join(contextDir, name);
    if (fs.exists(file)) return { file, requested: opts.builder === 'podman' ? file : first, exists: true };
  }
  return { file: first, requested: first, exists: false };
}

function ignoreCandidates(builder: Builder, contextDir: string, requested: string): string[] {
  const inContext = (name: string): string => path.join(contextDir, name);
  if (builder === 'classic') return [inContext('.dockerignore')];
  if (builder === 'buildkit') return [`${requested}.dockerignore`, inContext('.dockerignore')];
  return [
    `${requested}.dockerignore`,
    `${requested}.containerignore`,
    inContext('.containerignore'),
    inContext('.dockerignore'),
  ];
}

export function resolveBuild(opts: ResolveOptions): ResolvedBuild {
  const fs = opts.fs ?? diskFs;
  const contextDir = path.resolve(opts.cwd ?? process.cwd(), opts.contextDir);
  const df = chooseDockerfile(contextDir, opts, fs);
  const ignoreFile = ignoreCandidates(opts.builder, contextDir, df.requested).find((p) => fs.exists(p)) ?? null;
  return {
    contextDir,
    dockerfile: df.file,
    dockerfileExists: df.exists,
    builder: opts.builder,
    ignoreFile,
    ignoreFileToCreate: ignoreFile ?? path.join(contextDir, '.dockerignore'),
  };
}
