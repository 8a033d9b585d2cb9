// Most RUN lines are one plain command (`go mod download`, `CGO_ENABLED=0 go build -o /app .`).
// For text with no quoting, expansion, globbing, comment or operator character, sh does nothing
// but split words on blanks and read leading NAME=value words as assignments, so such a line
// is read here without loading the shell parser (~110 ms at the first RUN of a CLI run or a
// server start). Anything else, and any word the grammar treats specially, goes to mvdan-sh;
// a property test checks the two agree on generated plain lines.
import type { ShellAssign, ShellScript } from './script';

/** Only characters that are literal in every word position of POSIX sh and bash. */
const PLAIN = /^[A-Za-z0-9_./=:,@%+\- \t-]*$/;
const ASSIGN = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s;
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

/** The script of a plain one-line command, or undefined when the parser must read it. */
export function parsePlain(src: string): ShellScript | undefined {
  if (!PLAIN.test(src)) return undefined;
  const words = [...src.matchAll(/[^ \t]+/g)].map((m) => ({ text: m[0], start: m.index, end: m.index + m[0].length }));
  if (words.length === 0 || words.some((w) => SPECIAL.has(w.text))) return undefined;
  let i = 0;
  const assigns: ShellAssign[] = [];
  for (; i < words.length; i++) {
    const m = ASSIGN.exec(words[i]!.text);
    if (!m) break;
    assigns.push({ name: m[1]!, value: m[2]! });
  }
  const start = words[0]!.start;
  if (i === words.length) return { commands: [], variables: assigns.map((a) => ({ ...a, at: start })) };
  const args = words.slice(i).map((w) => ({ value: w.text, prefix: w.text, start: w.start, end: w.end }));
  return { commands: [{ args, assigns, start, end: words[words.length - 1]!.end }], variables: [] };
}
