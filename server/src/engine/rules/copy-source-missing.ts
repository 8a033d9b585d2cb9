// copy-source-missing: a COPY/ADD source that is not in the build context fails the build
// ("failed to compute cache key: ... not found"). Variables are substituted as BuildKit
// does; a source whose value depends on something we cannot know is skipped, not guessed.
// A source git ignores, or in a build-output folder, is what a pipeline makes before the
// image (`make build`, promu, goreleaser): an info, not an error a clean checkout proves.
import type { Finding } from '../types';
import { parseDockerfile } from '../dockerfile';
import * as path from 'node:path';
import type { BuildInfo, Rule, RuleContext } from './types';
import { contextLabel, contextSources, leavesContext, sourceExists, type ContextSource } from './support/copySources';
import { pipelineOutput } from './support/pipeline';

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
    const built =
      pipelineOutput(src.path, missingIn.contextDir, missingIn.scan?.root, ctx.fs) ??
      madeBySite(src.path, missingIn, ctx);
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

/** How far above its build command a recipe or CI job usually makes what the image copies. */
const RECIPE_LINES = 30;

/**
 * `make docker` copying a binary to ./thanos_tmp_for_docker just before `docker build .`: the
 * lines above the build command (same recipe, same job) name the missing path, so the pipeline
 * makes it first (issue 14). Null when no build site of this context names it.
 */
function madeBySite(rel: string, b: BuildInfo, ctx: RuleContext): string | null {
  const name = rel
    .split('/')
    .filter((seg) => seg !== '' && !/[*?[]/.test(seg))
    .pop();
  if (!name || name.length < 3) return null;
  const word = new RegExp(`(^|[\\s/='"])${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[\\s/'";&|])`);
  for (const site of b.sites ?? []) {
    if (site.dockerfile !== b.dockerfile) continue;
    const lines = (ctx.fs.readText(site.file) ?? '').split(/\r?\n/);
    for (let i = Math.max(0, site.line - 1 - RECIPE_LINES); i < site.line - 1; i++)
      if (word.test(lines[i] ?? ''))
        return `${path.basename(site.file)}:${i + 1} makes it before the build (line ${site.line})`;
  }
  return null;
}

export const copySourceMissing: Rule = {
  id: ID,
  appliesTo: 'dockerfile',
  defaultSeverity: 'error',
  description: 'A COPY/ADD source does not exist in the build context, so the build fails.',
  check,
};
