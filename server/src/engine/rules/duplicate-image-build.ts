// duplicate-image-build: the incident's second finding. The same images were built once by
// the Makefile and again with --no-cache during deployment, 14 minutes per test run spent
// rebuilding what already existed. Flags a Dockerfile that one file builds more than once, or
// that a site rebuilds with --no-cache after another site already built it (issue 6).
import * as path from 'node:path';
import type { Finding } from '../types';
import type { BuildSite } from '../discovery/types';
import { lineText } from '../edits';
import type { Rule, RuleContext } from './types';
import { compareText } from '../format';
import type { FileAccess } from '../types';
import { sameInvocation } from './support/invocations';

const ID = 'duplicate-image-build';

// Builds of different stages, platforms, build args or contexts are different images; so are
// builds whose context Tilt narrows differently (`only=`), which send different files.
const imageKey = (s: BuildSite): string =>
  [s.contextDir, s.target ?? '', s.platform ?? '', (s.buildArgs ?? []).join('\n'), s.contextFilter ?? ''].join('\0');

/** The sites that build `dockerfile`, one per file:line, in file then line order. */
export function sitesOf(ctx: RuleContext, dockerfile: string): BuildSite[] {
  const seen = new Map<string, BuildSite>();
  for (const b of ctx.builds) {
    for (const s of b.sites ?? []) if (s.dockerfile === dockerfile) seen.set(`${s.file}:${s.line}`, s);
  }
  return [...seen.values()].sort((a, b) => compareText(a.file, b.file) || a.line - b.line);
}

function commonDir(files: string[]): string {
  let dir = path.dirname(files[0] as string);
  for (const f of files)
    while (!(f === dir || f.startsWith(dir.endsWith(path.sep) ? dir : dir + path.sep))) dir = path.dirname(dir);
  return dir;
}

type Label = (file: string, line?: number) => string;

/**
 * Compose services that name the same `image:` are the idiom for one image several services
 * run (loki's eight `image: loki` services, built with `compose build distributor`): one build.
 */
function oneImagePerName(sites: BuildSite[]): BuildSite[] {
  const named = new Set<string>();
  return sites.filter((s) => {
    if (s.tool !== 'compose' || s.tag === undefined) return true;
    if (named.has(s.tag)) return false;
    named.add(s.tag);
    return true;
  });
}

/** Problems within one image's sites, as message parts. */
function problems(sites: BuildSite[], label: Label, fs: FileAccess): string[] {
  const at = (s: BuildSite): string => label(s.file, s.line);
  const parts: string[] = [];
  const byFile = new Map<string, BuildSite[]>();
  for (const s of sites) byFile.set(s.file, [...(byFile.get(s.file) ?? []), s]);
  for (const [file, all] of byFile) {
    const list = oneImagePerName(all);
    // Only builds one invocation runs: alternative Make targets or CI jobs never run together.
    const together = list.filter((s) => list.some((o) => o !== s && sameInvocation(s, o, fs)));
    if (together.length > 1)
      parts.push(`${label(file)} builds it ${together.length} times (${together.map(at).join(', ')})`);
  }
  for (const s of sites.filter((x) => x.noCache)) {
    const others = sites.filter((o) => o.file !== s.file);
    if (others.length > 0)
      parts.push(
        `${at(s)} rebuilds it with --no-cache although ${others.map(at).join(', ')} already ${others.length === 1 ? 'builds' : 'build'} it`,
      );
  }
  return parts;
}

export const duplicateImageBuild: Rule = {
  id: ID,
  appliesTo: 'dockerfile',
  defaultSeverity: 'warning',
  description:
    'The same Dockerfile is built more than once by one script, or rebuilt with --no-cache after another build.',
  check(ctx) {
    if (ctx.kind !== 'dockerfile') return [];
    const sites = sitesOf(ctx, ctx.file);
    if (sites.length < 2) return [];
    const base = commonDir([ctx.file, ...sites.map((s) => s.file)]);
    const label: Label = (file, line) =>
      `${path.relative(base, file).split(path.sep).join('/')}${line === undefined ? '' : `:${line}`}`;
    const groups = new Map<string, BuildSite[]>();
    for (const s of sites) groups.set(imageKey(s), [...(groups.get(imageKey(s)) ?? []), s]);
    const parts = [...groups.values()].flatMap((g) => problems(g, label, ctx.fs));
    if (parts.length === 0) return [];
    const first = lineText(ctx.text, 0);
    const finding: Finding = {
      ruleId: ID,
      severity: 'warning',
      file: ctx.file,
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: first.length } },
      message: `This image is built more than once: ${parts.join('; ')}.`,
      fixes: [],
    };
    return [finding];
  },
};
