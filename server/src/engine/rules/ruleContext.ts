// The rule context of one document, the same for the CLI, the server and fix-all: an ignore
// file is parsed with the builder of the first build that uses it (the setting when none does).
import type { TreeWork } from '../background/treeWork';
import { readIgnoreFile } from '../dockerignore/read';
import type { FileAccess, Settings } from '../types';
import type { BuildInfo, RuleContext } from './types';

export interface RuleEnv {
  settings: Settings;
  fs: FileAccess;
  work: TreeWork;
  /** Every build that uses an ignore file, when known (see `Guard` in support/inputs.ts). */
  sharing?: (ignoreFile: string) => BuildInfo[] | undefined;
}

export function ruleContext(
  kind: RuleContext['kind'],
  file: string,
  text: string,
  builds: BuildInfo[],
  env: RuleEnv,
): RuleContext {
  const base = { file, text, builds, settings: env.settings, fs: env.fs, work: env.work, sharing: env.sharing };
  if (kind === 'dockerfile') return { ...base, kind };
  return { ...base, kind, parsed: readIgnoreFile(text, builds[0]?.builder ?? env.settings.builder) };
}
