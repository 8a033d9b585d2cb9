// The server's view of the workspace: which builds each document takes part in (discovery,
// then the builder's own ignore-file choice), their context scans, and the rules run on
// exactly what the editor shows.
import { summarizeCopyLines } from '../engine/check/collapse';
import * as path from 'node:path';
import type { Finding, Settings } from '../engine/types';
import type { BuildInfo, Rule } from '../engine/rules/types';
import type { TreeWork } from '../engine/background/treeWork';
import type { DiscoveryResult } from '../engine/discovery/types';
import { assembleBuild, buildSpecs, isIgnoreFileName, scanRequestOf } from '../engine/build/assemble';
import type { BuildSpec } from '../engine/build/types';
import { ruleContext } from '../engine/rules/ruleContext';
import { affectsDiscovery } from '../engine/discovery';
import { classify, isDockerfileName } from '../engine/discovery/walk';
import { KANIKO_LINE } from '../engine/discovery/kaniko';
import { MANIFEST_MARKER } from '../engine/discovery/manifests';
import { BUILD_COMMAND } from '../engine/discovery/shellWords';
import { ALL_RULES } from '../engine/rules';
import { runRules } from '../engine/rules/runRules';
import { CONFIG_FILE } from '../engine/config';
import type { ContextEntry, ContextStore } from './contexts';
import type { WorkspaceFiles } from './files';
import type { SettingsStore } from '../features/settings';
import { Coexistence } from '../features/coexistence';

export type DocKind = 'dockerfile' | 'ignorefile';

/** Any mention of a builder: the cheap test before a source file is worth re-discovering. */
const BUILD_TOOL = /docker|podman|buildah|container|ctr_?(tool|cmd|bin)/i;
/** The same for other YAML: a build definition, or a build command (a file GitLab CI includes). */
const mayDefineBuild = (text: string): boolean =>
  MANIFEST_MARKER.test(text) || BUILD_COMMAND.test(text) || KANIKO_LINE.test(text);
/** The engine's discovery; the server's is async so a large repository never blocks requests. */
export type Discover = (root: string, settings: Settings) => DiscoveryResult | Promise<DiscoveryResult>;

/** One root's discovery: the result once ready, and the last one while a newer one runs. */
interface Slot {
  result: DiscoveryResult | null;
  stale: DiscoveryResult | null;
  promise: Promise<DiscoveryResult>;
}

const EMPTY: DiscoveryResult = { candidates: new Map(), sites: [], read: [], ignoreFiles: [] };

export interface Build {
  info: BuildInfo;
  entry: ContextEntry;
  spec: BuildSpec;
}
export interface Root {
  path: string;
  uri: string;
}

export interface CheckResult {
  findings: Finding[];
  builds: Build[];
  /** What the result depends on: exact files, and directories whose whole subtree counts. */
  files: string[];
  dirs: string[];
}

export function docKind(file: string, languageId?: string): DocKind | null {
  if (languageId === 'dockerignore' || isIgnoreFileName(path.basename(file))) return 'ignorefile';
  if (languageId === 'dockerfile' || isDockerfileName(path.basename(file))) return 'dockerfile';
  return null;
}

export class Project {
  roots: Root[] = [];
  private readonly discovered = new Map<string, Slot>();
  private readonly stale = new Map<string, DiscoveryResult>();

