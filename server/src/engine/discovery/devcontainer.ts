// Dev containers (`.devcontainer/devcontainer.json`, `.devcontainer/<name>/devcontainer.json`,
// `.devcontainer.json`): `build.dockerfile` and `build.context` are relative to the file's
// folder, the context defaulting to `.`, as the dev container spec defines them; the legacy
// top-level `dockerFile` and `context` mean the same. The file is JSON with comments and
// trailing commas. `${localWorkspaceFolder}` is the project folder holding the configuration;
// any other variable is only known to the tool that opens the container, so such a path is skipped.
import * as path from 'node:path';
import type { Node } from 'jsonc-parser';
import type { FileAccess } from '../types';
import type { FoundBuild } from './sites';

// Required on the first dev container file, not at load (esbuild keeps a call-site require lazy).
const jsonc = (): typeof import('jsonc-parser') => require('jsonc-parser') as typeof import('jsonc-parser');

function value(root: Node, at: string[]): string | undefined {
  const n = jsonc().findNodeAtLocation(root, at);
  return n?.type === 'string' ? (n.value as string) : undefined;
}

/** The folder a configuration belongs to: above `.devcontainer/`, else the file's own. */
function workspaceFolder(file: string): string {
  const parts = path.dirname(file).split(path.sep);
  const at = parts.lastIndexOf('.devcontainer');
  return at > 0 ? parts.slice(0, at).join(path.sep) || path.sep : path.dirname(file);
}

function expand(p: string, file: string): string | undefined {
  const ws = workspaceFolder(file);
  let unknown = false;
  const out = p.replace(/\$\{([^}]*)\}/g, (_m, name: string) => {
    if (name === 'localWorkspaceFolder') return ws;
    if (name === 'localWorkspaceFolderBasename') return path.basename(ws);
    unknown = true;
    return '';
  });
  return unknown ? undefined : out;
}

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

function buildArgs(root: Node): string[] {
  const args = jsonc().findNodeAtLocation(root, ['build', 'args']);
  if (args?.type !== 'object') return [];
  return (args.children ?? []).flatMap((p) => {
    const [k, v] = p.children ?? [];
    return typeof k?.value === 'string' && typeof v?.value === 'string' ? [`${k.value}=${v.value}`] : [];
  });
}

export function devcontainerBuilds(file: string, text: string, fs: FileAccess): FoundBuild[] {
  const root = jsonc().parseTree(text, [], { allowTrailingComma: true });
  if (root?.type !== 'object') return [];
  const modern = value(root, ['build', 'dockerfile']) !== undefined;
  const df = modern ? value(root, ['build', 'dockerfile']) : value(root, ['dockerFile']);
  if (df === undefined) return [];
  const ctx = value(root, ['build', 'context']) ?? value(root, ['context']) ?? '.';
  const [dfPath, ctxPath] = [expand(df, file), expand(ctx, file)];
  if (dfPath === undefined || ctxPath === undefined) return [];
  const dir = path.dirname(file);
  const dockerfile = path.resolve(dir, dfPath);
  if (!fs.exists(dockerfile)) return [];
  // The line of the `"build"` (or `"dockerFile"`) key: the property node starts at its key.
  const key = jsonc().findNodeAtLocation(root, [modern ? 'build' : 'dockerFile'])?.parent;
  const out: FoundBuild = {
    source: 'definition',
    file,
    line: lineAt(text, key?.offset ?? 0),
    tool: 'devcontainer',
    dockerfile,
    contextDir: path.resolve(dir, ctxPath),
    noCache: false,
    isSite: true,
  };
  const target = value(root, ['build', 'target']);
  if (target !== undefined) out.target = target;
  const args = buildArgs(root);
  if (args.length > 0) out.buildArgs = args.sort();
  return [out];
}
