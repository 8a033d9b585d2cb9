// Which instructions of a Dockerfile send which context paths, as the context rules need it:
// a whole-context copy ("COPY . .") sends everything; other COPY/ADD sources send their own
// subtree. Under classic and podman every build sends the whole context whatever it copies.
import { parseDockerfile, reachableStages, type CopyInstruction } from '../../dockerfile';
import type { Builder, Range } from '../../types';

export interface ContextCopy {
  /** Range of the whole instruction, for the diagnostic. */
  range: Range;
  /** Short quotation for messages, e.g. "`COPY . .`" or "This classic build". */
  subject: string;
  /** Context paths of the sources ('' = the root), '/'-separated; unresolvable ones left out. */
  sources: string[];
  /** True when the instruction (or the builder) sends the whole context. */
  whole: boolean;
}

export function subjectOf(c: CopyInstruction): string {
  const words = [
    c.keyword,
    ...c.flags.map((f) => (f.value === null ? `--${f.name}` : `--${f.name}=${f.value}`)),
    ...c.sources.map((s) => s.raw),
    c.destination?.raw ?? '',
  ];
  const line = words.join(' ').trim();
  return `\`${line.length > 48 ? `${line.slice(0, 45)}...` : line}\``;
}

// Several rules ask on every keystroke, and the Dockerfile model's chunk cache hands out the
// same instruction object exactly while its text and line are unchanged: an answer per object
// is never stale, and a 2,000-COPY file is not quoted again for each rule (issue 7).
const known = new WeakMap<CopyInstruction, ContextCopy | null>();

function toCopy(c: CopyInstruction): ContextCopy | null {
  let out = known.get(c);
  if (out === undefined) known.set(c, (out = readCopy(c)));
  return out;
}

function readCopy(c: CopyInstruction): ContextCopy | null {
  if (c.from !== null) return null;
  const sources = c.sources.filter((s) => s.kind === 'context' && s.contextPath !== null).map((s) => s.contextPath!);
  if (sources.length === 0) return null;
  // `COPY * ./` sends every top-level entry: the whole context in all but name.
  const whole = c.wholeContext || sources.includes('*');
  return { range: c.range, subject: subjectOf(c), sources, whole };
}

/**
 * Every COPY/ADD that reads the context, in file order. Under BuildKit only the stages the
 * build runs count (a COPY in an unused stage transfers nothing); other builders run them all.
 */
export function contextCopies(dockerfileText: string, builder: Builder = 'buildkit'): ContextCopy[] {
  const model = parseDockerfile(dockerfileText);
  const stages = builder === 'buildkit' ? reachableStages(model) : null;
  const out: ContextCopy[] = [];
  for (const c of model.copies) {
    if (stages && c.stage >= 0 && !stages.has(c.stage)) continue;
    const copy = toCopy(c);
    if (copy) out.push(copy);
  }
  return out;
}

/**
 * The places a finding about what the whole context sends is shown: every whole-context copy,
 * or, for builders that always send the whole context, the first instruction when none copies it all.
 */
export function wholeContextSenders(dockerfileText: string, builder: Builder): ContextCopy[] {
  const whole = contextCopies(dockerfileText, builder).filter((c) => c.whole);
  if (whole.length > 0 || builder === 'buildkit') return whole;
  const first = parseDockerfile(dockerfileText).instructions[0];
  const range = first ? first.keywordRange : { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  return [{ range, subject: `This ${builder} build`, sources: [''], whole: true }];
}

function globSegment(seg: string): RegExp {
  let re = '';
  for (const ch of seg) re += ch === '*' ? '[^/]*' : ch === '?' ? '[^/]' : ch.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^${re}$`);
}

function segmentsMatch(sourceSegs: string[], pathSegs: string[], n: number): boolean {
  for (let i = 0; i < n; i++) {
    const s = sourceSegs[i]!;
    const p = pathSegs[i]!;
    // Bracket classes are rare in COPY sources; treat them as matching so the answer errs on "needed".
    if (s.includes('[')) continue;
    if (/[*?]/.test(s) ? !globSegment(s).test(p) : s !== p) return false;
  }
  return true;
}

/**
 * The first explicit (not whole-context) copy whose sources reach `relPath`: the source is the
 * path, lies inside it, or contains it. Excluding such a path would change or break that COPY.
 */
export function copyNeeding(copies: ContextCopy[], relPath: string): ContextCopy | undefined {
  const pathSegs = relPath.split('/');
  return copies.find(
    (c) =>
      !c.whole &&
      c.sources.some((s) => {
        const segs = s.split('/');
        return segmentsMatch(segs, pathSegs, Math.min(segs.length, pathSegs.length));
      }),
  );
}

/** The first explicit copy that names exactly `relPath` (a literal or a glob of the same depth). */
export function copyNaming(copies: ContextCopy[], relPath: string): ContextCopy | undefined {
  const pathSegs = relPath.split('/');
  return copies.find(
    (c) =>
      !c.whole &&
      c.sources.some((s) => {
        const segs = s.split('/');
        return segs.length === pathSegs.length && segmentsMatch(segs, pathSegs, segs.length);
      }),
  );
}
