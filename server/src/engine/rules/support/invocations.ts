// Whether two build sites in one file run in one invocation (issue 14): Make targets are
// alternatives unless one depends on the other (run-tests vs run-tests-minimal never run
// together), CI jobs are separate runs, while a script or a compose file runs all it holds.
import * as path from 'node:path';
import type { BuildSite } from '../../discovery/types';
import type { FileAccess } from '../../types';

const MAKEFILE = /^(GNUmakefile|makefile|Makefile)$|\.mk$/;
const YAML = /\.ya?ml$/;
/** YAML that runs every build it holds; in any other (CI files, files GitLab CI includes) jobs are separate. */
const RUNS_ALL = /^((docker-)?compose|skaffold)(\.[\w.-]+)?\.ya?ml$/;
const RULE_LINE = /^([^\s:#=][^:=]*?)\s*::?(?!=)\s*([^=;#]*)/;

interface MakeRules {
  /** Target of each line (1-based line → target names of the rule it belongs to). */
  targetAt(line: number): string[];
  prerequisites: Map<string, string[]>;
}

function readMakefile(text: string): MakeRules {
  const lines = text.split(/\r?\n/);
  const prerequisites = new Map<string, string[]>();
  const owner: string[][] = [];
  let current: string[] = [];
  lines.forEach((l, i) => {
    const m = l.startsWith('\t') ? null : RULE_LINE.exec(l);
    if (m) {
      current = m[1]!.trim().split(/\s+/);
      const prereqs = m[2]!.trim().split(/\s+/).filter(Boolean);
      for (const t of current) prerequisites.set(t, [...(prerequisites.get(t) ?? []), ...prereqs]);
    }
    owner[i + 1] = current;
  });
  return { targetAt: (line) => owner[line] ?? [], prerequisites };
}

function closure(t: string, pre: Map<string, string[]>): Set<string> {
  const seen = new Set<string>();
  const stack = [t];
  while (stack.length > 0) {
    const x = stack.pop()!;
    if (seen.has(x)) continue;
    seen.add(x);
    stack.push(...(pre.get(x) ?? []));
  }
  return seen;
}

/**
 * The job a CI line belongs to, per YAML document: a `  name:` key under GitHub's `jobs:`, or a
 * top-level key of GitLab's (whose `  script:` keys are no jobs).
 */
function jobAt(text: string, line: number): string {
  let job = '';
  let inJobs = false;
  let doc = 0;
  for (const l of text.split(/\r?\n/).slice(0, line)) {
    if (/^---(\s|$)/.test(l)) doc++;
    const top = /^([\w.-]+):\s*$/.exec(l);
    if (/^\S/.test(l)) inJobs = top?.[1] === 'jobs';
    if (top && !inJobs && !/^(stages|variables|default|include|workflow|on)$/.test(top[1]!)) job = top[1]!;
    const m = inJobs ? /^ {2}([\w.-]+):\s*$/.exec(l) : null;
    if (m) job = m[1]!;
  }
  return `${doc}:${job}`;
}

/** Whether `a` and `b` (sites in the same file) run in one invocation of that file. */
export function sameInvocation(a: BuildSite, b: BuildSite, fs: FileAccess): boolean {
  const text = fs.readText(a.file) ?? '';
  if (MAKEFILE.test(path.basename(a.file))) {
    const mk = readMakefile(text);
    const ta = mk.targetAt(a.line);
    const tb = mk.targetAt(b.line);
    // One `make T` runs both when T is, or depends (transitively) on, a target of each.
    // Special targets (.PHONY, .SUFFIXES) list targets; they are never run.
    for (const t of new Set([...mk.prerequisites.keys(), ...ta, ...tb])) {
      if (t.startsWith('.')) continue;
      const runs = closure(t, mk.prerequisites);
      if (ta.some((x) => runs.has(x)) && tb.some((x) => runs.has(x))) return true;
    }
    return false;
  }
  const name = path.basename(a.file);
  if (YAML.test(name) && !RUNS_ALL.test(name)) return jobAt(text, a.line) === jobAt(text, b.line);
  return true;
}
