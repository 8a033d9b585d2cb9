// The context as a picture: a treemap of its largest folders sized by bytes, each cell split into
// what the build reads, what is sent without being read, and what the ignore file keeps out.
// Static SVG: the layout runs here, the webview only draws it (and shows the labels on hover).
import type { MapFolder, ReportMap } from '../../../server/src/protocol';
import { formatBytes, formatTotals } from '../../../server/src/protocol';
import { type Rect, squarify } from './treemap';

// Drawn at about the width of an editor beside the Dockerfile; the stylesheet caps how far it
// scales up, so labels stay the size of the workbench's text.
export const VIEW = { w: 720, h: 380 };
const HEAD = 16;
const CHAR_W = 6.4;

type Totals = MapFolder['needed'];

const KINDS = ['needed', 'unused', 'excluded'] as const;
type Kind = (typeof KINDS)[number];

/** A cell to draw: a folder, or what a folder holds beyond its largest subfolders. */
interface Cell {
  path: string;
  name: string;
  /** What a folder holds beyond its drawn subfolders. */
  rest: boolean;
  parts: Record<Kind, Totals>;
  children: Cell[];
}

const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const bytesOf = (c: Pick<Cell, 'parts'>): number => KINDS.reduce((n, k) => n + c.parts[k].bytes, 0);
const minus = (a: Totals, b: Totals): Totals => ({ files: a.files - b.files, bytes: a.bytes - b.bytes });

function cellOf(f: MapFolder, parent: string): Cell {
  const name = parent === '' ? `${f.path}/` : `${f.path.slice(parent.length + 1)}/`;
  const kids = f.children.map((c) => cellOf(c, f.path));
  const rest = restOf(f, kids);
  return {
    path: f.path,
    name,
    rest: false,
    parts: { needed: f.needed, unused: f.unused, excluded: f.excluded },
    children: rest && kids.length > 0 ? [...kids, rest] : kids,
  };
}

/** What a folder's totals leave over beyond its drawn subfolders: its own files and smaller folders. */
function restOf(f: MapFolder, kids: Cell[]): Cell | null {
  const parts = { needed: f.needed, unused: f.unused, excluded: f.excluded };
  for (const k of KINDS) for (const c of kids) parts[k] = minus(parts[k], c.parts[k]);
  if (bytesOf({ parts }) <= 0) return null;
  const where = f.path === '' ? 'the context root' : `${f.path}/`;
  return { path: f.path, name: `files in ${where}`, rest: true, parts, children: [] };
}

export function labels(pending: boolean): Record<Kind, string> {
  return { needed: 'read by the build', unused: pending ? 'sent' : 'sent, not needed', excluded: 'kept out' };
}

/** One line a screen reader reads and the tooltip shows (split at "; "): path, size, split. */
function ariaLabel(c: Cell, names: Record<Kind, string>): string {
  const parts = KINDS.filter((k) => c.parts[k].files > 0 || c.parts[k].bytes > 0).map(
    (k) => `${names[k]}: ${formatTotals(c.parts[k])}`,
  );
  return [`${c.rest ? c.name : `${c.path}/`} ${formatBytes(bytesOf(c))}`, ...parts].join('; ');
}

/** The category holding all of a cell's bytes, else `mixed`. */
function kindOf(c: Cell, pending: boolean): string {
  const all = KINDS.filter((k) => c.parts[k].bytes > 0);
  if (all.length !== 1) return 'mixed';
  return pending && all[0] === 'unused' ? 'sent' : all[0]!;
}

const fits = (text: string, r: Rect): boolean => r.w > text.length * CHAR_W + 6 && r.h > 13;
const f1 = (n: number): string => n.toFixed(1);
const rectSvg = (r: Rect, cls: string): string =>
  `<rect class="${cls}" x="${f1(r.x)}" y="${f1(r.y)}" width="${f1(r.w)}" height="${f1(r.h)}"/>`;
const textSvg = (r: Rect, text: string, dy: number): string =>
  `<text x="${f1(r.x + 4)}" y="${f1(r.y + dy)}">${esc(text)}</text>`;

/** What a cell says about itself: its folder (or the rest of its parent), its colour, its label. */
function cellAttrs(c: Cell, nested: boolean, top: boolean, pending: boolean): string {
  const where = c.rest ? `data-rest="${esc(c.path)}"` : `data-path="${esc(c.path)}"`;
  const role = nested ? 'group' : 'img';
  // Only the top level takes keyboard focus: a tab stop per subfolder would be hundreds.
  const focus = top ? ' tabindex="0"' : '';
  const label = esc(ariaLabel(c, labels(pending)));
  return `class="cell" ${where} data-kind="${kindOf(c, pending)}" role="${role}" aria-label="${label}"${focus}`;
}

function drawCell(c: Cell, r: Rect, top: boolean, pending: boolean): string {
  if (r.w <= 0 || r.h <= 0) return '';
  // A folder too small to show its subfolders legibly is drawn as one cell.
  const nested = c.children.length > 0 && r.w > 40 && r.h > HEAD + 14;
  const attrs = cellAttrs(c, nested, top, pending);
  const title = `${c.name} ${formatBytes(bytesOf(c))}`;
  if (nested) {
    const inner = { x: r.x + 2, y: r.y + HEAD, w: r.w - 4, h: r.h - HEAD - 2 };
    const boxes = squarify(
      c.children.map((k) => bytesOf(k)),
      inner,
    );
    const kids = c.children.map((k, i) => drawCell(k, boxes[i]!, false, pending)).join('');
    const head = fits(title, r) ? textSvg(r, title, 12) : '';
    return `<g ${attrs}>${rectSvg(r, 'frame')}${head}${kids}</g>`;
  }
  const slices = squarify(
    KINDS.map((k) => c.parts[k].bytes),
    r,
  );
  const fill = KINDS.map((k, i) =>
    c.parts[k].bytes > 0 ? rectSvg(slices[i]!, pending && k === 'unused' ? 'sent' : k) : '',
  ).join('');
  const size = r.h > 30 && fits(title, r) ? textSvg(r, formatBytes(bytesOf(c)), 25) : '';
  const label = fits(c.name, r) ? textSvg(r, c.name, 12) + size : '';
  return `<g ${attrs}>${fill}${rectSvg(r, 'outline')}${label}</g>`;
}

/** The treemap's SVG, or null when there is nothing to draw yet. */
export function treemapSvg(map: ReportMap): string | null {
  const root = cellOf(map.root, '');
  const top = root.children.length > 0 ? root.children : [{ ...root, rest: true, name: 'files in the context root' }];
  const total = bytesOf(root);
  if (total <= 0) return null;
  const boxes = squarify(
    top.map((c) => bytesOf(c)),
    { x: 0, y: 0, ...VIEW },
  );
  const cells = top.map((c, i) => drawCell(c, boxes[i]!, true, map.pending)).join('');
  const label = `Treemap of the build context's folders by size: ${formatBytes(total)}`;
  return `<svg id="treemap" viewBox="0 0 ${VIEW.w} ${VIEW.h}" role="group" aria-label="${esc(label)}">${cells}</svg>`;
}
