// Go: what `go build|install|test|vet|mod download` read of a copied module. A target resolves
// in the module the command's directory is in; the packages it compiles (import closure and
// embeds), go.mod, go.sum and go.work are read. vendor/ is read only in vendor mode by flag:
// without a vendor/ in the context the go command fetches modules instead (-mod=mod).
import * as path from 'node:path';
import type { RunCommand } from '../../shell/runCommands';
import { contextPathAt, type Layout, type StageRun } from '../layout';
import type { InputEntry } from '../types';
import { commandDirs } from './cwd';
import { commandMod, stageGoflags } from './goFlags';
import { GoModules, type GoModule } from './goPackages';
import { emptyResult, joinRel, words, type ReaderInput, type ReaderResult } from './types';

const COMPILING = new Set(['build', 'install', 'test', 'vet', 'list']);
const VALUE_FLAGS = new Set(
  'o C p ldflags gcflags asmflags tags mod modfile pkgdir buildmode compiler installsuffix overlay pgo toolexec exec run bench timeout count coverprofile cpu parallel covermode coverpkg vet json f'.split(
    ' ',
  ),
);

const PLATFORM_FILE =
  /_(aix|android|darwin|dragonfly|freebsd|illumos|ios|js|netbsd|openbsd|plan9|solaris|wasip1|windows|386|arm|mips\w*|ppc64\w*|riscv64|s390x|wasm|loong64)(_\w+)?\.go$/;

export interface GoCommand {
  sub: string;
  targets: string[];
  dir: string | null;
  mod: string | null | undefined;
  text: string;
}

export function parseGo(cmd: RunCommand, cwd: string | null): GoCommand | null {
  const w = words(cmd);
  if (!w[0] || path.posix.basename(w[0]) !== 'go' || !w[1]) return null;
  const targets: string[] = [];
  let dir = cwd;
  for (let i = 2; i < w.length; i++) {
    const a = w[i];
    if (a === null) return { sub: w[1], targets: ['?'], dir, mod: null, text: textOf(w) };
    if (a === '--' || a === '-args') break;
    const flag = /^--?([\w.]+)(=.*)?$/.exec(a);
    if (!flag) targets.push(a);
    else if (!flag[2] && VALUE_FLAGS.has(flag[1]!)) {
      if (flag[1] === 'C') dir = w[i + 1] && dir !== null ? path.posix.resolve(dir, w[i + 1]!) : null;
      i++;
    } else if (flag[1] === 'C') dir = dir === null ? null : path.posix.resolve(dir, flag[2]!.slice(1));
  }
  return { sub: w[1], targets, dir, mod: undefined, text: textOf(w) };
}

const textOf = (w: Array<string | null>): string => {
  const t = w.map((x) => x ?? '…').join(' ');
  return `\`${t.length > 60 ? `${t.slice(0, 57)}...` : t}\``;
};

