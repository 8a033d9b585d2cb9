// A script reading its options with `while getopts "c:d:" opt; do case $opt in d) dir=${OPTARG} ;;
// esac; done` gets a caller's `-d services/api` (or `-dservices/api`) in `dir`. Each arm's
// `var=$OPTARG` is rewritten to read a marker of its own, so only the options a build uses
// are bound and named (`-d services/api from ci.sh:2`); an option the caller leaves out drops
// its assignment (the default stays), and one passed with an unknown value stays unknown.
import { bindAll, namesIn } from './assume';
import type { Arg, ShellCall } from './shellWords';

const GETOPTS = /\bwhile[ \t]+getopts[ \t]+(["']?)(:?[A-Za-z0-9:]+)\1[ \t]+\w+/;
const ARM = /^[ \t]*\(?[ \t]*["']?([A-Za-z0-9])["']?[ \t]*\)[ \t]*(.*)$/;
const OPTARG_ASSIGN = /^[ \t]*([A-Za-z_]\w*)=("?)\$(?:OPTARG|\{OPTARG\})\2[ \t]*(?:;;)?[ \t]*$/;
/** Most lines of the `while getopts` loop read for its `case` arms. */
const MAX_LOOP_LINES = 200;

export interface OptionValue {
  value: string;
  label: string;
}

export interface ReadOptions {
  /** The script, each `var=$OPTARG` reading its option's marker (or `$OPTARG`, or dropped). */
  text: string;
  /** Marker name to the caller's value. */
  values: Map<string, OptionValue>;
}

/** Option letter to the caller's value ('' for a flag), up to the first operand as getopts reads. */
function passed(spec: string, args: Arg[]): Map<string, Arg> {
  const takes = new Map<string, boolean>();
  for (let i = 0; i < spec.length; i++) if (spec[i] !== ':') takes.set(spec[i] as string, spec[i + 1] === ':');
  const out = new Map<string, Arg>();
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    // An unknown word (`"${FLAGS[@]}"`) may be flags or nothing: the rest still counts.
    if (typeof a !== 'string') continue;
    if (a === '--' || !/^-./.test(a)) break;
    for (let j = 1; j < a.length; j++) {
      const takesValue = takes.get(a[j] as string);
      if (takesValue === undefined) break;
      if (!takesValue) out.set(a[j] as string, '');
      else {
        out.set(a[j] as string, j + 1 < a.length ? a.slice(j + 1) : (args[++i] ?? { unresolved: '' }));
        break;
      }
    }
  }
  return out;
}

/** The script read with the caller's options; undefined when it has no `while getopts` loop. */
export function readOptions(text: string, args: Arg[], from: string): ReadOptions | undefined {
  const g = GETOPTS.exec(text);
  if (!g) return undefined;
  const opts = passed(g[2] as string, args);
  const lines = text.split('\n');
  const first = text.slice(0, g.index).split('\n').length;
  const values = new Map<string, OptionValue>();
  let letter: string | undefined;
  for (let i = first; i < lines.length && i - first < MAX_LOOP_LINES; i++) {
    const line = (lines[i] as string).replace(/\r$/, '');
    if (/^\s*done\b/.test(line)) break;
    const arm = ARM.exec(line);
    if (arm) letter = arm[1];
    const a = letter !== undefined ? OPTARG_ASSIGN.exec(arm ? (arm[2] as string) : line) : null;
    if (!a || letter === undefined) continue;
    const v = opts.get(letter);
    const marker = `BUILDCTX_OPT_${letter}`;
    // Alone on its line, so the line-by-line reading sees the assignment even in a one-line arm.
    lines[i] = v === undefined ? '' : typeof v === 'string' ? `${a[1]}=\${${marker}}` : `${a[1]}=\${OPTARG}`;
    if (typeof v === 'string') values.set(marker, { value: v, label: `-${letter} ${v} from ${from}` });
  }
  return { text: lines.join('\n'), values };
}

/** The call with the option values it uses put in, and their labels. */
export function bindOptions(call: ShellCall, values: Map<string, OptionValue>): { call: ShellCall; labels: string[] } {
  if (values.size === 0) return { call, labels: [] };
  const used = new Set([...call.args, ...call.env.values()].flatMap(namesIn));
  let v = { args: call.args, env: call.env, assumed: [] as string[] };
  for (const [marker, o] of values) if (used.has(marker)) v = bindAll(v, marker, o.value, o.label);
  return { call: { ...call, args: v.args, env: v.env }, labels: v.assumed };
}
