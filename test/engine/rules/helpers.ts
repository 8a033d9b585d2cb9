// Shared helpers for rule tests: build a real context on disk, resolve and scan it with the
// engine (no hand-built scans), run one rule, apply fixes and compare with expected trees.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import assert from 'node:assert/strict';
import { applyTextEdits } from '../../../server/src/engine/edits';
import { DEFAULT_SETTINGS, type Builder, type Finding, type Settings } from '../../../server/src/engine/types';
import { resolveBuild } from '../../../server/src/engine/build/resolve';
import { scanContextSync } from '../../../server/src/engine/context/scan/scan';
import { readIgnoreFile } from '../../../server/src/engine/dockerignore/read';
import type {
  BuildInfo,
  DockerfileRuleContext,
  FileAccess,
  IgnoreFileRuleContext,
  Rule,
  RuleContext,
} from '../../../server/src/engine/rules/types';
import { TreeWork } from '../../../server/src/engine/background/treeWork';

/** Relative path → file text, or a byte count for a sparse file; a key ending in '/' is an empty directory. */
export type TreeSpec = Record<string, string | number>;

export interface TempTree {
  dir: string;
  abs(rel: string): string;
  read(rel: string): string | undefined;
  cleanup(): void;
}

export function writeTree(dir: string, files: TreeSpec): void {
  for (const [rel, content] of Object.entries(files)) {
    const p = path.join(dir, rel);
    if (rel.endsWith('/')) {
      fs.mkdirSync(p, { recursive: true });
      continue;
    }
    fs.mkdirSync(path.dirname(p), { recursive: true });
    if (typeof content === 'string') fs.writeFileSync(p, content);
    else {
      fs.writeFileSync(p, '');
      fs.truncateSync(p, content);
    }
  }
}

export function makeTree(files: TreeSpec): TempTree {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'buildctx-rule-')));
  writeTree(dir, files);
  return treeAt(dir, true);
}

export function treeAt(dir: string, owned = false): TempTree {
  return {
    dir,
    abs: (rel) => path.join(dir, rel),
    read: (rel) => diskFs.readText(path.join(dir, rel)),
    cleanup: () => {
      if (owned) fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** FileAccess over the disk, optionally with unsaved "editor buffers" that win over it. */
export function fileAccess(buffers: Record<string, string> = {}): FileAccess {
  return {
    readText: (p) => buffers[p] ?? diskFs.readText(p),
    readBytes: (p) => (p in buffers ? new TextEncoder().encode(buffers[p]) : diskFs.readBytes(p)),
    exists: (p) => p in buffers || diskFs.exists(p),
  };
}

/** FileAccess over a map of absolute paths, for code that reads a few known files. */
export function memoryFs(files: Record<string, string>): FileAccess {
  const dirs = new Set<string>();
  for (const f of Object.keys(files))
    for (let d = path.dirname(f); d !== '/' && d !== '.'; d = path.dirname(d)) dirs.add(d);
  return {
    readText: (p) => files[p],
    readBytes: (p) => (p in files ? new TextEncoder().encode(files[p]) : undefined),
    exists: (p) => p in files || dirs.has(p),
  };
}

export const diskFs: FileAccess = {
  readText(p) {
    try {
      return fs.readFileSync(p, 'utf8');
    } catch {
      return undefined;
    }
  },
  readBytes(p) {
    try {
      return fs.readFileSync(p);
    } catch {
      return undefined;
    }
  },
  exists: (p) => fs.existsSync(p),
};

export interface BuildOptions {
  contextDir: string;
  /** Absolute path; the builder's default name in the context when omitted. */
  dockerfile?: string;
  builder?: Builder;
  /** False to model "still scanning" (scan === null). */
  scan?: boolean;
}

/** A BuildInfo exactly as the engine would produce it: resolved ignore file, parsed, scanned. */
export function buildFor(opts: BuildOptions): BuildInfo {
  const builder = opts.builder ?? 'buildkit';
  const r = resolveBuild({ contextDir: opts.contextDir, dockerfile: opts.dockerfile, builder });
  const text = r.ignoreFile ? diskFs.readText(r.ignoreFile) : undefined;
  const scan =
    opts.scan === false
      ? null
      : scanContextSync({ contextDir: r.contextDir, builder, ignoreFile: r.ignoreFile, dockerfile: r.dockerfile });
  return {
    dockerfile: r.dockerfile,
    contextDir: r.contextDir,
    builder,
    ignoreFile: r.ignoreFile,
    ignoreFileToCreate: r.ignoreFileToCreate,
    ignore: text === undefined ? null : readIgnoreFile(text),
    scan,
    provenance: 'test',
  };
}

export function settingsWith(over: Partial<Settings> = {}): Settings {
  return { ...DEFAULT_SETTINGS, ...over };
}

export function dockerfileCtx(
  builds: BuildInfo[],
  over: Partial<Settings> = {},
  file = builds[0]!.dockerfile,
  work = new TreeWork(),
): DockerfileRuleContext {
  const text = diskFs.readText(file) ?? '';
  return { kind: 'dockerfile', file, text, builds, settings: settingsWith(over), fs: fileAccess(), work };
}

/** Context for an ignore file; `builds` are the builds that use it (empty for an unused file). */
export function ignoreFileCtx(file: string, builds: BuildInfo[], over: Partial<Settings> = {}): IgnoreFileRuleContext {
  const text = diskFs.readText(file) ?? '';
  return {
    kind: 'ignorefile',
    file,
    text,
    parsed: readIgnoreFile(text),
    builds,
    settings: settingsWith(over),
    fs: fileAccess(),
    work: new TreeWork(),
  };
}

/** Runs one rule and checks the invariants every finding must keep. */
export function runRule(rule: Rule, ctx: RuleContext): Finding[] {
  assert.equal(rule.appliesTo, ctx.kind, `${rule.id} does not apply to ${ctx.kind}`);
  const found = rule.check(ctx);
  for (const f of found) {
    assert.equal(f.ruleId, rule.id);
    assert.ok(f.message.length > 0);
    assert.ok(f.range.start.line <= f.range.end.line);
  }
  return found;
}

/**
 * Applies the safe fixes (or the first fix of each finding with `all`) to disk. Identical edits
 * from several findings are applied once, as a fix-all engine would merge them.
 */
export function applyFixes(findings: Finding[], opts: { all?: boolean } = {}): string[] {
  const byFile = new Map<string, { edits: Map<string, Finding['fixes'][number]['edits'][number]['edits'][number]> }>();
  for (const f of findings) {
    const fixes = opts.all ? f.fixes.slice(0, 1) : f.fixes.filter((x) => x.safe);
    for (const fix of fixes)
      for (const fe of fix.edits) {
        const entry = byFile.get(fe.file) ?? { edits: new Map() };
        for (const e of fe.edits) entry.edits.set(JSON.stringify(e), e);
        byFile.set(fe.file, entry);
      }
  }
  for (const [file, { edits }] of byFile) {
    const before = diskFs.readText(file) ?? '';
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, applyTextEdits(before, [...edits.values()]).text);
  }
  return [...byFile.keys()];
}

/** Re-checks and applies safe fixes until nothing changes; returns the number of passes that changed something. */
export function fixToFixpoint(check: () => Finding[], maxPasses = 6): number {
  for (let pass = 0; pass < maxPasses; pass++) {
    if (applyFixes(check()).length === 0) return pass;
  }
  assert.fail(`fixes did not settle within ${maxPasses} passes`);
}

function listFiles(dir: string, base = dir, out: string[] = []): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) listFiles(p, base, out);
    else out.push(path.relative(base, p).split(path.sep).join('/'));
  }
  return out.sort();
}

