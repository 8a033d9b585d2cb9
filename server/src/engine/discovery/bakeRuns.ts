// Where bake runs. Buildx resolves a target's `context` against the working directory of the
// `bake` command, not against the bake file (docker/buildx#1028: `bake -f tests/docker-bake.hcl`
// from the root looks for `dockerfiles/debian9` under the root), so a bake file's paths mean
// what they mean from the folder its callers run it in.
import * as path from 'node:path';
import type { FileAccess } from '../types';
import { relLabel } from './sites';

export interface BakeRun {
  /** Absolute folder the command runs in. */
  dir: string;
  /** "Makefile:2", for provenance. */
  by: string;
}

const BAKE_CALL =
  /(?:^|[\s;&|(`"'])(?:cd\s+("[^"]*"|'[^']*'|[^\s;&|]+)\s*(?:&&|;)\s*)?(?:docker\s+(?:buildx\s+)?|buildx\s+)bake\b([^\n;&|]*)/g;

function unquote(word: string): string {
  return word.replace(/^(["'])(.*)\1$/, '$2');
}

/** The `-f`/`--file` values of one bake command line, as written. */
function fileArgs(rest: string): string[] {
  const words = rest.trim().split(/\s+/).filter(Boolean).map(unquote);
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i] as string;
    const eq = /^(?:-f|--file)=(.+)$/.exec(w);
    if (eq) out.push(eq[1] as string);
    else if ((w === '-f' || w === '--file') && words[i + 1]) out.push(words[++i] as string);
  }
  return out;
}

/** A Makefile or a workflow runs from its own folder or the root; a script from either as well. */
function basesOf(runner: string, root: string): string[] {
  const dir = path.dirname(runner);
  return /[\\/]\.github[\\/]workflows[\\/]/.test(runner) || dir === root ? [root] : [dir, root];
}

function lineAt(text: string, offset: number): number {
  let n = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** For each bake file, the folders its callers run it from (empty when no caller names it). */
export function bakeRuns(bakeFiles: string[], runners: string[], root: string, fs: FileAccess): Map<string, BakeRun[]> {
  const known = new Set(bakeFiles);
  const runs = new Map<string, BakeRun[]>();
  const add = (file: string, run: BakeRun): void => {
    const list = runs.get(file) ?? [];
    if (!list.some((r) => r.dir === run.dir)) list.push(run);
    runs.set(file, list);
  };
  for (const runner of runners) {
    const text = fs.readText(runner);
    if (text === undefined || !/\bbake\b/.test(text)) continue;
    for (const m of text.matchAll(BAKE_CALL)) {
      const by = `${relLabel(runner, root)}:${lineAt(text, m.index ?? 0)}`;
      const bases = m[1]
        ? basesOf(runner, root).map((b) => path.resolve(b, unquote(m[1] as string)))
        : basesOf(runner, root);
      const files = fileArgs(m[2] ?? '');
      for (const base of bases) {
        const named =
          files.length > 0
            ? files.map((f) => path.resolve(base, f))
            : bakeFiles.filter((f) => path.dirname(f) === base);
        const hits = named.filter((f) => known.has(f));
        for (const f of hits) add(f, { dir: base, by });
        if (hits.length > 0) break;
      }
    }
  }
  return runs;
}
