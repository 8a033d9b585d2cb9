// The ignore-file inlay hints of issue 16 on the 198k-file monorepo: a 200-line .dockerignore,
// the median latency of a hint request on a quiet server, and of the first request after an
// edit (which re-matches the whole tree in memory with the new text, as the edit's check would).
import * as fs from 'node:fs';
import { FileChangeType, InlayHintRequest, type InlayHint } from 'vscode-languageserver/node';
import type { Harness } from '../test/server/harness';
import { percentile } from './stats';

const REL = '.dockerignore';
const WHOLE = { start: { line: 0, character: 0 }, end: { line: 10_000, character: 0 } };
const ms = (x: number): string => `${x.toFixed(1)} ms`;
const median = (xs: number[]): number => percentile(xs, 0.5);

const GUARDS = [
  '.git',
  'node_modules',
  'packages/*/node_modules',
  '**/dist',
  '!packages/web/dist/index.js',
  '.cache/',
  '**/*.map',
  '.env',
  '.env.*',
  '*.log',
  '**/*.log',
  'coverage/',
  '**/coverage',
  '*.pem',
  '.DS_Store',
  '**/.DS_Store',
  '.idea/',
  '.vscode/',
  'tmp/',
  '*.swp',
  'docker-compose*.yml',
  '**/*.test.ts',
  '**/__snapshots__',
  'README.md',
];

/** 200 lines: what a large monorepo's file holds, then per-package leftovers that match nothing. */
export function ignoreFile200(): string {
  const lines = ['# bench: a 200-line .dockerignore on the monorepo', ...GUARDS];
  const pkgs = ['web', 'api', 'worker', 'shared'];
  for (let i = 0; lines.length < 200; i++)
    lines.push(i % 10 === 9 ? `**/*.gen-${i}.ts` : `packages/${pkgs[i % 4]}/src/legacy-${i}/`);
  return `${lines.join('\n')}\n`;
}

function request(h: Harness): Promise<InlayHint[]> {
  return h.client
    .sendRequest(InlayHintRequest.type, { textDocument: { uri: h.uri(REL) }, range: WHOLE })
    .then((x) => x ?? []);
}

/** Time until a request answers with hints that satisfy `ok` (a stale answer costs another round). */
async function until(h: Harness, ok: (hs: InlayHint[]) => boolean, from = performance.now()): Promise<number> {
  await h.poll('inlay hints', async () => ((hs) => (ok(hs) ? hs : undefined))(await request(h)));
  return performance.now() - from;
}

export async function ignoreHintLatency(h: Harness): Promise<void> {
  const text = ignoreFile200();
  const patterns = text.split('\n').filter((l) => l !== '' && !l.startsWith('#')).length;
  fs.writeFileSync(h.abs(REL), text);
  await h.watched([{ uri: h.uri(REL), type: FileChangeType.Created }]);
  await h.open(REL, 'dockerignore', text);
  const first = await until(h, (hs) => hs.length === patterns);
  await h.server.checks.whenIdle();
  const quiet: number[] = [];
  for (let i = 0; i < 31; i++) quiet.push(await until(h, (hs) => hs.length === patterns));
  // Each edit comments line 2 (`node_modules`) in or out: its hint goes or comes back. The
  // edit's diagnostics are timed alongside: both wait for the tree to be re-matched.
  const edits: number[] = [];
  const diagnostics: number[] = [];
  for (let i = 0; i < 15; i++) {
    const off = i % 2 === 0;
    const t = performance.now();
    const v = await h.change(REL, off ? text.replace('\nnode_modules\n', '\n# node_modules\n') : text);
    edits.push(await until(h, (hs) => hs.some((x) => x.position.line === 2) !== off, t));
    await h.diagnostics(REL, () => true, v);
    diagnostics.push(performance.now() - t);
    await h.server.checks.whenIdle();
  }
  console.log(
    `inlay hints, 200-line .dockerignore: request median ${ms(median(quiet))} (max ${ms(Math.max(...quiet))},` +
      ` first ${ms(first)}) (target ≤ 50 ms); edit → hints median ${ms(median(edits))},` +
      ` edit → its diagnostics median ${ms(median(diagnostics))} (both re-match the tree with the new text)`,
  );
  await h.close(REL);
  fs.rmSync(h.abs(REL));
  await h.watched([{ uri: h.uri(REL), type: FileChangeType.Deleted }]);
}
