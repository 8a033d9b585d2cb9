// Types for make-tree.mjs, which tests import to build the bench trees.
export const SHAPES: string[];
export function makeTree(out: string, shape: string, seed?: number): { files: number; bytes: number };
