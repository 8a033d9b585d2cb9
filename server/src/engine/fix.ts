// Fix-all to a fixpoint: apply every safe fix that does not collide with another, check
// again, repeat (bounded). Fixes are computed against one state of the files, so two of them
// may touch the same spot (vscode-eslint #1745); instead of guessing how to merge, a colliding
// fix waits for the next pass, when the re-check recomputes it from the new text.
import type { FileEdit, Finding, Fix, Severity } from './types';
import { applyTextEdits, lineStarts, offsetAt } from './edits';

/** Current text of a file (undefined when it does not exist). */
export type ReadText = (file: string) => string | undefined;

/** Runs the checks against the given file contents (overlaying the disk). */
export type CheckFn = (overlay: ReadonlyMap<string, string>) => Finding[];

export interface AppliedFix {
  ruleId: string;
  title: string;
  files: string[];
}

export interface FixAllResult {
  /** New text of every file that changed (or was created). */
  changed: Map<string, string>;
  applied: AppliedFix[];
  passes: number;
  /** False when the pass limit was reached while safe fixes were still on offer. */
  converged: boolean;
}

const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2, hint: 3 };

/** The fix fix-all applies for a finding: its preferred safe fix, else its first safe one. */
export function safeFixOf(f: Finding): Fix | undefined {
  const safe = f.fixes.filter((x) => x.safe);
  return safe.find((x) => x.preferred) ?? safe[0];
}

interface Span {
  from: number;
  to: number;
}

/** One pass's bookkeeping per file: its text at the start of the pass and what is taken. */
class PassState {
  private readonly taken = new Map<string, Span[]>();
  private readonly edits = new Map<string, FileEdit['edits']>();
  private readonly starts = new Map<string, number[]>();
  constructor(private readonly read: ReadText) {}

  private spans(fe: FileEdit): Span[] | null {
    const text = this.read(fe.file);
    if (fe.create ? text !== undefined : text === undefined) return null;
    const t = text ?? '';
    let st = this.starts.get(fe.file);
    if (!st) {
      st = lineStarts(t);
      this.starts.set(fe.file, st);
    }
    return fe.edits.map((e) => ({ from: offsetAt(t, e.range.start, st), to: offsetAt(t, e.range.end, st) }));
  }

  /** Takes all of a fix's edits, or none when any collides (touching inserts collide too). */
  tryTake(fix: Fix): boolean {
    const planned: Array<[FileEdit, Span[]]> = [];
    for (const fe of fix.edits) {
      const spans = this.spans(fe);
      if (!spans) return false;
      const taken = [
        ...(this.taken.get(fe.file) ?? []),
        ...planned.filter(([p]) => p.file === fe.file).flatMap(([, s]) => s),
      ];
      if (spans.some((s) => taken.some((t) => s.from <= t.to && t.from <= s.to))) return false;
      planned.push([fe, spans]);
    }
    for (const [fe, spans] of planned) {
      this.taken.set(fe.file, [...(this.taken.get(fe.file) ?? []), ...spans]);
      this.edits.set(fe.file, [...(this.edits.get(fe.file) ?? []), ...fe.edits]);
    }
    return true;
  }

  results(): Map<string, string> {
    const out = new Map<string, string>();
    for (const [file, edits] of this.edits) out.set(file, applyTextEdits(this.read(file) ?? '', edits).text);
    return out;
  }
}

function orderFixes(findings: Finding[]): Array<{ finding: Finding; fix: Fix }> {
  const seen = new Set<string>();
  const out: Array<{ finding: Finding; fix: Fix }> = [];
  const sorted = [...findings].sort((a, b) => RANK[a.severity] - RANK[b.severity]);
  for (const finding of sorted) {
    const fix = safeFixOf(finding);
    if (!fix) continue;
    // Several findings often carry the same fix (one pattern for three COPY lines): apply it once.
    const key = JSON.stringify(fix.edits);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ finding, fix });
  }
  return out;
}

/** Applies safe fixes until nothing changes or `maxPasses` passes ran. Never writes anything. */
export function fixAll(check: CheckFn, read: ReadText, maxPasses = 10): FixAllResult {
  const overlay = new Map<string, string>();
  const current: ReadText = (f) => (overlay.has(f) ? overlay.get(f) : read(f));
  const applied: AppliedFix[] = [];
  for (let pass = 1; pass <= maxPasses; pass++) {
    const state = new PassState(current);
    let progressed = false;
    for (const { finding, fix } of orderFixes(check(overlay))) {
      if (!state.tryTake(fix)) continue;
      applied.push({ ruleId: finding.ruleId, title: fix.title, files: [...new Set(fix.edits.map((e) => e.file))] });
    }
    for (const [file, text] of state.results()) {
      if (current(file) === text) continue;
      overlay.set(file, text);
      progressed = true;
    }
    if (!progressed) return { changed: changedOnly(overlay, read), applied, passes: pass, converged: true };
  }
  const converged = !check(overlay).some((f) => safeFixOf(f) !== undefined && wouldChange(f, current));
  return { changed: changedOnly(overlay, read), applied, passes: maxPasses, converged };
}

function wouldChange(f: Finding, read: ReadText): boolean {
  const fix = safeFixOf(f);
  return !!fix && fix.edits.some((fe) => applyTextEdits(read(fe.file) ?? '', fe.edits).text !== (read(fe.file) ?? ''));
}

function changedOnly(overlay: Map<string, string>, read: ReadText): Map<string, string> {
  const out = new Map<string, string>();
  for (const [file, text] of overlay) if (read(file) !== text) out.set(file, text);
  return out;
}

/** Applies one fix's edits (e.g. a quick fix chosen by the user) to the current texts. */
export function applyFix(fix: Fix, read: ReadText): Map<string, string> {
  const out = new Map<string, string>();
  for (const fe of fix.edits) {
    const base = out.get(fe.file) ?? read(fe.file) ?? '';
    out.set(fe.file, applyTextEdits(base, fe.edits).text);
  }
  return out;
}
