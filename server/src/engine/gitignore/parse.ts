// A gitignore file's lines as git reads them (dir.c: add_patterns_from_buffer,
// trim_trailing_spaces, parse_path_pattern): the `ignore` package splits and trims lines its own
// way, so it is handed one pattern at a time, already read git's way.

export interface GitignoreRule {
  /** The line as git reads it, without a leading '!' (trailing unescaped spaces dropped). */
  pattern: string;
  negate: boolean;
  /** 0-based line in its file. */
  line: number;
}

/** Git drops trailing spaces (spaces only, not tabs) unless a backslash escapes the first of them. */
export function trimTrailingSpaces(line: string): string {
  let lastSpace = -1;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === ' ') {
      if (lastSpace < 0) lastSpace = i;
    } else if (c === '\\') {
      // A final lone backslash: git leaves the whole line as it is.
      if (++i === line.length) return line;
      lastSpace = -1;
    } else lastSpace = -1;
  }
  return lastSpace < 0 ? line : line.slice(0, lastSpace);
}

export function parseRules(text: string): GitignoreRule[] {
  const rules: GitignoreRule[] = [];
  const lines = text.replace(/^\uFEFF/, '').split('\n');
  // The text after the last '\n' is a line too, unless it is empty.
  if (lines[lines.length - 1] === '') lines.pop();
  lines.forEach((raw, line) => {
    if (raw === '' || raw.startsWith('#')) return;
    const pattern = trimTrailingSpaces(raw.endsWith('\r') ? raw.slice(0, -1) : raw);
    const negate = pattern.startsWith('!');
    rules.push({ pattern: negate ? pattern.slice(1) : pattern, negate, line });
  });
  return rules;
}
