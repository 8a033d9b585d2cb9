// Incident-shaped workspaces for the in-process server tests: a Go module whose Dockerfiles
// live in docker/ and build from the repository root, with a vendor/ the ignore file misses.
import { bulkFiles, makeWorkspace } from './harness';

export const VENDOR_FILES = 240;
export const VENDOR_FILE_SIZE = 4096;

export const GATEWAY = [
  'FROM golang:1.22 AS build',
  'WORKDIR /src',
  'COPY go.mod go.sum ./',
  'RUN go mod download',
  'COPY . .',
  'RUN CGO_ENABLED=0 go build -o /out/gateway ./cmd/gateway',
  '',
].join('\n');

export function goWorkspace(extra: Record<string, string | Buffer> = {}, ignore: string | null = '.git\n'): string {
  const files: Record<string, string | Buffer> = {
    'go.mod': 'module example.com/app\n\ngo 1.22\n',
    'go.sum': '',
    'cmd/gateway/main.go': 'package main\n\nfunc main() {}\n',
    'vendor/modules.txt': '# example.com/dep v1.0.0\n## explicit\nexample.com/dep\n',
    ...bulkFiles('vendor/example.com/dep', VENDOR_FILES, VENDOR_FILE_SIZE),
    '.gitignore': 'vendor/\n',
    'docker/gateway.Dockerfile': GATEWAY,
    ...extra,
  };
  if (ignore !== null) files['.dockerignore'] = ignore;
  return makeWorkspace(files);
}

/** Bytes of vendor/ as the scan counts them (file sizes only). */
export function vendorBytes(): number {
  return (
    VENDOR_FILES * VENDOR_FILE_SIZE + Buffer.byteLength('# example.com/dep v1.0.0\n## explicit\nexample.com/dep\n')
  );
}