/** Package directories a target names, relative to the context; null when it cannot be told. */
function targetDirs(t: string, cwd: string, mods: GoModules, mod: GoModule): string[] | null {
  if (t === '?') return null;
  if (t.includes('@')) return [];
  const recursive = t === '...' || t.endsWith('/...');
  const base = recursive ? t.replace(/\/?\.\.\.$/, '') || '.' : t;
  let dir: string | null;
  if (base === '.' || base.startsWith('./') || base.startsWith('../')) dir = path.posix.join(cwd || '.', base);
  else if (base.endsWith('.go')) dir = path.posix.dirname(path.posix.join(cwd || '.', base));
  else dir = mods.dirOf(base) ?? (base.startsWith(mod.path) ? null : '');
  if (dir === null) return null;
  if (dir === '') return [];
  dir = dir.replace(/^\.$/, '').replace(/^\.\//, '');
  if (dir.startsWith('..')) return [];
  return recursive ? mods.packagesUnder(dir) : [dir];
}

interface Found {
  entries: InputEntry[];
  understood: boolean;
}

function readsOf(g: GoCommand, cwd: string, mods: GoModules, vendorMode: boolean, keeps?: string): Found {
  const mod = mods.moduleOf(cwd);
  if (!mod) return { entries: [], understood: g.targets.every((t) => t.includes('@')) };
  const work = mods.workspace(cwd);
  const required = (p: string, why: string): InputEntry => ({
    path: p,
    scope: 'file',
    certainty: 'read',
    required: true,
    reason: why,
  });
  const entries = [required(joinRel(mod.dir, 'go.mod'), `${g.text} reads the module's go.mod`)];
  entries.push({ ...required(joinRel(mod.dir, 'go.sum'), `${g.text} checks modules against go.sum`), required: false });
  if (work !== null) entries.push(required(joinRel(work, 'go.work'), `${g.text} runs in this go.work workspace`));
  if (vendorMode)
    entries.push({
      ...required(
        joinRel(mod.dir, 'vendor'),
        keeps
          ? `${g.text} builds from vendor/, which the repository keeps in sync (go mod vendor, ${keeps})`
          : `${g.text} builds from vendor/ (-mod=vendor)`,
      ),
      scope: 'tree',
    });
  if (!COMPILING.has(g.sub)) return { entries, understood: g.sub === 'mod' || g.sub === 'env' || g.sub === 'version' };
  const starts: string[] = [];
  for (const t of g.targets.length ? g.targets : ['.']) {
    const dirs = targetDirs(t, cwd, mods, mod);
    if (dirs === null) return { entries, understood: false };
    starts.push(...dirs);
  }
  for (const pkg of mods.closure(starts, g.sub === 'test' || g.sub === 'vet')) {
    for (const f of pkg.files) {
      const e = required(f, `${g.text} compiles it (package ./${pkg.dir})`);
      // A file for another platform is compiled only there: without it this build may still work.
      entries.push(PLATFORM_FILE.test(f) ? { ...e, required: false } : e);
    }
    for (const e of pkg.embeds)
      entries.push({
        ...required(joinRel(pkg.dir, e.replace(/^all:/, '')), `//go:embed in ./${pkg.dir}`),
        scope: 'glob',
      });
  }
  return { entries, understood: true };
}

/** The Go sources of each module the steps touch that they do not compile now: an import away. */
function moduleSources(mods: GoModules): InputEntry[] {
  return mods.modules.map((m) => ({
    path: m.dir,
    scope: 'tree',
    certainty: 'maybe',
    required: false,
    reason: `Go source of module ${m.path}: not compiled by these steps, but an import away`,
    only: (name: string) => name.endsWith('.go') || name === 'go.mod' || name === 'go.sum',
    except: ['vendor', 'testdata'],
  }));
}

export function readGo(input: ReaderInput): ReaderResult {
  const out = emptyResult();
  const mods = new GoModules(input.root, input.contextDir, input.fs);
  const goflags = stageGoflags(input.layout.model);
  const keeps = keepsVendor(input);
  let vendorAnywhere = false;
  for (const run of input.runs) {
    const dirs = commandDirs(run);
    for (const cmd of run.commands) {
      const g = parseGo(cmd, dirs.get(cmd) ?? null);
      if (!g) continue;
      const mod = commandMod(cmd, 1, goflags(run.stage, run.line));
      const cwd = g.dir === null ? null : contextPathAt(input.layout, run.stage, run.line, g.dir);
      out.steps.push(`${g.text} (line ${run.line + 1})`);
      if (cwd === null) {
        if (g.dir !== null) out.understood.add(cmd);
        continue;
      }
      // A word known only at run time (-ldflags "${LDFLAGS}") leaves the repository's norm in place.
      const vendorMode = mod === 'vendor' || ((mod === undefined || mod === null) && keeps !== undefined);
      const found = readsOf(g, cwd, mods, vendorMode, keeps);
      vendorAnywhere ||= vendorMode || mod === null;
      out.entries.push(...found.entries);
      if (found.understood) out.understood.add(cmd);
    }
  }
  out.entries.push(...moduleSources(mods));
  // `make` in the image runs the repository's own go builds, which use the vendor/ it keeps.
  const viaMake = keeps !== undefined && input.runs.some((r) => r.commands.some((c) => words(c)[0] === 'make'));
  if (viaMake) out.entries.push(...keptVendor(mods, input, keeps as string));
  if (!vendorAnywhere && !viaMake) out.notNeeded.push(...vendorDirs(mods, input));
  return out;
}

function keptVendor(mods: GoModules, input: ReaderInput, keeps: string): InputEntry[] {
  // With no go command the modules are not looked up: the context's own module is the one make builds.
  const own = input.fs.exists(path.join(input.contextDir, 'vendor', 'modules.txt')) ? [{ path: 'vendor' }] : [];
  const dirs = mods.modules.length > 0 ? vendorDirs(mods, input) : own;
  return dirs.map((v) => ({
    path: v.path,
    scope: 'tree',
    certainty: 'read',
    required: true,
    reason: `make builds with the vendor/ the repository keeps in sync (go mod vendor, ${keeps})`,
  }));
}

function vendorDirs(mods: GoModules, input: ReaderInput): ReaderResult['notNeeded'] {
  return mods.modules
    .filter((m) => mods.read(joinRel(m.dir, 'vendor/modules.txt')) !== undefined || hasVendor(input, m.dir))
    .map((m) => ({
      path: joinRel(m.dir, 'vendor'),
      reason: 'Go vendor directory: without it in the context the go command fetches modules from go.mod',
    }));
}

const MAKEFILES = ['Makefile', 'GNUmakefile', 'makefile'];

/**
 * Where the repository's Makefile runs `go mod vendor`: vendoring on purpose (loki's check-mod).
 * Its go commands then build from vendor/ (the default with vendor/modules.txt since Go 1.14),
 * and vendor/ is an input, not weight, even though without it Go could fetch modules instead.
 */
function keepsVendor(input: ReaderInput): string | undefined {
  // The context's folder up to the repository's root (the first folder holding .git), at most 8.
  let dir = input.contextDir;
  for (let i = 0; i < 8; i++) {
    for (const name of MAKEFILES) {
      const text = input.fs.readText(path.join(dir, name));
      const at = text?.search(/\bgo\s+mod\s+vendor\b/) ?? -1;
      if (text !== undefined && at >= 0) {
        const rel = path.relative(input.contextDir, path.join(dir, name)).split(path.sep).join('/');
        return `${rel}:${text.slice(0, at).split('\n').length}`;
      }
    }
    const up = path.dirname(dir);
    if (input.fs.exists(path.join(dir, '.git')) || up === dir) return undefined;
    dir = up;
  }
  return undefined;
}

const hasVendor = (input: ReaderInput, dir: string): boolean =>
  input.fs.exists(path.join(input.contextDir, dir, 'vendor'));

/**
 * The module a go command of `run` builds in: the one its working directory holds, through the
 * directory copies. Null when it reads nothing of the context: only `pkg@version` targets, a
 * module `go mod init` made earlier in the RUN, a directory no copy filled (`cd /tmp`).
 */
export function goCommandModule(layout: Layout, run: StageRun, cmd: RunCommand, mods: GoModules): GoModule | null {
  const dirs = commandDirs(run);
  const g = parseGo(cmd, dirs.get(cmd) ?? null);
  if (!g || g.dir === null) return null;
  if (g.targets.length > 0 && g.targets.every((t) => t.includes('@'))) return null;
  const before = run.commands.slice(0, run.commands.indexOf(cmd));
  if (before.some((c) => words(c).slice(0, 3).join(' ') === 'go mod init')) return null;
  const cwd = contextPathAt(layout, run.stage, run.line, g.dir);
  return cwd === null ? null : mods.moduleOf(cwd);
}
