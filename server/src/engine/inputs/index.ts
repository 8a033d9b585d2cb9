// The build-input model: for one build (Dockerfile, context, builder), the context paths its
// steps read, each with the reason shown to users. Pure: the tree comes from the scan, file
// contents through FileAccess. See README.md in this folder for what each part decides.
import { analyseCopy } from './directory';
import { readLayout, type Layout } from './layout';
import { InputIndex } from './lookup';
import { runNamedFiles } from './runFiles';
import { gitReadsRepo, gitRun } from './common';
import { gitIgnoredTest } from '../gitignore/ignoredTest';
import type { BuildInputs, InputEntry, InputSource } from './types';

export { InputIndex } from './lookup';
export type { BuildInputs, InputEntry, InputHit, InputSource, NotNeeded } from './types';

function explicitSources(layout: Layout): InputEntry[] {
  return layout.files.map((f) => ({
    path: f.source,
    scope: f.glob ? 'glob' : 'file',
    certainty: 'read',
    required: !f.glob,
    explicit: true,
    reason: `${f.subject} (line ${f.line + 1}) copies it`,
  }));
}

export function computeInputs(src: InputSource): BuildInputs {
  const layout = readLayout(src.dockerfileText, src.builder, src.scan.root, src.target);
  const out: BuildInputs = { entries: explicitSources(layout), notNeeded: [], steps: [] };
  out.entries.push(...runNamedFiles(layout, src.scan.root));
  const git = gitRun(layout);
  const reads = gitReadsRepo(layout);
  // A step that runs git may read the repository's history; `git rev-parse` and the like do.
  if (git !== null && layout.dirCopies.length > 0)
    out.entries.push({
      path: '.git',
      scope: 'tree',
      certainty: reads !== null ? 'read' : 'maybe',
      required: false,
      reason:
        reads !== null
          ? `\`git\` reads the repository in a RUN (line ${reads + 1})`
          : `\`git\` runs in a RUN (line ${git + 1}): it may read .git`,
    });
  const base = { root: src.scan.root, contextDir: src.contextDir, fs: src.fs };
  for (const copy of layout.dirCopies) {
    const part = analyseCopy(layout, copy, base, src.gitIgnored);
    out.entries.push(...part.entries);
    out.notNeeded.push(...part.notNeeded);
    out.steps.push(...part.steps.filter((s) => !out.steps.includes(s)));
  }
  return out;
}

/**
 * The model of one build as every caller wants it: what git ignores (and does not track) read
 * from the context's .gitignore files, unless the caller says otherwise.
 */
export function inputIndex(src: InputSource): InputIndex {
  const gitIgnored = src.gitIgnored ?? gitIgnoredTest(src.contextDir, src.scan.root, src.fs);
  return new InputIndex(computeInputs(gitIgnored ? { ...src, gitIgnored } : src));
}
