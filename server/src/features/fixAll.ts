// Fix-all for one file (code action, codeActionsOnSave) and for the whole workspace (custom
// request). The engine's fixpoint driver re-checks after every pass; each re-check here
// re-matches the live scans against the hypothetical ignore-file text in memory (no disk,
// no rescan), then the live scans are restored to what the editor shows.
import type { CancellationToken } from 'vscode-languageserver';
import { rematch } from '../engine/context/scan/scan';
import { assembleBuild, overlayAccess } from '../engine/build/assemble';
import type { ContextScan } from '../engine/context/model';
import type { TreeWork } from '../engine/background/treeWork';
import { fixAll, type FixAllResult } from '../engine/fix';
import { ruleContext } from '../engine/rules/ruleContext';
import { runRules } from '../engine/rules/runRules';
import type { BuildInfo, FileAccess } from '../engine/rules/types';
import type { FileEdit, Finding, Settings, Totals } from '../engine/types';
import type { WorkspaceFixAllResult } from '../protocol';
import type { ContextEntry } from '../workspace/contexts';
import { pathToUri, uriToPath } from '../workspace/files';
import { docKind, type Build } from '../workspace/project';
import type { FileFixAll } from './codeActions';
import type { SizeDeps } from './contextSize';
import { textDiffEdits, toWorkspaceEdit, type VersionOf } from './workspaceEdit';

interface Scope {
  dockerfiles: Map<string, { builds: Build[]; settings: Settings }>;
  ignoreFiles: Map<string, Settings>;
  /** Every build of the workspace using each ignore file a fix may edit, in scope or not. */
  users: Map<string, Build[]>;
}

interface Outcome {
  result: FixAllResult;
  saved: Totals;
  before: Map<string, string | undefined>;
}

/** Every build of every Dockerfile in scope, with its scan finished (pinned while we work). */
async function prepare(
  d: SizeDeps,
  dockerfiles: string[],
  ignoreFiles: string[],
): Promise<{ scope: Scope; release: () => void }> {
  const scope: Scope = { dockerfiles: new Map(), ignoreFiles: new Map(), users: new Map() };
  const unpins: Array<() => void> = [];
  for (const df of dockerfiles) {
    const settings = await d.project.settingsFor(df);
    const builds = await d.project.buildsOfDockerfile(df, settings);
    for (const b of builds) unpins.push(d.project.contexts.pin(b.entry.key));
    scope.dockerfiles.set(df, { builds, settings });
  }
  for (const f of ignoreFiles) {
    const settings = await d.project.settingsFor(f);
    for (const b of await d.project.buildsUsingIgnoreFile(f, settings))
      unpins.push(d.project.contexts.pin(b.entry.key));
    scope.ignoreFiles.set(f, settings);
  }
  const edited = new Set([
    ...ignoreFiles,
    ...[...scope.dockerfiles.values()].flatMap((x) => x.builds.map((b) => b.info.ignoreFile)),
  ]);
  for (const f of edited) {
    if (!f) continue;
    const users = await d.project.buildsUsingIgnoreFile(f);
    for (const b of users) unpins.push(d.project.contexts.pin(b.entry.key));
    scope.users.set(f, users);
  }
  const entries = new Set([
    ...[...scope.dockerfiles.values()].flatMap((x) => x.builds.map((b) => b.entry)),
    ...[...scope.users.values()].flatMap((bs) => bs.map((b) => b.entry)),
  ]);
  await Promise.all([...entries].map((e) => d.project.contexts.settled(e)));
  return {
    scope,
    release: () => {
      for (const u of unpins) u();
    },
  };
}

/** Re-matches live scans against overlay texts; remembers what it touched to restore it. */
class Hypothesis {
  readonly touched = new Set<ContextEntry>();
  /** Per entry, the latest re-match: entries share nothing, but one entry's tree is shared by its scans. */
  private readonly memo = new Map<ContextEntry, { key: string; scan: ContextScan }>();

  constructor(
    private readonly fs: FileAccess,
    private readonly work: TreeWork,
  ) {}

  /** The build as it would be with the hypothetical texts: assembled as every build is. */
  build(b: Build): BuildInfo {
    return assembleBuild(b.spec, this.fs, (req) => ({ scan: this.scan(b.entry, req.ignoreFile, req.ignoreText) })).info;
  }

  private scan(e: ContextEntry, ignoreFile: string | null, text: string | undefined): ContextScan | null {
    if (!e.scan) return null;
    if (text === e.matchedText && ignoreFile === e.req.ignoreFile) return e.scan;
    const key = `${ignoreFile}\0${text}`;
    const hit = this.memo.get(e);
    if (hit?.key === key) return hit.scan;
    this.touched.add(e);
    const scan = rematch(hit?.scan ?? e.scan, text ?? null, ignoreFile);
    this.memo.set(e, { key, scan });
    return scan;
  }

  /** Puts every touched scan back to the text the editor shows. */
  restore(): void {
    for (const e of this.touched) {
      if (!e.scan) continue;
      const live = e.scan;
      e.scan = rematch(live, e.matchedText ?? null, e.req.ignoreFile);
      // The rules' whole-tree results for the live scan still hold: redoing them on a big tree
      // would silence those rules until a background pass lands again.
      this.work.sameTree(live, e.scan);
    }
    this.touched.clear();
  }
}

