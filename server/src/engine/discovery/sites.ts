// The common shape every reader produces: a build found in a file, with its resolved paths.
// index.ts turns these into context candidates and build sites.
import * as path from 'node:path';
import type { FileAccess } from '../types';
import type { Builder } from '../types';
import { bindAll, openMatches, variants, type Variant } from './assume';
import { parseBuildCommand, type ParsedBuild } from './command';
import type { RepoFiles } from './repoFiles';
import { resolveBuild } from './resolve';
import type { ShellCall } from './shellWords';
import type { BuildSite, BuildTool, CandidateSource, TemporaryContext } from './types';

export interface FoundBuild {
  source: CandidateSource;
  file: string;
  /** 1-based. */
  line: number;
  tool: BuildTool;
  dockerfile: string;
  contextDir: string;
  builder?: Builder;
  noCache: boolean;
  tag?: string;
  target?: string;
  platform?: string;
  buildArgs?: string[];
  additionalContexts?: Record<string, string>;
  temporaryContext?: TemporaryContext;
  /** False for evidence that is not a build (a Dockerfile's header comment). */
  isSite: boolean;
  /** What the answer assumed, for people: "run from . by Makefile:2", "COMPONENT=tempo". */
  note?: string;
  /** What narrows the context beyond the ignore file (Tilt's `only=`/`ignore=`), as written. */
  contextFilter?: string;
  /** Other places the answer came from (an extended service, the file that included this one). */
  via?: Array<{ label: string; file: string; line: number }>;
  /** Values assumed for this build (`COMPONENT=api from Makefile:5`), for provenance. */
  assumed?: string[];
  /** A value was taken from the Dockerfiles that exist, not from the text: a caller's value beats it. */
  open?: boolean;
  /** Read with a caller's values (a make goal's variables, a script's arguments). */
  bound?: boolean;
}

/** A path for people: relative to the root with `/`, absolute when outside it. */
export function relLabel(file: string, root: string): string {
  const rel = path.relative(root, file);
  return (rel === '' || rel.startsWith('..') || path.isAbsolute(rel) ? file : rel).split(path.sep).join('/');
}

/** Directories from `from` up to `root`, nearest first (just `root` when `from` is outside it). */
export function ancestors(from: string, root: string): string[] {
  const out: string[] = [];
  let dir = from;
  const rel = path.relative(root, from);
  if (rel.startsWith('..') || path.isAbsolute(rel)) return [root];
  for (;;) {
    out.push(dir);
    if (dir === root) return out;
    const up = path.dirname(dir);
    if (up === dir) return out;
    dir = up;
  }
}

export interface CallContext {
  file: string;
  lineOffset: number;
  source: CandidateSource;
  root: string;
  fs: FileAccess;
  /** The repository's Dockerfiles, to match a template whose variable stays unknown. */
  dockerfiles?: RepoFiles;
  /** Values the caller assumed for the whole text (a make goal's variables, a script's arguments). */
  assumed?: string[];
}

/** Reads the shell calls of one text into builds; `fallbackBases` apply while the cwd is unknown. */
export function buildsFromCalls(calls: ShellCall[], ctx: CallContext, fallbackBases: string[]): FoundBuild[] {
  const out: FoundBuild[] = [];
  for (const call of calls) {
    const bases = typeof call.cwd === 'string' ? [call.cwd] : call.cwd === null ? [] : fallbackBases;
    const at = { ...ctx, line: ctx.lineOffset + call.line - 1 };
    for (const v of variants(call)) out.push(...variantBuilds(v, bases, at));
  }
  return out;
}

function variantBuilds(v: Variant, bases: string[], at: CallContext & { line: number }): FoundBuild[] {
  const parsed = parseBuildCommand(v.args, v.env);
  if (!parsed) return [];
  const b = fromParsed(parsed, bases, at);
  const assumed = [...(at.assumed ?? []), ...v.assumed];
  if (b) return [assumed.length > 0 ? { ...b, assumed } : b];
  if (!at.dockerfiles) return [];
  const out: FoundBuild[] = [];
  for (const m of openMatches(parsed, bases, at.dockerfiles)) {
    const bound = bindAll(v, m.name, m.value, m.label);
    const p = parseBuildCommand(bound.args, bound.env);
    const found = p && fromParsed(p, bases, at);
    if (found) out.push({ ...found, assumed: [...(at.assumed ?? []), ...bound.assumed], open: true });
  }
  return out;
}

export function fromParsed(
  parsed: ParsedBuild,
  bases: string[],
  at: { file: string; line: number; source: CandidateSource; fs: FileAccess },
): FoundBuild | undefined {
  const r = resolveBuild(parsed, bases, at.fs);
  if (!r) return undefined;
  const out: FoundBuild = {
    source: at.source,
    file: at.file,
    line: at.line,
    tool: parsed.tool,
    dockerfile: r.dockerfile,
    contextDir: r.contextDir,
    noCache: parsed.noCache,
    isSite: true,
  };
  if (parsed.builder) out.builder = parsed.builder;
  if (parsed.tag !== undefined) out.tag = parsed.tag;
  if (parsed.target !== undefined) out.target = parsed.target;
  if (parsed.platform !== undefined) out.platform = parsed.platform;
  if (parsed.buildArgs.length > 0) out.buildArgs = [...parsed.buildArgs].sort();
  if (r.additionalContexts) out.additionalContexts = r.additionalContexts;
  return out;
}

export function toSite(b: FoundBuild): BuildSite {
  const site: BuildSite = {
    file: b.file,
    line: b.line,
    tool: b.tool,
    dockerfile: b.dockerfile,
    contextDir: b.contextDir,
    noCache: b.noCache,
  };
  if (b.tag !== undefined) site.tag = b.tag;
  if (b.target !== undefined) site.target = b.target;
  if (b.platform !== undefined) site.platform = b.platform;
  if (b.buildArgs) site.buildArgs = b.buildArgs;
  if (b.builder) site.builder = b.builder;
  if (b.contextFilter !== undefined) site.contextFilter = b.contextFilter;
  return site;
}
