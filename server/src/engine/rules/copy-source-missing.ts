// copy-source-missing: a COPY/ADD source that is not in the build context fails the build
// ("failed to compute cache key: ... not found"). Variables are substituted as BuildKit
// does; a source whose value depends on something we cannot know is skipped, not guessed.
// A source git ignores, or in a build-output folder, is what a pipeline makes before the
// image (`make build`, promu, goreleaser): an info, not an error a clean checkout proves.
import type { Finding } from '../types';
import { parseDockerfile } from '../dockerfile';
import type { BuildInfo, Rule, RuleContext } from './types';
import { contextLabel, contextSources, leavesContext, sourceExists, type ContextSource } from './support/copySources';
import { gitIgnoredTest } from '../gitignore/ignoredTest';

const ID = 'copy-source-missing';

function check(ctx: RuleContext): Finding[] {
  if (ctx.kind !== 'dockerfile' || ctx.builds.length === 0) return [];
  const model = parseDockerfile(ctx.text);
  const out: Finding[] = [];
  for (const src of contextSources(model)) {
    // Reported once, by copy-source-outside-context, which also says what the clamped path does.
    if (leavesContext(src.source.value)) continue;
    const missingIn = ctx.builds.find((b) => sourceExists(src, b, ctx) === false);
    if (!missingIn) continue;
    const what = src.source.hasWildcard
      ? `matches nothing in ${contextLabel(missingIn)}`
      : `does not exist in ${contextLabel(missingIn)}`;
    const built = builtBefore(src.path, missingIn, ctx);
    const message = built
      ? `${src.copy.keyword} source ${shown(src)} ${what}: ${built}, so it is probably built before the image. ` +
        'Without it the build fails.'
      : `${src.copy.keyword} source ${shown(src)} ${what}, so the build fails.`;
    out.push({
      ruleId: ID,
      severity: built ? 'info' : 'error',
      file: ctx.file,
      range: src.source.range,
      message,
      fixes: [],
    });
  }
  return out;
}

/** The source as written, with the value BuildKit sees when a variable made it (`${BINARY}` → bin/app). */
function shown(src: ContextSource): string {
  const { raw, value } = src.source;
  return value !== null && value !== raw ? `\`${raw}\` (${value})` : `\`${raw}\``;
}

/** Folders that hold what a build pipeline produces before `docker build` runs. */
const OUTPUT_DIRS = new Set([
  'bin',
  'dist',
  'build',
  'out',
  'output',
  '_output',
  'target',
  '.build',
  'release',
  'artifacts',
]);

/**
 * Why a missing source looks like something the pipeline makes first (issue 14): git ignores it,
 * so a clean checkout never has it; or it lies in a build-output folder. Null otherwise.
 */
function builtBefore(rel: string, b: BuildInfo, ctx: RuleContext): string | null {
  const segs = rel.split('/');
  const wild = segs.findIndex((seg) => /[*?[]/.test(seg));
  const literal = (wild < 0 ? segs : segs.slice(0, wild)).join('/');
  const outDir = segs.slice(0, -1).find((seg) => OUTPUT_DIRS.has(seg));
  const root = b.scan?.root;
  const ignored = root ? gitIgnoredTest(b.contextDir, root, ctx.fs) : undefined;
  // The path does not exist, so it may be a file or a folder: ask git both ways.
  if (ignored && literal !== '' && (ignored(literal) || ignored(`${literal}/x`))) return 'git ignores that path';
  return outDir ? `it lies in ${outDir}/, a build-output folder` : null;
}

export const copySourceMissing: Rule = {
  id: ID,
  appliesTo: 'dockerfile',
  defaultSeverity: 'error',
  description: 'A COPY/ADD source does not exist in the build context, so the build fails.',
  check,
};
