// Docker has no inline comments and reads a line as a comment only when its first byte is '#'
// (SEMANTICS.md §6): `vendor/ # deps` is the pattern "vendor/ # deps" and ` # note` is the
// pattern "# note". Either way the intended pattern never applies.
import { detectEol, lineStarts, lineText, replaceRange } from '../edits';
import type { Finding, Range } from '../types';
import type { IgnorePattern } from '../dockerignore/read';
import type { IgnoreFileRuleContext, Rule, RuleContext } from './types';
import { usableScans } from './support/scans';

interface Split {
  pattern: string;
  comment: string;
}

/** Splits `vendor/ # deps` into the pattern and its would-be comment; null when there is none. */
export function splitInlineComment(line: string): Split | null {
  const indented = /^\s+(#.*)$/.exec(line);
  if (indented) return { pattern: '', comment: indented[1]!.trimEnd() };
  const m = /^(\s*\S.*?)\s+(#.*)$/.exec(line);
  // `foo\ #x`: the space is escaped, so the '#' belongs to the name on purpose.
  if (!m || m[1]!.startsWith('#') || m[1]!.endsWith('\\')) return null;
  return { pattern: m[1]!, comment: m[2]!.trimEnd() };
}

function matchedSomething(ctx: IgnoreFileRuleContext, index: number): boolean {
  return usableScans(ctx).some((scan) => {
    const s = scan.patternStats[index];
    return s !== undefined && (s.decided.files > 0 || s.decided.bytes > 0);
  });
}

function finding(ctx: IgnoreFileRuleContext, p: IgnorePattern, split: Split, range: Range): Finding {
  const eol = detectEol(ctx.text);
  const indentOnly = split.pattern === '';
  const message = indentOnly
    ? `Docker reads \`${split.comment}\` as a pattern, not a comment: a comment must start in the first column`
    : `Docker has no inline comments: this line is the pattern \`${p.raw.trim()}\`, so \`${split.pattern.trim()}\` never matches`;
  const newText = indentOnly ? split.comment : `${split.comment}${eol}${split.pattern.trimEnd()}`;
  const title = indentOnly ? 'Make this line a comment' : 'Move the comment to its own line';
  return {
    ruleId: inlineComment.id,
    severity: 'warning',
    file: ctx.file,
    message,
    range: { start: { line: p.line, character: p.start }, end: { line: p.line, character: p.end } },
    fixes: [{ title, edits: [replaceRange(ctx.file, range, newText)], safe: true, preferred: true }],
  };
}

export const inlineComment: Rule = {
  id: 'inline-comment',
  appliesTo: 'ignorefile',
  defaultSeverity: 'warning',
  description: 'A `#` after a pattern (or an indented `#`) is part of the pattern: Docker has no inline comments.',
  check(ctx: RuleContext): Finding[] {
    if (ctx.kind !== 'ignorefile') return [];
    const out: Finding[] = [];
    // Once per file: recomputing line starts per pattern made a 5,000-pattern file quadratic.
    const starts = lineStarts(ctx.text);
    ctx.parsed.patterns.forEach((p, index) => {
      let text = lineText(ctx.text, p.line, starts);
      const bom = p.line === 0 && text.startsWith('\uFEFF') ? 1 : 0;
      text = text.slice(bom);
      const split = splitInlineComment(text);
      if (!split || matchedSomething(ctx, index)) return;
      const range = { start: { line: p.line, character: bom }, end: { line: p.line, character: bom + text.length } };
      out.push(finding(ctx, p, split, range));
    });
    return out;
  },
};
