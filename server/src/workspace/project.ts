// The server's view of the workspace: which builds each document takes part in (discovery,
// then the builder's own ignore-file choice), their context scans, and the rules run on
// exactly what the editor shows.
import * as path from 'node:path';
import type { Finding, Settings } from '../engine/types';
import type { BuildInfo, Rule } from '../engine/rules/types';
import type { ContextCandidate, DiscoveryResult } from '../engine/discovery/types';
import { resolveBuild } from '../engine/context/resolve';
import { readIgnoreFile } from '../engine/dockerignore/read';
import { isDockerfileName } from '../engine/discovery/walk';
import { ALL_RULES } from '../engine/rules';
import { runRules } from '../engine/rules/run';
import { CONFIG_FILE } from '../engine/config';
import type { ContextEntry, ContextStore } from './contexts';
import type { WorkspaceFiles } from './files';
import type { SettingsStore } from '../features/settings';

export type DocKind = 'dockerfile' | 'ignorefile';
export type Discover = (root: string, settings: Settings) => DiscoveryResult;

export interface Build { info: BuildInfo; entry: ContextEntry; candidate: ContextCandidate }
export interface Root { path: string; uri: string }

export interface CheckResult {
  findings: Finding[];
  builds: Build[];
  /** What the result depends on: exact files, and directories whose whole subtree counts. */
  files: string[];
  dirs: string[];
}

export function docKind(file: string, languageId?: string): DocKind | null {
  if (languageId === 'dockerignore' || /(^|\.)(docker|container)ignore$/i.test(path.basename(file))) return 'ignorefile';
  if (languageId === 'dockerfile' || isDockerfileName(path.basename(file))) return 'dockerfile';
  return null;
}

export class Project {
  roots: Root[] = [];
  private readonly discovered = new Map<string, DiscoveryResult>();

  constructor(
    readonly files: WorkspaceFiles,
    readonly settings: SettingsStore,
    readonly contexts: ContextStore,
    private readonly discover: Discover,
    readonly rules: readonly Rule[] = ALL_RULES,
  ) {}

  /** The workspace folder holding `file` (deepest wins), or the file's own directory. */
  rootOf(file: string): Root {
    let best: Root | undefined;
    for (const r of this.roots) {
      const inside = file === r.path || file.startsWith(r.path.endsWith(path.sep) ? r.path : r.path + path.sep);
      if (inside && (!best || r.path.length > best.path.length)) best = r;
    }
    if (best) return best;
    const dir = path.dirname(file);
    return { path: dir, uri: '' };
  }

  settingsFor(file: string): Promise<Settings> {
    const root = this.rootOf(file);
    return this.settings.get(root.path, root.uri);
  }

  discoveryFor(root: string, settings: Settings): DiscoveryResult {
    let d = this.discovered.get(root);
    if (!d) {
      d = this.discover(root, settings);
      this.discovered.set(root, d);
    }
    return d;
  }

  /** Forgets discovery results a change of `file` can alter; true when any was dropped. */
  invalidateDiscovery(file: string): boolean {
    let dropped = false;
    for (const [root, d] of this.discovered) {
      if (d.read.includes(file) || path.basename(file) === CONFIG_FILE || isDockerfileName(path.basename(file))) {
        this.discovered.delete(root);
        dropped = true;
      }
    }
    return dropped;
  }

  forgetAll(): void { this.discovered.clear(); }

  async buildsOfDockerfile(dockerfile: string, settings?: Settings): Promise<Build[]> {
    const s = settings ?? (await this.settingsFor(dockerfile));
    const d = this.discoveryFor(this.rootOf(dockerfile).path, s);
    const cands = d.candidates.get(dockerfile) ?? [fallback(dockerfile)];
    return cands.map((c) => this.build(c, s));
  }

  /** Every build of the workspace folder whose ignore file is `ignoreFile`. */
  async buildsUsingIgnoreFile(ignoreFile: string, settings?: Settings): Promise<Build[]> {
    const s = settings ?? (await this.settingsFor(ignoreFile));
    const d = this.discoveryFor(this.rootOf(ignoreFile).path, s);
    const out: Build[] = [];
    for (const cands of d.candidates.values()) {
      for (const c of cands) {
        const r = resolveBuild({ contextDir: c.contextDir, dockerfile: c.dockerfile, builder: c.builder ?? s.builder, fs: this.files });
        if (r.ignoreFile === ignoreFile) out.push(this.build(c, s));
      }
    }
    return out;
  }

  /** Every Dockerfile discovery found under the workspace folder of `file`. */
  async dockerfilesOf(root: Root): Promise<string[]> {
    const s = await this.settings.get(root.path, root.uri);
    return [...this.discoveryFor(root.path, s).candidates.keys()].sort();
  }

  private build(c: ContextCandidate, s: Settings): Build {
    const builder = c.builder ?? s.builder;
    const r = resolveBuild({ contextDir: c.contextDir, dockerfile: c.dockerfile, builder, fs: this.files });
    const ignoreText = r.ignoreFile ? this.files.readText(r.ignoreFile) : undefined;
    const entry = this.contexts.ensure({
      contextDir: r.contextDir, builder, ignoreFile: r.ignoreFile, ignoreText,
      dockerfile: builder === 'classic' ? r.dockerfile : undefined,
    });
    const info: BuildInfo = {
      dockerfile: r.dockerfile,
      contextDir: r.contextDir,
      builder,
      ignoreFile: r.ignoreFile,
      ignoreFileToCreate: r.ignoreFileToCreate,
      ignore: ignoreText === undefined ? null : readIgnoreFile(ignoreText, builder),
      scan: entry.scan,
      provenance: c.provenance,
      sites: this.discovered.get(this.rootOf(c.dockerfile).path)?.sites.filter((x) => x.dockerfile === r.dockerfile),
    };
    return { info, entry, candidate: c };
  }

  /** Runs the rules on one file as the editor shows it. */
  async check(file: string, kind: DocKind, text: string): Promise<CheckResult> {
    const settings = await this.settingsFor(file);
    const builds = kind === 'dockerfile' ? await this.buildsOfDockerfile(file, settings) : await this.buildsUsingIgnoreFile(file, settings);
    const infos = builds.map((b) => b.info);
    const base = { file, text, builds: infos, settings, fs: this.files };
    const ctx = kind === 'dockerfile'
      ? { ...base, kind: 'dockerfile' as const }
      : { ...base, kind: 'ignorefile' as const, parsed: readIgnoreFile(text, infos[0]?.builder ?? settings.builder) };
    const { findings } = runRules(ctx, this.rules);
    return { findings: findings.filter((f) => f.file === file), builds, ...this.dependencies(file, builds) };
  }

  private dependencies(file: string, builds: Build[]): { files: string[]; dirs: string[] } {
    // Discovery sources and .buildctx.json are not listed: their disk events re-check every
    // document anyway (watchers.ts), and listing them would re-check every Dockerfile of a
    // repository on each keystroke in any one of them (discovery reads them all).
    const files = new Set<string>([file]);
    const dirs = new Set<string>();
    for (const { info } of builds) {
      dirs.add(info.contextDir);
      for (const ext of ['.dockerignore', '.containerignore']) files.add(info.dockerfile + ext);
      files.add(info.dockerfile);
      files.add(info.ignoreFileToCreate);
      if (info.ignoreFile) files.add(info.ignoreFile);
    }
    return { files: [...files], dirs: [...dirs] };
  }
}

function fallback(dockerfile: string): ContextCandidate {
  return { dockerfile, contextDir: path.dirname(dockerfile), source: 'fallback', provenance: "the Dockerfile's directory" };
}
