// The Build Context Report (webview) of one document: the summary, the folder picture split by
// what the build reads, and the builds sharing the context so the user can switch between them
// (three Dockerfiles built from one repository root see the same tree but read different parts).
import * as path from 'node:path';
import { linksOutside } from '../engine/context/links';
import { buildSpecs } from '../engine/build/assemble';
import type { BuildSpec } from '../engine/build/types';
import { folderMap, type MapFolder } from '../engine/inputs/folderMap';
import type { BuildChoice, ContextReport, ContextReportParams } from '../protocol';
import type { Build } from '../workspace/project';
import { pathToUri } from '../workspace/files';
import { buildsOf, copies, modelOf, summaryOf, type SizeDeps } from './contextSize';

/**
 * Keeps the scan of the build the report last showed: checks drop scans no open document uses,
 * and a sibling build picked in the report (or a closed document's) would be scanned again
 * after every check. One build at a time, so at most one scan is kept beyond the editor's.
 */
export class ShownBuild {
  private key: string | undefined;
  private release: (() => void) | undefined;

  keep(d: SizeDeps, b: Build): void {
    if (b.entry.key === this.key) return;
    this.release?.();
    this.key = b.entry.key;
    this.release = d.project.contexts.pin(b.entry.key);
  }
}

export async function contextReport(
  d: SizeDeps,
  p: ContextReportParams,
  shown: ShownBuild,
): Promise<ContextReport | null> {
  // The summary can answer before the document's builds are known (just opened): no report yet.
  const own = await buildsOf(d, p.uri);
  if (!own[0]) return null;
  const b = (p.build ? await pick(d, own, p.build) : undefined) ?? own[0];
  shown.keep(d, b);
  const mine = own.includes(b);
  // A sibling Dockerfile's savings are its own findings, when it has been checked.
  const findings = d.checks.results.get(mine ? p.uri : pathToUri(b.info.dockerfile))?.result.findings ?? [];
  const builds = await choicesOf(d, own, b);
  // No await between the summary's split and the picture's, so both see the same model.
  const summary = await summaryOf(d, p.uri, b, own.length, findings);
  const { scan, model } = modelOf(d, b);
  const base = { summary, builds, build: idOf(b.spec) };
  if (!scan) return { ...base, map: { pending: true, root: emptyFolder() }, copies: [] };
  // A whole-tree walk (and a readlink per link): once per scan revision, not per report refresh.
  const outsideLinks = d.project.work.memo(scan, 'links-outside', '', () => linksOutside(scan));
  const map = { pending: !model, root: folderMap(scan.root, model?.split ?? null) };
  return { ...base, map, copies: copies(d, b, scan), outsideLinks };
}

const idOf = (s: BuildSpec): string => JSON.stringify([s.candidate.dockerfile, s.candidate.contextDir, s.builder]);

const emptyFolder = (): MapFolder => ({
  path: '',
  needed: { files: 0, bytes: 0 },
  unused: { files: 0, bytes: 0 },
  excluded: { files: 0, bytes: 0 },
  children: [],
});

/** The build a choice names: one of the document's, or another Dockerfile's build of the same context. */
async function pick(d: SizeDeps, own: Build[], id: string): Promise<Build | undefined> {
  const hit = own.find((b) => idOf(b.spec) === id);
  if (hit) return hit;
  let dockerfile: unknown;
  try {
    [dockerfile] = JSON.parse(id) as unknown[];
  } catch {
    return undefined;
  }
  if (typeof dockerfile !== 'string') return undefined;
  return (await d.project.buildsOfDockerfile(dockerfile)).find((b) => idOf(b.spec) === id);
}

/**
 * The document's builds and every discovered build with the same context directory as the one
 * shown. Only specs: no scan starts for a build until the user picks it.
 */
async function choicesOf(d: SizeDeps, own: Build[], shown: Build): Promise<BuildChoice[]> {
  const root = d.project.rootOf(shown.info.dockerfile).path;
  const settings = await d.project.settingsFor(shown.info.dockerfile);
  const found = await d.project.discoveryFor(root, settings);
  const specs = own.map((b) => b.spec);
  for (const dockerfile of found.candidates.keys())
    for (const s of buildSpecs(dockerfile, found, settings))
      if (s.candidate.contextDir === shown.spec.candidate.contextDir) specs.push(s);
  const seen = new Set<string>();
  const unique = specs.filter((s) => !seen.has(idOf(s)) && seen.add(idOf(s)));
  const rel = (p: string): string => path.relative(root, p).split(path.sep).join('/') || '.';
  const twice = (s: BuildSpec): boolean =>
    unique.filter((o) => o.candidate.dockerfile === s.candidate.dockerfile).length > 1;
  return unique
    .map((s) => ({
      id: idOf(s),
      label: twice(s)
        ? `${rel(s.candidate.dockerfile)} (context ${rel(s.candidate.contextDir)}, ${s.builder})`
        : rel(s.candidate.dockerfile),
    }))
    .sort((a, b) => (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
}
