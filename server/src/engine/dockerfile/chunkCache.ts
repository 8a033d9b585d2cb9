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

export interface BuildState {
  scopes: VariableScopes;
  stage: number;
  stageNames: string;
  /** Escape character, stage and stage names: what a chunk's text is read in, as one key. */
  where: string;
  /** Which build this is: chunks used by it are never evicted while it runs. */
  build: number;
}
export type ReadInstruction = (ins: Instruction, ctx: ParseContext, model: DockerfileModel) => void;

type Op =
  | { kind: 'start'; base: number | null }
  | { kind: 'arg'; name: string; value: string | null | undefined }
  | { kind: 'env'; name: string; value: string | null };
interface Dep {
  kind: 'dep';
  global: boolean;
  name: string;
  value: string | null;
}
/** Lookups and scope changes in the order the chunk made them. */
type Event = Op | Dep;

/** What one chunk contributed, positioned as if the chunk started the file. */
interface ChunkModel {
  where: string;
  part: Pick<DockerfileModel, 'stages' | 'copies' | 'runs' | 'variables' | 'instructions'>;
  events: Event[];
  /** Some lookup came after a change of the chunk's own: replay on a copy of the scopes. */
  tainted: boolean;
  stageAfter: number;
  /**
   * The part moved to the line each occurrence of the text last had, by its order among them
   * (`COPY go.mod .` may recur): an edit on another line reuses these very objects.
   */
  placed: Array<{ line: number; part: ChunkModel['part'] }>;
  /** The last build that used this chunk, and how many occurrences that build has placed. */
  used: number;
  seen: number;
}

/** Chunks kept at least; a longer file raises the bound to twice its own chunks (see applyChunk). */
const CACHE_SIZE = 4096;
// Keyed by the chunk's text alone, a slice of the file's: a key joined with the stage would be
// a new string to flatten and hash for each of 10,000 chunks on every keystroke. The few texts
// read in more than one place (`WORKDIR /app` in two stages) keep one model per place.
const cache = new Map<string, ChunkModel[]>();
let builds = 0;

export function newBuildState(scopes: VariableScopes, esc: string): BuildState {
  return { scopes, stage: -1, stageNames: '', where: whereKey(esc, -1, ''), build: ++builds };
}

const whereKey = (esc: string, stage: number, stageNames: string): string => `${esc}\0${stage}\0${stageNames}`;

/** Records what a chunk reads from the scopes and what it changes, for replay. */
class Recorder implements Scopes {
  readonly events: Event[] = [];
  private changed = false;
  /** A lookup after the chunk's own change depends on that change. */
  tainted = false;
  constructor(private readonly real: VariableScopes) {}
  readonly lookup: VariableLookup = (name) => this.note(false, name, this.real.lookup(name));
  readonly globalLookup: VariableLookup = (name) => this.note(true, name, this.real.globalLookup(name));
  startStage(base: number | null): void {
    this.op({ kind: 'start', base });
    this.real.startStage(base);
  }
  declareArg(name: string, value: string | null | undefined): string | null {
    // A bare ARG in a stage takes the global default: a dependency too.
    if (value === undefined) this.note(true, name, this.real.globalLookup(name));
    this.op({ kind: 'arg', name, value });
    return this.real.declareArg(name, value);
  }
  setEnv(name: string, value: string | null): void {
    this.op({ kind: 'env', name, value });
    this.real.setEnv(name, value);
  }
  private op(o: Op): void {
    this.changed = true;
    this.events.push(o);
  }
  private note(global: boolean, name: string, value: string | null): string | null {
    if (this.changed) this.tainted = true;
    this.events.push({ kind: 'dep', global, name, value });
    return value;
  }
}

