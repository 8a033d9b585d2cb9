// The rule that would have prevented the original OOM: three `COPY . .` builds each shipped
// a 106 MB Go vendor/ that .dockerignore did not exclude. Shown on every whole-context copy
// and once in the ignore file those builds use.
import type { DirEntry } from '../context/model';
import type { Finding, Fix, Range } from '../types';
import type { BuildInfo, DockerfileRuleContext, IgnoreFileRuleContext, Rule, RuleContext } from './types';
import { contextCopies, copyNeeding, wholeContextSenders } from './support/copies';
import { formatBytes, formatShare, formatTotals, listSome } from '../format';
import { heavyDirectories, type HeavyDir } from './support/heavy';
import { relLabel } from '../discovery/sites';
import { allowListFix } from './support/allowList';
import { buildModel, notExcludedNote } from './support/inputs';
import { ignoreTarget } from './support/ignoreFix';
import { exclusionContext, exclusionFix, exclusionFixReady, type ExclusionContext } from './support/recommend';

const ID = 'heavy-directory-in-context';

interface Assessed {
  heavy: HeavyDir;
  cost: string;
  /** The same directory missing from one ignore file is one problem, whichever build sends it. */
  group: string;
  fix: Fix | null;
  note: string;
}

function assess(build: BuildInfo, x: ExclusionContext): Assessed[] {
  const threshold = x.largeDirectory;
  const scan = build.scan;
  // A fatal ignore file means the scan applied no patterns: its sizes would accuse excluded dirs.
  if (!scan || scan.fatal) return [];
  // Silent until the language server's background passes over the tree land.
  const heavy = heavyDirectories(x.work, scan, threshold);
  if (!heavy || !exclusionFixReady(build, x)) return [];
  const copies = contextCopies(x.dockerfileText, build.builder);
  const model = buildModel(x.work, build, x.fs, x.dockerfileText);
  if (!model) return [];
  // A folder the build reads is not weight: it is the build (a Go pkg/ it compiles, src/).
  const free = heavy.filter((h) => {
    const inputs = model.split.folders.get(h.dir);
    return !inputs || (inputs.read === 0 && h.kind !== null);
  });
  const target = ignoreTarget(build).file;
  return free.map((h) => {
    const d = h.dir;
    const group = `${ID}\0${target}\0${build.contextDir}\0${d.path}`;
    const cost = `${d.path}/ (${formatTotals(d.sent)}, ${formatShare(d.sent.bytes, scan.sent.bytes)} of the context)`;
    const what = h.kind ?? `over the ${formatBytes(threshold)} large-directory threshold`;
    const needed = copyNeeding(copies, d.path);
    if (needed)
      return {
        heavy: h,
        cost,
        group,
        fix: null,
        note: `${what}; ${needed.subject} uses it, so it is not excluded automatically`,
      };
    const fix = h.pattern ? exclusionFix(build, x, [h.pattern], { safe: h.kind !== null }) : null;
    return { heavy: h, cost, group, fix, note: `${what}${notExcludedNote(fix)}` };
  });
}

function onDockerfile(ctx: DockerfileRuleContext): Finding[] {
  const out: Finding[] = [];
  const seen = new Set<string>();
  for (const build of ctx.builds) {
    const senders = wholeContextSenders(ctx.text, build.builder);
    if (senders.length === 0) continue;
    const model = buildModel(ctx.work, build, ctx.fs, ctx.text);
    const allow = model ? allowListFix(build, ctx.fs, model) : null;
    for (const a of assess(build, exclusionContext(ctx))) {
      for (const s of senders) {
        const key = `${s.range.start.line}\0${build.contextDir}\0${a.heavy.dir.path}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const f = finding(ctx.file, s.range, `${s.subject} sends ${a.cost}: ${a.note}`, a, a.heavy.dir);
        const sends = { subject: s.subject, item: `${a.heavy.dir.path}/ (${formatTotals(a.heavy.dir.sent)})` };
        out.push({ ...f, sends, fixes: allow ? [...f.fixes, allow] : f.fixes });
      }
    }
  }
  return out;
}

function finding(file: string, range: Range, message: string, a: Assessed, dir: DirEntry): Finding {
  const severity = a.heavy.kind ? 'warning' : 'info';
  const fixes = a.fix ? [a.fix] : [];
  return { ruleId: ID, severity, file, range, message, fixes, cost: { ...dir.sent }, group: a.group };
}

function firstLineRange(text: string): Range {
  const end = text.search(/\r?\n/);
  const bom = text.startsWith('\uFEFF') ? 1 : 0;
  return {
    start: { line: 0, character: bom },
    end: { line: 0, character: Math.max(bom, end < 0 ? text.length : end) },
  };
}

function onIgnoreFile(ctx: IgnoreFileRuleContext): Finding[] {
  const byDir = new Map<string, { a: Assessed; senders: Map<string, string[]> }>();
  for (const build of ctx.builds) {
    const text = ctx.fs.readText(build.dockerfile);
    if (text === undefined || ignoreTarget(build).file !== ctx.file) continue;
    const senders = wholeContextSenders(text, build.builder);
    if (senders.length === 0) continue;
    for (const a of assess(build, exclusionContext(ctx, text))) {
      const key = `${build.contextDir}\0${a.heavy.dir.path}`;
      const entry = byDir.get(key) ?? { a, senders: new Map<string, string[]>() };
      const subject = senders[0]!.subject;
      entry.senders.set(subject, [...(entry.senders.get(subject) ?? []), relLabel(build.dockerfile, build.contextDir)]);
      byDir.set(key, entry);
    }
  }
  const range = firstLineRange(ctx.text);
  return [...byDir.values()].map(({ a, senders }) => {
    const by = [...senders].map(([subject, names]) => `${subject} sends it in ${listSome(names, 3)}`).join('; ');
    return finding(ctx.file, range, `${a.cost} is not excluded: ${by}: ${a.note}`, a, a.heavy.dir);
  });
}

/** On Dockerfiles: each whole-context copy that sends a heavy directory. */
export const heavyDirectoryInContext: Rule = {
  id: ID,
  appliesTo: 'dockerfile',
  defaultSeverity: 'warning',
  description:
    'A whole-context copy sends a generated, dependency or oversized directory the ignore file does not exclude.',
  check(ctx: RuleContext): Finding[] {
    return ctx.kind === 'dockerfile' ? onDockerfile(ctx) : onIgnoreFile(ctx);
  },
};

/** The same finding, once per directory, in the ignore file the builds use (same id, same docs). */
export const heavyDirectoryInIgnoreFile: Rule = { ...heavyDirectoryInContext, appliesTo: 'ignorefile' };
