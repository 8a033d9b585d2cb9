// One directory copy (`COPY . .`, `COPY web/ ./`, a bind mount): what the steps after it read.
// The readers state what each ecosystem's tools read and regenerate; whatever remains is still
// a `maybe` when the copy ends up in the image (the program may read it when it runs) or when
// a step runs that no reader accounts for (`make`, `npm run build`, a script).
import * as path from 'node:path';
import { dotnet } from './readers/dotnet';
import { readEcosystem, type Ecosystem } from './readers/ecosystem';
import { readGo } from './readers/go';
import { jvm } from './readers/jvm';
import { node } from './readers/node';
import { php } from './readers/php';
import { python } from './readers/python';
import { ruby } from './readers/ruby';
import { rust } from './readers/rust';
import { joinRel, type ReaderInput, type ReaderResult } from './readers/types';
import { commonNotNeeded } from './common';
import { isSourceOrConfig } from './sourceFiles';
import { descendants, type DirCopy, type Layout, type StageRun } from './layout';
import type { BuildInputs, InputEntry } from './types';
import type { RunCommand } from '../shell/runCommands';

const ECOSYSTEMS: Ecosystem[] = [node, python, php, jvm, rust, ruby, dotnet];

/** Commands that read nothing of what was copied (package installs from the distribution, file modes...). */
const INERT = new Set(
  (
    'apk apt-get apt yum dnf microdnf tdnf zypper mkdir rm chmod chown chgrp ln echo printf true false ' +
    'useradd adduser addgroup groupadd usermod update-ca-certificates export set cd ls env id whoami ' +
    'sleep test [ upx strip ldd touch which command type unset umask exit'
  ).split(' '),
);

function runsSeeing(layout: Layout, copy: DirCopy): StageRun[] {
  if (copy.mount) return layout.runs.filter((r) => r.stage === copy.stage && r.line === copy.line);
  const stages = descendants(layout.model, copy.stage);
  return layout.runs.filter((r) => stages.has(r.stage) && (r.stage !== copy.stage || r.line > copy.line));
}

function firstUnknown(runs: StageRun[], understood: Set<RunCommand>): { run: StageRun; cmd: RunCommand } | null {
  for (const run of runs)
    for (const cmd of run.commands) {
      const exe = cmd.args[0]?.value;
      if (understood.has(cmd) || (exe !== undefined && exe !== null && INERT.has(path.posix.basename(exe)))) continue;
      return { run, cmd };
    }
  return null;
}

function stageName(layout: Layout, stage: number): string {
  const s = layout.model.stages[stage];
  return s?.name ? `stage ${s.name}` : `stage ${stage + 1}`;
}

/** Why the rest of the copy may be read, or null when the readers account for every step. */
function restReason(layout: Layout, copy: DirCopy, runs: StageRun[], understood: Set<RunCommand>): string | null {
  if (!copy.mount && layout.shipped.has(copy.stage))
    return `${copy.subject} (line ${copy.line + 1}) puts it in the image (${stageName(layout, copy.stage)}): it may be read when the image runs`;
  const taken = layout.taken.find((t) => descendants(layout.model, copy.stage).has(t.from));
  const unknown = firstUnknown(runs, understood);
  if (unknown) {
    const text = unknown.cmd.args.map((a) => a.value ?? '…').join(' ');
    const shown = text.length > 40 ? `${text.slice(0, 37)}...` : text;
    return `\`${shown}\` (line ${unknown.run.line + 1}) may read any file ${copy.subject} copies`;
  }
  if (taken && (taken.path === null || copy.dest === null || takesWhole(taken.path, copy.dest)))
    return `COPY --from (line ${taken.line + 1}) takes what ${copy.subject} copied into the image`;
  return null;
}

const takesWhole = (taken: string, dest: string): boolean =>
  !path.posix.relative(path.posix.resolve('/', taken), dest).startsWith('..');

/** Parts of the copy a later stage takes with `COPY --from` (the whole of it is a rest reason). */
function takenParts(layout: Layout, copy: DirCopy): InputEntry[] {
  const out: InputEntry[] = [];
  const from = descendants(layout.model, copy.stage);
  for (const t of layout.taken) {
    if (!from.has(t.from) || t.path === null || copy.dest === null || takesWhole(t.path, copy.dest)) continue;
    const rel = path.posix.relative(copy.dest, path.posix.resolve('/', t.path));
    if (rel.startsWith('..')) continue;
    const reason = `COPY --from (line ${t.line + 1}) takes it into the image`;
    out.push({ path: joinRel(copy.source, rel), scope: 'tree', certainty: 'maybe', required: false, reason });
  }
  return out;
}

export function analyseCopy(
  layout: Layout,
  copy: DirCopy,
  base: Omit<ReaderInput, 'layout' | 'copy' | 'runs'>,
  gitIgnored?: (path: string) => boolean,
): BuildInputs {
  const runs = runsSeeing(layout, copy);
  const input: ReaderInput = { ...base, layout, copy, runs };
  const results: ReaderResult[] = [readGo(input), ...ECOSYSTEMS.map((e) => readEcosystem(input, e))];
  const understood = new Set(results.flatMap((r) => [...r.understood]));
  const entries: InputEntry[] = results.flatMap((r) => r.entries);
  entries.push(...takenParts(layout, copy));
  const rest = restReason(layout, copy, runs, understood);
  if (rest) {
    const entry: InputEntry = {
      path: copy.source,
      scope: 'tree',
      certainty: 'maybe',
      required: false,
      reason: rest,
      only: isSourceOrConfig,
    };
    entries.push(gitIgnored ? { ...entry, unless: gitIgnored } : entry);
  }
  const notNeeded = [...results.flatMap((r) => r.notNeeded), ...commonNotNeeded(base.root, copy.source, layout)];
  return { entries, notNeeded, steps: results.flatMap((r) => r.steps) };
}
