// Reading .dockerignore / .containerignore exactly as Docker's reader does.
// Owned by the dockerignore work; this file currently only fixes the shape others code against.

export interface IgnorePattern {
  /** The pattern after Docker's normalisation (trim, Clean, one leading '/' dropped), without '!'. */
  pattern: string;
  negate: boolean;
  /** 0-based line in the file and the UTF-16 column span of the trimmed text on that line. */
  line: number;
  start: number;
  end: number;
  /** The line's text as written, for messages and fixes. */
  raw: string;
}

export interface IgnoreFileError { line: number; start: number; end: number; message: string }

export interface ParsedIgnoreFile { patterns: IgnorePattern[]; errors: IgnoreFileError[] }
