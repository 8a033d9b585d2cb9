// The contract of an ecosystem reader: given one directory copy and the steps that run after
// it, what those steps read of it, what they regenerate, and which commands it fully accounts
// for (any other command may read anything copied).
import type { RunCommand } from '../../shell/runCommands';
import type { FileAccess } from '../../types';
import type { DirCopy, Layout, StageRun } from '../layout';
import type { DirEntry, InputEntry, NotNeeded } from '../types';

export interface ReaderInput {
  layout: Layout;
  copy: DirCopy;
  /** The context tree (sent and excluded entries alike). */
  root: DirEntry;
  contextDir: string;
  fs: FileAccess;
  /** The RUNs that see the copy: later in its stage, and in stages built on it. */
  runs: StageRun[];
}

export interface ReaderResult {
  entries: InputEntry[];
  notNeeded: NotNeeded[];
  /** Commands whose reads this reader states completely. */
  understood: Set<RunCommand>;
  steps: string[];
}

export type Reader = (input: ReaderInput) => ReaderResult;

export const emptyResult = (): ReaderResult => ({ entries: [], notNeeded: [], understood: new Set(), steps: [] });

/** The command's static words (null where a word expands at run time). */
export const words = (cmd: RunCommand): Array<string | null> => cmd.args.map((a) => a.value);

export const joinRel = (...parts: string[]): string => parts.filter((p) => p !== '').join('/');
