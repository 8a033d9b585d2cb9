// The parts of a Go file the input model needs: its imports and its //go:embed patterns.
// Imports come before any declaration, so the scan stops at the first `func`, `type`, `var`
// or `const`; embed directives can sit anywhere above a variable, so those are read throughout.

export interface GoFile {
  imports: string[];
  embeds: string[];
}

/** Text without block comments, and without line comments other than //go:embed lines. */
function withoutComments(text: string): string {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, ' ')
    .replace(/\/\/(?!go:embed\s)[^\n]*/g, '')
    .replace(/`[^`]*`/g, '""');
}

const IMPORT_SPEC = /^\s*(?:[\w.]+\s+)?"([^"]+)"/;

function importsOf(header: string): string[] {
  const out: string[] = [];
  const re = /\bimport\s*(\(([^)]*)\)|(?:[\w.]+\s+)?"([^"]+)")/g;
  for (let m = re.exec(header); m; m = re.exec(header)) {
    if (m[3] !== undefined) out.push(m[3]);
    else
      for (const line of (m[2] ?? '').split(/[\n;]/)) {
        const spec = IMPORT_SPEC.exec(line);
        if (spec) out.push(spec[1]!);
      }
  }
  return out;
}

/** Patterns of `//go:embed a b "c d"` lines (quoted with "" or backquotes). */
function embedsOf(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/^[ \t]*\/\/go:embed\s+(.*)$/gm)) {
    for (const w of m[1]!.matchAll(/"((?:[^"\\]|\\.)*)"|`([^`]*)`|(\S+)/g)) out.push(w[1] ?? w[2] ?? w[3]!);
  }
  return out;
}

export function readGoFile(text: string): GoFile {
  const clean = withoutComments(text);
  const end = clean.search(/^(func|type|var|const)\b/m);
  return { imports: importsOf(end < 0 ? clean : clean.slice(0, end)), embeds: embedsOf(text) };
}

/** `module x` of a go.mod, and its `replace old => ./local` directives to local directories. */
export function readGoMod(text: string): { module: string | null; replaces: Map<string, string> } {
  const module = /^\s*module\s+"?([^\s"]+)"?/m.exec(text)?.[1] ?? null;
  const replaces = new Map<string, string>();
  const re = /^\s*(?:replace\s+)?([^\s()]+)(?:\s+v\S+)?\s+=>\s+(\.{1,2}\/\S*|\.{1,2})\s*$/gm;
  for (let m = re.exec(text); m; m = re.exec(text)) replaces.set(m[1]!, m[2]!);
  return { module, replaces };
}

/** Directories a go.work `use` names, relative to the go.work file. */
export function readGoWork(text: string): string[] {
  const out: string[] = [];
  const clean = text.replace(/\/\/[^\n]*/g, '');
  for (const m of clean.matchAll(/\buse\s*(?:\(([^)]*)\)|(\S+))/g)) {
    const body = m[1] ?? m[2] ?? '';
    for (const w of body.split(/\s+/)) if (w) out.push(w.replace(/^"|"$/g, ''));
  }
  return out;
}
