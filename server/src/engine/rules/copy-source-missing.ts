// copy-source-missing: a COPY/ADD source that is not in the build context fails the build
// ("failed to compute cache key: ... not found"). Variables are substituted as BuildKit
// does; a source whose value depends on something we cannot know is skipped, not guessed.
import * as path from 'node:path';
import type { Finding } from '../types';
import { parseDockerfile } from '../dockerfile';
import type { BuildInfo, Rule, RuleContext } from './types';
import { leavesContext } from './copy-source-outside-context';
import { contextSources, hasWildcard, matchSource, type ContextSource } from './support/copySources';

const ID = 'copy-source-missing';

export function contextLabel(b: BuildInfo): string {
  const rel = path.relative(path.dirname(b.dockerfile), b.contextDir).split(path.sep).join('/');
  return rel === '' ? 'the build context (the Dockerfile\'s directory)' : `the build context ${rel}`;
}

/** True/false when we can tell whether the source exists in this build's context; null when we cannot yet. */
export function sourceExists(src: ContextSource, b: BuildInfo, ctx: RuleContext): boolean | null {
  if (b.scan && !b.scan.fatal) {
    const m = matchSource(b.scan.root, src.path);
    return m === null ? null : m.length > 0;
  }
  // A context directory that is not there is a wrong context, not a missing source on every COPY.
  if (hasWildcard(src.path) || !ctx.fs.exists(b.contextDir)) return null;
  return ctx.fs.exists(path.join(b.contextDir, ...src.path.split('/')));
}

function check(ctx: RuleContext): Finding[] {
  if (ctx.kind !== 'dockerfile' || ctx.builds.length === 0) return [];
  const model = parseDockerfile(ctx.text);
  const out: Finding[] = [];
  for (const src of contextSources(model)) {
    // Reported once, by copy-source-outside-context, which also says what the clamped path does.
    if (leavesContext(src.source.value)) continue;
    const missingIn = ctx.builds.find((b) => sourceExists(src, b, ctx) === false);
    if (!missingIn) continue;
    const what = src.source.hasWildcard ? `matches nothing in ${contextLabel(missingIn)}` : `does not exist in ${contextLabel(missingIn)}`;
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
