// BuildKit's parser directives (`# syntax=`, `# escape=`, `# check=`) at the top of a
// Dockerfile, read as moby/buildkit's DirectiveParser reads them: one per line from the first,
// until a line that is not a known directive (a comment, a blank line, an instruction).
// buildctx needs `# check=`: it says which of BuildKit's build checks a `docker build --check`
// (and the Docker DX extension, which runs one) reports for this file.

/** moby/buildkit frontend/dockerfile/parser/directives.go: `reDirectives`. */
const DIRECTIVE = /^#\s*([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.+?)\s*$/;
const KNOWN = new Set(['syntax', 'escape', 'check']);

/** Directive name (lower case) to value, for the directives at the top of `text`. */
export function parserDirectives(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of text.replace(/^\uFEFF/, '').split(/\r?\n/)) {
    const m = DIRECTIVE.exec(line);
    const key = m?.[1]?.toLowerCase();
    if (!m || key === undefined || !KNOWN.has(key)) break;
    if (!out.has(key)) out.set(key, m[2] ?? '');
  }
  return out;
}

/**
 * Whether `# check=experimental=…` turns on the experimental build check `name`
 * (`experimental=all`, or a comma list naming it). Experimental checks run only then;
 * `skip=` applies to the others (moby/buildkit frontend/dockerfile/linter: ParseLintOptions, Run).
 */
export function experimentalCheckEnabled(text: string, name: string): boolean {
  const value = parserDirectives(text).get('check');
  if (value === undefined) return false;
  for (const part of value.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq).trim() !== 'experimental') continue;
    const list = part.slice(eq + 1).trim();
    if (list === 'all' || list.split(',').some((r) => r.trim() === name)) return true;
  }
  return false;
}
