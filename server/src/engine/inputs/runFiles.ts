// Files a RUN names itself: `./scripts/build.sh`, `make` (its Makefile), `cp config.yaml /etc`,
// `source env.sh`. Each word that resolves, through the working directory and the directory
// copies, to a context file or folder is read by that step.
import * as path from 'node:path';
import { commandDirs } from './readers/cwd';
import { findDir } from '../context/queries';
import { contextPathAt, type Layout } from './layout';
import type { DirEntry, InputEntry } from './types';

const MAKEFILES = ['GNUmakefile', 'makefile', 'Makefile'];

function exists(root: DirEntry, rel: string): 'file' | 'tree' | null {
  const parent = findDir(root, path.posix.dirname(rel).replace(/^\.$/, ''));
  const name = path.posix.basename(rel);
  if (parent?.files.has(name)) return 'file';
  return parent?.dirs.has(name) ? 'tree' : null;
}

export function runNamedFiles(layout: Layout, root: DirEntry): InputEntry[] {
  const out: InputEntry[] = [];
  for (const run of layout.runs) {
    const dirs = commandDirs(run);
    for (const cmd of run.commands) {
      const cwd = dirs.get(cmd) ?? null;
      if (cwd === null) continue;
      const exe = cmd.args[0]?.value;
      const at = (w: string): string | null => contextPathAt(layout, run.stage, run.line, path.posix.resolve(cwd, w));
      const add = (rel: string | null, why: string): void => {
        const kind = rel === null || rel === '' ? null : exists(root, rel);
        if (kind && rel) out.push({ path: rel, scope: kind, certainty: 'read', required: true, reason: why });
      };
      const where = `(line ${run.line + 1})`;
      if (exe === 'make') for (const m of MAKEFILES) add(at(m), `\`make\` reads it ${where}`);
      if (exe === 'mkdir' || exe === 'rm' || exe === 'cd' || exe === 'go') continue;
      for (const w of cmd.args) {
        const v = w.value;
        if (v === null || v.startsWith('-') || /[$`*?]/.test(v) || v.length > 200) continue;
        if (!v.includes('/') && !v.includes('.')) continue;
        add(at(v), `\`${v}\` is named by a RUN ${where}`);
      }
    }
  }
  return out;
}
