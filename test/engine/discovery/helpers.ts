// Shared helpers for the discovery tests: run discovery on a committed fixture repository and
// compare results with paths relative to it, so expectations read like the repository itself.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { discoverContexts, type DiscoveryResult } from '../../../server/src/engine/discovery';
import { DEFAULT_SETTINGS, type Settings } from '../../../server/src/engine/types';

export const FIXTURES = path.resolve(__dirname, '../../fixtures/discovery');

export function discover(name: string, settings: Partial<Settings> = {}): { root: string; result: DiscoveryResult } {
  const root = path.join(FIXTURES, name);
  return { root, result: discoverContexts(root, { settings: { ...DEFAULT_SETTINGS, ...settings } }) };
}

/** `[context, source, provenance, builder]` per candidate, paths relative to the fixture ('.' = root). */
export function contextsOf(
  root: string,
  result: DiscoveryResult,
  dockerfile: string,
): Array<[string, string, string, string | undefined]> {
  const list = result.candidates.get(path.join(root, dockerfile));
  if (!list) throw new Error(`no candidates for ${dockerfile}: ${[...result.candidates.keys()].join(', ')}`);
  return list.map((c) => [path.relative(root, c.contextDir) || '.', c.source, c.provenance, c.builder]);
}

export function sitesOf(
  root: string,
  result: DiscoveryResult,
): Array<{ at: string; tool: string; dockerfile: string; context: string; noCache: boolean }> {
  return result.sites.map((s) => ({
    at: `${path.relative(root, s.file)}:${s.line}`,
    tool: s.tool,
    dockerfile: path.relative(root, s.dockerfile),
    context: path.relative(root, s.contextDir) || '.',
    noCache: s.noCache,
  }));
}

/** Writes `files` (relative path to content) under a fresh temporary directory. */
export function tempRepo(files: Record<string, string>): string {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'buildctx-discovery-')));
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), text);
  }
  return root;
}
