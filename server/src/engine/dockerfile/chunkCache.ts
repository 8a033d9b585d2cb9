// The per-instruction cache behind parseDockerfile: a chunk's model is reused when its text,
// the stage it sits in, the stage names before it and every variable it looked up are what
// they were; its effects on the ARG/ENV scopes are replayed, its positions moved to where
// the chunk now is. Anything else re-reads that chunk alone (issue 4).
import { DockerfileParser, type Instruction } from 'dockerfile-ast';
import { lineStarts as computeLineStarts } from '../edits';
import type { DockerfileModel, Stage } from './model';
import type { ParseContext, Scopes } from './instruction';
import type { VariableScopes } from './scope';
import type { VariableLookup } from './substitute';
import { shifted, type Chunk } from './chunks';

export interface BuildState { scopes: VariableScopes; stage: number }
export type ReadInstruction = (ins: Instruction, ctx: ParseContext, model: DockerfileModel) => void;

type Op = { kind: 'start'; base: number | null } | { kind: 'arg'; name: string; value: string | null | undefined } | { kind: 'env'; name: string; value: string | null };
interface Dep { global: boolean; name: string; value: string | null }

/** What one chunk contributed, positioned as if the chunk started the file. */
interface ChunkModel {
  part: Pick<DockerfileModel, 'stages' | 'copies' | 'runs' | 'variables' | 'instructions'>;
  deps: Dep[];
  ops: Op[];
  stageAfter: number;
  /** The part moved to where the chunk last was: an edit elsewhere reuses these very objects. */
  placed?: { line: number; offset: number; part: ChunkModel['part'] };
}

const CACHE_SIZE = 4096;
const cache = new Map<string, ChunkModel>();

/** Records what a chunk reads from the scopes and what it changes, for replay. */
class Recorder implements Scopes {
  readonly deps: Dep[] = [];
  readonly ops: Op[] = [];
  /** A lookup after the chunk's own change depends on that change: not replayable simply. */
  tainted = false;
  constructor(private readonly real: VariableScopes) {}
  readonly lookup: VariableLookup = (name) => this.note(false, name, this.real.lookup(name));
  readonly globalLookup: VariableLookup = (name) => this.note(true, name, this.real.globalLookup(name));
  startStage(base: number | null): void { this.ops.push({ kind: 'start', base }); this.real.startStage(base); }
  declareArg(name: string, value: string | null | undefined): string | null {
    // A bare ARG in a stage takes the global default: a dependency too.
    if (value === undefined) this.note(true, name, this.real.globalLookup(name));
    this.ops.push({ kind: 'arg', name, value }); return this.real.declareArg(name, value); }
  setEnv(name: string, value: string | null): void { this.ops.push({ kind: 'env', name, value }); this.real.setEnv(name, value); }
  private note(global: boolean, name: string, value: string | null): string | null {
    if (this.ops.length > 0) this.tainted = true;
    this.deps.push({ global, name, value });
    return value;
  }
}

function replay(scopes: VariableScopes, ops: Op[]): void {
  for (const op of ops) {
    if (op.kind === 'start') scopes.startStage(op.base);
    else if (op.kind === 'arg') scopes.declareArg(op.name, op.value);
    else scopes.setEnv(op.name, op.value);
  }
}

function readChunk(model: DockerfileModel, state: BuildState, chunk: Chunk, esc: string, read: ReadInstruction): { chunk: ChunkModel; tainted: boolean } {
  const rec = new Recorder(state.scopes);
  const ctx: ParseContext = { text: chunk.text, lineStarts: computeLineStarts(chunk.text), esc, scopes: rec, stage: state.stage };
  // Earlier stages stay visible (FROM <stage> looks them up); only new entries are this chunk's.
  const part: DockerfileModel = { ...model, stages: [...model.stages], copies: [], runs: [], variables: [], instructions: [] };
  // Earlier stages' ranges are absolute; the chunk's are relative to its first line.
  for (const ins of DockerfileParser.parse(chunk.text).getInstructions()) read(ins, ctx, part);
  part.stages = part.stages.slice(model.stages.length);
  return { chunk: { part, deps: rec.deps, ops: rec.ops, stageAfter: ctx.stage }, tainted: rec.tainted };
}

function depsHold(scopes: VariableScopes, deps: Dep[]): boolean {
  return deps.every((d) => (d.global ? scopes.globalLookup(d.name) : scopes.lookup(d.name)) === d.value);
}

/** Appends `chunk`'s instructions to `model`, from the cache when nothing they depend on moved. */
export function applyChunk(model: DockerfileModel, state: BuildState, chunk: Chunk, esc: string, read: ReadInstruction): void {
  const key = `${esc}\0${state.stage}\0${model.stages.map((s) => s.name ?? '').join('/')}\0${chunk.text}`;
  let hit = cache.get(key);
  if (hit && depsHold(state.scopes, hit.deps)) {
    replay(state.scopes, hit.ops);
    cache.delete(key);
    cache.set(key, hit);
  } else {
    const fresh = readChunk(model, state, chunk, esc, read);
    hit = fresh.chunk;
    if (!fresh.tainted) {
      cache.set(key, hit);
      if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value as string);
    }
  }
  if (hit.placed?.line !== chunk.line || hit.placed.offset !== chunk.offset) {
    hit.placed = { line: chunk.line, offset: chunk.offset, part: place(hit.part, chunk) };
  }
  append(model, hit.placed.part);
  state.stage = hit.stageAfter;
}

function place(part: ChunkModel['part'], chunk: Chunk): ChunkModel['part'] {
  const move = <T>(x: T): T => shifted(x, chunk.line, chunk.offset);
  const moved = new Map(part.instructions.map((i) => [i, move(i)] as const));
  return {
    stages: part.stages.map(move),
    instructions: [...moved.values()],
    copies: part.copies.map((c) => moved.get(c) as typeof c),
    runs: part.runs.map((r) => moved.get(r) as typeof r),
    variables: part.variables.map(move),
  };
}

function append(model: DockerfileModel, part: ChunkModel['part']): void {
  // Stage ranges are widened by closeStages: every model gets its own stage objects.
  model.stages.push(...part.stages.map((s): Stage => ({ ...s })));
  model.instructions.push(...part.instructions);
  model.copies.push(...part.copies);
  model.runs.push(...part.runs);
  model.variables.push(...part.variables);
}
