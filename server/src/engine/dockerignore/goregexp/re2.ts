// Translates the Go (RE2) regexp that patternmatcher builds from a pattern into an equivalent
// JavaScript RegExp source (to be used with the `u` flag, so classes and `.` see code points
// as Go's runes do). Go's parser decides what is an error, so we parse as regexp/syntax does
// (Perl flags: ClassNL | OneLine | PerlX | UnicodeGroups) and emit JS that cannot be read
// differently: every literal is a \u{…} escape, `.` is [^\n], \d \s \w and POSIX classes are
// ASCII tables, and \b keeps JS's ASCII word boundary, which is Go's.
//
// Groups with flags `(?…)` cannot occur: both pattern translators turn every `?` into `[^/]`,
// and `\?` is an escaped literal. Repeat counts beyond 1000, alone or multiplied by nesting,
// are rejected as Go does. Go's program-size and nesting-depth limits are not modelled: Docker's
// patterns cannot nest groups, and a 64 KiB line stays far below the size limit.
import { Re2Error, isDigit, parseClassBody, parseEscape, perlClass, rangesToJs, unicodeClass } from './re2Class';
import { type Node, analyse, repeatFits, toJs, trailingWide } from './re2Ast';

interface Frame {
  branches: Node[][];
  atoms: Node[];
}

export interface Re2Program {
  /** JS source for `new RegExp(js, 'u')`. */
  js: string;
  /** Unbounded (or wide) repetitions: a backtracking engine may need O(n^k) steps. */
  k: number;
  /** A repetition inside a repetition: backtracking may be exponential. */
  nested: boolean;
}

/** Parses Go regexp `src` as regexp.Compile does; null where Go returns an error. */
export function re2Compile(src: string): Re2Program | null {
  try {
    const ast = new Translator(Array.from(src, (ch) => ch.codePointAt(0) ?? 0)).run();
    const { k, nested } = analyse(ast);
    return { js: toJs(ast), k: k - trailingWide(ast), nested };
  } catch (e) {
    if (e instanceof Re2Error) return null;
    throw e;
  }
}

/** JS source for Go regexp `src`, or null where Go's regexp.Compile returns an error. */
export function re2ToJs(src: string): string | null {
  return re2Compile(src)?.js ?? null;
}

/** Go's parseRepeat/parseInt: `{n}`, `{n,}`, `{n,m}`; null when it is a literal `{`. */
function parseRepeat(cps: number[], at: number): { min: number; max: number; next: number } | null {
  const int = (k: number): [number, number] | null => {
    if (!isDigit(cps[k])) return null;
    if (cps[k] === 0x30 && isDigit(cps[k + 1])) return null;
    let n = 0;
    while (isDigit(cps[k])) {
      n = n >= 1e8 ? -1 : n < 0 ? n : n * 10 + cps[k] - 0x30;
      k++;
    }
    return [n, k];
  };
  const a = int(at + 1);
  if (!a) return null;
  let [min, k] = a;
  let max = min;
  if (cps[k] === 0x2c) {
    k++;
    if (cps[k] === 0x7d) max = -1;
    else {
      const b = int(k);
      if (!b) return null;
      [max, k] = b;
      if (max < 0) min = -1;
    }
  }
  if (cps[k] !== 0x7d) return null;
  return { min, max, next: k + 1 };
}

class Translator {
  private i = 0;
  private frames: Frame[] = [{ branches: [], atoms: [] }];
  private lastRepeat = false;

  constructor(private readonly cps: number[]) {}

  run(): Node {
    while (this.i < this.cps.length) this.step();
    if (this.frames.length !== 1) throw new Re2Error('missing )');
    return this.close(this.frames[0]);
  }

  private get top(): Frame {
    return this.frames[this.frames.length - 1];
  }

  private close(f: Frame): Node {
    const branches: Node[] = [...f.branches, f.atoms].map((items) => ({ t: 'cat', items }));
    return branches.length === 1 ? branches[0] : { t: 'alt', items: branches };
  }

  private atom(n: Node): void {
    this.top.atoms.push(n);
    this.lastRepeat = false;
  }

