// An ignore-file line Docker rejects fails the whole build ("error checking context: syntax
// error in pattern"), so this is the one ignore-file rule that is an error.
import type { Finding } from '../types';
import type { IgnoreFileRuleContext, Rule, RuleContext } from './types';

function fromScans(ctx: IgnoreFileRuleContext, seen: Set<number>): Finding[] {
  const out: Finding[] = [];
  for (const b of ctx.builds) {
    const fatal = b.scan?.fatal;
    if (!fatal || fatal.file !== ctx.file || seen.has(fatal.line) || fatal.line < 0) continue;
    seen.add(fatal.line);
    const p = ctx.parsed.patterns.find((x) => x.line === fatal.line);
    const range = p
      ? { start: { line: p.line, character: p.start }, end: { line: p.line, character: p.end } }
      : { start: { line: fatal.line, character: 0 }, end: { line: fatal.line, character: 0 } };
    out.push({
      ruleId: invalidPattern.id,
      severity: 'error',
      file: ctx.file,
      range,
      message: fatal.message,
      fixes: [],
    });
  }
  return out;
}

/**
 * Patterns the constructor accepts but whose regexp does not compile (`[z-a]`): Docker ≥ 23 fails
 * only once one is evaluated, so unless a scan shows that happening it is a warning, not an error.
 */
function lazy(ctx: IgnoreFileRuleContext, seen: Set<number>): Finding[] {
  return ctx.parsed.patterns
    .filter((p) => p.lazyError && !seen.has(p.line))
    .map((p) => ({
      ruleId: invalidPattern.id,
      severity: 'warning' as const,
      file: ctx.file,
      fixes: [],
      range: { start: { line: p.line, character: p.start }, end: { line: p.line, character: p.end } },
      message: `${p.lazyError}: Docker fails the build as soon as this pattern is evaluated`,
    }));
}

export const invalidPattern: Rule = {
  id: 'invalid-pattern',
  appliesTo: 'ignorefile',
  defaultSeverity: 'error',
  description: 'Docker rejects this ignore-file pattern, so every build using the file fails.',
  check(ctx: RuleContext): Finding[] {
    if (ctx.kind !== 'ignorefile') return [];
    const seen = new Set<number>();
    const out: Finding[] = ctx.parsed.errors.map((e) => {
      seen.add(e.line);
      return {
        ruleId: invalidPattern.id,
        severity: 'error' as const,
        file: ctx.file,
        range: { start: { line: e.line, character: e.start }, end: { line: e.line, character: e.end } },
        message: e.message,
        fixes: [],
      };
    });
    return out.concat(fromScans(ctx, seen), lazy(ctx, seen));
  },
};
