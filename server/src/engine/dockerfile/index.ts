// Public surface of the Dockerfile model: import from here, not from the parts.
export * from './model';
export { parseDockerfile } from './parse';
export { scriptRange } from './runInstruction';
export { reachableStages, stageRef } from './stages';
export { expandWord, type Expansion, type VariableLookup } from './substitute';
export { contextPathOf } from './copy';
export { experimentalCheckEnabled, parserDirectives } from './directives';
