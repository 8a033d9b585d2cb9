// Rules on ignore files and the context-size rules on Dockerfiles (the rules-on-context work).
// The registry in index.ts concatenates this list with the Dockerfile rules.
import type { Rule } from './types';
import { duplicateImageBuild } from './duplicate-image-build';

export const CONTEXT_RULES: Rule[] = [duplicateImageBuild];
