// Most RUN lines are one plain command (`go mod download`, `CGO_ENABLED=0 go build \` +
// `-ldflags="-s -w" -o /app .`). For text whose characters are literal in sh (no expansion,
// globbing, comment or operator), sh only splits words on blanks, drops `\`-newline
// continuations and the quotes around quoted text, and reads leading NAME=value words as
// assignments, so such a line is read here without loading the shell parser (~110 ms at the
// first RUN of a CLI run or a server start). Anything else goes to mvdan-sh; a property test
// holds the two to the same reading.
import type { ShellAssign, ShellScript, ShellWord } from './script';

/** Characters that are literal in every word position of POSIX sh and bash. */
const LITERAL = /[A-Za-z0-9_./=:,@%+-]/;
const BLANK = /[ \t]/;
const NAME_EQ = /^[A-Za-z_][A-Za-z0-9_]*=/;
/** Words that start a compound command, declare variables or change how a line is read. */
const SPECIAL = new Set([
  'if',
  'then',
  'else',
  'elif',
  'fi',
  'case',
  'esac',
  'for',
  'select',
  'while',
  'until',
  'do',
  'done',
  'in',
  'function',
  'time',
  'coproc',
  'let',
  'export',
  'declare',
  'typeset',
  'local',
  'readonly',
  'nameref',
]);

interface Token extends ShellWord {
  raw: string;
}

/** The end of the quoted text opened at `i`, or -1 when it holds anything but literals and blanks. */
function closingQuote(src: string, i: number): number {
  const q = src[i]!;
  for (let j = i + 1; j < src.length; j++) {
    if (src[j] === q) return j;
    if (!LITERAL.test(src[j]!) && !BLANK.test(src[j]!)) return -1;
  }
  return -1;
}

/** Words with their values and source offsets; undefined when some character is not plain. */
function words(src: string): Token[] | undefined {
  const out: Token[] = [];
  let cur: Token | null = null;
  for (let i = 0; i < src.length; i++) {
    const c = src[i]!;
    if (c === '\\' && src[i + 1] === '\n') {
      // A continuation joins two words when both sides touch it: leave that to the parser.
      if (cur && i + 2 < src.length && !BLANK.test(src[i + 2]!) && src[i + 2] !== '\\') return undefined;
      // The parser counts a continuation that ends a word as part of it.
      if (cur) out.push({ ...cur, end: i + 2 });
      cur = null;
      i++;
    } else if (BLANK.test(c)) {
      if (cur) out.push(cur);
      cur = null;
    } else if (c === '&' && src[i + 1] === '&') {
      // `a && b`: the list operator, a word boundary like a blank (`a&&b` is two commands too).
      if (cur) out.push(cur);
      cur = null;
      out.push({ value: AND, prefix: AND, start: i, end: i + 2, raw: AND });
      i++;
    } else if (c === '"' || c === "'" || LITERAL.test(c)) {
      cur ??= { value: '', prefix: '', start: i, end: i, raw: '' };
      const end = LITERAL.test(c) ? i : closingQuote(src, i);
      if (end < 0) return undefined;
      const text = LITERAL.test(c) ? c : src.slice(i + 1, end);
      cur.value += text;
      cur.raw += src.slice(i, end + 1);
      cur.end = end + 1;
      i = end;
    } else return undefined;
  }
  if (cur) out.push(cur);
  return out;
}

const AND = '&&';

/**
 * The script of plain commands joined by `&&` (`npm ci && npm run build`), or undefined when
 * the parser must read it. Each command of a list needs a command word: a bare `A=1 && b` sets
 * a variable for later commands, which is the parser's to say.
 */
export function parsePlain(src: string): ShellScript | undefined {
  const all = words(src);
  if (!all || all.length === 0 || all.some((w) => SPECIAL.has(w.raw))) return undefined;
  if (!all.some((w) => w.raw === AND)) return plainCommand(all);
  const groups: Token[][] = [[]];
  for (const w of all)
    if (w.raw === AND) groups.push([]);
    else groups[groups.length - 1]!.push(w);
  const commands: ShellScript['commands'] = [];
  for (const g of groups) {
    const one = g.length > 0 ? plainCommand(g) : undefined;
    if (one?.commands.length !== 1) return undefined;
    commands.push(one.commands[0]!);
  }
  return { commands, variables: [] };
}

function plainCommand(all: Token[]): ShellScript | undefined {
  let i = 0;
  const assigns: ShellAssign[] = [];
  for (; i < all.length && NAME_EQ.test(all[i]!.raw); i++) {
    const w = all[i]!;
    const eq = w.value!.indexOf('=');
    assigns.push({ name: w.value!.slice(0, eq), value: w.value!.slice(eq + 1) });
  }
  const start = all[0]!.start;
  if (i === all.length) return { commands: [], variables: assigns.map((a) => ({ ...a, at: start })) };
  const args = all.slice(i).map(({ value, start: s, end }) => ({ value, prefix: value!, start: s, end }));
  return { commands: [{ args, assigns, start, end: all[all.length - 1]!.end }], variables: [] };
}
