// copy-source-ignored: the source exists on disk but the ignore file keeps it out of the
// context, so the build fails. Decided on the scan, which applies the builder's exact
// `!` semantics (BuildKit's own check gives up as soon as the file has any `!`).
import * as path from 'node:path';
import type { Finding, Fix } from '../types';
import { appendLines } from '../edits';
import { parseDockerfile } from '../dockerfile';
import type { BuildInfo, FileAccess, Rule, RuleContext } from './types';
import { contextSources, isSent, matchSource, type ContextSource } from './support/copySources';
import { literalPattern, writtenPatterns, patternKey } from './support/ignoreFix';

const ID = 'copy-source-ignored';

/** The re-include line that brings the source back under this builder, or null when none would. */
export function reincludePattern(src: ContextSource, b: BuildInfo): string | null {
  if (!src.source.hasWildcard) {
    const lit = literalPattern(src.path);
    return lit === null ? null : `!${lit}`;
  }
  // The classic walker only enters an excluded directory for a `!` pattern that literally
  // starts with that directory (SEMANTICS.md §5), so wildcards may only be in the last segment.
  const dirs = src.path.split('/').slice(0, -1).join('/');
  if (b.builder === 'classic' && /[*?[\\]/.test(dirs)) return null;
  return /[\r\n]/.test(src.path) || src.path.startsWith('#') ? null : `!${src.path}`;
}

function reincludeFix(src: ContextSource, b: BuildInfo, fs: FileAccess): Fix | null {
  if (!b.ignoreFile) return null;
  const line = reincludePattern(src, b);
  const text = fs.readText(b.ignoreFile);
  if (line === null || text === undefined) return null;
  // Already written yet still excluded: appending it again would change nothing.
  if ([...writtenPatterns(text)].some((k) => k === patternKey(line))) return null;
  const name = path.basename(b.ignoreFile);
  return {
    title: `Re-include \`${src.source.raw}\` in ${name} (\`${line}\`)`,
    edits: [appendLines(b.ignoreFile, text, [line])],
    safe: true,
    preferred: true,
  };
}

/** The pattern that excluded the first excluded match, for the message. */
function decidingPattern(b: BuildInfo, index: number): string {
  const p = b.scan?.patterns[index];
  if (!p || !b.ignoreFile) return `by ${b.ignoreFile ? path.basename(b.ignoreFile) : 'the ignore file'}`;
  return `by \`${p.raw.trim()}\` (${path.basename(b.ignoreFile)} line ${p.line + 1})`;
}

function ignoredIn(src: ContextSource, b: BuildInfo): { by: string } | null {
  if (!b.scan || b.scan.fatal) return null;
  const matches = matchSource(b.scan.root, src.path);
  if (!matches || matches.length === 0 || matches.some(isSent)) return null;
  const first = matches[0]!;
  const index = first.file ? first.file.excludedBy : first.dir!.excludedBy;
  return { by: decidingPattern(b, index) };
}

function check(ctx: RuleContext): Finding[] {
  if (ctx.kind !== 'dockerfile' || ctx.builds.length === 0) return [];
  const model = parseDockerfile(ctx.text);
  const out: Finding[] = [];
  for (const src of contextSources(model)) {
    for (const b of ctx.builds) {
      const hit = ignoredIn(src, b);
      if (!hit) continue;
      const fix = reincludeFix(src, b, ctx.fs);
      const what = src.source.hasWildcard ? 'everything it matches is' : 'it is';
      out.push({
        ruleId: ID,
        severity: 'error',
        file: ctx.file,
        range: src.source.range,
        message: `${src.copy.keyword} source \`${src.source.raw}\` is in the context directory but ${what} excluded ${hit.by}${b.builder !== 'buildkit' ? ` under ${b.builder}` : ''}, so the build fails.`,
        fixes: fix ? [fix] : [],
      });
      break;
    }
  }
  return out;
}

export const copySourceIgnored: Rule = {
  id: ID,
  appliesTo: 'dockerfile',
  defaultSeverity: 'error',
  description: 'A COPY/ADD source is excluded by the ignore file under the chosen builder, so the build fails.',
  check,
};
