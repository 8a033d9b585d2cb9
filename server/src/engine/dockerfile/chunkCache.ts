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
import { offsetsMoved, shifted, type Chunk } from './chunks';

export interface BuildState { scopes: VariableScopes; stage: number; stageNames: string }
export type ReadInstruction = (ins: Instruction, ctx: ParseContext, model: DockerfileModel) => void;

type Op = { kind: 'start'; base: number | null } | { kind: 'arg'; name: string; value: string | null | undefined } | { kind: 'env'; name: string; value: string | null };
interface Dep { kind: 'dep'; global: boolean; name: string; value: string | null }
/** Lookups and scope changes in the order the chunk made them. */
type Event = Op | Dep;

/** What one chunk contributed, positioned as if the chunk started the file. */
interface ChunkModel {
  part: Pick<DockerfileModel, 'stages' | 'copies' | 'runs' | 'variables' | 'instructions'>;
  events: Event[];
  /** Some lookup came after a change of the chunk's own: replay on a copy of the scopes. */
  tainted: boolean;
  stageAfter: number;
  /** The part moved to where the chunk last was: an edit elsewhere reuses these very objects. */
  placed?: { line: number; offset: number; part: ChunkModel['part'] };
}

/** Chunks kept at least; a longer file raises the bound to twice its own chunks (see applyChunk). */
const CACHE_SIZE = 4096;
const cache = new Map<string, ChunkModel>();

/** Records what a chunk reads from the scopes and what it changes, for replay. */
class Recorder implements Scopes {
  readonly events: Event[] = [];
  private changed = false;
  /** A lookup after the chunk's own change depends on that change. */
  tainted = false;
  constructor(private readonly real: VariableScopes) {}
  readonly lookup: VariableLookup = (name) => this.note(false, name, this.real.lookup(name));
  readonly globalLookup: VariableLookup = (name) => this.note(true, name, this.real.globalLookup(name));
  startStage(base: number | null): void { this.op({ kind: 'start', base }); this.real.startStage(base); }
  declareArg(name: string, value: string | null | undefined): string | null {
    // A bare ARG in a stage takes the global default: a dependency too.
    if (value === undefined) this.note(true, name, this.real.globalLookup(name));
    this.op({ kind: 'arg', name, value });
    return this.real.declareArg(name, value);
  }
  setEnv(name: string, value: string | null): void { this.op({ kind: 'env', name, value }); this.real.setEnv(name, value); }
  private op(o: Op): void { this.changed = true; this.events.push(o); }
  private note(global: boolean, name: string, value: string | null): string | null {
    if (this.changed) this.tainted = true;
    this.events.push({ kind: 'dep', global, name, value });
    return value;
  }
}

/** Re-enacts a cached chunk on `scopes`; false (scopes half-changed) when a lookup differs. */
function replay(scopes: VariableScopes, events: Event[]): boolean {
  for (const e of events) {
    if (e.kind === 'dep') { if ((e.global ? scopes.globalLookup(e.name) : scopes.lookup(e.name)) !== e.value) return false; }
    else if (e.kind === 'start') scopes.startStage(e.base);
    else if (e.kind === 'arg') scopes.declareArg(e.name, e.value);
    else scopes.setEnv(e.name, e.value);
  }
  return true;
}

/** Applies a cached chunk's scope effects when every lookup it made still gives the same value. */
function reuse(state: BuildState, hit: ChunkModel): boolean {
  // Lookups come before changes: a failed check leaves the scopes untouched.
  if (!hit.tainted) return replay(state.scopes, hit.events);
  const trial = state.scopes.clone();
  if (!replay(trial, hit.events)) return false;
  state.scopes = trial;
  return true;
}

function readChunk(model: DockerfileModel, state: BuildState, chunk: Chunk, esc: string, read: ReadInstruction): ChunkModel {
  const rec = new Recorder(state.scopes);
  const ctx: ParseContext = { text: chunk.text, lineStarts: computeLineStarts(chunk.text), esc, scopes: rec, stage: state.stage };
  // Earlier stages stay visible (FROM <stage> looks them up); only new entries are this chunk's.
  const part: DockerfileModel = { ...model, stages: [...model.stages], copies: [], runs: [], variables: [], instructions: [] };
  // Earlier stages' ranges are absolute; the chunk's are relative to its first line.
  for (const ins of DockerfileParser.parse(chunk.text).getInstructions()) read(ins, ctx, part);
  part.stages = part.stages.slice(model.stages.length);
  return { part, events: rec.events, tainted: rec.tainted, stageAfter: ctx.stage };
}

/**
 * Appends `chunk`'s instructions to `model`, from the cache when nothing they depend on moved.
 * `chunks` is how many the file has: a bound below that would evict each chunk before the next
 * parse asks for it again, so a 10,000-instruction file re-read every chunk on every edit.
 */
export function applyChunk(model: DockerfileModel, state: BuildState, chunk: Chunk, esc: string, read: ReadInstruction, chunks = 0): void {
  const key = `${esc}\0${state.stage}\0${state.stageNames}\0${chunk.text}`;
  let hit = cache.get(key);
  if (hit && reuse(state, hit)) {
    cache.delete(key);
    cache.set(key, hit);
  } else {
    hit = readChunk(model, state, chunk, esc, read);
    cache.set(key, hit);
    if (cache.size > Math.max(CACHE_SIZE, 2 * chunks)) cache.delete(cache.keys().next().value as string);
  }
  append(model, placed(hit, chunk));
  if (hit.part.stages.length > 0) state.stageNames = model.stages.map((s) => s.name ?? '').join('/');
  state.stage = hit.stageAfter;
}

/** The chunk's part where the chunk now is, reusing (or cheaply moving) the last placement. */
function placed(hit: ChunkModel, chunk: Chunk): ChunkModel['part'] {
  const was = hit.placed;
  if (was && was.line === chunk.line && was.offset === chunk.offset) return was.part;
  // An edit within a line above moves offsets only: far cheaper than placing the part anew.
  const part = was && was.line === chunk.line ? movedOffsets(was.part, chunk.offset - was.offset) : place(hit.part, chunk);
  hit.placed = { line: chunk.line, offset: chunk.offset, part };
  return part;
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

function movedOffsets(part: ChunkModel['part'], chars: number): ChunkModel['part'] {
  const moved = new Map(part.instructions.map((i) => [i, offsetsMoved(i, chars)] as const));
  return { ...part, instructions: [...moved.values()], runs: part.runs.map((r) => moved.get(r) as typeof r) };
}

function append(model: DockerfileModel, part: ChunkModel['part']): void {
  // Stage ranges are widened by closeStages: every model gets its own stage objects.
  model.stages.push(...part.stages.map((s): Stage => ({ ...s })));
  model.instructions.push(...part.instructions);
  model.copies.push(...part.copies);
  model.runs.push(...part.runs);
  model.variables.push(...part.variables);
}
