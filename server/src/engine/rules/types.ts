// The contract every rule file implements. A rule is pure: it reads the context it is
// given and returns findings with their fixes; it never touches the filesystem directly.
import type { Builder, FileAccess, Finding, Settings, Severity } from '../types';
import type { TreeWork } from '../background/treeWork';
import type { ContextScan } from '../context/model';
import type { ParsedIgnoreFile } from '../dockerignore/read';
import type { BuildSite } from '../discovery/types';

export type { FileAccess } from '../types';

/** One build of a Dockerfile: where its context is, which ignore file applies, what it holds. */
export interface BuildInfo {
  dockerfile: string;
  contextDir: string;
  builder: Builder;
  /** Ignore file this build uses (absolute), or null when none exists. */
  ignoreFile: string | null;
  /** Where a new ignore file would be created for this build. */
  ignoreFileToCreate: string;
  ignore: ParsedIgnoreFile | null;
  /** Null while the context is still being scanned: rules that need sizes then stay silent. */
  scan: ContextScan | null;
  /** Human-readable origin of the context choice, e.g. "Makefile:289" or "inferred from COPY sources". */
  provenance: string;
  /** Every place the repository builds this Dockerfile (discovery), for duplicate-image-build. */
  sites?: BuildSite[];
}

export interface DockerfileRuleContext {
  kind: 'dockerfile';
  file: string;
  text: string;
  builds: BuildInfo[];
  settings: Settings;
  fs: FileAccess;
  /** Whole-tree results per scan: computed at once (CLI) or in the server's background. */
  work: TreeWork;
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

export const DOCS_BASE = 'https://github.com/buildctx/buildctx/blob/main/docs/rules/';
export const docsUrl = (ruleId: string): string => `${DOCS_BASE}${ruleId}.md`;
