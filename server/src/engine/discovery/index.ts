// Which context(s) each Dockerfile is built with, found the way its builds do (issue 6):
// configuration, compose, bake, scripts and CI, header comments, then COPY inference and the
// Dockerfile's own folder. Pure: it reads files and never runs anything from the workspace.
// The result is a function of the files listed in `read`, so callers can cache it.
import { Scheduler } from '../background/scheduler';
import { drain } from '../background/steps';
import * as path from 'node:path';
import type { FileAccess } from '../types';
import { diskAccess } from '../diskAccess';

export { diskAccess };
import type { Settings } from '../types';
import { bakeBuilds } from './bake';
import { composeBuilds } from './compose';
import { devcontainerBuilds } from './devcontainer';
import { configCandidates } from './config';
import { gitlabBuilds } from './gitlab';
import { gitpodBuilds } from './gitpod';
import { goreleaserBuilds } from './goreleaser';
import { headerBuilds } from './header';
import { inferContext } from './inference';
import { manifestBuilds } from './manifests';
import { packageScriptBuilds } from './packageScripts';
import { makefileBuilds, shellBuilds, sourceBuilds } from './scripts';
import { relLabel, toSite, type FoundBuild } from './sites';
import { skaffoldBuilds } from './skaffold';
import { SOURCE_ORDER, type ContextCandidate, type DiscoveryResult } from './types';
import { CallSink } from './callers';
import { followCalls, mergeBuilds, positionalScripts } from './follow';
import { makeIncludes, RepoFiles, type RepoIndex } from './repoFiles';
import { classify, MAX_READ_BYTES, walkRepository, walkRepositoryAsync, type FoundFile } from './walk';
import { tiltfileBuilds } from './tiltfile';
import { workflowBuilds } from './workflows';
import { compareText } from '../format';

export type { BuildSite, BuildTool, CandidateSource, ContextCandidate, DiscoveryResult } from './types';
export { classify as discoverySourceKind } from './walk';

/**
 * Whether creating, changing or deleting `file` can change discovery under `root`: a cached
 * result stays valid until such a file changes (files it read are also listed in `read`).
 */
export function affectsDiscovery(file: string, root: string): boolean {
  const rel = path.relative(root, file);
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return false;
  const name = path.basename(file);
  return name === '.gitignore' || name === '.env' || classify(rel.split(path.sep).join('/')) !== undefined;
}

export interface DiscoverOptions {
  settings: Settings;
  /** Absolute Dockerfile paths to resolve; default: every Dockerfile found under `root`. */
  dockerfiles?: string[];
  /** Unsaved editor buffers first; default: the disk. */
  fs?: FileAccess;
}

export interface AsyncDiscoverOptions extends DiscoverOptions {
  signal?: AbortSignal;
  /** The language server's, so an open document's check holds the walk back. */
  scheduler?: Scheduler;
}

function tracking(fs: FileAccess, read: Set<string>): FileAccess {
  return {
    readText: (p) => {
      const t = fs.readText(p);
      if (t !== undefined) read.add(p);
      return t;
    },
    readBytes: (p) => fs.readBytes(p),
    exists: (p) => fs.exists(p),
  };
}

/** Source files of any language read at most: the rest of a huge monorepo is not worth a second. */
export const SOURCE_BUDGET_BYTES = 24 * 1024 * 1024;
const LIKELY_BUILD_CODE =
  /(^|[/\\])(scripts?|tools?|build|ci|deploy|hack|e2e|tests?|mage(files)?|release|infra)([/\\]|$)/i;
/**
 * YAML read at most for a BuildConfig or Tekton pipeline, and the largest file: a monorepo's
 * charts, CRDs and test data are many and big (argo-cd: 17 MB in 2.4k files), while the files
 * that define builds are small and sit in a few likely folders.
 */
export const MANIFEST_BUDGET_BYTES = 4 * 1024 * 1024;
const MAX_MANIFEST_BYTES = 128 * 1024;
const LIKELY_MANIFESTS =
  /(^|[/\\])(\.?tekton|\.?openshift|ocp|okd|pipelines?|build|\.?ci|\.gitlab|deploy(ments?)?|manifests?|k8s|kube|templates?)([/\\]|$)/i;

