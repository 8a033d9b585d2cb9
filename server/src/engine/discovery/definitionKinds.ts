// Build definition files of tools that build images themselves (issue 15), by file name: the
// walk classifies them here so each goes to its own reader (goreleaser.ts, gitpod.ts,
// packageScripts.ts, tiltfile.ts).
export type DefinitionKind = 'goreleaser' | 'gitpod' | 'npm' | 'tiltfile';

export function definitionKind(name: string): DefinitionKind | undefined {
  if (/^\.?goreleaser\.ya?ml$/.test(name)) return 'goreleaser';
  if (name === '.gitpod.yml') return 'gitpod';
  // The walk never enters node_modules: these are the repository's own packages.
  if (name === 'package.json') return 'npm';
  if (name === 'Tiltfile') return 'tiltfile';
  return undefined;
}