function checkScope(
  d: SizeDeps,
  scope: Scope,
  overlay: ReadonlyMap<string, string>,
  hypo: (fs: FileAccess) => Hypothesis,
): Finding[] {
  const fs = overlayAccess(d.project.files, overlay);
  const h = hypo(fs);
  const out: Finding[] = [];
  const users = new Map<string, BuildInfo[]>();
  // Fixes to a shared ignore file are judged against every build that uses it (support/inputs.ts).
  const sharing = (f: string): BuildInfo[] => (scope.users.get(f) ?? []).map((b) => h.build(b));
  for (const [file, { builds, settings }] of scope.dockerfiles) {
    const text = fs.readText(file);
    const infos = builds.map((b) => h.build(b));
    for (const i of infos) if (i.ignoreFile) users.set(i.ignoreFile, [...(users.get(i.ignoreFile) ?? []), i]);
    if (text === undefined) continue;
    const env = { settings, fs, work: d.project.work, sharing };
    const rules = d.project.rulesFor('dockerfile', text);
    out.push(...runRules(ruleContext('dockerfile', file, text, infos, env), rules).findings);
  }
  for (const [file, settings] of scope.ignoreFiles) {
    const text = fs.readText(file);
    if (text === undefined) continue;
    const builds = users.get(file) ?? [];
    const ctx = ruleContext('ignorefile', file, text, builds, { settings, fs, work: d.project.work, sharing });
    out.push(...runRules(ctx, d.project.rulesFor('ignorefile', text)).findings);
  }
  return out;
}

/** Thrown out of the fixpoint when the request that asked for it is cancelled. */
class Cancelled extends Error {}

/**
 * Runs the fixpoint synchronously, so no other handler sees a hypothetical re-match.
 * `cancelled` is polled before every pass: a superseded request stops at the next one.
 */
function runFixpoint(d: SizeDeps, scope: Scope, onlyFile?: string, cancelled: () => boolean = () => false): Outcome {
  let current: Hypothesis | undefined;
  const hypo = (fs: FileAccess): Hypothesis => {
    current?.restore();
    current = new Hypothesis(fs, d.project.work);
    return current;
  };
  const read = (f: string): string | undefined => d.project.files.readText(f);
  try {
    const check = (overlay: ReadonlyMap<string, string>): Finding[] => {
      if (cancelled()) throw new Cancelled();
      fixAllHooks.onPass?.();
      const all = checkScope(d, scope, overlay, hypo);
      return onlyFile ? all.filter((f) => f.file === onlyFile) : all;
    };
    // Every pass re-matches the scans, so no background result could land in time to count.
    const result = d.project.work.atOnce(() => fixAll(check, read));
    const before = new Map([...result.changed.keys()].map((f) => [f, read(f)] as const));
    return { result, before, saved: savedBy(d, scope, result.changed, hypo) };
  } finally {
    current?.restore();
  }
}

function savedBy(
  d: SizeDeps,
  scope: Scope,
  changed: ReadonlyMap<string, string>,
  hypo: (fs: FileAccess) => Hypothesis,
): Totals {
  const entries = new Map<ContextEntry, Build>();
  for (const { builds } of scope.dockerfiles.values()) for (const b of builds) entries.set(b.entry, b);
  const live = new Map([...entries.keys()].map((e) => [e, e.scan ? { ...e.scan.sent } : null] as const));
  const h = hypo(overlayAccess(d.project.files, changed));
  const saved = { files: 0, bytes: 0 };
  for (const [e, b] of entries) {
    const after = h.build(b).scan;
    const was = live.get(e);
    if (!after || !was) continue;
    saved.files += Math.max(0, was.files - after.sent.files);
    saved.bytes += Math.max(0, was.bytes - after.sent.bytes);
  }
  return saved;
}

function editsOf(o: Outcome): FileEdit[] {
  const out: FileEdit[] = [];
  for (const [file, after] of o.result.changed) {
    const before = o.before.get(file);
    if (before === undefined)
      out.push({
        file,
        create: true,
        edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: after }],
      });
    else out.push({ file, edits: textDiffEdits(before, after) });
  }
  return out;
}

/** Test seam: `onPass` sees every re-check pass of a fix-all (proves a request ran none). */
export const fixAllHooks: { onPass?: () => void } = {};

/** A file's fix-all; null when nothing to fix or when `token` was cancelled on the way. */
export async function fixFile(
  d: SizeDeps,
  versionOf: VersionOf,
  uri: string,
  token?: CancellationToken,
): Promise<FileFixAll | null> {
  const file = uriToPath(uri);
  const kind = docKind(file, d.languageOf(uri));
  if (!kind) return null;
  const { scope, release } = await prepare(d, kind === 'dockerfile' ? [file] : [], kind === 'ignorefile' ? [file] : []);
  try {
    const o = runFixpoint(d, scope, file, () => token?.isCancellationRequested === true);
    if (o.result.changed.size === 0) return null;
    return { edit: toWorkspaceEdit(editsOf(o), versionOf), problems: o.result.applied.length };
  } catch (e) {
    if (e instanceof Cancelled) return null;
    throw e;
  } finally {
    release();
  }
}

export async function workspaceFixAll(d: SizeDeps, versionOf: VersionOf): Promise<WorkspaceFixAllResult> {
  const dockerfiles = new Set<string>();
  for (const root of d.project.roots) for (const df of await d.project.dockerfilesOf(root)) dockerfiles.add(df);
  const { scope, release } = await prepare(d, [...dockerfiles], []);
  try {
    const ignoreFiles = new Set<string>();
    for (const { builds } of scope.dockerfiles.values())
      for (const b of builds) ignoreFiles.add(b.info.ignoreFileToCreate);
    for (const f of ignoreFiles) scope.ignoreFiles.set(f, await d.project.settingsFor(f));
    const o = runFixpoint(d, scope);
    const edit = toWorkspaceEdit(editsOf(o), versionOf);
    const files = [...o.result.changed.keys()].sort().map(pathToUri);
    return { edit, problems: o.result.applied.length, files, saved: o.saved };
  } finally {
    release();
  }
}
