// The habit of writing the build command at the top of a Dockerfile:
//   # Build: podman build -f docker/aianalysis.Dockerfile -t aianalysis .
// The comment names this very file with `-f`, so the folder the command runs from is the
// one under which that `-f` path leads back to the Dockerfile: nothing is assumed about cwd.
// A context written as a placeholder (`<workflow-dir>/`) means each folder that fits: those
// holding the Dockerfile's COPY sources, chosen by inference and labelled so (issue 15).
import * as nodeFs from 'node:fs';
import * as path from 'node:path';
import type { FileAccess } from '../types';
import { parseBuildCommand, type ParsedBuild } from './command';
import { informativeSources } from './inference';
import { resolveBuild } from './resolve';
import { scanShell } from './shellWords';
import { ancestors, type FoundBuild } from './sites';
import { SKIP_DIRS } from './walk';

/**
 * Comment lines before the first instruction, `#` removed, with 1-based line numbers. `ARG`s
 * may come first (`ARG GO_VERSION` then `# docker build -f cmd/x/Dockerfile.cross .`).
 */
function headerComments(text: string): Array<{ text: string; line: number }> {
  const out: Array<{ text: string; line: number }> = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const t = (lines[i] as string).trim();
    if (t === '' || /^ARG\s/i.test(t)) continue;
    if (!t.startsWith('#')) break;
    out.push({ text: t.replace(/^#+\s?/, ''), line: i + 1 });
  }
  return out;
}

const COMMAND = /\b(docker|podman|buildah)\b.*\b(build|bud)\b/;
const PLACEHOLDER = /<[\w .-]+>/g;
const HOLE = '@@BUILDCTX_PLACEHOLDER@@';
/** Folders a placeholder may stand for, at most. */
const MAX_FITS = 16;

export interface HeaderScope {
  root: string;
  fs: FileAccess;
}

/** Folders looked at for a placeholder, at most: a header is no reason to walk a huge tree. */
const MAX_DIRS = 20_000;

/**
 * Folders under `root`, breadth first, skipping what the discovery walk skips. Read only for a
 * header with a placeholder (rare), so the walk every discovery makes does not keep them all.
 */
function foldersUnder(root: string): string[] {
  const out: string[] = [];
  const queue = [root];
  while (queue.length > 0 && out.length < MAX_DIRS) {
    const dir = queue.shift() as string;
    let entries: nodeFs.Dirent[];
    try {
      entries = nodeFs.readdirSync(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const e of entries)
      if (e.isDirectory() && !SKIP_DIRS.has(e.name)) {
        out.push(path.join(dir, e.name));
        queue.push(path.join(dir, e.name));
      }
  }
  return out;
}

function commandAt(comments: Array<{ text: string; line: number }>, i: number): string | undefined {
  const m = COMMAND.exec((comments[i] as { text: string }).text);
  if (!m) return undefined;
  let cmd = (comments[i] as { text: string }).text.slice(m.index);
  for (let j = i + 1; cmd.endsWith('\\') && j < comments.length; j++)
    cmd = `${cmd}\n${(comments[j] as { text: string }).text}`;
  return cmd.replace(PLACEHOLDER, HOLE);
}

/** Folders matching a context template whose placeholders hold every informative COPY source. */
function fits(template: string, base: string, text: string, scope: HeaderScope): string[] {
  const sources = informativeSources(text);
  if (sources.length === 0) return [];
  // A bare `<dir>` can be any folder (it is typed as a path from anywhere); `apps/<name>` is anchored.
  const bare = template.replace(/^\.\//, '').replace(/\/+$/, '') === HOLE;
  const pattern = path.resolve(base, template).replace(/\/+$/, '');
  const esc = pattern.split(HOLE).map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const re = new RegExp(`^${esc.join('[^/]+(?:/[^/]+)*')}$`);
  const dirs = [scope.root, ...foldersUnder(scope.root)].filter((d) => bare || re.test(d));
  return dirs.filter((d) => sources.every((s) => scope.fs.exists(path.join(d, s)))).slice(0, MAX_FITS);
}

function found(dockerfile: string, line: number, parsed: ParsedBuild, contextDir: string, note?: string): FoundBuild {
  const b: FoundBuild = {
    source: 'comment',
    file: dockerfile,
    line,
    tool: parsed.tool,
    dockerfile,
    contextDir,
    noCache: parsed.noCache,
    isSite: false,
  };
  if (parsed.builder) b.builder = parsed.builder;
  if (note) b.note = note;
  return b;
}

/** The builds one header command describes: one, or one per folder its placeholder fits. */
function fromCommand(dockerfile: string, text: string, line: number, parsed: ParsedBuild, scope: HeaderScope) {
  const template = typeof parsed.context === 'string' && parsed.context.includes(HOLE) ? parsed.context : undefined;
  const probe: ParsedBuild = template ? { ...parsed, context: '.' } : parsed;
  // Only a base under which the command builds this very file is the command's folder.
  const base = ancestors(path.dirname(dockerfile), scope.root).find(
    (b) => resolveBuild(probe, [b], scope.fs)?.dockerfile === dockerfile,
  );
  if (base === undefined) return [];
  if (!template) {
    const r = resolveBuild(parsed, [base], scope.fs);
    return r ? [found(dockerfile, line, parsed, r.contextDir)] : [];
  }
  const written = template.replaceAll(HOLE, '<…>');
  const note = `${written} chosen where the COPY sources exist`;
  return fits(template, base, text, scope).map((d) => found(dockerfile, line, parsed, d, note));
}

export function headerBuilds(dockerfile: string, text: string, scope: HeaderScope): FoundBuild[] {
  const comments = headerComments(text);
  const out: FoundBuild[] = [];
  for (let i = 0; i < comments.length; i++) {
    const cmd = commandAt(comments, i);
    if (cmd === undefined) continue;
    const parsed = (scanShell(cmd) ?? [])
      .map((call) => parseBuildCommand(call.args, call.env))
      .find((p) => p !== undefined);
    if (parsed) out.push(...fromCommand(dockerfile, text, (comments[i] as { line: number }).line, parsed, scope));
  }
  return out;
}
