// The squarified treemap layout (Bruls, Huizing and van Wijk, "Squarified Treemaps", 2000):
// rectangles whose areas are proportional to their values, laid out in rows along the shorter
// side of the free space, each row grown while that keeps its cells closer to square. Drawn
// by hand rather than with a charting library: the webview loads nothing, and this is all of it.

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** The worst aspect ratio of a row of cells with total area `sum` laid along `side`. */
function worst(sum: number, largest: number, smallest: number, side: number): number {
  const s2 = side * side;
  return Math.max((s2 * largest) / (sum * sum), (sum * sum) / (s2 * smallest));
}

/** Lays one row (areas already scaled) against the free space's shorter side; returns what is left. */
function placeRow(row: number[], areas: number[], free: Rect, out: Rect[]): Rect {
  const sum = row.reduce((n, i) => n + areas[i]!, 0);
  const wide = free.w >= free.h;
  const side = wide ? free.h : free.w;
  // Rounding can make the last row a hair thicker than what is left; it must stay inside.
  const thick = Math.min(sum / side, wide ? free.w : free.h);
  let at = wide ? free.y : free.x;
  row.forEach((i, k) => {
    const len = k === row.length - 1 ? (wide ? free.y + free.h : free.x + free.w) - at : areas[i]! / thick;
    out[i] = wide ? { x: free.x, y: at, w: thick, h: len } : { x: at, y: free.y, w: len, h: thick };
    at += len;
  });
  return wide
    ? { x: free.x + thick, y: free.y, w: free.w - thick, h: free.h }
    : { x: free.x, y: free.y + thick, w: free.w, h: free.h - thick };
}

/**
 * Rectangles for `values` filling `r`, in the order of `values`. A value of zero or less gets
 * an empty rectangle at r's corner, so callers can skip it.
 */
export function squarify(values: readonly number[], r: Rect): Rect[] {
  const out: Rect[] = values.map(() => ({ x: r.x, y: r.y, w: 0, h: 0 }));
  const total = values.reduce((n, v) => n + Math.max(0, v), 0);
  if (total <= 0 || r.w <= 0 || r.h <= 0) return out;
  const areas = values.map((v) => (Math.max(0, v) * r.w * r.h) / total);
  const order = values
    .map((_, i) => i)
    .filter((i) => areas[i]! > 0)
    .sort((a, b) => areas[b]! - areas[a]! || a - b);
  let free = r;
  for (let i = 0; i < order.length; ) {
    const side = Math.min(free.w, free.h);
    const first = areas[order[i]!]!;
    let end = i + 1;
    let sum = first;
    for (; end < order.length; end++) {
      const next = areas[order[end]!]!;
      const last = areas[order[end - 1]!]!;
      if (worst(sum + next, first, next, side) > worst(sum, first, last, side)) break;
      sum += next;
    }
    free = placeRow(order.slice(i, end), areas, free, out);
    i = end;
  }
  return out;
}
