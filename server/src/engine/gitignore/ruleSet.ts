// One gitignore file's verdict on one path, its parents being known not excluded: the last
// matching line decides, '!' lines keeping. The `ignore` package does the glob matching; two of
// its habits differ from git's and are worked around here (see `decide`), and the shapes it reads
// differently are matched by wildmatch.ts.
import ignore from 'ignore';
import type { Ignore } from 'ignore';
import type { GitignoreRule } from './parse';
import { packageMisreads, wildmatcher } from './wildmatch';

/** A file's decision: ignored by a line, kept (by a '!' line), or undefined when no line matches. */
export type RuleVerdict = { ignored: true; rule: GitignoreRule } | { ignored: false } | undefined;

const KEPT: RuleVerdict = { ignored: false };

// Git on Linux is case-sensitive (core.ignorecase=false); the package defaults to ignoring case.
const make = (): Ignore => ignore({ ignorecase: false });

export class RuleSet {
  private readonly whole: Ignore;
  private readonly single: Array<Ignore | undefined>;
  /** Git's own matching for the lines the package reads differently (see wildmatch.ts). */
  private readonly own: Array<((rel: string, isDir: boolean) => boolean) | undefined>;
  /** Whether every line is left to the package, so the whole file may be asked at once. */
  private readonly packageOnly: boolean;
  readonly negations: boolean;

  constructor(readonly rules: GitignoreRule[]) {
    this.own = rules.map((r) => (packageMisreads(r.pattern) ? wildmatcher(r.pattern) : undefined));
    this.packageOnly = this.own.every((m) => m === undefined);
    this.whole = make().add(this.packageOnly ? rules.map(text) : []);
    this.single = rules.map(() => undefined);
    this.negations = rules.some((r) => r.negate);
  }

  /**
   * `rel` is relative to the file's directory. The whole file is asked first, which is fast;
   * only when it ignores the path is each line asked, last first, because the package (1) also
   * ignores a path whose parent one of its lines matches, while git, once a parent is kept
   * (maybe by a deeper file's '!'), looks at the path alone, and (2) reports the first of the
   * lines that match in a row where git reports the last.
   */
  decide(rel: string, isDir: boolean): RuleVerdict {
    if (!this.packageOnly) return this.lastMatch(rel, isDir);
    const p = isDir ? `${rel}/` : rel;
    let r: ReturnType<Ignore['test']>;
    try {
      // Without '!' lines a file can only ignore; `ignores` answers that three times faster.
      if (!this.negations && !this.whole.ignores(p)) return undefined;
      r = this.whole.test(p);
    } catch {
      return undefined; // a name the package refuses as a path
    }
    // Kept by a '!' line is exact: the package's last matching line is a '!' and no parent is ignored.
    if (!r.ignored) return r.unignored ? KEPT : undefined;
    return this.lastMatch(rel, isDir);
  }

  private lastMatch(rel: string, isDir: boolean): RuleVerdict {
    for (let i = this.rules.length - 1; i >= 0; i--) {
      const rule = this.rules[i]!;
      if (this.matches(i, rel, isDir)) return rule.negate ? KEPT : { ignored: true, rule };
    }
    return undefined;
  }

  /**
   * Whether line `i` matches `p` itself. Asked as a '!' line alone: a '!' never ignores, so the
   * package cannot answer for a parent, and `unignored` is the match of the path alone.
   */
  private matches(i: number, rel: string, isDir: boolean): boolean {
    const own = this.own[i];
    if (own) return own(rel, isDir);
    let one = this.single[i];
    if (!one) one = this.single[i] = make().add(`!${text({ ...this.rules[i]!, negate: false })}`);
    try {
      return one.test(isDir ? `${rel}/` : rel).unignored;
    } catch {
      return false;
    }
  }
}

/** The line for the package, which must not trim or split it again. */
function text(r: GitignoreRule): string {
  return `${r.negate ? '!' : ''}${r.pattern}`;
}
