// One walk over the repository that finds the files discovery reads: Dockerfiles and every
// file that may say how they are built. Dependency and VCS folders and git-ignored paths are
// skipped (they hold no build scripts of this repository and dominate the file count), and
// the walk is bounded so a hostile or huge tree cannot make discovery hang.
import * as nodeFs from 'node:fs';
import * as path from 'node:path';
import { Scheduler } from '../background/scheduler';
import { sortSteps } from '../background/steps';
import ignore, { type Ignore } from 'ignore';
import type { FileAccess } from '../types';
import { findRepository, trackedPaths } from '../gitignore/repository';
import { definitionKind, type DefinitionKind } from './definitionKinds';

export type SourceKind =
  | 'dockerfile'
  | 'compose'
  | 'bake'
  | 'skaffold'
  | 'devcontainer'
  | 'makefile'
  | 'shell'
  | 'workflow'
  | 'gitlab'
  | 'ci'
  | 'source'
  | 'manifest'
  | DefinitionKind;
/** Ignore files are found by the same walk, for the CLI's and fix-all's ignore-file rules. */
export type FoundKind = SourceKind | 'ignorefile';

export interface FoundFile {
  path: string;
  kind: FoundKind;
  size: number;
}

export const SKIP_DIRS: ReadonlySet<string> = new Set([
  'node_modules',
  '.git',
  'vendor',
  // Vendored third-party code: its Dockerfiles and ignore files are someone else's (issue 14).
  'third_party',
  '.hg',
  '.svn',
  'bower_components',
  '.venv',
  'venv',
  '__pycache__',
  '.terraform',
  '.gradle',
  '.idea',
  '.vscode-test',
]);
/** Files larger than this are generated or data, not build scripts. */
import { MAX_READ_BYTES } from '../diskAccess';

export { MAX_READ_BYTES };
const MAX_ENTRIES = 200_000;
const MAX_DEPTH = 32;
/** Entries of one directory the server's walk handles between two turns of its event loop. */
const VISIT_STEP = 256;

const SOURCE_EXT = new Set([
  'go',
  'py',
  'js',
  'mjs',
  'cjs',
  'ts',
  'mts',
  'cts',
  'jsx',
  'tsx',
  'rb',
  'java',
  'kt',
  'kts',
  'scala',
  'groovy',
  'gradle',
  'rs',
  'cs',
  'fs',
  'php',
  'pl',
  'pm',
  'swift',
  'lua',
  'ex',
  'exs',
  'clj',
  'dart',
  'cr',
  'nim',
  'zig',
  'ps1',
  'psm1',
  'bat',
  'cmd',
  'just',
  'nix',
  'star',
  'bzl',
]);
const SOURCE_NAMES = new Set([
  'justfile',
  'Justfile',
  'Rakefile',
  'Vagrantfile',
  'Taskfile.yml',
  'Taskfile.yaml',
  'taskfile.yml',
  'taskfile.yaml',
  'Earthfile',
]);
const CI_NAMES =
  /^(Jenkinsfile(\..+)?|azure-pipelines\.ya?ml|bitbucket-pipelines\.ya?ml|cloudbuild\.ya?ml|\.drone\.ya?ml|\.travis\.ya?ml|buildspec\.ya?ml)$/;

/** `.dockerignore`, `.containerignore`, and the per-Dockerfile `<name>.dockerignore` forms. */
export function isIgnoreFileName(name: string): boolean {
  return /^(\.dockerignore|\.containerignore|.+\.(dockerignore|containerignore))$/i.test(name);
}

export function isDockerfileName(name: string): boolean {
  if (/\.(dockerignore|containerignore)$/i.test(name)) return false;
  if (/^(Dockerfile|Containerfile)(\.[^/]+)?$/i.test(name) || /\.(Dockerfile|Containerfile)$/i.test(name)) return true;
  // `Dockerfile-alpine`, `Dockerfile_debug` (kratos, tempo); `Dockerfile-lint.sh` is a script about one.
  return /^(Dockerfile|Containerfile)[-_][^/]+$/i.test(name) && !NOT_DOCKERFILE_EXT.test(name);
}

