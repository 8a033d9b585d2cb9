// Few findings, each true once (issue 14, "Noise"). The same missing exclusion seen from 14
// Dockerfiles is one problem in one ignore file; the weights one `COPY . .` sends are one story
// on that line, largest first. Details stay one click away as related information, and no fix
// is lost: a merged finding carries every fix of the findings it stands for.
import type { Finding, Fix, RelatedInfo, Severity } from '../types';
import { compareFindings } from '../rules/runRules';

const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2, hint: 3 };
const IGNORE_FILE = /(^|[\\/])(\.dockerignore|\.containerignore|[^\\/]*\.dockerignore)$/;

function related(f: Finding): RelatedInfo {
  return { file: f.file, range: f.range, message: f.message };
}

function mergedFixes(list: Finding[]): Fix[] {
  const seen = new Set<string>();
  const out: Fix[] = [];
  for (const fix of list.flatMap((f) => f.fixes)) {
    const key = JSON.stringify([fix.title, fix.edits, fix.safe]);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(fix);
  }
  return out;
}

function strongest(list: Finding[]): Severity {
  return list.reduce<Severity>((s, f) => (RANK[f.severity] < RANK[s] ? f.severity : s), 'hint');
}

/** One finding per group: the ignore file's when there is one, with the other files as related. */
export function collapseAcrossFiles(findings: Finding[]): Finding[] {
  const groups = new Map<string, Finding[]>();
  const out: Finding[] = [];
  for (const f of findings) {
    if (f.group === undefined) out.push(f);
    else groups.set(f.group, [...(groups.get(f.group) ?? []), f]);
  }
  for (const list of groups.values()) {
    const sorted = [...list].sort(compareFindings);
    const lead = sorted.find((f) => IGNORE_FILE.test(f.file)) ?? (sorted[0] as Finding);
    const others = sorted.filter((f) => f !== lead);
    if (others.length === 0) {
      out.push(lead);
      continue;
    }
    out.push({
      ...lead,
      severity: strongest(sorted),
      fixes: mergedFixes([lead, ...others]),
      related: [...(lead.related ?? []), ...others.map(related)],
    });
  }
  return out.sort(compareFindings);
}

const bytesOf = (f: Finding): number => f.cost?.bytes ?? 0;

function summary(list: Finding[]): Finding {
  const byCost = [...list].sort((a, b) => bytesOf(b) - bytesOf(a));
  const lead = byCost[0] as Finding;
  // The same folder seen by two rules (heavy and git-ignored vendor/) is one thing sent.
  const items = [...new Map(byCost.map((f) => [(f.sends?.item ?? '').split(' (')[0], f.sends?.item ?? ''])).values()];
  if (items.length === 1) return { ...lead, fixes: mergedFixes(byCost), related: byCost.map(related) };
  const cost = byCost.reduce((c, f) => ({ files: c.files + (f.cost?.files ?? 0), bytes: c.bytes + bytesOf(f) }), {
    files: 0,
    bytes: 0,
  });
  return {
    ...lead,
    severity: strongest(byCost),
    message: `${lead.sends?.subject} sends ${items.length} things the build should not get, largest first: ${items.join('; ')}`,
    fixes: mergedFixes(byCost),
    cost,
    related: byCost.map(related),
  };
}

/** On each copy line, one finding sums up what it sends that it should not. */
export function summarizeCopyLines(findings: Finding[]): Finding[] {
  const lines = new Map<string, Finding[]>();
  const out: Finding[] = [];
  for (const f of findings) {
    if (!f.sends) {
      out.push(f);
      continue;
    }
    const key = `${f.file}\0${f.range.start.line}`;
    lines.set(key, [...(lines.get(key) ?? []), f]);
  }
  for (const list of lines.values()) out.push(list.length === 1 ? (list[0] as Finding) : summary(list));
  return out.sort(compareFindings);
}

/** What a whole-repository run reports: each problem once, each copy line once. */
export function reportedFindings(findings: Finding[]): Finding[] {
  return summarizeCopyLines(collapseAcrossFiles(findings));
}
