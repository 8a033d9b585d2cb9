// Reading a `docker build` / `docker buildx build` / `podman build` / `buildah bud` command
// line into what discovery needs: the Dockerfile (-f), the context argument and the options
// that make two builds the same image or not. The flag tables follow `docker build --help`,
// `docker buildx build --help`, `podman build --help` and `buildah build --help`: a flag
// that takes a value must be known, or its value would be mistaken for the context.
import * as path from 'node:path';
import type { Builder } from '../types';
import type { Arg } from './shellWords';

export type CommandTool = 'docker' | 'podman' | 'buildah' | 'buildx';

export interface ParsedBuild {
  tool: CommandTool;
  builder?: Builder;
  /** First -f/--file value; undefined when absent. */
  file?: Arg;
  /** The context argument; undefined when absent (podman then uses the Containerfile's folder). */
  context?: Arg;
  noCache: boolean;
  tag?: string;
  target?: string;
  platform?: string;
  buildArgs: string[];
  buildContexts: Record<string, Arg>;
}

const TOOLS = new Set(['docker', 'podman', 'buildah']);
/** Variable names that, unresolved in command position, still clearly hold a container CLI. */
const TOOL_HINT = /docker|podman|buildah|container|engine|oci|runtime|ctr_?(tool|cmd|bin)/i;

const GLOBAL_VALUE_FLAGS = new Set([
  '-H',
  '--host',
  '-c',
  '--context',
  '--config',
  '-l',
  '--log-level',
  '--tlscacert',
  '--tlscert',
  '--tlskey',
  '--connection',
  '--url',
  '--root',
  '--runroot',
  '--storage-driver',
  '--storage-opt',
  '--cgroup-manager',
  '--module',
  '--identity',
  '--events-backend',
  '--tmpdir',
  '--runtime',
  '--registries-conf',
]);

const BUILD_VALUE_FLAGS = new Set([
  '-f',
  '--file',
  '-t',
  '--tag',
  '--build-arg',
  '--build-context',
  '--target',
  '--platform',
  '-o',
  '--output',
  '--cache-from',
  '--cache-to',
  '--label',
  '--secret',
  '--ssh',
  '--network',
  '--add-host',
  '--allow',
  '--annotation',
  '--attest',
  '--builder',
  '--call',
  '--cgroup-parent',
  '--iidfile',
  '--metadata-file',
  '--no-cache-filter',
  '--progress',
  '--provenance',
  '--sbom',
  '--shm-size',
  '--ulimit',
  '-m',
  '--memory',
  '--memory-swap',
  '--cpu-shares',
  '-c',
  '--cpuset-cpus',
  '--cpuset-mems',
  '--cpu-period',
  '--cpu-quota',
  '--isolation',
  '--security-opt',
  '--authfile',
  '--cert-dir',
  '--creds',
  '--format',
  '--jobs',
  '--logfile',
  '--manifest',
  '--os',
  '--arch',
  '--variant',
  '-v',
  '--volume',
  '--env',
  '--from',
  '--ignorefile',
  '--timestamp',
  '--unsetenv',
  '--userns',
  '--userns-uid-map',
  '--userns-gid-map',
  '--userns-uid-map-user',
  '--userns-gid-map-group',
  '--runtime',
  '--runtime-flag',
  '--signature-policy',
  '--decryption-key',
  '--dns',
  '--dns-option',
  '--dns-search',
  '--cap-add',
  '--cap-drop',
  '--device',
  '--cache-ttl',
  '--retry',
  '--retry-delay',
  '--sign-by',
  '--hooks-dir',
  '--group-add',
  '--ipc',
  '--pid',
  '--uts',
  '--cgroupns',
  '--net',
  '--os-feature',
  '--os-version',
  '--rusage-logfile',
  '--source-date-epoch',
  '--layer-label',
  '--hostname',
]);

const SUBCOMMANDS: Record<string, string[][]> = {
  docker: [['build'], ['buildx', 'build'], ['buildx', 'b'], ['image', 'build'], ['builder', 'build']],
  podman: [['build'], ['image', 'build'], ['buildx', 'build']],
  buildah: [['build'], ['bud'], ['build-using-dockerfile']],
};

