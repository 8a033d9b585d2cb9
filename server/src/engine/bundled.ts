// The two parsers compiled from Go with GopherJS (mvdan-sh for shell, hcl2-parser for bake
// files) are 90% of the engine's bytes: inside a bundle, V8 would read and pre-parse ~11 MB on
// every start of the CLI and the server, whether a script is ever parsed or not. esbuild.mjs
// ships each as its own bundle next to the others; they are required on first use only.
//
// Those bundles, and the CLI's own (cli/main.ts, cli/commands.ts), are compiled with V8's code
// cache (Node's vm.Script cachedData; Node 20 has no module.enableCompileCache): compiling
// mvdan-sh costs ~90 ms of its ~145 ms load, ~50 with the cache (bench/README.md). The cache
// lives next to the bundle, named by a key V8 itself does not fully check: it compares only
// the source's length, its own version and its flags, and runs a stale cache of a same-length
// source as the old code. So the key holds a hash of the bundle's bytes, which esbuild.mjs
// appends to each bundle as its last line (npm gives every file the same mtime, and hashing
// here would load node:crypto, ~7 ms of a run), with the runtime and its flags.
// Any failure (no cache yet, rejected, unwritable install) falls back to a plain compile.
import * as nodeFs from 'node:fs';
import { createRequire } from 'node:module';
import * as nodePath from 'node:path';
import * as vm from 'node:vm';

export type BundledParser = 'mvdan-sh' | 'hcl2-parser';

/** The parser's module: its bundle in `<bundle dir>/parsers/` when shipped, the package under tsx. */
export function requireParser<T>(name: BundledParser): T {
  const shipped = nodePath.join(__dirname, 'parsers', `${name}.js`);
  return nodeFs.existsSync(shipped) ? requireBundle<T>(shipped) : (createRequire(__filename)(name) as T);
}

/** The last line esbuild.mjs gives a bundle: a hash of everything before it. */
const STAMP = /\/\/# bundleHash=([0-9a-f]{16,64})\n$/;

/** FNV-1a, enough to tell apart the runtimes and flag sets one installation meets. */
function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(16).padStart(8, '0');
}

/** The bundle's stamp, else a hash of its bytes; undefined when neither is to be had (FIPS: no md5). */
function contentKey(bytes: Buffer): string | undefined {
  const stamp = STAMP.exec(bytes.subarray(-80).toString('latin1'))?.[1];
  if (stamp) return stamp;
  try {
    // Required here, not imported: every start of the CLI would load node:crypto.
    const { createHash } = require('node:crypto') as typeof import('node:crypto');
    return createHash('md5').update(bytes).digest('hex');
  } catch {
    return undefined;
  }
}

/** Where the code cache of these bytes of `file` lives for this runtime and these flags. */
export function codeCachePath(file: string, bytes: Buffer): string | undefined {
  const content = contentKey(bytes);
  if (content === undefined) return undefined;
  const runtime = [process.versions.v8, process.execArgv.join(' '), process.env.NODE_OPTIONS ?? ''].join('\0');
  return `${file}.${content.slice(0, 16)}${fnv1a(runtime)}.cache`;
}

function readCache(path: string): Buffer | undefined {
  try {
    return nodeFs.readFileSync(path);
  } catch {
    return undefined;
  }
}

/** Written whole or not at all (rename), so a concurrent start never reads half a cache. */
function writeCache(path: string, script: vm.Script): void {
  const tmp = `${path}.${process.pid}.tmp`;
  try {
    nodeFs.writeFileSync(tmp, script.createCachedData());
    nodeFs.renameSync(tmp, path);
  } catch {
    nodeFs.rmSync(tmp, { force: true });
  }
}

/**
 * A shipped CommonJS bundle's exports, like `require(file)` but through the code cache. With
 * source maps on (--enable-source-maps), plain require, whose stack traces Node maps.
 */
export function requireBundle<T>(file: string): T {
  if (process.sourceMapsEnabled) return createRequire(__filename)(file) as T;
  const bytes = nodeFs.readFileSync(file);
  const cachePath = codeCachePath(file, bytes);
  const cachedData = cachePath === undefined ? undefined : readCache(cachePath);
  const source = bytes.toString('utf8');
  const wrapped = `(function (exports, require, module, __filename, __dirname) {${source}\n})`;
  const script = new vm.Script(wrapped, {
    filename: file,
    cachedData,
    importModuleDynamically: vm.constants?.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
  const module = { exports: {} as unknown, filename: file, id: file };
  const init = script.runInThisContext() as (...args: unknown[]) => void;
  init.call(module.exports, module.exports, createRequire(file), module, file, nodePath.dirname(file));
  // After the module has run: the cache then also holds the functions its start-up compiled.
  if (cachePath !== undefined && (!cachedData || script.cachedDataRejected)) writeCache(cachePath, script);
  return module.exports as T;
}
