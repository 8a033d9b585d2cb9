// Types for figures.mjs, shared with the TypeScript suite in test/vscode.
export type Range = [number, number];
export interface ParsedStatus {
  text: string;
  bytes: Range[];
  files: Range;
}
export declare function parseSizes(text: string): { text: string; ranges: Range[] }[];
export declare function parseFileCount(text: string): { text: string; range: Range } | null;
export declare function within(n: number, range: Range): boolean;
export declare function mentionsSize(text: string, bytes: number): boolean;
export declare function parseStatus(text: string): ParsedStatus | null;
export declare function statusShows(status: ParsedStatus | null, totals: { files: number; bytes: number }): boolean;
export declare function dropMatches(before: ParsedStatus, after: ParsedStatus, delta: number): boolean;
