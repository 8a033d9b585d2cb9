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
const DOT = -2;
const SET = -3;

export interface VmProgram {
  op: number[];
  x: number[];
  y: number[];
  /** CHAR only: the code point to match, or DOT / SET. */
  lit: number[];
  /** SET only: membership of ASCII code points, precomputed; others go through `pred`. */
  ascii: (Uint8Array | null)[];
  pred: (((cp: number) => boolean) | null)[];
  assert: string[];
}

/** Programs larger than this are not built (Go refuses such regexps as too large anyway). */
const MAX_INSTRUCTIONS = 200_000;

export function compileVm(ast: Node): VmProgram | null {
  const b = new VmBuilder();
  try {
    b.gen(ast);
    b.emit(MATCH);
  } catch (e) {
    if (e instanceof RangeError) return null;
    throw e;
  }
  return b.p;
}

/** Thompson construction; CHAR and ASSERT continue at the next instruction. */
class VmBuilder {
  readonly p: VmProgram = { op: [], x: [], y: [], lit: [], ascii: [], pred: [], assert: [] };

  emit(op: number, a = ''): number {
    const p = this.p;
    if (p.op.length >= MAX_INSTRUCTIONS) throw new RangeError('too large');
    p.op.push(op); p.x.push(-1); p.y.push(-1); p.lit.push(-1); p.ascii.push(null); p.pred.push(null); p.assert.push(a);
    return p.op.length - 1;
  }

  private char(lit: number, set: RegExp | null = null): void {
    const pc = this.emit(CHAR);
    this.p.lit[pc] = lit;
    if (set === null) return;
    const ascii = new Uint8Array(128);
    for (let c = 0; c < 128; c++) ascii[c] = set.test(String.fromCharCode(c)) ? 1 : 0;
    this.p.ascii[pc] = ascii;
    this.p.pred[pc] = (cp) => set.test(String.fromCodePoint(cp));
  }

  private get here(): number { return this.p.op.length; }

  gen(n: Node): void {
    switch (n.t) {
      case 'lit': this.char(n.cp); return;
      case 'dot': this.char(DOT); return;
      case 'set': this.char(SET, new RegExp(`^${n.js}$`, 'u')); return;
      case 'assert': this.emit(ASSERT, n.k); return;
      case 'cat': for (const item of n.items) this.gen(item); return;
      case 'group': this.gen(n.sub); return;
      case 'alt': this.alt(n.items); return;
      case 'rep': this.rep(n.sub, n.min, n.max); return;
    }
  }

  private alt(items: Node[]): void {
    const jumps: number[] = [];
    items.forEach((item, i) => {
      if (i === items.length - 1) { this.gen(item); return; }
      const split = this.emit(SPLIT);
      this.p.x[split] = this.here;
      this.gen(item);
      jumps.push(this.emit(JMP));
      this.p.y[split] = this.here;
    });
    for (const j of jumps) this.p.x[j] = this.here;
  }

  private rep(sub: Node, min: number, max: number): void {
    for (let i = 0; i < min; i++) this.gen(sub);
    if (max === -1) {
      const split = this.emit(SPLIT);
      this.p.x[split] = this.here;
      this.gen(sub);
      this.p.x[this.emit(JMP)] = split;
      this.p.y[split] = this.here;
      return;
    }
    const splits: number[] = [];
    for (let i = min; i < max; i++) {
      const s = this.emit(SPLIT);
      this.p.x[s] = this.here;
      splits.push(s);
      this.gen(sub);
    }
    for (const s of splits) this.p.y[s] = this.here;
  }
}

const isWord = (c: number | undefined): boolean =>
  c !== undefined && ((c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f);

function accepts(prog: VmProgram, pc: number, c: number): boolean {
  const lit = prog.lit[pc];
  if (lit >= 0) return lit === c;
  if (lit === DOT) return c !== 0x0a;
  return c < 128 ? (prog.ascii[pc] as Uint8Array)[c] === 1 : (prog.pred[pc] as (cp: number) => boolean)(c);
}

/** One simulation at a time per program (matching is synchronous), so its state is reused. */
class VmRun {
  private readonly mark: Int32Array;
  private stamp = 0;
  private readonly stack: number[] = [];
  private list: number[] = [];
  private next: number[] = [];
  private found = false;
  private prev: number | undefined;
  private cur: number | undefined;

  constructor(private readonly prog: VmProgram) {
    this.mark = new Int32Array(prog.op.length);
  }

  run(s: string): boolean {
    this.found = false;
    this.prev = undefined;
    this.cur = s.length > 0 ? s.codePointAt(0) : undefined;
    this.list.length = 0;
    this.bump();
    this.add(this.list, 0);
    for (let i = 0; this.cur !== undefined && !this.found; ) {
      const c = this.cur;
      i += c > 0xffff ? 2 : 1;
      this.prev = c;
      this.cur = i < s.length ? s.codePointAt(i) : undefined;
      this.next.length = 0;
      this.bump();
      for (const pc of this.list) if (accepts(this.prog, pc, c)) this.add(this.next, pc + 1);
      this.add(this.next, 0); // unanchored search: a match may start at every position
      [this.list, this.next] = [this.next, this.list];
    }
    return this.found;
  }

  /** Int32Array marks: restart the stamps long before they could wrap around. */
  private bump(): void {
    if (++this.stamp > 0x3fffffff) { this.mark.fill(0); this.stamp = 1; }
  }

  private holds(k: string): boolean {
    if (k === '^') return this.prev === undefined;
    if (k === '$') return this.cur === undefined;
    const boundary = isWord(this.prev) !== isWord(this.cur);
    return k === 'b' ? boundary : !boundary;
  }

  /** Follows empty transitions from `start`, collecting the CHAR instructions reached. */
  private add(list: number[], start: number): void {
    const { prog, mark, stack } = this;
    stack.length = 0;
    stack.push(start);
    while (stack.length > 0 && !this.found) {
      const pc = stack.pop() as number;
      if (mark[pc] === this.stamp) continue;
      mark[pc] = this.stamp;
      switch (prog.op[pc]) {
        case CHAR: list.push(pc); break;
        case JMP: stack.push(prog.x[pc]); break;
        case SPLIT: stack.push(prog.y[pc], prog.x[pc]); break;
        case ASSERT: if (this.holds(prog.assert[pc])) stack.push(pc + 1); break;
        default: this.found = true;
      }
    }
  }
}

const runs = new WeakMap<VmProgram, VmRun>();

/** regexp.MatchString: does `prog` match anywhere in `s`? */
export function vmMatch(prog: VmProgram, s: string): boolean {
  let r = runs.get(prog);
  if (!r) runs.set(prog, (r = new VmRun(prog)));
  return r.run(s);
}
