// A build that sends its whole context with no ignore file at all: everything goes, `.git`
// and dependency directories included. The fix creates `.dockerignore` from what this context
// actually holds (support/recommend.ts), never excluding a path a COPY names.
import * as path from 'node:path';
import type { Finding, Fix } from '../types';
import { allowListFix } from './support/allowList';
import { buildModel } from './support/inputs';
import type { DockerfileRuleContext, Rule, RuleContext } from './types';
import { wholeContextSenders } from './support/copies';
import { formatTotals, listSome } from '../format';
import { exclusionContext, exclusionFix, recommendedExclusions } from './support/recommend';

const ID = 'missing-ignore-file';

function check(ctx: DockerfileRuleContext): Finding[] {
  const out: Finding[] = [];
  const seen = new Set<string>();
  for (const build of ctx.builds) {
    const scan = build.scan;
    if (build.ignoreFile || !scan || scan.fatal) continue;
    const senders = wholeContextSenders(ctx.text, build.builder);
    const x = exclusionContext(ctx);
    const recommended = recommendedExclusions(build, x);
    // A context with nothing worth leaving out does not need an ignore file; undefined: not known yet.
    if (senders.length === 0 || !recommended || recommended.length === 0) continue;
    const fix = exclusionFix(build, x, [], { safe: true });
    const model = buildModel(ctx.work, build, ctx.fs, ctx.text);
    const allow = model ? allowListFix(build, ctx.fs, model) : null;
    const fixes = [fix, allow].filter((f): f is Fix => f !== null);
    const name = path.basename(build.ignoreFileToCreate);
    for (const s of senders) {
      const key = `${s.range.start.line}\0${build.contextDir}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({
        ruleId: ID,
        severity: 'warning',
        file: ctx.file,
        range: s.range,
        fixes,
        cost: { ...scan.sent },
        message: `No ${name} in the context: ${s.subject} sends all of it (${formatTotals(scan.sent)}), including ${listSome(
          recommended.map((p) => `\`${p}\``),
          4,
        )}`,
      });
    }
  }
  return out;
}

export const missingIgnoreFile: Rule = {
  id: ID,
  appliesTo: 'dockerfile',
  defaultSeverity: 'warning',
  description: 'The build sends its whole context and no ignore file keeps anything out.',
  check(ctx: RuleContext): Finding[] {
    return ctx.kind === 'dockerfile' ? check(ctx) : [];
  },
};
