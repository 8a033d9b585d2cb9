// A checked tree as the CLI sees it: discovery's walk finds the Dockerfiles and ignore files
// under a root, build/assemble.ts makes each Dockerfile's builds (as the server does), one scan
// per distinct request, and the rules run over all of it. `check(overlay)` re-checks against
// edited texts without touching the disk, which is what fix-all and `--fix-dry-run` need.
import * as nodeFs from 'node:fs';
import * as path from 'node:path';
import { TreeWork } from '../background/treeWork';
import { assembleBuild, buildSpecs, isIgnoreFileName, overlayAccess } from '../build/assemble';
import type { BuildInfo, BuildSpec, ScanRequest } from '../build/types';
import type { ContextScan } from '../context/model';
import { rematch, scanContextSync } from '../context/scan/scan';
import { discoverContexts, type DiscoveryResult } from '../discovery';
import { ALL_RULES } from '../rules';
import { ruleContext, type RuleEnv } from '../rules/ruleContext';
import { ignoreTarget } from '../rules/support/ignoreFix';
import { compareFindings, runRules, type RuleFailure } from '../rules/runRules';
import type { Rule, RuleContext } from '../rules/types';
import type { Builder, FileAccess, Finding, Settings } from '../types';
import { CONFIG_FILE } from '../config';

export interface TreeFiles {
  dockerfiles: string[];
  ignoreFiles: string[];
}

export interface CheckedTreeOptions {
  /** Absolute root of the checked tree (where `.buildctx.json` lives). */
  root: string;
  settings: Settings;
  /** `--builder`: overrides the setting and what discovery found. */
  builder?: Builder;
  /** `--context DIR` (absolute): every Dockerfile is built with this context. */
  contextDir?: string;
  /** Restrict to these Dockerfiles (absolute); default: every Dockerfile discovery finds under root. */
  dockerfiles?: string[];
  /** Disk access; the overlay of `check` is layered on top. */
  fs: FileAccess;
  rules?: readonly Rule[];
  /** Whole-tree results per scan; default: this tree's own, computed at once. */
  work?: TreeWork;
}

interface ScanEntry {
  scan: ContextScan;
  ignoreFile: string | null;
  ignoreText: string | undefined;
}

export interface CheckOutcome {
  findings: Finding[];
  failures: RuleFailure[];
  builds: BuildInfo[];
}

/**
 * The root a Dockerfile's builds are discovered from when the CLI is given a file: the nearest
 * folder above it holding `.buildctx.json` or `.git`. From the Dockerfile's own folder, a
 * Makefile or compose file one level up that says `context: .` would never be read.
 */
export function repositoryRoot(file: string): string {
  const start = path.dirname(path.resolve(file));
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (nodeFs.existsSync(path.join(dir, CONFIG_FILE)) || nodeFs.existsSync(path.join(dir, '.git'))) return dir;
    if (path.dirname(dir) === dir) return start;
  }
}

export class CheckedTree {
  readonly files: TreeFiles;
  readonly specs: BuildSpec[];
  readonly work: TreeWork;
  private readonly scans = new Map<string, ScanEntry>();

  constructor(private readonly opts: CheckedTreeOptions) {
    this.work = opts.work ?? new TreeWork();
    const found = discoverContexts(opts.root, { settings: opts.settings, dockerfiles: opts.dockerfiles, fs: opts.fs });
    this.files = { dockerfiles: [...found.candidates.keys()].sort(), ignoreFiles: found.ignoreFiles };
    this.specs = this.files.dockerfiles.flatMap((d) => this.specsOf(d, found));
  }

  private specsOf(dockerfile: string, found: DiscoveryResult): BuildSpec[] {
    const { settings, builder, contextDir } = this.opts;
    return buildSpecs(dockerfile, found, settings, { builder, contextDir });
  }

  /** The scan of a request, re-matched (not re-walked) when its ignore file or text changed. */
  private scanFor(req: ScanRequest): ContextScan {
    const key = [req.contextDir, req.builder, req.dockerfile ?? ''].join('\0');
    const have = this.scans.get(key);
    let scan: ContextScan;
    if (!have)
      scan = scanContextSync({ ...req, ...(req.ignoreText !== undefined ? { ignoreText: req.ignoreText } : {}) });
    else if (have.ignoreFile === req.ignoreFile && have.ignoreText === req.ignoreText) return have.scan;
    else scan = rematch(have.scan, req.ignoreText ?? null, req.ignoreFile);
    this.scans.set(key, { scan, ignoreFile: req.ignoreFile, ignoreText: req.ignoreText });
    return scan;
  }

  builds(fs: FileAccess): BuildInfo[] {
    return this.specs.map((spec) => assembleBuild(spec, fs, (req) => ({ scan: this.scanFor(req) })).info);
  }

  /** Runs every rule; `overlay` holds edited (or created) file texts that win over the disk. */
  check(overlay: ReadonlyMap<string, string> = new Map()): CheckOutcome {
    const fs = overlayAccess(this.opts.fs, overlay);
    const builds = this.builds(fs);
    // A fix to a shared ignore file is judged against every build that uses it (support/inputs.ts).
    const sharing = (file: string): BuildInfo[] => builds.filter((b) => ignoreTarget(b).file === file);
    const env: RuleEnv = { settings: this.opts.settings, fs, work: this.work, sharing };
    const contexts: RuleContext[] = [];
    for (const file of this.files.dockerfiles) {
      const text = fs.readText(file);
      if (text !== undefined)
        contexts.push(
          ruleContext(
            'dockerfile',
            file,
            text,
            builds.filter((b) => b.dockerfile === file),
            env,
          ),
        );
    }
    for (const file of this.ignoreFilesOf(builds, overlay)) {
      const text = fs.readText(file);
      if (text !== undefined)
        contexts.push(
          ruleContext(
            'ignorefile',
            file,
            text,
            builds.filter((b) => b.ignoreFile === file),
            env,
          ),
        );
    }
    const rules = this.opts.rules ?? ALL_RULES;
    const findings: Finding[] = [];
    const failures: RuleFailure[] = [];
    for (const ctx of contexts) {
      const r = runRules(ctx, rules);
      findings.push(...r.findings);
      failures.push(...r.failures);
    }
    return { findings: dedupeFindings(findings), failures, builds };
  }

  private ignoreFilesOf(builds: BuildInfo[], overlay: ReadonlyMap<string, string>): string[] {
    const created = [...overlay.keys()].filter((f) => isIgnoreFileName(path.basename(f)));
    const used = builds.flatMap((b) => (b.ignoreFile ? [b.ignoreFile] : []));
    return [...new Set([...this.files.ignoreFiles, ...created, ...used])].sort();
  }
}

/** The same finding reached through several builds is shown once. */
export function dedupeFindings(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings
    .filter((f) => {
      const { start, end } = f.range;
      const key = `${f.ruleId}\0${f.file}\0${start.line}:${start.character}-${end.line}:${end.character}\0${f.message}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .sort(compareFindings);
}
