// The one place a build is put together, for the CLI, the language server and fix-all alike:
// discovery's candidates (deduplicated, or the Dockerfile's folder), the builder, the ignore file
// that builder applies, and the scan of the context. Only where the scan comes from differs: a
// synchronous walk in the CLI, the server's store of worker scans, a re-match in fix-all.
import { fallbackCandidate } from '../discovery';
import type { ContextCandidate, DiscoveryResult } from '../discovery/types';
import { readIgnoreFile } from '../dockerignore/read';
import type { Builder, FileAccess, Settings } from '../types';
import { resolveBuild } from './resolve';
import type { BuildInfo, BuildSpec, ScanRequest } from './types';

export { isIgnoreFileName } from '../discovery/walk';

export interface SpecOptions {
  /** `--builder`: beats the setting and what discovery found. */
  builder?: Builder;
  /** `--context DIR` (absolute): replaces whatever discovery found. */
  contextDir?: string;
}

/**
 * The builds of one Dockerfile: one per distinct (context, builder) among discovery's
 * candidates, strongest first; the Dockerfile's folder when discovery has none (or has not run).
 */
export function buildSpecs(
  dockerfile: string,
  discovery: DiscoveryResult | null,
  settings: Settings,
  opts: SpecOptions = {},
): BuildSpec[] {
  const sites = discovery?.sites.filter((s) => s.dockerfile === dockerfile) ?? [];
  const builderOf = (c: ContextCandidate): Builder => opts.builder ?? c.builder ?? settings.builder;
  if (opts.contextDir) {
    const candidate: ContextCandidate = {
      dockerfile,
      contextDir: opts.contextDir,
      source: 'config',
      provenance: '--context',
    };
    return [{ candidate, builder: builderOf(candidate), sites }];
  }
  const found = discovery?.candidates.get(dockerfile);
  // A context the tool makes itself (GoReleaser's temporary folder) is no folder to judge: no
  // build of it, so only the rules that read the Dockerfile alone run for it. Other builds of
  // the same Dockerfile (a Makefile's) are still checked against the repository.
  const candidates = (found && found.length > 0 ? found : [fallbackCandidate(dockerfile)]).filter(
    (c) => !c.temporaryContext,
  );
  const seen = new Set<string>();
  const out: BuildSpec[] = [];
  for (const candidate of candidates) {
    const builder = builderOf(candidate);
    const key = `${candidate.contextDir}\0${builder}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ candidate, builder, sites });
  }
  return out;
}

/** The ignore file a spec's builder applies, and the scan request it makes. */
export function scanRequestOf(
  spec: BuildSpec,
  fs: FileAccess,
): { request: ScanRequest; ignoreFileToCreate: string; dockerfile: string } {
  const { candidate, builder } = spec;
  const r = resolveBuild({ contextDir: candidate.contextDir, dockerfile: candidate.dockerfile, builder, fs });
  const ignoreText = r.ignoreFile ? fs.readText(r.ignoreFile) : undefined;
  // Only classic sends the Dockerfile whatever the ignore file says: other builders share a scan.
  const request: ScanRequest = {
    contextDir: r.contextDir,
    builder,
    ignoreFile: r.ignoreFile,
    ignoreText,
    ...(builder === 'classic' ? { dockerfile: r.dockerfile } : {}),
  };
  return { request, ignoreFileToCreate: r.ignoreFileToCreate, dockerfile: r.dockerfile };
}

/**
 * Puts a build together; `scanOf` supplies the context's scan (and whatever its caller keeps
 * with it, such as the server's store entry), which comes back as `held`.
 */
export function assembleBuild<H extends { scan: BuildInfo['scan'] }>(
  spec: BuildSpec,
  fs: FileAccess,
  scanOf: (req: ScanRequest) => H,
): { info: BuildInfo; held: H } {
  const { request, ignoreFileToCreate, dockerfile } = scanRequestOf(spec, fs);
  const held = scanOf(request);
  const text = request.ignoreText;
  const info: BuildInfo = {
    dockerfile,
    contextDir: request.contextDir,
    builder: spec.builder,
    ignoreFile: request.ignoreFile,
    ignoreFileToCreate,
    ignore: text === undefined ? null : readIgnoreFile(text, spec.builder),
    scan: held.scan,
    provenance: spec.candidate.provenance,
    sites: spec.sites,
  };
  return { info, held };
}

/** File access where `overlay` (edited or created texts) wins over `fs`: fix-all's hypotheses. */
export function overlayAccess(fs: FileAccess, overlay: ReadonlyMap<string, string>): FileAccess {
  if (overlay.size === 0) return fs;
  return {
    readText: (p) => (overlay.has(p) ? overlay.get(p) : fs.readText(p)),
    readBytes: (p) => (overlay.has(p) ? new TextEncoder().encode(overlay.get(p)) : fs.readBytes(p)),
    exists: (p) => overlay.has(p) || fs.exists(p),
  };
}
