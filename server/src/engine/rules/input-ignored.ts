// input-ignored: the ignore file already keeps out something a build reads: `*test` catching
// pkg/latest.go that `go build` compiles, `config/` taking an imported package. BuildKit's own
// CopyIgnoredFile check sees only explicit COPY sources and switches itself off as soon as the
// ignore file has a `!` line; this rule reads the build-input model, on the deciding line.
import * as path from 'node:path';
import { appendLines } from '../edits';
import { formatNumber, listSome } from '../format';
import type { Finding, Fix, Severity } from '../types';
import type { InputHit } from '../inputs';
import type { BuildInfo, IgnoreFileRuleContext, Rule, RuleContext } from './types';
import { buildModel } from './support/inputs';
import { literalPattern, writtenPatterns, patternKey } from './support/ignoreFix';

const ID = 'input-ignored';

interface Group {
  pattern: number;
  hits: InputHit[];
  builds: Set<string>;
}

function groups(ctx: IgnoreFileRuleContext): Map<number, Group> {
  const out = new Map<number, Group>();
  for (const b of ctx.builds) {
    const split = buildModel(ctx.work, b, ctx.fs)?.split;
    for (const h of split?.ignoredInputs ?? []) {
      // An explicit COPY source is copy-source-ignored's to report, on the COPY line.
      if (h.entry.explicit || h.pattern < 0) continue;
      const g = out.get(h.pattern) ?? { pattern: h.pattern, hits: [], builds: new Set<string>() };
      if (!g.hits.some((x) => x.path === h.path)) g.hits.push(h);
      g.builds.add(path.basename(b.dockerfile));
      out.set(h.pattern, g);
    }
  }
  return out;
}

function reinclude(ctx: IgnoreFileRuleContext, hits: InputHit[]): Fix | null {
  const lines = hits
    .slice(0, 20)
    .map((h) => literalPattern(h.path))
    .filter((p): p is string => p !== null)
    .map((p) => `!${p}`);
  const written = writtenPatterns(ctx.text);
  const missing = lines.filter((l) => !written.has(patternKey(l)));
  if (missing.length === 0) return null;
  const shown = missing.length === 1 ? `\`${missing[0]}\`` : `${missing.length} paths`;
  // Not safe: a re-include reverses a line someone wrote; the user decides which way is right.
  return { title: `Re-include ${shown}`, edits: [appendLines(ctx.file, ctx.text, missing)], safe: false };
}

function finding(ctx: IgnoreFileRuleContext, build: BuildInfo, g: Group): Finding | null {
  const p = build.scan?.patterns[g.pattern];
  if (!p) return null;
  const required = g.hits.filter((h) => h.entry.required);
  const first = required[0] ?? g.hits[0]!;
  const severity: Severity = required.length > 0 ? 'error' : 'warning';
  const others = g.hits.length - 1;
  const more =
    others > 0
      ? ` (and ${formatNumber(others)} more: ${listSome(
          g.hits.slice(1).map((h) => h.path),
          3,
        )})`
      : '';
  const outcome = severity === 'error' ? 'the build fails without it' : 'the build reads it';
  const message =
    `\`${p.raw.trim()}\` keeps out ${first.path}${more}, which ${listSome([...g.builds], 3)} needs: ` +
    `${first.entry.reason}; ${outcome}`;
  const range = { start: { line: p.line, character: p.start }, end: { line: p.line, character: p.end } };
  const fix = reinclude(ctx, g.hits);
  return { ruleId: ID, severity, file: ctx.file, range, message, fixes: fix ? [fix] : [] };
}

export const inputIgnored: Rule = {
  id: ID,
  appliesTo: 'ignorefile',
  defaultSeverity: 'error',
  description:
    'The ignore file keeps out a file a build reads: a Go package it compiles, a manifest, a file a RUN names.',
  check(ctx: RuleContext): Finding[] {
    if (ctx.kind !== 'ignorefile' || ctx.builds.length === 0) return [];
    const build = ctx.builds[0]!;
    return [...groups(ctx).values()].sort((a, b) => a.pattern - b.pattern).flatMap((g) => finding(ctx, build, g) ?? []);
  },
};
