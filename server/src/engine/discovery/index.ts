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
import { configCandidates } from './config';
import { headerBuilds } from './header';
import { inferContext } from './inference';
import { relLabel, toSite, type FoundBuild } from './sites';
import { SOURCE_ORDER, type ContextCandidate, type DiscoveryResult } from './types';
import { classify, walkRepository, walkRepositoryAsync, type FoundFile } from './walk';
import { buildsFromFiles } from './readBuilds';

export { MANIFEST_BUDGET_BYTES, SOURCE_BUDGET_BYTES } from './readBuilds';
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
