// The files that may say how Dockerfiles are built, read into builds: which files are read
// (source and manifests within a byte budget, likely folders first), each kind's reader, and
// the calls between them (make goals, scripts taking arguments) followed at the end.
import * as path from 'node:path';
import type { FileAccess } from '../types';
import { bakeBuilds } from './bake';
import { CallSink } from './callers';
import { composeBuilds } from './compose';
import { devcontainerBuilds } from './devcontainer';
import { followCalls, mergeBuilds, positionalScripts } from './follow';
import { gitlabBuilds } from './gitlab';
import { gitpodBuilds } from './gitpod';
import { goreleaserBuilds } from './goreleaser';
import { manifestBuilds } from './manifests';
import { packageScriptBuilds } from './packageScripts';
import { makeIncludes, RepoFiles, type RepoIndex } from './repoFiles';
import { makefileBuilds, shellBuilds, sourceBuilds } from './scripts';
import type { FoundBuild } from './sites';
import { skaffoldBuilds } from './skaffold';
import { tiltfileBuilds } from './tiltfile';
import { MAX_READ_BYTES, type FoundFile } from './walk';
import { workflowBuilds } from './workflows';

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

/**
 * Script files are read up to three times per discovery (does it take arguments? which Makefile
 * includes it? its builds, then its callers'): each once, for the time of one discovery.
 */
function readOnce(fs: FileAccess, paths: string[]): FileAccess {
  const wanted = new Set(paths);
  const texts = new Map<string, string | undefined>();
  return {
    ...fs,
    readText: (p) => {
      if (!wanted.has(p)) return fs.readText(p);
      if (!texts.has(p)) texts.set(p, fs.readText(p));
      return texts.get(p);
    },
  };
}

/** A generator so the server can yield to its event loop between two files (see `Scheduler.drain`). */
export function* buildsFromFiles(
  files: FoundFile[],
  root: string,
  anyFs: FileAccess,
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
  const fs = readOnce(anyFs, [...of('makefile'), ...of('shell')]);
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
