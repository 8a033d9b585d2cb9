// Context precision on real repositories (issue 15): each Dockerfile's hand-verified context in
// test/realworld/expectations.json against what discovery drives the diagnostics with.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { discoverContexts } from '../server/src/engine/discovery';
import { DEFAULT_SETTINGS } from '../server/src/engine/types';

export interface ContextVerdict {
  repository: string;
  dockerfile: string;
  /** Repository-relative; '.' is the root; 'goreleaser-tempdir' is goreleaser's temporary context. */
  contexts: string[];
  evidence: string[];
  namedBy: 'build-file' | 'docs' | 'none';
  why: string;
}

interface Outcome {
  verdict: ContextVerdict;
  said: string;
  right: boolean;
  /** A build file names the context, yet the answer is the Dockerfile's folder. */
  fallbackDespiteBuildFile: boolean;
}

const rel = (root: string, p: string): string => path.relative(root, p).split(path.sep).join('/') || '.';

function judge(v: ContextVerdict, dir: string, found: ReturnType<typeof discoverContexts>): Outcome {
  const c = found.candidates.get(path.join(dir, v.dockerfile))?.[0];
  if (!c) return { verdict: v, said: 'not listed', right: false, fallbackDespiteBuildFile: false };
  const ctx = c.temporaryContext ? `${c.temporaryContext}-tempdir` : rel(dir, c.contextDir);
  return {
    verdict: v,
    said: `${ctx} (${c.source}: ${c.provenance})`,
    right: v.contexts.includes(ctx),
    fallbackDespiteBuildFile: c.source === 'fallback' && v.namedBy === 'build-file',
  };
}

/** Prints the table per repository and each wrong answer; returns the share right. */
export function contextPrecision(verdicts: ContextVerdict[], dirs: string[]): number {
  const outcomes: Outcome[] = [];
  for (const dir of dirs) {
    const mine = verdicts.filter((v) => v.repository === path.basename(dir));
    if (mine.length === 0) continue;
    const found = discoverContexts(dir, { settings: DEFAULT_SETTINGS });
    outcomes.push(...mine.map((v) => judge(v, dir, found)));
  }
  console.log(
    '\n| repository | contexts | right | wrong | fallback where a build file names it |\n|---|---|---|---|---|',
  );
  for (const repo of [...new Set(outcomes.map((o) => o.verdict.repository))]) {
    const os = outcomes.filter((o) => o.verdict.repository === repo);
    const right = os.filter((o) => o.right).length;
    const fb = os.filter((o) => o.fallbackDespiteBuildFile).length;
    console.log(`| ${repo} | ${os.length} | ${right} | ${os.length - right} | ${fb} |`);
  }
  const right = outcomes.filter((o) => o.right).length;
  const share = outcomes.length ? right / outcomes.length : 1;
  console.log(`\ncontexts right: ${right} of ${outcomes.length} (${(100 * share).toFixed(1)}%)`);
  for (const o of outcomes.filter((x) => !x.right || x.fallbackDespiteBuildFile))
    console.log(
      `  ${o.right ? 'FALLBACK' : 'WRONG'} ${o.verdict.repository}/${o.verdict.dockerfile}: ` +
        `expected ${o.verdict.contexts.join(' or ')}, buildctx says ${o.said}`,
    );
  return share;
}

// `node --import tsx bench/realworldContexts.ts DIR…`: the contexts table alone, in seconds.
if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(__filename)) {
  const file = path.join(__dirname, '..', 'test', 'realworld', 'expectations.json');
  const exp = JSON.parse(fs.readFileSync(file, 'utf8')) as { contexts?: ContextVerdict[] };
  contextPrecision(
    exp.contexts ?? [],
    process.argv.slice(2).map((d) => path.resolve(d)),
  );
}
