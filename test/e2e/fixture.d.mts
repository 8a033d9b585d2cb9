// Types for fixture.mjs, so the TypeScript suite in test/vscode shares its expectations.
export interface Totals {
  files: number;
  bytes: number;
}
export declare const SERVICES: readonly string[];
export declare const VENDOR_FILES: number;
export declare const VENDOR_BYTES: number;
export declare const DOCKERIGNORE: string;
export declare const GITIGNORE: string;
export declare function dockerfile(svc: string, opts?: { fixed?: boolean }): string;
export declare function makeWorkspace(dir: string): { vendor: Totals; total: Totals };
