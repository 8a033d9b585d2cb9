// mvdan-sh ships no types; each user narrows the few node fields it reads.
declare module 'mvdan-sh' {
  export const syntax: unknown;
}
