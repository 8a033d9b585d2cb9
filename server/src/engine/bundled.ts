// The two parsers compiled from Go with GopherJS (mvdan-sh for shell, hcl2-parser for bake
// files) are 90% of the engine's bytes: inside a bundle, V8 would read and pre-parse ~11 MB on
// every start of the CLI and the server, whether a script is ever parsed or not. esbuild.mjs
// ships each as its own bundle next to the others; they are required on first use only.
import * as nodeFs from 'node:fs';
import { createRequire } from 'node:module';
import * as nodePath from 'node:path';

export type BundledParser = 'mvdan-sh' | 'hcl2-parser';

/** The parser's module: its bundle in `<bundle dir>/parsers/` when shipped, the package under tsx. */
export function requireParser<T>(name: BundledParser): T {
  const load = createRequire(__filename);
  const shipped = nodePath.join(__dirname, 'parsers', `${name}.js`);
  return (nodeFs.existsSync(shipped) ? load(shipped) : load(name)) as T;
}
