// `npm run realworld -- DIR…` (issue 13/14): the whole pipeline on local checkouts of public
// repositories nobody here wrote. Per repository: the builds discovery finds (what `contexts`
// lists), the findings of `check` by rule and severity, and what the safe fixes of `check --fix`
// would do, applied in memory to a fixpoint (nothing is written): for every build, the inputs
// (`buildctx inputs`) the fixed ignore files would no longer send. That number must be 0.
// With test/realworld/expectations.json, each finding recorded there by hand is matched and
// precision per rule is printed.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { overlayAccess } from '../server/src/engine/build/assemble';
import { CheckedTree } from '../server/src/engine/check/checkedTree';
import { contextPrecision, type ContextVerdict } from './realworldContexts';
import { reportedFindings } from '../server/src/engine/check/collapse';
import type { DirEntry } from '../server/src/engine/context/model';
import { diskAccess } from '../server/src/engine/discovery';
import { fixAll } from '../server/src/engine/fix';
import { inputIndex } from '../server/src/engine/inputs';
import type { BuildInfo } from '../server/src/engine/rules/types';
import { DEFAULT_SETTINGS, type Finding } from '../server/src/engine/types';

interface Verdict {
  repository: string;
  file: string;
  rule: string;
  line: number;
  verdict: 'TP' | 'FP' | 'debatable';
  why: string;
  /** Only findings whose message contains this (several findings share one line). */
  match?: string;
}
interface Expectations {
  verdicts: Verdict[];
  contexts?: ContextVerdict[];
}

const EXPECT = path.join(__dirname, '..', 'test', 'realworld', 'expectations.json');

function sent(root: DirEntry, out = new Set<string>()): Set<string> {
  for (const f of root.files.values()) if (f.excludedBy < 0) out.add(root.path ? `${root.path}/${f.name}` : f.name);
  for (const d of root.dirs.values()) sent(d, out);
  return out;
}

function inputsSent(b: BuildInfo): string[] {
  if (!b.scan || b.scan.fatal) return [];
  const text = diskAccess.readText(b.dockerfile) ?? '';
  const src = { dockerfileText: text, builder: b.builder, contextDir: b.contextDir, scan: b.scan, fs: diskAccess };
  const index = inputIndex(src);
  return [...sent(b.scan.root)].filter((p) => index.hit(p) !== undefined);
}

const key = (b: BuildInfo): string => `${b.dockerfile}\0${b.contextDir}\0${b.builder}`;

interface RepoResult {
  name: string;
  builds: number;
  findings: Finding[];
  fixes: number;
  dropped: Array<{ dockerfile: string; paths: string[] }>;
}

function runRepo(dir: string): RepoResult {
  const tree = new CheckedTree({ root: dir, settings: DEFAULT_SETTINGS, fs: diskAccess });
  const before = tree.check();
  const needed = new Map(before.builds.map((b) => [key(b), inputsSent(b)]));
  const result = fixAll(
    (overlay) => tree.check(overlay).findings,
    (f) => diskAccess.readText(f),
  );
  const dropped: RepoResult['dropped'] = [];
  for (const b of tree.builds(overlayAccess(diskAccess, result.changed))) {
    if (!b.scan) continue;
    const now = sent(b.scan.root);
    const lost = (needed.get(key(b)) ?? []).filter((p) => !now.has(p));
    if (lost.length > 0) dropped.push({ dockerfile: path.relative(dir, b.dockerfile), paths: lost.slice(0, 5) });
  }
  return {
    name: path.basename(dir),
    builds: before.builds.length,
    findings: reportedFindings(before.findings),
    fixes: result.applied.length,
    dropped,
  };
}

function commitOf(dir: string): string {
  return spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: dir, encoding: 'utf8' }).stdout.trim();
}

