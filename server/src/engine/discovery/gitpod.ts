// Gitpod's workspace image (issue 15): `.gitpod.yml` `image: {file, context}`. Both paths are
// relative to the repository root, where the file sits; without `context` Gitpod builds with
// the checkout's root (its schema: "context ... should only be set if you need to copy files").
// A string `image:` names an image to pull: nothing is built.
import * as path from 'node:path';
import type { FileAccess } from '../types';
import type { FoundBuild } from './sites';

// Required on the first .gitpod.yml, not at load (see workflows.ts).
const yaml = (): typeof import('yaml') => require('yaml') as typeof import('yaml');

export function gitpodBuilds(file: string, text: string, fs: FileAccess): FoundBuild[] {
  if (!/^image\s*:/m.test(text)) return [];
  const lines = new (yaml().LineCounter)();
  const doc = yaml().parseDocument(text, { lineCounter: lines, uniqueKeys: false });
  if (doc.errors.length > 0) return [];
  const image = doc.get('image', true);
  if (!yaml().isMap(image)) return [];
  const fileNode = image.get('file', true);
  const context = image.get('context');
  if (!yaml().isScalar(fileNode) || typeof fileNode.value !== 'string') return [];
  if (context !== undefined && typeof context !== 'string') return [];
  const root = path.dirname(file);
  const dockerfile = path.resolve(root, fileNode.value);
  if (!fs.exists(dockerfile)) return [];
  const b: FoundBuild = {
    source: 'ci',
    file,
    line: lines.linePos(fileNode.range?.[0] ?? 0).line,
    tool: 'gitpod',
    dockerfile,
    contextDir: context === undefined ? root : path.resolve(root, context),
    noCache: false,
    isSite: true,
  };
  if (context === undefined) b.note = 'no image.context: the repository root';
  return [b];
}