  constructor(
    readonly files: WorkspaceFiles,
    readonly settings: SettingsStore,
    readonly contexts: ContextStore,
    private readonly discover: Discover,
    /** The server's whole-tree results, computed in its background slices. */
    readonly work: TreeWork,
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

  /** Which other Dockerfile extensions are installed: their findings are not repeated. */
  readonly coexistence = new Coexistence();

  /** The rules to run on a document: all but those whose findings another extension reports there. */
  rulesFor(kind: DocKind, text: string): readonly Rule[] {
    const skip = this.coexistence.overlapping(kind, text);
    return skip.size === 0 ? this.rules : this.rules.filter((r) => !skip.has(r.id));
  }

  /** Called when a root's discovery lands: checks made without it (or with a stale one) redo. */
  onDiscovered: (root: string) => void = () => undefined;

  private slot(root: string, settings: Settings): Slot {
    const old = this.discovered.get(root);
    if (old) return old;
    const stale = this.stale.get(root) ?? null;
    let out: DiscoveryResult | Promise<DiscoveryResult>;
    try {
      out = this.discover(root, settings);
    } catch (e) {
      out = Promise.reject(e);
    }
    if (!(out instanceof Promise)) {
      const slot: Slot = { result: out, stale, promise: Promise.resolve(out) };
      this.discovered.set(root, slot);
      return slot;
    }
    const slot: Slot = { result: null, stale, promise: Promise.resolve(EMPTY) };
    // A broken repository must not leave every check waiting: no discovery means fallbacks.
    slot.promise = out
      .catch(() => EMPTY)
      .then((r) => {
        slot.result = r;
        if (this.discovered.get(root) !== slot) return r; // invalidated meanwhile: a newer one runs
        this.stale.delete(root);
        this.onDiscovered(root);
        return r;
      });
    this.discovered.set(root, slot);
    return slot;
  }

  /** Waits for the root's discovery (requests that need real builds: summary, fix-all). */
  discoveryFor(root: string, settings: Settings): Promise<DiscoveryResult> {
    const slot = this.slot(root, settings);
    return slot.result ? Promise.resolve(slot.result) : slot.promise;
  }

  /**
   * The root's discovery if it is ready, else the one it replaces, else null; starts it when
   * needed. Diagnostics use this so cheap rules never wait on a walk of the repository.
   */
  discoveryNow(root: string, settings: Settings): DiscoveryResult | null {
    const slot = this.slot(root, settings);
    return slot.result ?? slot.stale;
  }

  /** True while some root's discovery runs. */
  discovering(): boolean {
    return [...this.discovered.values()].some((s) => s.result === null);
  }

  /** Forgets discovery results a change of `file` can alter; true when any was dropped. */
  invalidateDiscovery(file: string): boolean {
    let dropped = false;
    for (const [root, d] of this.discovered) {
      const read = d.result?.read ?? d.stale?.read ?? [];
      if (
        path.basename(file) === CONFIG_FILE ||
        ((read.includes(file) || affectsDiscovery(file, root)) && this.mayChange(file, root, d))
      ) {
        this.drop(root);
        dropped = true;
      }
    }
    return dropped;
  }

  /**
   * A file of some programming language, or YAML that is no known build file, only matters to
   * discovery when it builds an image, now or before the change. Without this, saving any .ts
   * file in a monorepo re-walked the whole repository, and the status bar waited ~400 ms per
   * event instead of a few. The same for package.json, which every `npm install` rewrites.
   */
  private mayChange(file: string, root: string, d: Slot): boolean {
    const kind = classify(path.relative(root, file).split(path.sep).join('/'));
    if (kind !== 'source' && kind !== 'manifest' && kind !== 'npm') return true;
    const last = d.result ?? d.stale;
    if (!last || last.sites.some((s) => s.file === file)) return true;
    for (const cs of last.candidates.values()) if (cs.some((c) => c.file === file)) return true;
    const text = this.files.readText(file);
    return text !== undefined && (kind === 'source' ? BUILD_TOOL.test(text) : mayDefineBuild(text));
  }

  forgetAll(): void {
    for (const root of [...this.discovered.keys()]) this.drop(root);
  }

  // The last result stays usable until the new one lands, so a Makefile edit does not blank
  // every Dockerfile's context rules (nor cancel their scans) for the length of a walk.
  private drop(root: string): void {
    const d = this.discovered.get(root);
    const last = d?.result ?? d?.stale;
    if (last) this.stale.set(root, last);
    this.discovered.delete(root);
  }

  /** The builds of a Dockerfile; with `wait` false, none until its root's first discovery lands. */
  async buildsOfDockerfile(dockerfile: string, settings?: Settings, wait = true): Promise<Build[]> {
    const s = settings ?? (await this.settingsFor(dockerfile));
    const root = this.rootOf(dockerfile).path;
    const d = wait ? await this.discoveryFor(root, s) : this.discoveryNow(root, s);
    // No builds until the root's first discovery: a fallback context now would flash findings
    // that the real context, a moment later, takes back.
    if (!d) return [];
    return buildSpecs(dockerfile, d, s).map((spec) => this.build(spec));
  }

  /** Every build of the workspace folder whose ignore file is `ignoreFile`. */
  async buildsUsingIgnoreFile(ignoreFile: string, settings?: Settings, wait = true): Promise<Build[]> {
    const s = settings ?? (await this.settingsFor(ignoreFile));
    const root = this.rootOf(ignoreFile).path;
    const d = wait ? await this.discoveryFor(root, s) : this.discoveryNow(root, s);
    const out: Build[] = [];
    if (!d) return out;
    for (const dockerfile of d.candidates.keys()) {
      for (const spec of buildSpecs(dockerfile, d, s)) {
        if (scanRequestOf(spec, this.files).request.ignoreFile === ignoreFile) out.push(this.build(spec));
      }
    }
    return out;
  }

  /** Every Dockerfile discovery found under the workspace folder of `file`. */
  async dockerfilesOf(root: Root): Promise<string[]> {
    const s = await this.settings.get(root.path, root.uri);
    return [...(await this.discoveryFor(root.path, s)).candidates.keys()].sort();
  }

  private build(spec: BuildSpec): Build {
    const { info, held } = assembleBuild(spec, this.files, (req) => this.contexts.ensure(req));
    return { info, entry: held, spec };
  }

  /** Runs the rules on one file as the editor shows it. */
  async check(file: string, kind: DocKind, text: string): Promise<CheckResult> {
    const settings = await this.settingsFor(file);
    // Diagnostics never wait on discovery: rules that need a build stay silent until it lands.
    const builds =
      kind === 'dockerfile'
        ? await this.buildsOfDockerfile(file, settings, false)
        : await this.buildsUsingIgnoreFile(file, settings, false);
    const env = { settings, fs: this.files, work: this.work };
    const { findings } = runRules(
      ruleContext(
        kind,
        file,
        text,
        builds.map((b) => b.info),
        env,
      ),
      this.rulesFor(kind, text),
    );
    // One story per copy line: what it sends, largest first, with the details as related information.
    const own = summarizeCopyLines(findings.filter((f) => f.file === file));
    return { findings: own, builds, ...this.dependencies(file, builds) };
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
