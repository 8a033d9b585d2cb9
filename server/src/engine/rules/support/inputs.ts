// The build-input model as rules use it: computed once per scan and Dockerfile (in the language
// server's background slices), and the proof a removal fix must pass: it drops no input of any
// build that uses the ignore file it edits.
import type { TreeWork } from '../../background/treeWork';
import { classifySteps, type InputSplit } from '../../inputs/classify';
import { droppedInputs, type Dropped } from '../../inputs/dropped';
import { inputIndex, type InputIndex } from '../../inputs';
import type { BuildInfo, FileAccess } from '../types';
import { directMatcher, type PathTest } from './match';
import { ignoreTarget } from './ignoreFix';

export interface BuildModel {
  index: InputIndex;
  split: InputSplit;
  /** What each pattern list would drop, asked again by every rule and pass: kept with the model. */
  drops: Map<string, Dropped | null>;
}

/** The model of a build; undefined while it is computed in the background (or never scanned). */
export function buildModel(work: TreeWork, build: BuildInfo, fs: FileAccess, text?: string): BuildModel | undefined {
  const scan = build.scan;
  if (!scan || scan.fatal) return undefined;
  const dockerfileText = text ?? fs.readText(build.dockerfile) ?? '';
  const key = `${build.builder}\0${dockerfileText}`;
  return work.defer(scan, `inputs\0${build.dockerfile}`, key, function* () {
    const index = inputIndex({ dockerfileText, builder: build.builder, contextDir: build.contextDir, scan, fs });
    return { index, split: yield* classifySteps(scan, index), drops: new Map<string, Dropped | null>() };
  });
}

export interface Guard {
  work: TreeWork;
  fs: FileAccess;
  builds: BuildInfo[];
  /** Every build that uses an ignore file; undefined when the caller cannot know them all. */
  sharing?: (ignoreFile: string) => BuildInfo[] | undefined;
}

/** The builds whose context an edit of `build`'s ignore file changes. */
function affected(g: Guard, build: BuildInfo): BuildInfo[] {
  const file = ignoreTarget(build).file;
  const same = (b: BuildInfo): boolean => ignoreTarget(b).file === file;
  const all = [build, ...(g.sharing?.(file) ?? []), ...g.builds.filter(same)];
  return all.filter(
    (b, i) => all.findIndex((o) => o.dockerfile === b.dockerfile && o.contextDir === b.contextDir) === i,
  );
}

/** The inputs `patterns` would drop from the first build they break; 'pending' while a model is computed. */
export function inputsDropped(g: Guard, build: BuildInfo, patterns: string[]): Dropped | null | 'pending' {
  let tests: PathTest[] | undefined;
  const key = `${build.builder}\0${patterns.join('\n')}`;
  for (const b of affected(g, build)) {
    const model = buildModel(g.work, b, g.fs);
    if (!model || !b.scan) return 'pending';
    let d = model.drops.get(key);
    if (d === undefined) {
      tests ??= patterns.map((p) => directMatcher(p, build.builder)).filter((t): t is PathTest => t !== null);
      d = tests.length === 0 ? null : droppedInputs(b.scan, model.index, model.split.folders, tests);
      model.drops.set(key, d);
    }
    if (d) return d;
  }
  return null;
}

/** Whether every build using `build`'s ignore file has its model (a fix can then be judged). */
export function modelsReady(g: Guard, build: BuildInfo): boolean {
  return affected(g, build).every((b) => !b.scan || b.scan.fatal || buildModel(g.work, b, g.fs) !== undefined);
}

/**
 * Why excluding `patterns` for `build` could break a build, or null when the model proves it
 * cannot: no build using that ignore file reads anything they would take out.
 */
export function breaksInputs(g: Guard, build: BuildInfo, patterns: string[]): string | null {
  const d = inputsDropped(g, build, patterns);
  if (d === null) return null;
  if (d === 'pending') return 'what the build reads is still being worked out';
  const more = d.count > 1 ? ` and ${d.count - 1} more input${d.count === 2 ? '' : 's'}` : '';
  return `it would drop ${d.hit.path}${more}: ${d.hit.entry.reason}`;
}

/** The sentence a finding adds when its fix is not safe because of the model. */
export const notExcludedNote = (fix: { unsafeBecause?: string } | null): string =>
  fix?.unsafeBecause ? `. Not excluded automatically: ${fix.unsafeBecause}` : '';
