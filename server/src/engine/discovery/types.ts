// What discovery returns: for each Dockerfile the contexts its builds use, strongest first,
// and every place in the repository that builds one (issue 6).
import type { Builder } from '../types';

/** Strongest first: an explicit setting beats evidence, evidence beats inference. */
export type CandidateSource =
  | 'config'
  | 'compose'
  | 'bake'
  | 'definition'
  | 'script'
  | 'ci'
  | 'comment'
  | 'inference'
  | 'fallback';
/** `definition`: a tool's own build file (skaffold, dev container, OpenShift BuildConfig, Tekton). */
export const SOURCE_ORDER: readonly CandidateSource[] = [
  'config',
  'compose',
  'bake',
  'definition',
  'script',
  'ci',
  'comment',
  'inference',
  'fallback',
];

export interface ContextCandidate {
  /** Absolute path of the Dockerfile. */
  dockerfile: string;
  /** Absolute path of the context directory. */
  contextDir: string;
  /** Set when the source says which builder runs (podman/buildah, buildx, DOCKER_BUILDKIT=0). */
  builder?: Builder;
  source: CandidateSource;
  /** Short origin for people: "Makefile:289", "compose.yaml:12", "inferred from COPY sources". */
  provenance: string;
  /** Absolute path and 1-based line of the evidence, when it comes from a file. */
  file?: string;
  line?: number;
  /** Compose `additional_contexts` / bake `contexts` / `--build-context`: name to absolute dir. */
  additionalContexts?: Record<string, string>;
  /**
   * The tool builds in a folder of its own making, not one of the repository (GoReleaser copies
   * its binaries and `extra_files` to a temporary folder): `contextDir` is only the Dockerfile's
   * folder as a placeholder, and no build is made of it for the rules (build/assemble.ts).
   */
  temporaryContext?: TemporaryContext;
}

export type TemporaryContext = 'goreleaser';

export type BuildTool =
  | 'docker'
  | 'podman'
  | 'buildah'
  | 'buildx'
  | 'compose'
  | 'bake'
  | 'action'
  | 'skaffold'
  | 'devcontainer'
  | 'kaniko'
  | 'openshift'
  | 'tekton'
  | 'tilt'
  | 'gitpod';
/** Tools run as `<tool> build ...` on a command line; the others build from a definition. */
export const COMMAND_TOOLS: ReadonlySet<BuildTool> = new Set(['docker', 'podman', 'buildah', 'buildx']);

export interface BuildSite {
  /** Absolute path of the file holding the build command. */
  file: string;
  /** 1-based line of the command. */
  line: number;
  tool: BuildTool;
  dockerfile: string;
  contextDir: string;
  noCache: boolean;
  tag?: string;
  /** `--target`: builds of different stages are different images. */
  target?: string;
  /** `--platform`, comma list as written. */
  platform?: string;
  /** Sorted `--build-arg` values as written (`K=V` or `K`). */
  buildArgs?: string[];
  builder?: Builder;
  /** What narrows the context beyond the ignore file (Tilt's `only=`/`ignore=`), as written. */
  contextFilter?: string;
}

export interface DiscoveryResult {
  /** Keyed by absolute Dockerfile path; each list is strongest first and never empty. */
  candidates: Map<string, ContextCandidate[]>;
  sites: BuildSite[];
  /** Every file whose content the result depends on, so callers know when to rediscover. */
  read: string[];
  /** Every `.dockerignore`/`.containerignore` (plain or per Dockerfile) the walk met, sorted. */
  ignoreFiles: string[];
}
