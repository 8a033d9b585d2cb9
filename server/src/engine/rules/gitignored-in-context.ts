// Files the repository's .gitignore files ignore (build output, local env files, coverage)
// but the build still receives. Gitignore and dockerignore syntaxes disagree (SEMANTICS.md),
// so the safe fix only ever writes a Docker pattern that means exactly what the gitignore line
// means; otherwise the quick fix lists the concrete paths and is not applied by fix-all.
import type { Finding, Fix } from '../types';
import { gitignoreName } from '../gitignore/gitignores';
import type { BuildInfo, DockerfileRuleContext, Rule, RuleContext } from './types';
import { contextCopies, copyNeeding, wholeContextSenders, type ContextCopy } from './support/copies';
import { formatTotals, listSome } from '../format';
import { gitignoredGroups, type GitGroup } from './support/gitignored';
import { ignoreTarget, literalPattern } from './support/ignoreFix';
import { exclusionContext, exclusionFix, exclusionFixReady } from './support/recommend';
import { copyBrokenBy, directMatcher } from './support/match';
import { notExcludedNote } from './support/inputs';

const ID = 'gitignored-in-context';
/** Largest groups shown per instruction; the rest would drown the real findings. */
const MAX_GROUPS = 20;

function fixesFor(
  build: BuildInfo,
  ctx: DockerfileRuleContext,
  g: GitGroup,
  copies: ContextCopy[],
): { fixes: Fix[]; note: string } {
  const x = exclusionContext(ctx);
  const test = g.docker ? directMatcher(g.docker, build.builder) : null;
  const broken = test ? copyBrokenBy(test, copies) : undefined;
  if (g.docker && !broken) {
    const fix = exclusionFix(build, x, [g.docker], { safe: true });
    return { fixes: fix ? [fix] : [], note: notExcludedNote(fix) };
  }
  const kept = g.entries.filter((e) => !copyNeeding(copies, e.path));
  const paths = kept
    .map((e) => {
      const p = literalPattern(e.path);
      return p === null ? null : e.isDir ? `${p}/` : p;
    })
    .filter((p): p is string => p !== null);
  const fix = paths.length > 0 ? exclusionFix(build, x, paths, { safe: false }) : null;
  const why = broken ? `excluding it would affect ${broken.subject}` : 'no Docker pattern means exactly the same';
  return { fixes: fix ? [fix] : [], note: `; ${why}, so only the listed paths are offered` };
}

const names = (g: GitGroup): string[] => g.entries.map((e) => (e.isDir ? `${e.path}/` : e.path));

function message(build: BuildInfo, sender: ContextCopy, g: GitGroup): string {
  const where = `${gitignoreName(build.contextDir, g.file)}:${g.rule.line + 1}`;
  return `${sender.subject} sends ${listSome(names(g), 3)} (${formatTotals(g.totals)}), which git ignores (\`${g.rule.pattern}\` in ${where})`;
}

function check(ctx: DockerfileRuleContext): Finding[] {
  const out: Finding[] = [];
  const seen = new Set<string>();
  for (const build of ctx.builds) {
    const scan = build.scan;
    if (!scan || scan.fatal) continue;
    const senders = wholeContextSenders(ctx.text, build.builder);
    if (senders.length === 0) continue;
    // Silent until the language server's background passes over the tree land.
    const x = exclusionContext(ctx);
    const groups = (gitignoredGroups(ctx.work, scan, ctx.fs) ?? []).slice(0, MAX_GROUPS);
    if (groups.length > 0 && !exclusionFixReady(build, x)) continue;
    const copies = contextCopies(ctx.text, build.builder);
    for (const g of groups) {
      const { fixes, note } = fixesFor(build, ctx, g, copies);
      for (const s of senders) {
        const key = `${s.range.start.line}\0${g.file.abs}\0${g.rule.line}`;
        if (seen.has(key)) continue;
        seen.add(key);
        out.push({
          ruleId: ID,
          severity: 'warning',
          file: ctx.file,
          range: s.range,
          message: message(build, s, g) + note,
          fixes,
          cost: { ...g.totals },
          // One gitignore line sent through one ignore file is one problem, whichever Dockerfile copies it.
          group: `${ID}\0${ignoreTarget(build).file}\0${g.file.abs}\0${g.rule.line}`,
          sends: { subject: s.subject, item: `${listSome(names(g), 2)} (${formatTotals(g.totals)}, git-ignored)` },
        });
      }
    }
  }
  return out;
}

export const gitignoredInContext: Rule = {
  id: ID,
  appliesTo: 'dockerfile',
  defaultSeverity: 'warning',
  description:
    'Files the repository’s .gitignore ignores (build output, local env files, coverage) are sent to the build.',
  check(ctx: RuleContext): Finding[] {
    return ctx.kind === 'dockerfile' ? check(ctx) : [];
  },
};
