// A Thompson-NFA simulation (Pike VM without captures) of a parsed Go regexp: time linear in
// the input, like Go's regexp. Used instead of the JS RegExp when backtracking could take
// O(n^k) steps (e.g. `*a*a*a*a*b` or `**/**/**/x` on a long path), so a hostile pattern
// cannot hang the scan. MatchString semantics: unanchored search, true at the first match.
import type { Node } from './re2Ast';

const CHAR = 0;
const SPLIT = 1;
const JMP = 2;
const ASSERT = 3;
const MATCH = 4;

export interface VmProgram {
  op: number[];
  x: number[];
  y: number[];
  pred: (((cp: number) => boolean) | null)[];
  assert: string[];
}

/** Programs larger than this are not built (Go refuses such regexps as too large anyway). */
const MAX_INSTRUCTIONS = 200_000;

export function compileVm(ast: Node): VmProgram | null {
  const p: VmProgram = { op: [], x: [], y: [], pred: [], assert: [] };
  const emit = (op: number, x = -1, y = -1, pred: ((cp: number) => boolean) | null = null, a = ''): number => {
    if (p.op.length >= MAX_INSTRUCTIONS) throw new RangeError('too large');
    p.op.push(op); p.x.push(x); p.y.push(y); p.pred.push(pred); p.assert.push(a);
    return p.op.length - 1;
  };
  const gen = (n: Node): void => {
    switch (n.t) {
      case 'lit': { const c = n.cp; emit(CHAR, -1, -1, (cp) => cp === c); return; }
      case 'dot': emit(CHAR, -1, -1, (cp) => cp !== 0x0a); return;
      case 'set': { const re = new RegExp(`^${n.js}$`, 'u'); emit(CHAR, -1, -1, (cp) => re.test(String.fromCodePoint(cp))); return; }
      case 'assert': emit(ASSERT, -1, -1, null, n.k); return;
      case 'cat': for (const item of n.items) gen(item); return;
      case 'group': gen(n.sub); return;
      case 'alt': {
        const jumps: number[] = [];
        n.items.forEach((item, i) => {
          if (i === n.items.length - 1) { gen(item); return; }
          const split = emit(SPLIT);
          p.x[split] = p.op.length;
          gen(item);
          jumps.push(emit(JMP));
          p.y[split] = p.op.length;
        });
        for (const j of jumps) p.x[j] = p.op.length;
        return;
      }
      case 'rep': genRep(n.sub, n.min, n.max); return;
    }
  };
  const genRep = (sub: Node, min: number, max: number): void => {
    for (let i = 0; i < min; i++) gen(sub);
    if (max === -1) {
      const split = emit(SPLIT);
      p.x[split] = p.op.length;
      gen(sub);
      p.x[emit(JMP)] = split;
      p.y[split] = p.op.length;
      return;
    }
    const splits: number[] = [];
    for (let i = min; i < max; i++) { const s = emit(SPLIT); p.x[s] = p.op.length; splits.push(s); gen(sub); }
    for (const s of splits) p.y[s] = p.op.length;
  };
  try {
    gen(ast);
    emit(MATCH);
  } catch (e) {
    if (e instanceof RangeError) return null;
    throw e;
  }
  return p;
}

const isWord = (c: number | undefined): boolean =>
  c !== undefined && ((c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f);

/** Scratch space reused across calls (matching is synchronous, so never shared concurrently). */
interface Scratch { mark: Int32Array; stamp: number; stack: number[]; a: number[]; b: number[] }
const scratch = new WeakMap<VmProgram, Scratch>();

/** regexp.MatchString: does `prog` match anywhere in `s`? */
export function vmMatch(prog: VmProgram, s: string): boolean {
  let sc = scratch.get(prog);
  if (!sc) scratch.set(prog, (sc = { mark: new Int32Array(prog.op.length), stamp: 0, stack: [], a: [], b: [] }));
  const { mark, stack } = sc;
  let found = false;
  let prev: number | undefined;
  let cur: number | undefined = s.length > 0 ? s.codePointAt(0) : undefined;
  const holds = (k: string): boolean => {
    if (k === '^') return prev === undefined;
    if (k === '$') return cur === undefined;
    const boundary = isWord(prev) !== isWord(cur);
    return k === 'b' ? boundary : !boundary;
  };
  const add = (list: number[], start: number): void => {
    stack.length = 0;
    stack.push(start);
    while (stack.length > 0 && !found) {
      const pc = stack.pop() as number;
      if (mark[pc] === sc.stamp) continue;
      mark[pc] = sc.stamp;
      switch (prog.op[pc]) {
        case CHAR: list.push(pc); break;
        case JMP: stack.push(prog.x[pc]); break;
        case SPLIT: stack.push(prog.y[pc], prog.x[pc]); break;
        case ASSERT: if (holds(prog.assert[pc])) stack.push(pc + 1); break;
        default: found = true;
      }
    }
  };
  const bump = (): void => {
    // Int32Array marks: restart the stamps long before they could wrap around.
    if (++sc.stamp > 0x3fffffff) { mark.fill(0); sc.stamp = 1; }
  };
  let list = sc.a;
  let next = sc.b;
  list.length = 0;
  bump();
  add(list, 0);
  for (let i = 0; cur !== undefined && !found; ) {
    const c = cur;
    i += c > 0xffff ? 2 : 1;
    prev = c;
    cur = i < s.length ? s.codePointAt(i) : undefined;
    next.length = 0;
    bump();
    for (const pc of list) if ((prog.pred[pc] as (cp: number) => boolean)(c)) add(next, pc + 1);
    add(next, 0);
    [list, next] = [next, list];
  }
  return found;
}
