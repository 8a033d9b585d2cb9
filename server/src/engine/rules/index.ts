// The registry: every rule, by id. Dockerfile rules are listed here; the context and
// ignore-file rules come from contextRules.ts.
import type { Rule } from './types';
import { CONTEXT_RULES } from './contextRules';
import { copySourceIgnored } from './copy-source-ignored';
import { copySourceMissing } from './copy-source-missing';
import { copySourceOutsideContext } from './copy-source-outside-context';
import { dependencyCacheOrder } from './dependency-cache-order';
import { dockerfileSyntax } from './dockerfile-syntax';
import { goBuildModFlag } from './go-build-mod-flag';

export const DOCKERFILE_RULES: readonly Rule[] = [
  copySourceIgnored,
  copySourceMissing,
  copySourceOutsideContext,
  dependencyCacheOrder,
  dockerfileSyntax,
  goBuildModFlag,
];

export const ALL_RULES: readonly Rule[] = [...DOCKERFILE_RULES, ...CONTEXT_RULES];

export const RULE_IDS: ReadonlySet<string> = new Set(ALL_RULES.map((r) => r.id));

export function ruleById(id: string): Rule | undefined {
  return ALL_RULES.find((r) => r.id === id);
}
