// A checked tree as the CLI sees it: the Dockerfiles and ignore files under a root, each
// Dockerfile's builds (discovery, or `--context`), one scan per distinct context, and the
// rules run over all of it. `check(overlay)` re-checks against edited texts without touching
// the disk, which is what fix-all and `--fix-dry-run` need.
import * as nodeFs from 'node:fs';
import * as path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import type { Builder, Finding, Settings } from './types';
import type { ContextScan } from './context/model';
import type { BuildInfo, FileAccess, IgnoreFileRuleContext, RuleContext } from './rules/types';
import { resolveBuild } from './context/resolve';
import { rematch, scanContextSync } from './context/scan';
import { readIgnoreFile } from './dockerignore/read';
import { discoverContexts } from './discovery';
import type { BuildSite } from './discovery/types';
import { isDockerfileName } from './discovery/walk';
import { ALL_RULES } from './rules';
import { compareFindings, runRules, type RuleFailure } from './rules/run';
import type { Rule } from './rules/types';
import { TreeWork } from './background/treeWork';

export const isIgnoreFileName = (name: string): boolean => /^(\.dockerignore|\.containerignore|.+\.(dockerignore|containerignore))$/i.test(name);

export interface ProjectFiles { dockerfiles: string[]; ignoreFiles: string[] }

const SKIP = new Set(['node_modules', '.git']);
const MAX_ENTRIES = 500_000;

/** Dockerfiles and ignore files under `root`, skipping node_modules, .git and git-ignored directories. */
export function findProjectFiles(root: string): ProjectFiles {
  const out: ProjectFiles = { dockerfiles: [], ignoreFiles: [] };
  const stack: Array<{ dir: string; rel: string; igs: Array<{ base: string; ig: Ignore }> }> = [{ dir: root, rel: '', igs: [] }];
  let seen = 0;
  while (stack.length > 0 && seen < MAX_ENTRIES) {
    const { dir, rel, igs: inherited } = stack.pop()!;
    let entries: nodeFs.Dirent[];
    try { entries = nodeFs.readdirSync(dir, { withFileTypes: true }); } catch { continue; }
    let igs = inherited;
    if (entries.some((e) => e.name === '.gitignore' && e.isFile())) {
      try { igs = [...igs, { base: rel, ig: ignore().add(nodeFs.readFileSync(path.join(dir, '.gitignore'), 'utf8')) }]; } catch { /* unreadable: nothing ignored */ }
    }
    for (const e of entries) {
      seen++;
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) {
        if (!SKIP.has(e.name) && !gitIgnored(r + '/', igs)) stack.push({ dir: path.join(dir, e.name), rel: r, igs });
      } else if (e.isFile() || e.isSymbolicLink()) {
        if (isIgnoreFileName(e.name)) out.ignoreFiles.push(path.join(dir, e.name));
        else if (isDockerfileName(e.name) && !gitIgnored(r, igs)) out.dockerfiles.push(path.join(dir, e.name));
      }
    }
  }
  out.dockerfiles.sort();
  out.ignoreFiles.sort();
  return out;
}

function gitIgnored(rel: string, igs: Array<{ base: string; ig: Ignore }>): boolean {
  return igs.some(({ base, ig }) => {
    const sub = base ? rel.slice(base.length + 1) : rel;
    return sub !== '' && ig.ignores(sub);
  });
}

export interface ProjectOptions {
  /** Absolute root of the checked tree (where `.buildctx.json` lives). */
  root: string;
  settings: Settings;
  /** `--builder`: overrides the setting and what discovery found. */
  builder?: Builder;
  /** `--context DIR` (absolute): every Dockerfile is built with this context. */
  contextDir?: string;
  /** Restrict to these Dockerfiles (absolute); default: every Dockerfile under root. */
  dockerfiles?: string[];
  /** Disk access; the overlay of `check` is layered on top. */
  fs: FileAccess;
  rules?: readonly Rule[];
  /** Whole-tree results per scan; default: this project's own, computed at once. */
  work?: TreeWork;
}

interface BuildSpec { dockerfile: string; contextDir: string; builder: Builder; provenance: string; sites?: BuildSite[] }

interface ScanEntry { scan: ContextScan; ignoreFile: string | null; ignoreText: string | null }

export interface CheckOutcome { findings: Finding[]; failures: RuleFailure[]; builds: BuildInfo[] }

export class Project {
  readonly files: ProjectFiles;
  readonly specs: BuildSpec[];
  private readonly scans = new Map<string, ScanEntry>();
  readonly work: TreeWork;

  constructor(private readonly opts: ProjectOptions) {
    this.work = opts.work ?? new TreeWork();
    const found = findProjectFiles(opts.root);
    this.files = { dockerfiles: opts.dockerfiles ?? found.dockerfiles, ignoreFiles: found.ignoreFiles };
    this.specs = this.buildSpecs();
  }