function toolAt(arg: Arg | undefined): string | undefined {
  if (arg === undefined) return undefined;
  if (typeof arg !== 'string') return TOOL_HINT.test(arg.unresolved) ? 'docker' : undefined;
  const base = path.posix.basename(arg.replace(/\\/g, '/')).replace(/\.exe$/i, '');
  return TOOLS.has(base) ? base : undefined;
}

/** Index just past the build subcommand, and whether it went through buildx. */
function subcommandEnd(args: Arg[], at: number, tool: string): { end: number; buildx: boolean } | undefined {
  let i = at;
  while (typeof args[i] === 'string' && (args[i] as string).startsWith('-')) {
    const flag = args[i] as string;
    i += GLOBAL_VALUE_FLAGS.has(flag) ? 2 : 1;
  }
  for (const sub of SUBCOMMANDS[tool] ?? []) {
    if (sub.every((word, k) => args[i + k] === word)) return { end: i + sub.length, buildx: sub[0] === 'buildx' };
  }
  return undefined;
}

/** Finds a build command anywhere in `args` (after `sudo`, `time`, `exec`...) and reads it. */
export function parseBuildCommand(args: Arg[], env: Map<string, Arg> = new Map()): ParsedBuild | undefined {
  for (let i = 0; i < args.length; i++) {
    const tool = toolAt(args[i]);
    if (!tool) continue;
    const sub = subcommandEnd(args, i + 1, tool);
    if (!sub) continue;
    const kind: CommandTool = sub.buildx ? 'buildx' : (tool as CommandTool);
    return readBuildFlags(args.slice(sub.end), kind, env);
  }
  return undefined;
}

function builderFor(tool: CommandTool, env: Map<string, Arg>): Builder | undefined {
  if (tool === 'podman' || tool === 'buildah') return 'podman';
  if (tool === 'buildx') return 'buildkit';
  const bk = env.get('DOCKER_BUILDKIT');
  if (bk === '0' || bk === 'false') return 'classic';
  if (bk === '1' || bk === 'true') return 'buildkit';
  return undefined;
}

function splitFlag(arg: string): { name: string; inline?: string } {
  if (arg.startsWith('--')) {
    const eq = arg.indexOf('=');
    return eq < 0 ? { name: arg } : { name: arg.slice(0, eq), inline: arg.slice(eq + 1) };
  }
  // `-fDockerfile` / `-tname`: a short value flag glued to its value.
  if (arg.length > 2 && BUILD_VALUE_FLAGS.has(arg.slice(0, 2))) return { name: arg.slice(0, 2), inline: arg.slice(2) };
  return { name: arg };
}

function readBuildFlags(rest: Arg[], tool: CommandTool, env: Map<string, Arg>): ParsedBuild {
  const out: ParsedBuild = { tool, builder: builderFor(tool, env), noCache: false, buildArgs: [], buildContexts: {} };
  const positionals: Arg[] = [];
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i] as Arg;
    if (typeof arg !== 'string' || !arg.startsWith('-') || arg === '-') {
      positionals.push(arg);
      continue;
    }
    if (arg === '--') {
      positionals.push(...rest.slice(i + 1));
      break;
    }
    const { name, inline } = splitFlag(arg);
    if (!BUILD_VALUE_FLAGS.has(name)) {
      if (name === '--no-cache') out.noCache = inline === undefined || inline === 'true';
      continue;
    }
    const value: Arg | undefined = inline ?? rest[++i];
    if (value !== undefined) applyValueFlag(out, name, value);
  }
  // docker takes exactly one context; with an unknown value flag the context is still last.
  if (positionals.length > 0) out.context = positionals[positionals.length - 1];
  return out;
}

function applyValueFlag(out: ParsedBuild, name: string, value: Arg): void {
  const text = typeof value === 'string' ? value : undefined;
  switch (name) {
    case '-f':
    case '--file':
      out.file ??= value;
      break;
    case '-t':
    case '--tag':
      if (out.tag === undefined && text !== undefined) out.tag = text;
      break;
    case '--target':
      if (text !== undefined) out.target = text;
      break;
    case '--platform':
      if (text !== undefined) out.platform = text;
      break;
    case '--build-arg':
      out.buildArgs.push(text ?? '?');
      break;
    case '--build-context': {
      const eq = text?.indexOf('=') ?? -1;
      if (text !== undefined && eq > 0) out.buildContexts[text.slice(0, eq)] = text.slice(eq + 1);
      break;
    }
    default:
      break;
  }
}
