// copy-source-missing: a COPY/ADD source that is not in the build context fails the build
// ("failed to compute cache key: ... not found"). Variables are substituted as BuildKit
// does; a source whose value depends on something we cannot know is skipped, not guessed.
import type { Finding } from '../types';
import { parseDockerfile } from '../dockerfile';
import type { Rule, RuleContext } from './types';
import { contextLabel, contextSources, leavesContext, sourceExists } from './support/copySources';

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
    out.push({
      ruleId: ID,
      severity: 'error',
      file: ctx.file,
      range: src.source.range,
      message: `${src.copy.keyword} source \`${src.source.raw}\` ${what}, so the build fails.`,
      fixes: [],
    });
  }
  return out;
}

export const copySourceMissing: Rule = {
  id: ID,
  appliesTo: 'dockerfile',
  defaultSeverity: 'error',
  description: 'A COPY/ADD source does not exist in the build context, so the build fails.',
  check,
};