  private buildSpecs(): BuildSpec[] {
    const { opts } = this;
    const builder = (b?: Builder): Builder => opts.builder ?? b ?? opts.settings.builder;
    if (opts.contextDir) {
      return this.files.dockerfiles.map((d) => ({ dockerfile: d, contextDir: opts.contextDir!, builder: builder(), provenance: '--context' }));
    }
    if (this.files.dockerfiles.length === 0) return [];
    const found = discoverContexts(opts.root, { settings: opts.settings, dockerfiles: this.files.dockerfiles, fs: opts.fs });
    const specs: BuildSpec[] = [];
    for (const d of this.files.dockerfiles) {
      const cands = found.candidates.get(d) ?? [];
      const seen = new Set<string>();
      for (const c of cands) {
        const key = `${c.contextDir}\0${builder(c.builder)}`;
        if (seen.has(key)) continue;
        seen.add(key);
        specs.push({ dockerfile: d, contextDir: c.contextDir, builder: builder(c.builder), provenance: c.provenance, sites: found.sites.filter((s) => s.dockerfile === d) });
      }
      if (cands.length === 0) specs.push({ dockerfile: d, contextDir: path.dirname(d), builder: builder(), provenance: "the Dockerfile's folder" });
    }
    return specs;
  }

  /** The scan of a context, re-matched (not re-walked) when its ignore file's text changed. */
  private scanFor(spec: BuildSpec, ignoreFile: string | null, ignoreText: string | null): ContextScan {
    const key = [spec.contextDir, spec.builder, spec.builder === 'classic' ? spec.dockerfile : ''].join('\0');
    const have = this.scans.get(key);
    if (!have) {
      const scan = scanContextSync({ contextDir: spec.contextDir, builder: spec.builder, ignoreFile, dockerfile: spec.dockerfile, ...(ignoreText !== null ? { ignoreText } : {}) });
      this.scans.set(key, { scan, ignoreFile, ignoreText });
      return scan;
    }
    if (have.ignoreFile === ignoreFile && have.ignoreText === ignoreText) return have.scan;
    const scan = rematch(have.scan, ignoreText, ignoreFile);
    this.scans.set(key, { scan, ignoreFile, ignoreText });
    return scan;
  }

  builds(fs: FileAccess): BuildInfo[] {
    return this.specs.map((spec) => {
      const r = resolveBuild({ contextDir: spec.contextDir, dockerfile: spec.dockerfile, builder: spec.builder, fs });
      const text = r.ignoreFile ? fs.readText(r.ignoreFile) ?? null : null;
      return {
        dockerfile: spec.dockerfile, contextDir: r.contextDir, builder: spec.builder,
        ignoreFile: r.ignoreFile, ignoreFileToCreate: r.ignoreFileToCreate,
        ignore: text === null ? null : readIgnoreFile(text, spec.builder),
        scan: this.scanFor(spec, r.ignoreFile, text), provenance: spec.provenance, sites: spec.sites,
      };
    });
  }

  /** Runs every rule; `overlay` holds edited (or created) file texts that win over the disk. */
  check(overlay: ReadonlyMap<string, string> = new Map()): CheckOutcome {
    const fs = overlayAccess(this.opts.fs, overlay);
    const builds = this.builds(fs);
    const rules = this.opts.rules ?? ALL_RULES;
    const contexts: RuleContext[] = [];
    for (const file of this.files.dockerfiles) {
      const text = fs.readText(file);
      if (text !== undefined) contexts.push({ kind: 'dockerfile', file, text, builds: builds.filter((b) => b.dockerfile === file), settings: this.opts.settings, fs, work: this.work });
    }
    contexts.push(...this.ignoreContexts(builds, fs, overlay));
    const findings: Finding[] = [];
    const failures: RuleFailure[] = [];
    for (const ctx of contexts) {
      const r = runRules(ctx, rules);
      findings.push(...r.findings);
      failures.push(...r.failures);
    }
    return { findings: dedupe(findings), failures, builds };
  }

  private ignoreContexts(builds: BuildInfo[], fs: FileAccess, overlay: ReadonlyMap<string, string>): IgnoreFileRuleContext[] {
    const inTree = [...this.files.ignoreFiles, ...[...overlay.keys()].filter((f) => isIgnoreFileName(path.basename(f)))];
    const files = [...new Set([...inTree, ...builds.flatMap((b) => (b.ignoreFile ? [b.ignoreFile] : []))])].sort();
    const out: IgnoreFileRuleContext[] = [];
    for (const file of files) {
      const text = fs.readText(file);
      if (text === undefined) continue;
      const users = builds.filter((b) => b.ignoreFile === file);
      out.push({ kind: 'ignorefile', file, text, parsed: readIgnoreFile(text, users[0]?.builder ?? this.opts.settings.builder), builds: users, settings: this.opts.settings, fs, work: this.work });
    }
    return out;
  }
}

export function overlayAccess(fs: FileAccess, overlay: ReadonlyMap<string, string>): FileAccess {
  if (overlay.size === 0) return fs;
  return {
    readText: (p) => (overlay.has(p) ? overlay.get(p) : fs.readText(p)),
    exists: (p) => overlay.has(p) || fs.exists(p),
  };
}

/** The same finding reached through several builds is shown once. */
function dedupe(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = `${f.ruleId}\0${f.file}\0${f.range.start.line}:${f.range.start.character}-${f.range.end.line}:${f.range.end.character}\0${f.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  }).sort(compareFindings);
}
