// Which stages a build runs. BuildKit only dispatches the target stage (the last one by
// default) and the stages it depends on through FROM, COPY --from and RUN --mount from=,
// so a COPY in an unused stage transfers nothing.
import type { DockerfileModel, Stage } from './model';

/** The stage a `--from` / `from=` value names: a stage name (case-insensitive) or an index. */
export function stageRef(model: DockerfileModel, ref: string | null, before: number): Stage | null {
  if (ref === null) return null;
  const lower = ref.toLowerCase();
  if (/^\d+$/.test(lower)) {
    const s = model.stages[Number(lower)];
    return s && s.index < before ? s : null;
  }
  return model.stages.find((s) => s.name === lower && s.index < before) ?? null;
}

function dependencies(model: DockerfileModel, stage: Stage): number[] {
  const deps: number[] = [];
  if (stage.baseStage !== null) deps.push(stage.baseStage);
  for (const c of model.copies) {
    if (c.stage !== stage.index) continue;
    const s = stageRef(model, c.from, stage.index);
    if (s) deps.push(s.index);
  }
  for (const r of model.runs) {
    if (r.stage !== stage.index) continue;
    for (const m of r.mounts) {
      const s = stageRef(model, m.from, stage.index);
      if (s) deps.push(s.index);
    }
  }
  return deps;
}

/**
 * Indexes of the stages built for `target` (a stage name; the last stage when omitted).
 * An unknown target yields every stage, so nothing is hidden when we cannot tell.
 */
export function reachableStages(model: DockerfileModel, target?: string): Set<number> {
  const all = new Set(model.stages.map((s) => s.index));
  if (model.stages.length === 0) return all;
  const start =
    target === undefined
      ? model.stages[model.stages.length - 1]
      : model.stages.find((s) => s.name === target.toLowerCase());
  if (!start) return all;
  const seen = new Set<number>();
  const stack = [start.index];
  while (stack.length > 0) {
    const i = stack.pop()!;
    if (seen.has(i)) continue;
    seen.add(i);
    stack.push(...dependencies(model, model.stages[i]!));
  }
  return seen;
}