/** Copies a fixture's input tree to a temp dir the test may modify. */
export function copyFixture(ruleId: string, which: 'input' | 'expected' = 'input'): TempTree {
  const src = fixtureDir(ruleId, which);
  const t = makeTree({});
  fs.cpSync(src, t.dir, { recursive: true });
  return t;
}

export function fixtureDir(ruleId: string, which: 'input' | 'expected'): string {
  return path.join(__dirname, '..', '..', 'fixtures', 'rules', ruleId, which);
}

/** Asserts that `dir` holds exactly the files of `expectedDir`, byte for byte. */
export function assertSameTree(dir: string, expectedDir: string): void {
  const got = listFiles(dir);
  assert.deepEqual(got, listFiles(expectedDir));
  for (const rel of got) {
    assert.equal(
      fs.readFileSync(path.join(dir, rel), 'latin1'),
      fs.readFileSync(path.join(expectedDir, rel), 'latin1'),
      rel,
    );
  }
}

export interface IgnoreCase {
  t: TempTree;
  build: BuildInfo;
  ctx: IgnoreFileRuleContext;
}

/**
 * A temp context with a Dockerfile (default `FROM scratch` + `COPY . .`) whose build uses the
 * ignore file at `ignoreFile` (relative; `.dockerignore` by default), scanned for real.
 */
export function ignoreFileCase(
  files: TreeSpec,
  opts: { builder?: Builder; ignoreFile?: string; dockerfile?: string; settings?: Partial<Settings> } = {},
): IgnoreCase {
  const dockerfile = opts.dockerfile ?? 'Dockerfile';
  const t = makeTree({ [dockerfile]: 'FROM scratch\nCOPY . .\n', ...files });
  const build = buildFor({ contextDir: t.dir, dockerfile: t.abs(dockerfile), builder: opts.builder });
  const file = t.abs(opts.ignoreFile ?? '.dockerignore');
  assert.equal(build.ignoreFile, file, 'the build does not use the ignore file under test');
  return { t, build, ctx: ignoreFileCtx(file, [build], opts.settings) };
}
