// The one mvdan-sh adapter: RUN scripts (parse.ts) and discovery's build scripts
// (discovery/shellWords.ts) both get the parser here, loaded on the first script read, so a
// server start or `buildctx --version` never pays for it.
import { requireParser } from '../bundled';

export interface ShParser<N> {
  Parse(src: string, name: string): N;
}

/** mvdan-sh's `syntax` package as GopherJS exposes it; `N` is the node shape a caller reads. */
export interface ShSyntax<N> {
  NewParser(): ShParser<N>;
  Walk(node: N, fn: (n: N | null) => boolean): void;
  NodeType(n: N): string;
}

interface Loaded {
  syntax: ShSyntax<unknown>;
  parser: ShParser<unknown>;
}

/** Loaded once per process: a memoized import, like Node's own module cache. */
let loaded: Loaded | undefined;

/** The syntax package and one parser, reused (parsing is synchronous; a new parser costs ms). */
export function mvdanSh<N>(): { syntax: ShSyntax<N>; parser: ShParser<N> } {
  if (!loaded) {
    const { syntax } = requireParser<{ syntax: ShSyntax<unknown> }>('mvdan-sh');
    loaded = { syntax, parser: syntax.NewParser() };
  }
  return loaded as unknown as { syntax: ShSyntax<N>; parser: ShParser<N> };
}
