// The habit of writing the build command at the top of a Dockerfile:
//   # Build: podman build -f docker/aianalysis.Dockerfile -t aianalysis .
// The comment names this very file with `-f`, so the folder the command runs from is the
// one under which that `-f` path leads back to the Dockerfile: nothing is assumed about cwd.
import * as path from 'node:path';
import type { FileAccess } from '../types';
import { parseBuildCommand } from './command';
import { resolveBuild } from './resolve';
import { scanShell } from './shellWords';
import { ancestors, type FoundBuild } from './sites';

/** Leading comment lines (before the first instruction), `#` removed, with 1-based line numbers. */
function headerComments(text: string): Array<{ text: string; line: number }> {
  const out: Array<{ text: string; line: number }> = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const t = (lines[i] as string).trim();
    if (t === '') continue;
    if (!t.startsWith('#')) break;
    out.push({ text: t.replace(/^#+\s?/, ''), line: i + 1 });
  }
  return out;
}

const COMMAND = /\b(docker|podman|buildah)\b.*\b(build|bud)\b/;

export function headerBuilds(dockerfile: string, text: string, root: string, fs: FileAccess): FoundBuild[] {
  const comments = headerComments(text);
  const out: FoundBuild[] = [];
  for (let i = 0; i < comments.length; i++) {
    const c = comments[i] as { text: string; line: number };
    const m = COMMAND.exec(c.text);
    if (!m) continue;
    let cmd = c.text.slice(m.index);
    for (let j = i + 1; cmd.endsWith('\\') && j < comments.length; j++)
      cmd = `${cmd}\n${(comments[j] as { text: string }).text}`;
    const parsed = (scanShell(cmd) ?? [])
      .map((call) => parseBuildCommand(call.args, call.env))
      .find((p) => p !== undefined);
    if (!parsed) continue;
    // Only a base under which the command builds this very file is the command's folder.
    const base = ancestors(path.dirname(dockerfile), root).find(
      (b) => resolveBuild(parsed, [b], fs)?.dockerfile === dockerfile,
    );
    const r = base === undefined ? undefined : resolveBuild(parsed, [base], fs);
    if (!r) continue;
    const b: FoundBuild = {
      source: 'comment',
      file: dockerfile,
      line: c.line,
      tool: parsed.tool,
      dockerfile,
      contextDir: r.contextDir,
      noCache: parsed.noCache,
      isSite: false,
    };
    if (parsed.builder) b.builder = parsed.builder;
    out.push(b);
  }
  return out;
}
