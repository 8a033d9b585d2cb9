// mvdan-sh ships no types; parse.ts narrows the few node fields it reads.
declare module 'mvdan-sh' {
  export const syntax: unknown;
}