/** Files by how likely they are to matter (`likely` tests their folder), cut at a byte budget. */
function* budgeted(files: FoundFile[], root: string, likely: RegExp, budget: number): Generator<void, FoundFile[]> {
  // Likely build code first, each group in its original order. Decided once per file, with a
  // pause every few thousand: a 1M-file repository has ~100k source files, and deciding inside
  // a sort comparator held the server's event loop for half a second.
  const first: FoundFile[] = [],
    other: FoundFile[] = [];
  const under = root.endsWith(path.sep) ? root : root + path.sep;
  for (let i = 0; i < files.length; i++) {
    if (i % 256 === 255) yield;
    const f = files[i]!;
    // The walk found every file below root: its directory relative to root is a slice, which
    // path.relative (~50 µs a call) made a 100 ms step of.
    const rel = f.path.startsWith(under)
      ? path.dirname(f.path.slice(under.length))
      : path.relative(root, path.dirname(f.path));
    (likely.test(rel === '.' ? '' : rel) ? first : other).push(f);
  }
  let total = 0;
  return [...first, ...other].filter((f) => (total += f.size) <= budget);
}

/** The found files as trees for globbing, built on the first glob only. */
function repoIndex(files: FoundFile[], root: string): RepoIndex {
  return {
    files: new RepoFiles(root, () => files.map((f) => f.path)),
    dockerfiles: new RepoFiles(root, () => files.filter((f) => f.kind === 'dockerfile').map((f) => f.path)),
  };
}

/** A generator so the server can yield to its event loop between two files (see `Scheduler.drain`). */
function* buildsFromFiles(
  files: FoundFile[],
  root: string,
  fs: FileAccess,
  read: string[],
): Generator<void, FoundBuild[]> {
  const readable = (k: FoundFile['kind']): FoundFile[] => files.filter((f) => f.kind === k && f.size <= MAX_READ_BYTES);
  const sources = (yield* budgeted(readable('source'), root, LIKELY_BUILD_CODE, SOURCE_BUDGET_BYTES)).map(
    (f) => f.path,
  );
  const yamls = readable('manifest').filter((f) => f.size <= MAX_MANIFEST_BYTES);
  const manifests = yield* budgeted(yamls, root, LIKELY_MANIFESTS, MANIFEST_BUDGET_BYTES);
  const of = (k: FoundFile['kind']): string[] =>
    k === 'source' ? sources : k === 'manifest' ? manifests.map((f) => f.path) : readable(k).map((f) => f.path);
  const bakeRunners =
    of('bake').length > 0 ? [...of('makefile'), ...of('shell'), ...of('workflow'), ...of('gitlab'), ...of('ci')] : [];
  const out: FoundBuild[] = [
    ...composeBuilds(of('compose'), fs, read),
    ...bakeBuilds(of('bake'), { fs, root, runners: bakeRunners }),
  ];
  const repo = repoIndex(files, root);
  const sink = new CallSink(root, positionalScripts(of('shell'), fs), repo);
  repo.sink = sink;
  repo.includedFrom = makeIncludes(of('makefile'), fs);
  const readers: Array<[FoundFile['kind'], (file: string, text: string) => FoundBuild[]]> = [
    ['skaffold', (f, t) => skaffoldBuilds(f, t, fs)],
    ['devcontainer', (f, t) => devcontainerBuilds(f, t, fs)],
    ['makefile', (f, t) => makefileBuilds(f, t, root, fs, repo)],
    ['shell', (f, t) => shellBuilds(f, t, root, fs, 'script', repo)],
    ['source', (f, t) => sourceBuilds(f, t, root, fs, 'script', repo)],
    ['workflow', (f, t) => workflowBuilds(f, t, root, fs, repo)],
    ['gitlab', (f, t) => gitlabBuilds(f, t, fs)],
    ['ci', (f, t) => sourceBuilds(f, t, root, fs, 'ci', repo)],
    ['manifest', (f, t) => manifestBuilds(f, t, root, fs)],
    ['goreleaser', (f, t) => goreleaserBuilds(f, t, fs)],
    ['gitpod', (f, t) => gitpodBuilds(f, t, fs)],
    ['npm', (f, t) => packageScriptBuilds(f, t, root, fs)],
    ['tiltfile', (f, t) => tiltfileBuilds(f, t, root, fs)],
  ];
  for (const [kind, reader] of readers) {
    for (const file of of(kind)) {
      yield;
      const text = fs.readText(file);
      if (text !== undefined) out.push(...reader(file, text));
    }
  }
  yield;
  return mergeBuilds(out, followCalls(sink, fs));
}

const rank = (b: { source: ContextCandidate['source'] }): number => SOURCE_ORDER.indexOf(b.source);

/** What the answer assumed and where else it came from, after its file and line. */
function detailLabel(b: FoundBuild, root: string): string {
  const parts = [
    ...(b.note ? [b.note] : []),
    ...(b.assumed ? [b.assumed.join('; ')] : []),
    ...(b.via ?? []).map((v) => `${v.label} ${relLabel(v.file, root)}:${v.line}`),
  ];
  return parts.length > 0 ? ` (${parts.join(', ')})` : '';
}

