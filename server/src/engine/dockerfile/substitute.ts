// Word processing as BuildKit's shell lexer (frontend/dockerfile/shell) does it for COPY, ADD,
// ENV, ARG, FROM...: quote removal, escapes, and `$VAR` / `${VAR}` / `${VAR:-x}` / `${VAR-x}` /
// `${VAR:+x}` / `${VAR+x}` / `${VAR:?x}`. A variable whose value we cannot know makes the whole
// word unresolved: a wrong path would be worse than no path.

/** A known value, or null when the variable may hold anything (build-arg, base-image ENV...). */
export type VariableLookup = (name: string) => string | null;

export interface Expansion {
  value: string | null;
  unresolved: string[];
  /** Set when BuildKit itself would reject the word (unterminated quote or `${`). */
  error?: string;
}

const NAME_CHAR = /[A-Za-z0-9_]/;

class Lexer {
  pos = 0;
  readonly unresolved: string[] = [];
  error: string | undefined;
  constructor(
    readonly src: string,
    readonly lookup: VariableLookup,
    readonly esc: string,
  ) {}

  /** Processes until `stop` (a closing `}` of an enclosing `${...}`) or the end. */
  word(stop?: string): string | null {
    let out: string | null = '';
    while (this.pos < this.src.length) {
      const ch = this.src[this.pos]!;
      if (stop !== undefined && ch === stop) break;
      let piece: string | null;
      if (ch === this.esc) piece = this.escaped();
      else if (ch === "'") piece = this.single();
      else if (ch === '"') piece = this.double();
      else if (ch === '$') piece = this.dollar();
      else {
        piece = ch;
        this.pos++;
      }
      out = out === null || piece === null ? null : out + piece;
    }
    return out;
  }

  private escaped(): string {
    this.pos++;
    if (this.pos >= this.src.length) return this.esc;
    return this.src[this.pos++]!;
  }

  private single(): string {
    const end = this.src.indexOf("'", this.pos + 1);
    if (end < 0) {
      this.error = 'unexpected end of statement while looking for matching single-quote';
      this.pos = this.src.length;
      return '';
    }
    const s = this.src.slice(this.pos + 1, end);
    this.pos = end + 1;
    return s;
  }

  private double(): string | null {
    this.pos++;
    let out: string | null = '';
    while (this.pos < this.src.length) {
      const ch = this.src[this.pos]!;
      if (ch === '"') {
        this.pos++;
        return out;
      }
      let piece: string | null;
      if (ch === '$') piece = this.dollar();
      else if (
        ch === this.esc &&
        this.pos + 1 < this.src.length &&
        '"$'.concat(this.esc).includes(this.src[this.pos + 1]!)
      ) {
        piece = this.src[this.pos + 1]!;
        this.pos += 2;
      } else {
        piece = ch;
        this.pos++;
      }
      out = out === null || piece === null ? null : out + piece;
    }
    this.error = 'unexpected end of statement while looking for matching double-quote';
    return out;
  }

  private name(): string {
    const start = this.pos;
    while (this.pos < this.src.length && NAME_CHAR.test(this.src[this.pos]!)) this.pos++;
    return this.src.slice(start, this.pos);
  }

  private variable(name: string): string | null {
    const v = this.lookup(name);
    if (v === null && !this.unresolved.includes(name)) this.unresolved.push(name);
    return v;
  }

  private dollar(): string | null {
    this.pos++;
    if (this.src[this.pos] === '{') {
      this.pos++;
      return this.braced();
    }
    const name = this.name();
    return name === '' ? '$' : this.variable(name);
  }

  private braced(): string | null {
    const name = this.name();
    const rest = this.src.slice(this.pos);
    if (rest.startsWith('}')) {
      this.pos++;
      return name === '' ? this.fail('bad substitution') : this.variable(name);
    }
    const mod = /^(:?[-+?])/.exec(rest)?.[1];
    if (mod === undefined || name === '') {
      // `${V#pat}`, `${V%pat}`, `${V/a/b}`: pattern operators we do not evaluate.
      if (!this.skipTo()) return this.fail("missing '}'");
      if (name !== '' && !this.unresolved.includes(name)) this.unresolved.push(name);
      return null;
    }
    this.pos += mod.length;
    const inner = new Lexer(this.src, this.lookup, this.esc);
    inner.pos = this.pos;
    const word = inner.word('}');
    this.pos = inner.pos;
    if (this.src[this.pos] !== '}') return this.fail("missing '}'");
    this.pos++;
    const value = this.variable(name);
    if (value === null) return null;
    for (const n of inner.unresolved) if (!this.unresolved.includes(n)) this.unresolved.push(n);
    return applyModifier(mod, value, word);
  }

  /** Skips past the `}` closing the current `${`; false when there is none. */
  private skipTo(): boolean {
    let depth = 1;
    while (this.pos < this.src.length && depth > 0) {
      const ch = this.src[this.pos++];
      if (ch === '{') depth++;
      else if (ch === '}') depth--;
    }
    return depth === 0;
  }

  private fail(message: string): null {
    this.error ??= message;
    this.pos = this.src.length;
    return null;
  }
}

function applyModifier(mod: string, value: string, word: string | null): string | null {
  const colon = mod.startsWith(':');
  const op = mod[mod.length - 1];
  // Without the colon the test is "set", and a variable we know the value of is set.
  const present = colon ? value !== '' : true;
  if (op === '-') return present ? value : word;
  if (op === '+') return present ? word : '';
  return present ? value : null; // '?': BuildKit fails the build; we just do not know a value.
}

/** Expands one Dockerfile word. `escapeChar` is `\` unless the `# escape=` directive says otherwise. */
export function expandWord(word: string, lookup: VariableLookup, escapeChar = '\\'): Expansion {
  const lx = new Lexer(word, lookup, escapeChar);
  const value = lx.word();
  const unresolved = lx.unresolved;
  if (lx.error) return { value: null, unresolved, error: lx.error };
  return { value: unresolved.length > 0 ? null : value, unresolved };
}
