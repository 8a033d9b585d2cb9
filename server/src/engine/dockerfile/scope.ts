// ARG/ENV visibility as BuildKit applies it: global ARGs (before the first FROM) are seen by
// FROM lines only, until a stage re-declares them with a bare `ARG NAME`; ENV beats ARG of
// the same name; a stage built `FROM` an earlier stage inherits its ENV but not its ARGs.
import type { VariableLookup } from './substitute';

export class VariableScopes {
  private readonly globals = new Map<string, string | null>();
  private readonly args: Array<Map<string, string | null>> = [];
  private readonly envs: Array<Map<string, string | null>> = [];
  private current = -1;

  /** Lookup for FROM lines and for ARGs before the first FROM. */
  readonly globalLookup: VariableLookup = (name) => this.globals.get(name) ?? null;

  /** Lookup for an instruction in the current stage. */
  readonly lookup: VariableLookup = (name) => {
    if (this.current < 0) return this.globalLookup(name);
    const env = this.envs[this.current]!;
    if (env.has(name)) return env.get(name)!;
    return this.args[this.current]!.get(name) ?? null;
  };

  /** An independent copy (the chunk cache tries a cached chunk's effects on one). */
  clone(): VariableScopes {
    const c = new VariableScopes();
    for (const [k, v] of this.globals) c.globals.set(k, v);
    for (const m of this.args) c.args.push(new Map(m));
    for (const m of this.envs) c.envs.push(new Map(m));
    c.current = this.current;
    return c;
  }

  startStage(baseStage: number | null): void {
    this.current = this.args.length;
    this.args.push(new Map());
    const inherited = baseStage !== null ? this.envs[baseStage] : undefined;
    this.envs.push(new Map(inherited ?? []));
  }

  /** `value` is the expanded default, undefined when the ARG has none, null when it is unresolved. */
  declareArg(name: string, value: string | null | undefined): string | null {
    if (this.current < 0) {
      const v = value === undefined ? null : value;
      this.globals.set(name, v);
      return v;
    }
    // A bare ARG in a stage takes the global default; otherwise only a --build-arg can set it.
    const v = value !== undefined ? value : (this.globals.get(name) ?? null);
    this.args[this.current]!.set(name, v);
    return v;
  }

  setEnv(name: string, value: string | null): void {
    if (this.current >= 0) this.envs[this.current]!.set(name, value);
  }
}
