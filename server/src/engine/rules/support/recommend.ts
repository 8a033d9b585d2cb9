// The `.dockerignore` we create for a build that has none, from what its context holds: `.git`,
// heavy generated/dependency directories, exact translations of git-ignored paths and files that
// look like credentials — never a pattern that would touch a path a COPY names. Every rule whose
// fix needs a new ignore file creates this same file, so fix-all never meets two different
// versions of one new file.
import * as path from 'node:path';
import type { Fix } from '../../types';
import type { BuildInfo, RuleContext } from '../types';
import { contextCopies, copyNaming, type ContextCopy } from './copies';
import { gitignoredGroups } from './gitignored';
import { heavyDirectories } from './heavy';
import { excludeFix, literalPattern, patternKey } from './ignoreFix';
import { copyBrokenBy, directMatcher } from './match';
import { sentSecrets } from './secrets';
import { breaksInputs, buildModel, modelsReady, type Guard } from './inputs';

export const CREATED_HEADER =
  'Created by buildctx from what this build context holds; see docs/rules/missing-ignore-file.md';

/** Undefined while a whole-tree input is still computed in the background (see `deferByScan`). */
function candidates(build: BuildInfo, x: ExclusionContext, copies: ContextCopy[]): string[] | undefined {
  const scan = build.scan!;
  const heavy = heavyDirectories(x.work, scan, x.largeDirectory);
  const groups = gitignoredGroups(x.work, scan, x.fs);
  const secrets = sentSecrets(x.work, scan, x.fs);
  if (!heavy || !groups || !secrets || !buildModel(x.work, build, x.fs, x.dockerfileText)) return undefined;
  const out: string[] = [];
  if (scan.root.dirs.has('.git') || scan.root.files.has('.git')) out.push('.git');
  // Known heavy directories only; the `**/name` ones first, as a person groups them.
  const known = heavy.flatMap((h) => (h.kind !== null && h.pattern !== null ? [h.pattern] : []));
  out.push(...known.filter((p) => p.startsWith('**/')), ...known.filter((p) => !p.startsWith('**/')));
  for (const g of groups) if (g.docker) out.push(g.docker);
  for (const s of secrets) {
    const lit = literalPattern(s.path);
    if (lit && !copyNaming(copies, s.path)) out.push(lit);
  }
  return out;
}

/**
 * Patterns for a new ignore file of `build` (empty while the context is not scanned; undefined
 * while the language server still computes what the tree holds, so no half file is offered).
 */
export function recommendedExclusions(build: BuildInfo, x: ExclusionContext): string[] | undefined {
  const scan = build.scan;
  if (!scan || scan.fatal) return [];
  const copies = contextCopies(x.dockerfileText, build.builder);
  const found = candidates(build, x, copies);
  if (!found) return undefined;
  // One answer per scan, the last one asked (a key per keystroke would only pile up); `memo`
  // keys it by the tree's state too: a watched-file patch (a new .env) changes it.
  const key = `${x.largeDirectory}\0${build.builder}\0${x.dockerfileText}`;
  return x.work.memo(scan, 'recommended-exclusions', key, () => screened(found, build, copies, x));
}

/** `found` without duplicates and without patterns that would break a COPY or drop a build input. */
function screened(found: string[], build: BuildInfo, copies: ContextCopy[], g: Guard): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const p of found) {
    const k = patternKey(p);
    if (seen.has(k)) continue;
    seen.add(k);
    const test = directMatcher(p, build.builder);
    if (test && !copyBrokenBy(test, copies) && !breaksInputs(g, build, [p])) out.push(p);
  }
  return out;
}

export interface ExclusionContext extends Guard {
  largeDirectory: number;
  dockerfileText: string;
}

export const exclusionContext = (ctx: RuleContext, dockerfileText = ctx.text): ExclusionContext => ({
  fs: ctx.fs,
  work: ctx.work,
  builds: ctx.builds,
  ...(ctx.sharing ? { sharing: ctx.sharing } : {}),
  largeDirectory: ctx.settings.largeDirectory,
  dockerfileText,
});

/**
 * Whether `exclusionFix` can be built yet. Without an ignore file the fix creates the whole
 * recommended one, which needs every background result first: until then the rules offering
 * it stay silent rather than show a finding whose fix would create half a file.
 */
export function exclusionFixReady(build: BuildInfo, x: ExclusionContext): boolean {
  if (!modelsReady(x, build)) return false;
  return build.ignoreFile !== null || recommendedExclusions(build, x) !== undefined;
}

/**
 * The fix that excludes `patterns` for `build`: appended to its ignore file, or — when it has
 * none — the whole recommended `.dockerignore` created at once (including `patterns`).
 */
export function exclusionFix(
  build: BuildInfo,
  x: ExclusionContext,
  patterns: string[],
  opts: { safe: boolean },
): Fix | null {
  const fix = unguarded(build, x, patterns, opts);
  if (!fix?.safe) return fix;
  const why = breaksInputs(x, build, patterns);
  return why ? { ...fix, safe: false, preferred: false, unsafeBecause: why } : fix;
}

function unguarded(build: BuildInfo, x: ExclusionContext, patterns: string[], opts: { safe: boolean }): Fix | null {
  if (build.ignoreFile) return excludeFix(build, x.fs, patterns, opts);
  const recommended = recommendedExclusions(build, x);
  if (!recommended) return null;
  const keys = new Set(recommended.map(patternKey));
  const extra = patterns.filter((p) => !keys.has(patternKey(p)));
  const all = [...recommended, ...extra];
  if (all.length === 0) return null;
  return excludeFix(build, x.fs, all, {
    safe: opts.safe,
    comment: CREATED_HEADER,
    title: `Create ${createdName(build)} (${all.length === 1 ? `\`${all[0]}\`` : `${all.length} patterns`})`,
  });
}

const createdName = (build: BuildInfo): string => path.basename(build.ignoreFileToCreate);
