// Reads the figures the UI prints ("105.8 MiB", "9.2k files", "7,994 files") back into numbers
// with the uncertainty their rounding leaves, so the suite can check them against the fixture's
// exact totals without hard-coding how the extension chooses to round.

const UNITS = {
  B: [1],
  bytes: [1],
  KiB: [1024],
  MiB: [1024 ** 2],
  GiB: [1024 ** 3],
  // "MB" is 10^6 by SI but 2^20 by JEDEC; accept either reading.
  kB: [1e3, 1024],
  KB: [1e3, 1024],
  MB: [1e6, 1024 ** 2],
  GB: [1e9, 1024 ** 3],
};
const SIZE_RE = /(\d[\d,]*(?:\.\d+)?)\s?(bytes|B|KiB|MiB|GiB|kB|KB|MB|GB)\b/g;

/** Every size in `text`, each as the candidate byte ranges it can stand for. */
export function parseSizes(text) {
  const out = [];
  for (const m of text.matchAll(SIZE_RE)) {
    const digits = m[1].replace(/,/g, '');
    const value = Number(digits);
    const decimals = digits.includes('.') ? digits.split('.')[1].length : 0;
    // A printed value v with d decimals stands for [v - 0.5*10^-d, v + 0.5*10^-d] units.
    const half = 0.5 * 10 ** -decimals;
    out.push({ text: m[0], ranges: UNITS[m[2]].map((u) => [(value - half) * u, (value + half) * u]) });
  }
  return out;
}

/** File counts such as "9.2k files", "198k files", "7,994 files". */
export function parseFileCount(text) {
  const m = /(\d[\d,]*(?:\.\d+)?)(k|M)?\s+files?\b/.exec(text);
  if (!m) return null;
  const digits = m[1].replace(/,/g, '');
  const mult = m[2] === 'k' ? 1e3 : m[2] === 'M' ? 1e6 : 1;
  const decimals = digits.includes('.') ? digits.split('.')[1].length : 0;
  const half = mult > 1 ? 0.5 * 10 ** -decimals * mult : 0;
  const value = Number(digits) * mult;
  return { text: m[0], range: [value - half, value + half] };
}

export const within = (n, [lo, hi]) => n >= lo - 1e-6 && n <= hi + 1e-6;

/** True when some size printed in `text` can stand for exactly `bytes`. */
export function mentionsSize(text, bytes) {
  return parseSizes(text).some((s) => s.ranges.some((r) => within(bytes, r)));
}

/**
 * Parses the status item ("$(package) 105.8 MiB · 8.1k files"): the first size and the file
 * count, or null while it shows anything else (hidden, spinner, error).
 */
export function parseStatus(text) {
  const sizes = parseSizes(text);
  const files = parseFileCount(text);
  if (sizes.length === 0 || !files || /scanning|…/.test(text)) return null;
  return { text, bytes: sizes[0].ranges, files: files.range };
}

/** Whether a parsed status can show `totals` (files and bytes), given its rounding. */
export function statusShows(status, totals) {
  return status !== null && within(totals.files, status.files) && status.bytes.some((r) => within(totals.bytes, r));
}

/**
 * Whether the drop from `before` to `after` can equal `delta` bytes: for some unit reading,
 * the interval of possible differences contains it.
 */
export function dropMatches(before, after, delta) {
  return before.bytes.some((b, i) => {
    const a = after.bytes[i] ?? after.bytes[0];
    return within(delta, [b[0] - a[1], b[1] - a[0]]);
  });
}
