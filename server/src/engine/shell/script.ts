// What a shell script runs, as the rules read it: simple commands with their words' offsets,
// and the variables it sets. parse.ts (mvdan-sh) and plain.ts (one plain command) produce it.

/** A word of a command: its value when it is static text, else null (it expands at run time). */
export interface ShellWord {
  value: string | null;
  /** The static text before the first part that expands at run time (all of it when static). */
  prefix: string;
  start: number;
  end: number;
}

export interface ShellAssign {
  name: string;
  value: string | null;
}

/** One simple command; offsets are UTF-16 indexes into the parsed source. */
export interface ShellCommand {
  args: ShellWord[];
  /** `VAR=x cmd` prefixes. */
  assigns: ShellAssign[];
  start: number;
  end: number;
}

export interface ShellScript {
  commands: ShellCommand[];
  /** Variables set for later commands: bare `VAR=x` statements and `export VAR=x`. */
  variables: Array<ShellAssign & { at: number }>;
  /** Set when the script does not parse; commands is then empty. */
  error?: string;
}