function evidenceCandidates(dockerfile: string, builds: FoundBuild[], root: string): ContextCandidate[] {
  const sorted = builds
    .filter((b) => b.dockerfile === dockerfile)
    .sort((a, b) => rank(a) - rank(b) || compareText(a.file, b.file) || a.line - b.line);
  const seen = new Set<string>();
  const out: ContextCandidate[] = [];
  for (const b of sorted) {
    const key = `${b.contextDir}\0${b.builder ?? ''}\0${b.temporaryContext ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const c: ContextCandidate = {
      dockerfile,
      contextDir: b.contextDir,
      source: b.source,
      provenance: `${relLabel(b.file, root)}:${b.line}${detailLabel(b, root)}`,
      file: b.file,
      line: b.line,
    };
    if (b.builder) c.builder = b.builder;
    if (b.additionalContexts) c.additionalContexts = b.additionalContexts;
    if (b.temporaryContext) c.temporaryContext = b.temporaryContext;
    out.push(c);
  }
  return out;
}

function candidatesFor(
  dockerfile: string,
  builds: FoundBuild[],
  root: string,
  settings: Settings,
  fs: FileAccess,
): ContextCandidate[] {
  // Explicit configuration is the user overruling discovery, so it stands alone.
  const configured = configCandidates(dockerfile, settings.contexts ?? [], root);
  if (configured.length > 0) return configured;
  const text = fs.readText(dockerfile) ?? '';
  const evidence = evidenceCandidates(dockerfile, [...builds, ...headerBuilds(dockerfile, text, { root, fs })], root);
  if (evidence.length > 0) return evidence;
  const inferred = inferContext(dockerfile, text, root, fs);
  if (inferred) {
    const detail = inferred.found === inferred.total ? '' : ` (${inferred.found} of ${inferred.total} found)`;
    return [
      {
        dockerfile,
        contextDir: inferred.contextDir,
        source: 'inference',
        provenance: `inferred from COPY sources${detail}`,
      },
    ];
  }
  return [fallbackCandidate(dockerfile)];
}

/** No build says where the context is: the Dockerfile's folder, as `docker build -f X dir(X)`. */
export function fallbackCandidate(dockerfile: string): ContextCandidate {
  return {
    dockerfile,
    contextDir: path.dirname(dockerfile),
    source: 'fallback',
    provenance: "the Dockerfile's folder",
  };
}

interface Walked {
  absRoot: string;
  files: FoundFile[];
  fs: FileAccess;
  readSet: Set<string>;
  extraRead: string[];
}

function walkState(root: string, opts: DiscoverOptions): Omit<Walked, 'files'> {
  const readSet = new Set<string>();
  return { absRoot: path.resolve(root), readSet, fs: tracking(opts.fs ?? diskAccess, readSet), extraRead: [] };
}

function* resolveAll(w: Walked, opts: DiscoverOptions): Generator<void, DiscoveryResult> {
  const { absRoot, files, fs, readSet, extraRead } = w;
  const builds = yield* buildsFromFiles(files, absRoot, fs, extraRead);
  const dockerfiles =
    opts.dockerfiles?.map((d) => path.resolve(d)) ??
    [
      ...new Set([
        ...files.filter((f) => f.kind === 'dockerfile').map((f) => f.path),
        ...builds.map((b) => b.dockerfile),
      ]),
    ].sort();
  const candidates = new Map<string, ContextCandidate[]>();
  for (const d of dockerfiles) {
    yield;
    candidates.set(d, candidatesFor(d, builds, absRoot, opts.settings, fs));
  }
  const sites = builds
    .filter((b) => b.isSite)
    .map(toSite)
    .sort((a, b) => compareText(a.file, b.file) || a.line - b.line);
  for (const r of extraRead) readSet.add(r);
  const ignoreFiles = files.filter((f) => f.kind === 'ignorefile').map((f) => f.path);
  return { candidates, sites, read: [...readSet].sort(), ignoreFiles };
}

/** Discovers every Dockerfile's contexts and every build site under `root` (absolute). */
export function discoverContexts(root: string, opts: DiscoverOptions): DiscoveryResult {
  const w = walkState(root, opts);
  return drain(resolveAll({ ...w, files: walkRepository(w.absRoot, w.fs, w.extraRead) }, opts));
}

/**
 * The same discovery for the language server: the walk reads directories off the main thread
 * and the readers yield to the event loop every few milliseconds, so hovers and diagnostics of
 * open files are answered while a large monorepo is discovered (issue 4). Same result.
 */
export async function discoverContextsAsync(root: string, opts: AsyncDiscoverOptions): Promise<DiscoveryResult> {
  const w = walkState(root, opts);
  const s = opts.scheduler ?? new Scheduler();
  const files = await walkRepositoryAsync(w.absRoot, w.fs, w.extraRead, { signal: opts.signal, scheduler: s });
  return s.drain(resolveAll({ ...w, files }, opts), opts.signal);
}
