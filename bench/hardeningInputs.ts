// Deterministic scale inputs for issue 7's "large ignore files (5,000 patterns) and Dockerfiles
// (10,000 lines) stay under 100 ms to check": shared by bench/hardening.ts and the tests that
// pin their findings, so the benchmark measures exactly what the tests prove correct.
import * as fs from 'node:fs';
import * as path from 'node:path';

export const IGNORE_PATTERNS = 5_000;
export const DOCKERFILE_LINES = 10_000;
/** Findings planted in each input, by rule id; everything else in them is clean. */
export const PLANTED = {
  ignore: { 'redundant-pattern': 5, 'unmatched-pattern': 5 },
  dockerfile: { 'copy-source-missing': 4, 'copy-source-outside-context': 4, 'go-build-mod-flag': 4 },
} as const;

const BASE = 4_990;

/** The context for the ignore-file case: one directory per pattern family, so every pattern matches something. */
export function ignoreCaseFiles(): Record<string, string> {
  const files: Record<string, string> = { Dockerfile: 'FROM scratch\nCOPY . .\n' };
  for (let i = 0; i < BASE; i++) {
    const d = `cache/c${i}`;
    if (i % 4 === 0) {
      files[`${d}/x.bin`] = 'x';
      files[`${d}/keep.txt`] = 'k';
    }
    if (i % 4 === 1) files[`${d}/x.bin`] = 'x';
    if (i % 4 === 2) files[`${d}/y.log`] = 'y';
  }
  return files;
}

/** 5,000 patterns: literal dirs, per-dir wildcards, `**` globs, re-includes; then 5 already covered and 5 that match nothing. */
export function ignoreText(): string {
  const lines: string[] = [];
  for (let i = 0; i < BASE; i++) {
    if (i % 4 === 0) lines.push(`cache/c${i}/`);
    else if (i % 4 === 1) lines.push(`cache/c${i}/*.bin`);
    else if (i % 4 === 2) lines.push(`**/c${i}/*.log`);
    else lines.push(`!cache/c${i - 3}/keep.txt`);
  }
  // Covered by the two lines just before (no '!' in between, so they are truly redundant).
  lines.push('cache/c4988/x.bin', 'cache/c4988/keep.txt', 'cache/c4989/*.bin', 'cache/c4988/', 'cache/c4989/x.bin');
  for (let k = 0; k < 5; k++) lines.push(`nothing-${k}/`);
  return `${lines.join('\n')}\n`;
}

/** A Go module context for the Dockerfile case, vendor/ excluded as in the incident. */
export function dockerfileCaseFiles(): Record<string, string> {
  const files: Record<string, string> = {
    'go.mod': 'module example.com/big\n\ngo 1.24\n',
    'go.sum': '',
    'vendor/modules.txt': '# x\n',
    '.dockerignore': 'vendor/\n',
  };
  for (let m = 0; m < 50; m++) for (let f = 0; f < 10; f++) files[`src/m${m}/f${f}.go`] = `package m${m}\n`;
  return files;
}

/** 10,000 lines in 2,000 five-line blocks; every 500th block plants one finding per rule. */
export function dockerfileText(): string {
  const lines = ['FROM golang:1.24 AS build'];
  for (let k = 0; lines.length < DOCKERFILE_LINES; k++) {
    const planted = k % 500 === 250;
    lines.push(`ARG V${k}=v${k}`, `ENV E${k}=\${V${k}}`);
    lines.push(
      planted
        ? `COPY src/m${k % 50}/f${k % 10}.go missing${k}.go ../up${k}.go /src/`
        : `COPY src/m${k % 50}/f${k % 10}.go /src/`,
    );
    // The planted go build runs in the module (a bind mount of the context), where -mod= matters.
    lines.push(
      planted
        ? `RUN --mount=type=bind,target=/ctx echo \${E${k}} && cd /ctx && go build ./...`
        : `RUN echo \${E${k}} && go build -mod=mod ./...`,
    );
    if (lines.length < DOCKERFILE_LINES) lines.push(`WORKDIR /w${k}`);
  }
  return `${lines.join('\n')}\n`;
}

export function writeFiles(dir: string, files: Record<string, string>): void {
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
}
