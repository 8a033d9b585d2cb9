// The gitignore habit: `node_modules`, `*.log` or `.env` without a '/' float to any depth in
// git, but Docker anchors every pattern at the context root (SEMANTICS.md §1), so the copies
// deeper down are still sent. Reported only when such deeper matches exist and are sent.
import type { Finding } from '../types';
import type { BuildInfo, IgnoreFileRuleContext, Rule, RuleContext } from './types';
import { contextCopies, wholeContextSenders, type ContextCopy } from './support/copies';
import { formatNumber, formatTotals, listSome } from '../format';
import { copyBrokenBy, directMatcher } from './support/match';
import { deeperMatches, type Deeper } from './support/deeper';
import { usableScans } from './support/scans';
import { inputsDropped } from './support/inputs';
import { exclusionContext } from './support/recommend';
import type { Dropped } from '../inputs/dropped';

/** A few paths as they are; many summarised by the top-level directories holding them. */
function stillSent(paths: string[]): string {
  paths.sort();
  if (paths.length <= 3) return paths.join(', ');
  const tops = [...new Set(paths.map((p) => `${p.split('/')[0]}/`))];
  return `${formatNumber(paths.length)} matches under ${listSome(tops, 3)}`;
}

/** What widening would take from the builds' inputs: null when nothing, 'all' when only inputs. */
function widenedInputs(ctx: IgnoreFileRuleContext, c: Deeper, fixed: string): Dropped | 'all' | 'pending' | null {
  const g = exclusionContext(ctx);
  for (const b of ctx.builds) {
    const d = inputsDropped(g, b, [fixed]);
    if (d === 'pending') return d;
    if (d) return d.count >= c.totals.files ? 'all' : d;
  }
  return null;
}

function toFinding(ctx: IgnoreFileRuleContext, c: Deeper, copies: ContextCopy[]): Finding | null {
  const text = c.p.raw.trim();
  const fixed = `**/${text.replace(/^!/, '')}`;
  const wider = directMatcher(fixed, ctx.builds[0]?.builder ?? ctx.settings.builder);
  const broken = wider ? copyBrokenBy(wider, copies) : undefined;
  const inputs = widenedInputs(ctx, c, fixed);
  // Every deeper match is something the build reads: root-only is what the pattern should be.
  // Silent too while the language server still computes what the builds read.
  if (inputs === 'all' || inputs === 'pending') return null;
  const reads = inputs ? `. Widening it would also drop ${inputs.hit.path}: ${inputs.hit.entry.reason}` : '';
  const message =
    `\`${text}\` matches only at the context root; still sent: ${stillSent([...c.paths])} (${formatTotals(c.totals)})` +
    (broken ? `. Widening it would also exclude what ${broken.subject} copies` : reads);
  const range = { start: { line: c.p.line, character: c.p.start }, end: { line: c.p.line, character: c.p.end } };
  return {
    ruleId: rootAnchoredPattern.id,
    severity: 'warning',
    file: ctx.file,
    range,
    message,
    cost: { ...c.totals },
    fixes: [
      {
        title: `Match at any depth: \`${fixed}\``,
        edits: [{ file: ctx.file, edits: [{ range, newText: fixed }] }],
        safe: !broken && !inputs,
        preferred: !broken && !inputs,
      },
    ],
  };
}

const sendsWhole = (ctx: IgnoreFileRuleContext, b: BuildInfo): boolean =>
  wholeContextSenders(ctx.fs.readText(b.dockerfile) ?? '', b.builder).length > 0;

export const rootAnchoredPattern: Rule = {
  id: 'root-anchored-pattern',
  appliesTo: 'ignorefile',
  defaultSeverity: 'warning',
  description: 'A pattern without `/` matches only at the context root, while copies deeper down are still sent.',
  check(ctx: RuleContext): Finding[] {
    if (ctx.kind !== 'ignorefile') return [];
    const byIndex = new Map<number, Deeper>();
    for (const scan of usableScans(ctx)) {
      // Under BuildKit only what a COPY names is transferred: deeper matches matter only to a
      // build that copies the whole context (minio and tempo copy single binaries).
      if (!ctx.builds.some((b) => b.scan === scan && sendsWhole(ctx, b))) continue;
      for (const c of deeperMatches(scan, ctx.parsed.patterns)) {
        const prev = byIndex.get(c.index);
        if (!prev || c.totals.bytes > prev.totals.bytes) if (c.paths.size > 0) byIndex.set(c.index, c);
      }
    }
    if (byIndex.size === 0) return [];
    const copies = ctx.builds.flatMap((b) => contextCopies(ctx.fs.readText(b.dockerfile) ?? '', b.builder));
    return [...byIndex.values()].sort((a, b) => a.index - b.index).flatMap((c) => toFinding(ctx, c, copies) ?? []);
  },
};
