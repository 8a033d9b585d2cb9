// Rules on ignore files and the context-size rules on Dockerfiles (the rules-on-context work).
// The registry in index.ts concatenates this list with the Dockerfile rules.
// heavy-directory-in-context appears twice: one Rule object per file kind it reports on
// (every whole-context copy, and once in the ignore file), same id and docs page.
import type { Rule } from './types';
import { duplicateImageBuild } from './duplicate-image-build';
import { gitignoredInContext } from './gitignored-in-context';
import { heavyDirectoryInContext, heavyDirectoryInIgnoreFile } from './heavy-directory-in-context';
import { ineffectiveNegation } from './ineffective-negation';
import { inlineComment } from './inline-comment';
import { inputIgnored } from './input-ignored';
import { invalidPattern } from './invalid-pattern';
import { missingIgnoreFile } from './missing-ignore-file';
import { redundantPattern } from './redundant-pattern';
import { rootAnchoredPattern } from './root-anchored-pattern';
import { secretInContext } from './secret-in-context';
import { unmatchedPattern } from './unmatched-pattern';
import { unusedIgnoreFile } from './unused-ignore-file';

export const CONTEXT_RULES: Rule[] = [
  heavyDirectoryInContext,
  heavyDirectoryInIgnoreFile,
  gitignoredInContext,
  missingIgnoreFile,
  secretInContext,
  invalidPattern,
  inputIgnored,
  rootAnchoredPattern,
  inlineComment,
  unmatchedPattern,
  redundantPattern,
  ineffectiveNegation,
  unusedIgnoreFile,
  duplicateImageBuild,
];
