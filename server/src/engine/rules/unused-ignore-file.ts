// An ignore file no build reads: not at any build's context root, shadowed by a per-Dockerfile
// file, or beside another ignore file a builder prefers. Which file each builder would read is
// asked of resolveBuild (verified against real buildah), never guessed here: e.g. at a context
// root buildah reads `.containerignore` before `.dockerignore`, while next to the Containerfile
// `<name>.dockerignore` wins over `<name>.containerignore`. The message names the file read instead.
import * as path from 'node:path';
import type { Builder, Finding } from '../types';
import { BUILDERS } from '../types';
import { resolveBuild } from '../build/resolve';
import type { Rule, RuleContext } from './types';

const ID = 'unused-ignore-file';
type Exists = (p: string) => boolean;

const BUILDER_NAMES: Record<Builder, string> = {
  buildkit: 'BuildKit',
  classic: 'the classic builder',
  podman: 'podman/buildah',
};

function names(builders: Builder[], short = false): string {
  const n = builders.map((b) => (!short ? BUILDER_NAMES[b] : b === 'buildkit' ? 'BuildKit' : b));
  return n.length <= 1 ? (n[0] ?? '') : `${n.slice(0, -1).join(', ')} ${short ? 'or' : 'and'} ${n[n.length - 1]}`;
}

/** For each builder, the ignore file it would read for a build in `dir` (with `dockerfile`, if given). */
function choices(dir: string, exists: Exists, dockerfile?: string): Map<Builder, string | null> {
  const out = new Map<Builder, string | null>();
  for (const builder of BUILDERS)
    out.set(builder, resolveBuild({ contextDir: dir, dockerfile, builder, fs: { exists } }).ignoreFile);
  return out;
}

/** "BuildKit and podman/buildah read Dockerfile.dockerignore instead", grouped by the file read. */
function readInstead(file: string, chosen: Map<Builder, string | null>): string[] {
  const byFile = new Map<string, Builder[]>();
  for (const [b, f] of chosen) if (f !== null && f !== file) byFile.set(f, [...(byFile.get(f) ?? []), b]);
  return [...byFile].map(
    ([f, bs]) =>
      `${names(bs)} ${bs.length > 1 ? 'read' : 'reads'} ${path.relative(path.dirname(file), f) || path.basename(f)} instead`,
  );
}

/** A `.dockerignore` or `.containerignore`: read only at the root of a build context. */
function contextRoot(file: string, exists: Exists): string {
  const dir = path.dirname(file);
  const chosen = choices(dir, exists);
  const readers = BUILDERS.filter((b) => chosen.get(b) === file);
  if (readers.length === BUILDERS.length) {
    return 'no build has its context in this directory, and Docker reads .dockerignore only at the root of the build context';
  }
  const instead = readInstead(file, chosen);
  if (readers.length === 0) return `no build uses it: ${instead.join('; ')}`;
  const only =
    instead.length === 0 && path.basename(file) === '.containerignore'
      ? 'only podman/buildah read .containerignore, and '
      : instead.length
        ? `${instead.join('; ')}, and `
        : '';
  return `no build uses it: ${only}no ${names(readers, true)} build has its context here`;
}

function perDockerfile(file: string, dockerfile: string, exists: Exists, builder: Builder): string {
  const dir = path.dirname(file);
  const df = path.join(dir, dockerfile);
  if (!exists(df)) {
    return `no build uses it: there is no ${dockerfile} beside it, and a per-Dockerfile ignore file is read only next to the Dockerfile it names`;
  }
  const chosen = choices(dir, exists, df);
  if (builder === 'classic') {
    return `no build uses it: the classic builder ignores per-Dockerfile files and reads .dockerignore at the context root`;
  }
  const other = chosen.get(builder);
  if (other && other !== file && path.dirname(other) === dir)
    return `no build uses it: ${BUILDER_NAMES[builder]} reads ${path.basename(other)} instead`;
  return `no build of ${dockerfile} uses it`;
}

export function unusedReason(file: string, exists: Exists, builder: Builder): string {
  const base = path.basename(file);
  if (base === '.dockerignore' || base === '.containerignore') return contextRoot(file, exists);
  const m = /^(.+)\.(dockerignore|containerignore)$/.exec(base);
  if (m) return perDockerfile(file, m[1]!, exists, m[2] === 'containerignore' ? 'podman' : builder);
  return 'no build uses it';
}

export const unusedIgnoreFile: Rule = {
  id: ID,
  appliesTo: 'ignorefile',
  defaultSeverity: 'hint',
  description: 'No build reads this ignore file; the message says which file is read instead.',
  check(ctx: RuleContext): Finding[] {
    if (ctx.kind !== 'ignorefile' || ctx.builds.length > 0) return [];
    const end = ctx.text.search(/\r?\n/);
    const range = { start: { line: 0, character: 0 }, end: { line: 0, character: end < 0 ? ctx.text.length : end } };
    const reason = unusedReason(ctx.file, (p) => ctx.fs.exists(p), ctx.settings.builder);
    return [
      {
        ruleId: ID,
        severity: 'hint',
        file: ctx.file,
        range,
        message: `${path.basename(ctx.file)}: ${reason}`,
        fixes: [],
      },
    ];
  },
};
