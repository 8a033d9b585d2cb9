// The contract every rule file implements. A rule is pure: it reads the context it is
// given and returns findings with their fixes; it never touches the filesystem directly.
import type { FileAccess, Finding, Settings, Severity } from '../types';
import type { TreeWork } from '../background/treeWork';
import type { ParsedIgnoreFile } from '../dockerignore/read';

export type { FileAccess } from '../types';

export type { BuildInfo } from '../build/types';
import type { BuildInfo } from '../build/types';

export interface DockerfileRuleContext {
  kind: 'dockerfile';
  file: string;
  text: string;
  builds: BuildInfo[];
  settings: Settings;
  fs: FileAccess;
  /** Whole-tree results per scan: computed at once (CLI) or in the server's background. */
  work: TreeWork;
  /** Every build that uses an ignore file, when the caller knows them all (fix safety). */
  sharing?: (ignoreFile: string) => BuildInfo[] | undefined;
}

export interface IgnoreFileRuleContext {
  kind: 'ignorefile';
  file: string;
  text: string;
  parsed: ParsedIgnoreFile;
  /** Every build whose ignore file this is (empty when no build uses it). */
  builds: BuildInfo[];
  settings: Settings;
  fs: FileAccess;
  /** Whole-tree results per scan: computed at once (CLI) or in the server's background. */
  work: TreeWork;
  /** Every build that uses an ignore file, when the caller knows them all (fix safety). */
  sharing?: (ignoreFile: string) => BuildInfo[] | undefined;
}

export type RuleContext = DockerfileRuleContext | IgnoreFileRuleContext;

export interface Rule {
  /** Stable kebab-case id: the diagnostic code, the file name, the docs page and the test name. */
  id: string;
  appliesTo: 'dockerfile' | 'ignorefile';
  defaultSeverity: Severity;
  /** One-line description for SARIF and the docs index. */
  description: string;
  check(ctx: RuleContext): Finding[];
}
