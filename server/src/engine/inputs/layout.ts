// The Dockerfile as the input model reads it: which context paths each stage copies where,
// the working directory of every RUN, and which stages end up in the image. Container paths
// map back to context paths through the directory copies, so `go build ./cmd/x` run in the
// WORKDIR a `COPY . .` filled names `cmd/x` of the context.
import * as path from 'node:path';
import { parseDockerfile, reachableStages, stageRef, type DockerfileModel, type RunInstruction } from '../dockerfile';
import { commandsOf, modelDoc } from '../dockerfile/runCommandsOf';
import type { RunCommand } from '../shell/runCommands';
import type { Builder } from '../types';
import type { DirEntry } from './types';
import { findDir } from '../context/queries';

/** A context directory copied into a stage (`COPY . .`, `COPY src/ ./src/`, a bind mount). */
export interface DirCopy {
  stage: number;
  line: number;
  /** Context path of the directory ('' for the whole context). */
  source: string;
  /** Absolute container directory it lands in; null when a variable hides it. */
  dest: string | null;
  subject: string;
  /** A RUN --mount bind: read during that RUN only, never part of the image. */
  mount: boolean;
}

/** A context file (or wildcard) a COPY names. */
export interface FileSource {
  source: string;
  glob: boolean;
  line: number;
  subject: string;
}

export interface StageRun {
  stage: number;
  line: number;
  run: RunInstruction;
  /** Container working directory; null when a variable hides it. */
  workdir: string | null;
  commands: RunCommand[];
}

export interface Layout {
  model: DockerfileModel;
  stages: Set<number>;
  /** Stages whose file system is the image: the target and the stages it is built FROM. */
  shipped: Set<number>;
  dirCopies: DirCopy[];
  files: FileSource[];
  runs: StageRun[];
  /** `COPY --from=<stage> <path>`: container paths of a stage that a later stage takes. */
  taken: Array<{ stage: number; from: number; path: string | null; line: number }>;
}

const isDir = (root: DirEntry, rel: string): boolean => findDir(root, rel) !== undefined;

const quote = (line: string): string => `\`${line.length > 48 ? `${line.slice(0, 45)}...` : line}\``;

function subjectAt(model: DockerfileModel, line: number): string {
  const text = model.text.split(/\r?\n/)[line] ?? '';
  return quote(text.trim().replace(/\s*\\$/, ''));
}

/** WORKDIR per instruction line, inherited through FROM <stage>. */
function workdirs(model: DockerfileModel): (stage: number, line: number) => string | null {
  const byStage = new Map<number, Array<{ line: number; dir: string | null }>>();
  for (const ins of model.instructions) {
    if (ins.keyword !== 'WORKDIR' || !('args' in ins) || ins.stage < 0) continue;
    const list = byStage.get(ins.stage) ?? [];
    list.push({ line: ins.range.start.line, dir: ins.args[0]?.value ?? null });
    byStage.set(ins.stage, list);
  }
  const at = (stage: number, line: number): string | null => {
    const base = model.stages[stage]?.baseStage;
    let dir: string | null = base === null || base === undefined ? '/' : at(base, Infinity);
    for (const w of byStage.get(stage) ?? []) {
      if (w.line >= line) break;
      dir = w.dir === null || dir === null ? null : path.posix.resolve(dir, w.dir);
    }
    return dir;
  };
  return at;
}

function destOf(workdir: string | null, dest: string | null): string | null {
  if (dest === null || workdir === null) return dest?.startsWith('/') ? path.posix.normalize(dest) : null;
  return path.posix.resolve(workdir, dest);
}

function readCopies(model: DockerfileModel, root: DirEntry, stages: Set<number>, out: Layout): void {
  const wd = workdirs(model);
  for (const c of model.copies) {
    if (!stages.has(c.stage)) continue;
    const line = c.range.start.line;
    if (c.from !== null) {
      const from = stageRef(model, c.from, c.stage);
      if (from) for (const s of c.sources) out.taken.push({ stage: c.stage, from: from.index, path: s.value, line });
      continue;
    }
    const dest = destOf(wd(c.stage, line), c.destination?.value ?? null);
    for (const s of c.sources) {
      if (s.kind !== 'context') continue;
      const subject = subjectAt(model, line);
      // An unresolved source may be anything: the whole context is then at stake.
      const source = s.contextPath ?? '';
      if (s.contextPath !== null && (s.hasWildcard || !isDir(root, source)))
        out.files.push({ source, glob: s.hasWildcard, line, subject });
      else out.dirCopies.push({ stage: c.stage, line, source, dest, subject, mount: false });
    }
  }
}

function readRuns(model: DockerfileModel, stages: Set<number>, out: Layout): void {
  const wd = workdirs(model);
  const doc = modelDoc(model);
  for (const run of model.runs) {
    if (!stages.has(run.stage)) continue;
    const line = run.range.start.line;
    const workdir = wd(run.stage, line);
    out.runs.push({ stage: run.stage, line, run, workdir, commands: commandsOf(model, run, doc).commands });
    for (const m of run.mounts) {
      if (m.type !== 'bind' || m.from !== null) continue;
      const source = (m.source ?? '').replace(/^\/+|\/+$/g, '');
      const dest = m.target === null ? null : path.posix.resolve(workdir ?? '/', m.target);
      out.dirCopies.push({ stage: run.stage, line, source, dest, subject: subjectAt(model, line), mount: true });
    }
  }
}

function shippedStages(model: DockerfileModel, target?: string): Set<number> {
  const out = new Set<number>();
  const start = target
    ? model.stages.find((s) => s.name === target.toLowerCase())
    : model.stages[model.stages.length - 1];
  for (let s = start; s && !out.has(s.index); s = s.baseStage === null ? undefined : model.stages[s.baseStage])
    out.add(s.index);
  return out;
}

export function readLayout(text: string, builder: Builder, root: DirEntry, target?: string): Layout {
  const model = parseDockerfile(text);
  const all = new Set(model.stages.map((s) => s.index));
  all.add(-1);
  const stages = builder === 'buildkit' ? reachableStages(model, target) : all;
  const out: Layout = {
    model,
    stages,
    shipped: shippedStages(model, target),
    dirCopies: [],
    files: [],
    runs: [],
    taken: [],
  };
  readCopies(model, root, stages, out);
  readRuns(model, stages, out);
  return out;
}

/** Stages built on `stage` through FROM (itself included). */
export function descendants(model: DockerfileModel, stage: number): Set<number> {
  const out = new Set([stage]);
  for (const s of model.stages) if (s.baseStage !== null && out.has(s.baseStage)) out.add(s.index);
  return out;
}

/**
 * The context path a container path holds, through the latest directory copy of `stage` (or
 * a stage it is built on) that covers it before `line`; null when none does.
 */
export function contextPathAt(layout: Layout, stage: number, line: number, container: string): string | null {
  const chain = new Set<number>();
  for (let s: number | null = stage; s !== null && !chain.has(s); s = layout.model.stages[s]?.baseStage ?? null)
    chain.add(s);
  let best: string | null = null;
  for (const c of layout.dirCopies) {
    if (!chain.has(c.stage) || c.dest === null || (c.stage === stage && c.line > line)) continue;
    if (c.mount && c.line !== line) continue;
    const rel = path.posix.relative(c.dest, container);
    if (rel.startsWith('..') || path.posix.isAbsolute(rel)) continue;
    best = [c.source, rel].filter((p) => p !== '').join('/');
  }
  return best;
}