  private step(): void {
    const c = this.cps[this.i];
    if (c === 0x28) this.open();
    else if (c === 0x7c) this.alternative();
    else if (c === 0x29) this.closeGroup();
    else if (c === 0x5b) this.charClass();
    else if (c === 0x7b) this.brace();
    else if (c === 0x5c) this.escape();
    else {
      this.i++;
      if (c === 0x2a) this.repeat(0, -1);
      else if (c === 0x2b) this.repeat(1, -1);
      else if (c === 0x3f) this.repeat(0, 1);
      else if (c === 0x5e) this.atom({ t: 'assert', k: '^' });
      else if (c === 0x24) this.atom({ t: 'assert', k: '$' });
      else if (c === 0x2e) this.atom({ t: 'dot' });
      else this.atom({ t: 'lit', cp: c });
    }
  }

  private open(): void {
    if (this.cps[this.i + 1] === 0x3f) throw new Re2Error('flags');
    this.frames.push({ branches: [], atoms: [] });
    this.i++;
    this.lastRepeat = false;
  }

  private alternative(): void {
    this.top.branches.push(this.top.atoms);
    this.top.atoms = [];
    this.i++;
    this.lastRepeat = false;
  }

  private closeGroup(): void {
    if (this.frames.length === 1) throw new Re2Error('unexpected )');
    const sub = this.close(this.frames.pop() as Frame);
    this.i++;
    this.atom({ t: 'group', sub });
  }

  private repeat(min: number, max: number): void {
    let lazy = false;
    if (this.cps[this.i] === 0x3f) {
      lazy = true;
      this.i++;
    }
    if (this.lastRepeat) throw new Re2Error('invalid nested repetition operator');
    const atoms = this.top.atoms;
    if (atoms.length === 0) throw new Re2Error('missing argument to repetition operator');
    const rep: Node = { t: 'rep', sub: atoms[atoms.length - 1], min, max, lazy };
    // Go checks only counted repeats (x{2}, x{2,}, x{0,2}): they copy their operand.
    if ((min >= 2 || max >= 2) && !repeatFits(rep, 1000)) throw new Re2Error('invalid repeat count');
    atoms[atoms.length - 1] = rep;
    this.lastRepeat = true;
  }

  private brace(): void {
    const r = parseRepeat(this.cps, this.i);
    if (!r) {
      this.i++;
      this.atom({ t: 'lit', cp: 0x7b });
      return;
    }
    if (r.min < 0 || r.min > 1000 || r.max > 1000 || (r.max >= 0 && r.min > r.max))
      throw new Re2Error('invalid repeat count');
    this.i = r.next;
    this.repeat(r.min, r.max);
  }

  private charClass(): void {
    const { js, next } = parseClassBody(this.cps, this.i);
    this.i = next;
    this.atom({ t: 'set', js });
  }

  private escape(): void {
    const cps = this.cps;
    const n = cps[this.i + 1];
    const special: Record<number, '^' | '$' | 'b' | 'B'> = { 65: '^', 122: '$', 98: 'b', 66: 'B' };
    if (n !== undefined && special[n] !== undefined) {
      this.i += 2;
      this.atom({ t: 'assert', k: special[n] });
      return;
    }
    if (n === 0x43) throw new Re2Error('\\C');
    if (n === 0x51) {
      this.quoted();
      return;
    }
    const u = unicodeClass(cps, this.i);
    if (u) {
      this.i = u.next;
      this.atom({ t: 'set', js: `[${u.items}]` });
      return;
    }
    const p = perlClass(cps, this.i);
    if (p) {
      this.i += 2;
      this.atom({ t: 'set', js: `[${rangesToJs(p)}]` });
      return;
    }
    const [r, next] = parseEscape(cps, this.i);
    this.i = next;
    this.atom({ t: 'lit', cp: r });
  }

  /** \Q…\E: everything up to \E (or the end) is literal, each rune its own atom. */
  private quoted(): void {
    let j = this.i + 2;
    while (j < this.cps.length && !(this.cps[j] === 0x5c && this.cps[j + 1] === 0x45))
      this.atom({ t: 'lit', cp: this.cps[j++] });
    this.i = j < this.cps.length ? j + 2 : j;
    this.lastRepeat = false;
  }
}