const NOT_DOCKERFILE_EXT = /\.(sh|bash|ps1|py|js|ts|go|md|txt|rst|adoc|json|ya?ml|toml)$/i;

/** Which discovery reader a file goes to, from its path relative to the root ('/' separated). */
export function classify(rel: string): SourceKind | undefined {
  const name = rel.slice(rel.lastIndexOf('/') + 1);
  if (isDockerfileName(name)) return 'dockerfile';
  if (/^(docker-)?compose(\.[\w.-]+)?\.ya?ml$/.test(name)) return 'compose';
  if (/^docker-bake(\.[\w-]+)*\.(hcl|json)$/.test(name)) return 'bake';
  if (/^skaffold(\.[\w-]+)?\.ya?ml$/.test(name)) return 'skaffold';
  if (name === '.devcontainer.json' || /(^|\/)\.devcontainer\/([^/]+\/)?devcontainer\.json$/.test(rel))
    return 'devcontainer';
  if (/^(GNUmakefile|[Mm]akefile)$/.test(name) || /\.(mk|make)$/.test(name)) return 'makefile';
  if (/\.(sh|bash|zsh|ksh)$/.test(name)) return 'shell';
  if (/(^|\/)\.github\/workflows\/[^/]+\.ya?ml$/.test(rel)) return 'workflow';
  if (/^\.gitlab-ci\.ya?ml$/.test(name)) return 'gitlab';
  if (CI_NAMES.test(name) || /(^|\/)\.circleci\/config\.ya?ml$/.test(rel)) return 'ci';
  const definition = definitionKind(name);
  if (definition) return definition;
  if (SOURCE_NAMES.has(name)) return 'source';
  // Any other YAML may be a file GitLab CI includes or hold an OpenShift BuildConfig or a Tekton
  // pipeline: discovery reads it for those names, within a budget, and parses only what has one.
  if (/\.ya?ml$/.test(name) && !/(^|\/)\.github\//.test(rel)) return 'manifest';
  const dot = name.lastIndexOf('.');
  if (dot > 0 && SOURCE_EXT.has(name.slice(dot + 1))) return 'source';
  // Extension-less files in script folders are usually executables with a shebang.
  if (dot < 0 && /(^|\/)(bin|scripts?|hack|tools|ci)\/[^/]+$/.test(rel)) return 'source';
  return undefined;
}

interface Frame {
  dir: string;
  rel: string;
  depth: number;
  ignores: Array<{ base: string; ig: Ignore }>;
}

function gitignoreAt(
  dir: string,
  rel: string,
  fs: FileAccess,
  read: string[],
): { base: string; ig: Ignore } | undefined {
  const file = path.join(dir, '.gitignore');
  const text = fs.readText(file);
  if (text === undefined) return undefined;
  read.push(file);
  return { base: rel, ig: ignore().add(text) };
}

function isIgnored(rel: string, isDir: boolean, ignores: Frame['ignores']): boolean {
  for (const { base, ig } of ignores) {
    const sub = base === '' ? rel : rel.slice(base.length + 1);
    if (ig.ignores(isDir ? `${sub}/` : sub)) return true;
  }
  return false;
}

type Ignores = Frame['ignores'];

/** The git-ignore rules that apply inside a directory: its parent's, plus its own .gitignore. */
function ignoresIn(frame: Frame, entries: nodeFs.Dirent[], fs: FileAccess, read: string[]): Ignores {
  const own = entries.some((e) => e.name === '.gitignore') ? gitignoreAt(frame.dir, frame.rel, fs, read) : undefined;
  return own ? [...frame.ignores, own] : frame.ignores;
}

interface Walk {
  found: FoundFile[];
  stack: Frame[];
  seen: number;
  /** Whether git tracks a path (relative to the walk's root): a committed file is never git-ignored. */
  tracked: (rel: string) => boolean;
}

/** What git's index holds under `root` (tracked files and the folders holding them). */
function trackedUnder(root: string, fs: FileAccess): (rel: string) => boolean {
  const repo = findRepository(root, fs);
  if (!repo) return () => false;
  const paths = trackedPaths(repo, fs);
  const prefix = path.relative(repo.root, root).split(path.sep).join('/');
  return (rel) => paths.has(prefix === '' ? rel : `${prefix}/${rel}`);
}

const newWalk = (root: string, fs: FileAccess): Walk => ({
  found: [],
  stack: [{ dir: root, rel: '', depth: 0, ignores: [] }],
  seen: 0,
  tracked: trackedUnder(root, fs),
});

/** Entries [from, to) of one directory: found files go to `found`, subdirectories worth walking to `stack`. */
function visit(frame: Frame, ignores: Ignores, entries: nodeFs.Dirent[], w: Walk, from = 0, to = entries.length): void {
  for (let i = from; i < to; i++) {
    const e = entries[i]!;
    w.seen++;
    const rel = frame.rel === '' ? e.name : `${frame.rel}/${e.name}`;
    if (e.isDirectory()) {
      if (SKIP_DIRS.has(e.name) || frame.depth >= MAX_DEPTH) continue;
      if (isIgnored(rel, true, ignores) && !w.tracked(rel)) continue;
      w.stack.push({ dir: path.join(frame.dir, e.name), rel, depth: frame.depth + 1, ignores });
    } else if (e.isFile()) {
      // Not in `classify`: an ignore file changes no build site, so editing one must not rediscover.
      const kind = classify(rel) ?? (isIgnoreFileName(e.name) ? 'ignorefile' : undefined);
      if (kind && (!isIgnored(rel, false, ignores) || w.tracked(rel)))
        w.found.push({ path: path.join(frame.dir, e.name), kind, size: sizeOf(path.join(frame.dir, e.name)) });
    }
  }
}

const byPath = (a: FoundFile, b: FoundFile): number => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);

