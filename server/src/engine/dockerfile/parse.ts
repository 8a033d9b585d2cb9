// Dockerfile text -> DockerfileModel. dockerfile-ast does the tolerant parsing (a half-typed
// file still yields every instruction it can); this layer adds BuildKit's meaning. The
// language server re-parses on each keystroke for every rule, so results are cached by text,
// and a new text re-reads only the instructions whose text changed (chunkCache.ts, issue 4).
import { DockerfileParser, type Arg, type Env, type From, type Instruction, type Property } from 'dockerfile-ast';
import { lineStarts as computeLineStarts } from '../edits';
import type { CopyInstruction, DockerfileModel, OtherInstruction, RunInstruction, Stage, VariableDef } from './model';
import { readCopy, resolveWord } from './copy';
import { flagsOf, readLine, type InstructionLine, type ParseContext } from './instruction';
import { readRun } from './runInstruction';
import { VariableScopes } from './scope';
import { expandWord } from './substitute';
import { logicalText, offsetOf } from './text';
import { splitChunks } from './chunks';
import { applyChunk, newBuildState } from './chunkCache';

const CACHE_SIZE = 32;
const cache = new Map<string, DockerfileModel>();
let last: DockerfileModel | undefined;

/** Parses (or returns the cached model of) a Dockerfile. Never throws on bad input. */
export function parseDockerfile(text: string): DockerfileModel {
  // Every rule asks for the same string in turn. A Map hashes a string longer than 16,383
  // characters by its length alone, so a keystroke that keeps the length would compare the
  // whole text with every cached one of that length, for every rule.
  if (last?.text === text) return last;
  const hit = cache.get(text);
  if (hit) {
    cache.delete(text);
    cache.set(text, hit);
    return (last = hit);
  }
  const model = (last = build(text));
  cache.set(text, model);
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  return model;
}

// Instructions whose words the builder itself does not expand (the shell or the runtime does).
const NO_EXPANSION = new Set(['RUN', 'CMD', 'ENTRYPOINT', 'SHELL', 'HEALTHCHECK', 'MAINTAINER']);

function build(text: string): DockerfileModel {
  const chunks = splitChunks(text);
  if (!chunks) return coldBuild(text);
  const esc = '\\';
  const model: DockerfileModel = {
    text,
    escapeChar: esc,
    stages: [],
    copies: [],
    runs: [],
    variables: [],
    instructions: [],
    lineStarts: computeLineStarts(text),
  };
  const state = newBuildState(new VariableScopes(), esc);
  for (const c of chunks) applyChunk(model, state, c, esc, readInstruction, chunks.length);
  closeStages(model);
  return model;
}

/** A parse of the whole text at once, bypassing every cache (tests compare the two). */
export function coldBuild(text: string): DockerfileModel {
  const df = DockerfileParser.parse(text);
  const ctx: ParseContext = {
    text,
    lineStarts: computeLineStarts(text),
    esc: df.getEscapeCharacter() || '\\',
    scopes: new VariableScopes(),
    stage: -1,
  };
  const model: DockerfileModel = {
    text,
    escapeChar: ctx.esc,
    stages: [],
    copies: [],
    runs: [],
    variables: [],
    instructions: [],
    lineStarts: ctx.lineStarts,
  };
  for (const ins of df.getInstructions()) readInstruction(ins, ctx, model);
  closeStages(model);
  return model;
}

/** Adds one instruction to `model`, updating the scopes and the current stage in `ctx`. */
function readInstruction(ins: Instruction, ctx: ParseContext, model: DockerfileModel): void {
  const kw = ins.getKeyword();
  const line = kw === 'FROM' ? startStage(ins as From, ctx, model) : undefined;
  if (kw === 'COPY' || kw === 'ADD') push(model, model.copies, readCopy(ins, ctx));
  else if (kw === 'RUN') push(model, model.runs, readRun(ins, ctx));
  else model.instructions.push(other(ins, ctx, line));
  if (kw === 'ARG') declareArgs(ins as Arg, ctx, model);
  if (kw === 'ENV') setEnvs(ins as Env, ctx, model);
}

function push<T extends CopyInstruction | RunInstruction>(model: DockerfileModel, list: T[], ins: T): void {
  list.push(ins);
  model.instructions.push(ins);
}

function other(ins: Instruction, ctx: ParseContext, line = readLine(ins, ctx)): OtherInstruction {
  const expand = !NO_EXPANSION.has(ins.getKeyword());
  return {
    keyword: ins.getKeyword(),
    range: ins.getRange(),
    keywordRange: ins.getInstructionRange(),
    stage: ctx.stage,
    flags: flagsOf(ins),
    execForm: line.exec !== null,
    heredocs: line.heredocs,
    args: (line.exec ?? line.words).map((w) =>
      expand ? resolveWord(w, ctx) : { raw: w.raw, value: w.raw, range: w.range, unresolved: [] },
    ),
  };
}

function startStage(ins: From, ctx: ParseContext, model: DockerfileModel): InstructionLine {
  const line = readLine(ins, ctx);
  const args = line.words;
  const image = args[0] ? expandWord(args[0].raw, ctx.scopes.globalLookup, ctx.esc).value : null;
  const named = args.length >= 3 && args[1]!.raw.toUpperCase() === 'AS';
  const lower = image?.toLowerCase();
  const base = model.stages.find((s) => s.name !== null && s.name === lower);
  const stage: Stage = {
    index: model.stages.length,
    name: named ? args[2]!.raw.toLowerCase() : null,
    nameRange: named ? args[2]!.range : null,
    image,
    imageRange: args[0]?.range ?? null,
    baseStage: base ? base.index : null,
    range: ins.getRange(),
  };
  model.stages.push(stage);
  ctx.stage = stage.index;
  ctx.scopes.startStage(stage.baseStage);
  return line;
}

function propertyValue(p: Property, ctx: ParseContext): string | null | undefined {
  const r = p.getValueRange();
  if (!r) return p.getAssignmentOperator() === '=' ? '' : undefined;
  const raw = logicalText(
    ctx.text,
    offsetOf(ctx.lineStarts, ctx.text, r.start),
    offsetOf(ctx.lineStarts, ctx.text, r.end),
    ctx.esc,
  ).text;
  return expandWord(raw, ctx.stage < 0 ? ctx.scopes.globalLookup : ctx.scopes.lookup, ctx.esc).value;
}

function declareArgs(ins: Arg, ctx: ParseContext, model: DockerfileModel): void {
  for (const p of ins.getProperties()) {
    const value = ctx.scopes.declareArg(p.getName(), propertyValue(p, ctx));
    model.variables.push({ kind: 'ARG', name: p.getName(), value, stage: ctx.stage, range: p.getRange() });
  }
}

function setEnvs(ins: Env, ctx: ParseContext, model: DockerfileModel): void {
  // Every value on one ENV line is expanded with the environment from before the line.
  const defs: VariableDef[] = ins.getProperties().map((p) => ({
    kind: 'ENV',
    name: p.getName(),
    value: propertyValue(p, ctx) ?? null,
    stage: ctx.stage,
    range: p.getRange(),
  }));
  for (const d of defs) ctx.scopes.setEnv(d.name, d.value);
  model.variables.push(...defs);
}

/** A stage's range runs from its FROM to the end of its last instruction. */
function closeStages(model: DockerfileModel): void {
  for (const ins of model.instructions) {
    const stage = model.stages[ins.stage];
    if (stage && ins.range.end.line >= stage.range.end.line)
      stage.range = { start: stage.range.start, end: ins.range.end };
  }
}
