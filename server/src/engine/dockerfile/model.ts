// The Dockerfile as the rules, the transfer computation and the hover need it: stages,
// COPY/ADD with classified sources, RUN with its shell text, and ARG/ENV scopes.
// Values are what BuildKit would see after variable substitution; anything we cannot
// know (a --build-arg, an ENV from the base image) is marked unresolved, never guessed.
import type { Range } from '../types';

/** A word after substitution: `value` is null when some variable in it could not be resolved. */
export interface ResolvedWord {
  /** As written, quotes and `$VAR`s included. */
  raw: string;
  value: string | null;
  range: Range;
  /** Names of the variables that made `value` unknown. */
  unresolved: string[];
}

export type SourceKind = 'context' | 'url' | 'git' | 'heredoc' | 'stage';

export interface CopySource extends ResolvedWord {
  /** 'stage' when the instruction has --from (a stage, an image or a named context). */
  kind: SourceKind;
  /**
   * For context sources with a known value: the path BuildKit asks the client for, relative to
   * the context root with '/' separators and no leading '/' ('' is the whole context).
   */
  contextPath: string | null;
  /** `.`, `./`, `/`, `..`: the source is the entire context. */
  wholeContext: boolean;
  hasWildcard: boolean;
}

export interface InstructionFlag {
  name: string;
  /** Null for a bare flag such as `--link`. */
  value: string | null;
  range: Range;
  valueRange: Range | null;
}

export interface Heredoc {
  name: string;
  /** The `<<EOF` marker. */
  range: Range;
  contentRange: Range | null;
  content: string;
}

export interface InstructionBase {
  keyword: string;
  /** The whole instruction, continuation lines and heredoc bodies included. */
  range: Range;
  keywordRange: Range;
  /** Index into DockerfileModel.stages; -1 before the first FROM. */
  stage: number;
  flags: InstructionFlag[];
  /** JSON (exec) form: `COPY ["a", "b"]`, `RUN ["go", "build"]`. */
  execForm: boolean;
  heredocs: Heredoc[];
}

export interface CopyInstruction extends InstructionBase {
  keyword: 'COPY' | 'ADD';
  /** Resolved --from value, null without the flag. */
  from: string | null;
  sources: CopySource[];
  destination: ResolvedWord | null;
  /** Some source is the entire context (`COPY . .`). */
  wholeContext: boolean;
}

export interface RunMount {
  type: string;
  /** Raw option values; `source` defaults to the context root for bind mounts. */
  source: string | null;
  from: string | null;
  target: string | null;
  range: Range;
}

export interface RunInstruction extends InstructionBase {
  keyword: 'RUN';
  /** Shell form: the command text with line continuations removed, as the shell receives it. */
  script: string;
  /** Exec form: the JSON array; null for shell form. */
  argv: string[] | null;
  /** Exec form: where each string of `argv` is written, quotes included. */
  argvRanges: Range[] | null;
  /** The words after the flags, heredoc bodies excluded; null when there are none. */
  argsRange: Range | null;
  mounts: RunMount[];
  /**
   * Offset of each character of `script` (plus one past the end) from the start of the
   * instruction's first line, so positions found by a shell parser map back to the file (see
   * `scriptRange`) and stay valid when an edit on another line moves the text.
   */
  scriptOffsets: number[];
}

export interface OtherInstruction extends InstructionBase {
  args: ResolvedWord[];
}

export interface Stage {
  index: number;
  /** `AS name`, lower-cased as BuildKit compares stage names case-insensitively. */
  name: string | null;
  nameRange: Range | null;
  /** Base image after substitution of global ARGs (null when unresolved or missing). */
  image: string | null;
  imageRange: Range | null;
  /** When the base is an earlier stage (`FROM builder`), its index. */
  baseStage: number | null;
  range: Range;
}

export interface VariableDef {
  kind: 'ARG' | 'ENV';
  name: string;
  /** Default/assigned value after substitution; null when none or unresolved. */
  value: string | null;
  stage: number;
  range: Range;
}

export interface DockerfileModel {
  text: string;
  escapeChar: string;
  stages: Stage[];
  copies: CopyInstruction[];
  runs: RunInstruction[];
  variables: VariableDef[];
  /** Every instruction in document order (COPY/ADD and RUN are the same objects as above). */
  instructions: Array<CopyInstruction | RunInstruction | OtherInstruction>;
  lineStarts: number[];
}