/** Re-enacts a cached chunk on `scopes`; false (scopes half-changed) when a lookup differs. */
function replay(scopes: VariableScopes, events: Event[]): boolean {
  for (const e of events) {
    if (e.kind === 'dep') {
      if ((e.global ? scopes.globalLookup(e.name) : scopes.lookup(e.name)) !== e.value) return false;
    } else if (e.kind === 'start') scopes.startStage(e.base);
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

function readChunk(
  model: DockerfileModel,
  state: BuildState,
  chunk: Chunk,
  esc: string,
  read: ReadInstruction,
): ChunkModel {
  const rec = new Recorder(state.scopes);
  const ctx: ParseContext = {
    text: chunk.text,
    lineStarts: computeLineStarts(chunk.text),
    esc,
    scopes: rec,
    stage: state.stage,
  };
  // Earlier stages stay visible (FROM <stage> looks them up); only new entries are this chunk's.
  const part: DockerfileModel = {
    ...model,
    stages: [...model.stages],
    copies: [],
    runs: [],
    variables: [],
    instructions: [],
  };
  // Earlier stages' ranges are absolute; the chunk's are relative to its first line.
  for (const ins of DockerfileParser.parse(chunk.text).getInstructions()) read(ins, ctx, part);
  part.stages = part.stages.slice(model.stages.length);
  return {
    where: state.where,
    part,
    events: rec.events,
    tainted: rec.tainted,
    stageAfter: ctx.stage,
    placed: [],
    used: 0,
    seen: 0,
  };
}

/**
 * Appends `chunk`'s instructions to `model`, from the cache when nothing they depend on moved.
 * `chunks` is how many the file has: a bound below that would evict each chunk before the next
 * parse asks for it again, so a 10,000-instruction file re-read every chunk on every edit.
 */
export function applyChunk(
  model: DockerfileModel,
  state: BuildState,
  chunk: Chunk,
  esc: string,
  read: ReadInstruction,
  chunks = 0,
): void {
  const hit =
    lookup(state, chunk.text) ?? readAndStore(model, state, chunk, esc, read, Math.max(CACHE_SIZE, 2 * chunks));
  if (hit.used !== state.build) {
    hit.used = state.build;
    hit.seen = 0;
  }
  append(model, placed(hit, chunk, hit.seen++));
  if (hit.part.stages.length === 0 && hit.stageAfter === state.stage) return;
  if (hit.part.stages.length > 0) state.stageNames = model.stages.map((s) => s.name ?? '').join('/');
  state.stage = hit.stageAfter;
  state.where = whereKey(esc, state.stage, state.stageNames);
}

/** The cached model of `text` read where the build now is, when its scope effects still apply. */
function lookup(state: BuildState, text: string): ChunkModel | undefined {
  const hit = cache.get(text)?.find((c) => c.where === state.where);
  return hit && reuse(state, hit) ? hit : undefined;
}

function readAndStore(
  model: DockerfileModel,
  state: BuildState,
  chunk: Chunk,
  esc: string,
  read: ReadInstruction,
  bound: number,
): ChunkModel {
  // A slice keeps the whole file's text alive: the key and the strings read from the chunk
  // would pin one copy of the file per edit for as long as the chunk stays cached.
  const copy = Buffer.from(chunk.text, 'utf8').toString('utf8');
  const text = copy === chunk.text ? copy : chunk.text; // a lone surrogate does not survive UTF-8
  const hit = readChunk(model, state, { ...chunk, text }, esc, read);
  const variants = cache.get(text)?.filter((c) => c.where !== hit.where) ?? [];
  variants.push(hit);
  cache.set(text, variants);
  hit.used = state.build;
  if (cache.size > bound) evict(state.build, bound);
  return hit;
}

/**
 * Drops the least recently used quarter of the bound in one sweep. Stamping a hit with its
 * build, rather than moving it to the end of the map, keeps a reused chunk free of map churn.
 */
function evict(build: number, bound: number): void {
  const last = (cs: ChunkModel[]): number => Math.max(...cs.map((c) => c.used));
  const old = [...cache]
    .map(([key, cs]) => ({ key, used: last(cs) }))
    .filter((e) => e.used !== build)
    .sort((a, b) => a.used - b.used);
  for (const { key } of old.slice(0, cache.size - Math.floor((bound * 3) / 4))) cache.delete(key);
}

/** The chunk's part where this occurrence now is, reusing its last placement when on the same line. */
function placed(hit: ChunkModel, chunk: Chunk, occurrence: number): ChunkModel['part'] {
  const was = hit.placed[occurrence];
  if (was && was.line === chunk.line) return was.part;
  const part = place(hit.part, chunk.line);
  hit.placed[occurrence] = { line: chunk.line, part };
  return part;
}

function place(part: ChunkModel['part'], lines: number): ChunkModel['part'] {
  if (lines === 0) return part;
  const move = <T>(x: T): T => shifted(x, lines);
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
  for (const s of part.stages) model.stages.push({ ...s } satisfies Stage);
  // Loops, not push(...x): most chunks hold one instruction, and a spread per chunk adds up.
  for (const i of part.instructions) model.instructions.push(i);
  for (const c of part.copies) model.copies.push(c);
  for (const r of part.runs) model.runs.push(r);
  for (const v of part.variables) model.variables.push(v);
}