function table(results: RepoResult[]): void {
  const rules = [...new Set(results.flatMap((r) => r.findings.map((f) => `${f.ruleId}/${f.severity}`)))].sort();
  console.log(`| repository | builds | ${rules.join(' | ')} | safe fixes | inputs dropped |`);
  console.log(`|---|---|${rules.map(() => '---|').join('')}---|---|`);
  for (const r of results) {
    const n = (k: string): number => r.findings.filter((f) => `${f.ruleId}/${f.severity}` === k).length;
    const dropped = r.dropped.reduce((s, d) => s + d.paths.length, 0);
    console.log(`| ${r.name} | ${r.builds} | ${rules.map(n).join(' | ')} | ${r.fixes} | ${dropped} |`);
  }
}

function precision(results: RepoResult[], dirs: string[]): void {
  if (!fs.existsSync(EXPECT)) return;
  const exp = JSON.parse(fs.readFileSync(EXPECT, 'utf8')) as Expectations;
  const byRule = new Map<string, { tp: number; fp: number; debatable: number; unreviewed: number }>();
  results.forEach((r, i) => {
    for (const f of r.findings) {
      if (f.severity !== 'error' && f.severity !== 'warning') continue;
      const file = path.relative(dirs[i]!, f.file);
      const v = exp.verdicts.find(
        (x) =>
          x.repository === r.name &&
          x.file === file &&
          x.rule === f.ruleId &&
          x.line === f.range.start.line + 1 &&
          (x.match === undefined || f.message.includes(x.match)),
      );
      const s = byRule.get(f.ruleId) ?? { tp: 0, fp: 0, debatable: 0, unreviewed: 0 };
      if (!v) s.unreviewed++;
      else if (v.verdict === 'TP') s.tp++;
      else if (v.verdict === 'FP') s.fp++;
      else s.debatable++;
      byRule.set(f.ruleId, s);
    }
  });
  console.log('\n| rule | TP | FP | debatable | unreviewed | precision |\n|---|---|---|---|---|---|');
  for (const [rule, s] of [...byRule].sort()) {
    const p = s.tp + s.fp > 0 ? `${Math.round((100 * s.tp) / (s.tp + s.fp))}%` : '–';
    console.log(`| ${rule} | ${s.tp} | ${s.fp} | ${s.debatable} | ${s.unreviewed} | ${p} |`);
  }
}

function main(): void {
  const dirs = process.argv.slice(2).map((d) => path.resolve(d));
  if (dirs.length === 0) {
    console.error('usage: npm run realworld -- DIR…   (local checkouts of repositories)');
    process.exit(2);
  }
  const results: RepoResult[] = [];
  for (const dir of dirs) {
    const t = performance.now();
    const r = runRepo(dir);
    results.push(r);
    console.error(
      `${r.name}@${commitOf(dir)}: ${r.builds} builds, ${r.findings.length} findings, ${Math.round(performance.now() - t)} ms`,
    );
    for (const d of r.dropped) console.error(`  DROPPED by safe fixes in ${d.dockerfile}: ${d.paths.join(', ')}`);
  }
  table(results);
  precision(results, dirs);
  if (fs.existsSync(EXPECT)) {
    const exp = JSON.parse(fs.readFileSync(EXPECT, 'utf8')) as Expectations;
    contextPrecision(exp.contexts ?? [], dirs);
  }
  if (process.env.REALWORLD_JSON) {
    const out = results.map((r, i) => ({
      repository: r.name,
      commit: commitOf(dirs[i]!),
      findings: r.findings.map((f) => ({
        file: path.relative(dirs[i]!, f.file),
        line: f.range.start.line + 1,
        rule: f.ruleId,
        severity: f.severity,
        message: f.message,
        safeFix: f.fixes.some((x) => x.safe),
      })),
      dropped: r.dropped,
    }));
    fs.writeFileSync(process.env.REALWORLD_JSON, JSON.stringify(out, null, 2));
  }
  process.exit(results.some((r) => r.dropped.length > 0) ? 1 : 0);
}

main();