/** Walks `root` and returns the files discovery cares about; `read` collects .gitignore files. */
export function walkRepository(root: string, fs: FileAccess, read: string[]): FoundFile[] {
  const w = newWalk(root, fs);
  while (w.stack.length > 0 && w.seen < MAX_ENTRIES) {
    const frame = w.stack.pop() as Frame;
    let entries: nodeFs.Dirent[];
    try {
      entries = nodeFs.readdirSync(frame.dir, { withFileTypes: true });
    } catch {
      continue;
    }
    visit(frame, ignoresIn(frame, entries, fs, read), entries, w);
  }
  return w.found.sort(byPath);
}

/**
 * The same walk for the language server: directories are read on libuv's thread pool, so the
 * server's event loop keeps answering between two directories (issue 4: a 198k-file monorepo
 * took seconds, during which the server answered nothing). Same order, same result.
 */
export async function walkRepositoryAsync(
  root: string,
  fs: FileAccess,
  read: string[],
  { signal, scheduler = new Scheduler() }: { signal?: AbortSignal; scheduler?: Scheduler } = {},
): Promise<FoundFile[]> {
  const w = newWalk(root, fs);
  while (w.stack.length > 0 && w.seen < MAX_ENTRIES) {
    signal?.throwIfAborted();
    const frame = w.stack.pop() as Frame;
    let entries: nodeFs.Dirent[];
    try {
      entries = await nodeFs.promises.readdir(frame.dir, { withFileTypes: true });
    } catch {
      continue;
    }
    if (scheduler.held()) await scheduler.turn();
    const ignores = ignoresIn(frame, entries, fs, read);
    // A directory of thousands of source files costs a stat each: a pause every VISIT_STEP.
    for (let i = 0; i < entries.length; i += VISIT_STEP) {
      if (i > 0) await scheduler.turn();
      visit(frame, ignores, entries, w, i, Math.min(entries.length, i + VISIT_STEP));
    }
  }
  return scheduler.drain(sortSteps(w.found, byPath), signal);
}

function sizeOf(p: string): number {
  try {
    return nodeFs.statSync(p).size;
  } catch {
    return Number.MAX_SAFE_INTEGER;
  }
}
