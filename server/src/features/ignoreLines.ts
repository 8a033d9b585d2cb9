// Ignore files you can see through (issue 16): an inlay hint at the end of every pattern line
// with what it keeps out now, and a hover with example paths, for the builds using the file.
// Both read the scans kept current from the unsaved buffer; nothing here walks the tree.
import type { Hover, InlayHint, Position, Range } from 'vscode-languageserver';
import type { ContextScan } from '../engine/context/model';
import { lineHints } from '../engine/explain/lineHints';
import { describeLine, type HoverScan } from '../engine/explain/lineHover';
import { unmatchedPatterns } from '../engine/rules/unmatched-pattern';
import type { Build } from '../workspace/project';
import { uriToPath } from '../workspace/files';
import type { SizeDeps } from './contextSize';
import { whereOf } from './hover';

/**
 * The builds using the ignore file, their scans matched with `text`. The last check's builds
 * when their scans already follow the buffer; otherwise resolved again, which re-matches the
 * shared scans with the buffer at once (the re-check the edit scheduled then finds them current).
 */
async function currentBuilds(d: SizeDeps, uri: string, file: string, text: string): Promise<Build[]> {
  const known = d.checks.results.get(uri)?.result.builds;
  const fresh = (b: Build): boolean => {
    const e = d.project.contexts.get(b.entry.key);
    return e !== undefined && (e.scan === null || e.matchedText === text);
  };
  if (known?.every(fresh)) return known;
  return d.project.buildsUsingIgnoreFile(file, undefined, false);
}

/** One entry per scan (builds of one context share it), each matched with the text on screen. */
export async function ignoreScans(d: SizeDeps, uri: string, text: string): Promise<HoverScan[]> {
  const file = uriToPath(uri);
  const byScan = new Map<ContextScan, HoverScan>();
  for (const b of await currentBuilds(d, uri, file, text)) {
    const e = d.project.contexts.get(b.entry.key) ?? b.entry;
    const scan = e.scan;
    // A failing file (Docker refuses it) decides nothing; diagnostics say why.
    if (!scan || scan.fatal || scan.ignoreFile !== file || e.matchedText !== text) continue;
    const seen = byScan.get(scan);
    if (seen) {
      seen.builds.push({ ...b.info, scan });
      continue;
    }
    const unmatched = unmatchedPatterns(d.project.work, scan, scan.patterns);
    byScan.set(scan, { scan, unmatched, name: whereOf(d, b), builds: [{ ...b.info, scan }] });
  }
  return [...byScan.values()];
}

export async function inlayHints(d: SizeDeps, uri: string, text: string, range: Range): Promise<InlayHint[]> {
  const hints = lineHints(text, await ignoreScans(d, uri, text));
  return hints
    .filter((h) => h.line >= range.start.line && h.line <= range.end.line)
    .map((h) => ({
      position: { line: h.line, character: h.character },
      label: h.label,
      paddingLeft: true,
      ...(h.tooltip ? { tooltip: h.tooltip } : {}),
    }));
}

/** The hover anywhere on a pattern line (the hint at its end included). */
export async function ignoreHover(d: SizeDeps, uri: string, text: string, pos: Position): Promise<Hover | null> {
  const parts: string[] = [];
  let range: Range | undefined;
  for (const s of await ignoreScans(d, uri, text)) {
    const index = s.scan.patterns.findIndex((p) => p.line === pos.line);
    if (index < 0) continue;
    const p = s.scan.patterns[index]!;
    range ??= { start: { line: p.line, character: p.start }, end: { line: p.line, character: p.end } };
    parts.push(describeLine({ work: d.project.work, fs: d.project.files }, s, index));
  }
  if (parts.length === 0) return null;
  return { contents: { kind: 'markdown', value: parts.join('\n\n---\n\n') }, ...(range ? { range } : {}) };
}
