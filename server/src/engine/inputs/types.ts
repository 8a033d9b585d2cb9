// What a build reads from its context, as the fix-safety checks and `buildctx inputs` need it:
// entries that claim context paths, each with the reason a user is shown. The model is
// conservative by design: what it cannot rule out is a `maybe`, and a maybe counts as read.
import type { ContextScan, DirEntry } from '../context/model';
import type { Builder, FileAccess } from '../types';

/** `read`: the build reads it; `maybe`: the model cannot rule out that it does. */
export type Certainty = 'read' | 'maybe';

export interface InputEntry {
  /** Context path, '/'-separated, '' for the root. */
  path: string;
  /** `file`: exactly `path`; `tree`: `path` and everything below; `glob`: a COPY or embed wildcard. */
  scope: 'file' | 'tree' | 'glob';
  certainty: Certainty;
  /** The build fails without it (a compiled Go file, a COPY source, go.mod). */
  required: boolean;
  /** Shown to users: "`go build ./cmd/store` compiles it". */
  reason: string;
  /** An explicit COPY/ADD source: copy-source-* rules already speak for it. */
  explicit?: boolean;
  /** For a tree: only files whose name passes (source extensions of one language). */
  only?: (name: string) => boolean;
  /** For a tree: subtrees that are not part of it ('vendor' under a Go module). */
  except?: string[];
  /** For a tree: paths it does not claim after all (what git ignores, for a copy's rest). */
  unless?: (path: string) => boolean;
}

/** A directory the build sends but does not need, with why (".git: no step runs git"). */
export interface NotNeeded {
  path: string;
  reason: string;
}

export interface BuildInputs {
  entries: InputEntry[];
  notNeeded: NotNeeded[];
  /** The steps the model read, for `buildctx inputs` ("go build ./cmd/gateway (line 5)"). */
  steps: string[];
}

/** What the model is computed from: one build's Dockerfile, its context tree and file reader. */
export interface InputSource {
  dockerfileText: string;
  builder: Builder;
  contextDir: string;
  scan: Pick<ContextScan, 'root'>;
  fs: FileAccess;
  target?: string;
  /**
   * Whether git ignores a context path (and does not track it). The repository does not hold
   * such a file, so a build from a clean checkout works without it unless a step names it.
   */
  gitIgnored?: (path: string) => boolean;
}

/** A match of a context path against the model: the entry that claims it. */
export interface InputHit {
  entry: InputEntry;
  path: string;
}

export type { DirEntry };
