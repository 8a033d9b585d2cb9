// A job's `strategy.matrix` as the combinations GitHub runs: each key's list crossed with the
// others, `include` entries added to matching combinations or as new ones, `exclude` removed
// (docs.github.com, "Running variations of jobs in a workflow"). `${{ matrix.x }}` in a step
// is then known per combination, so `file: ${{ matrix.base_path }}/${{ matrix.name }}/Dockerfile`
// names real Dockerfiles. A matrix computed at run time (`fromJSON(...)`) stays unknown.
type Value = unknown;
export type Combo = Record<string, Value>;

/** More combinations than this are not worth reading a build out of each. */
const MAX_COMBOS = 64;

const isObject = (v: Value): v is Record<string, Value> => typeof v === 'object' && v !== null && !Array.isArray(v);

function cross(keys: Array<[string, Value[]]>): Combo[] {
  let out: Combo[] = [{}];
  for (const [k, values] of keys) {
    out = out.flatMap((c) => values.map((v) => ({ ...c, [k]: v })));
    if (out.length > MAX_COMBOS) return out.slice(0, MAX_COMBOS);
  }
  return out;
}

const matches = (c: Combo, partial: Record<string, Value>): boolean =>
  Object.entries(partial).every(([k, v]) => JSON.stringify(c[k]) === JSON.stringify(v));

function applyInclude(base: Combo[], keys: Set<string>, include: Value[]): Combo[] {
  const out = base.map((c) => ({ ...c }));
  for (const inc of include.filter(isObject)) {
    // An include extends every combination its original-key values match; otherwise it is a new one.
    const orig = Object.fromEntries(Object.entries(inc).filter(([k]) => keys.has(k)));
    const hits = keys.size > 0 ? out.filter((c) => Object.keys(c).length > 0 && matches(c, orig)) : [];
    if (hits.length > 0) for (const c of hits) Object.assign(c, inc);
    else out.push({ ...inc });
  }
  return out.filter((c) => Object.keys(c).length > 0);
}

/** The combinations of a matrix (plain JSON of the YAML node); `[{}]` when there is none. */
export function matrixCombos(matrix: Value): Combo[] | undefined {
  if (matrix === undefined || matrix === null) return [{}];
  if (!isObject(matrix)) return undefined;
  const keys = Object.entries(matrix).filter(([k]) => k !== 'include' && k !== 'exclude');
  if (keys.some(([, v]) => !Array.isArray(v))) return undefined;
  const lists = keys as Array<[string, Value[]]>;
  let combos = lists.length > 0 ? cross(lists) : [{}];
  const exclude = Array.isArray(matrix.exclude) ? matrix.exclude.filter(isObject) : [];
  combos = combos.filter((c) => !exclude.some((e) => matches(c, e)));
  const include = Array.isArray(matrix.include) ? matrix.include : [];
  return applyInclude(combos, new Set(lists.map(([k]) => k)), include).slice(0, MAX_COMBOS);
}

function lookup(combo: Combo, dotted: string): string | undefined {
  let v: Value = combo;
  for (const part of dotted.split('.')) {
    if (!isObject(v)) return undefined;
    v = v[part];
  }
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined;
}

const MATRIX_REF = /\$\{\{\s*matrix\.([\w.-]+)\s*\}\}/g;

/** `text` with this combination's `${{ matrix.x }}` values; other expressions are left alone. */
export function withMatrix(text: string, combo: Combo): string {
  return text.replace(MATRIX_REF, (m, key: string) => lookup(combo, key) ?? m);
}

/** The values a text used, for provenance: `matrix.component=tempo`. */
export function matrixNote(texts: string[], combo: Combo): string | undefined {
  const used = new Set<string>();
  for (const t of texts) for (const m of t.matchAll(MATRIX_REF)) used.add(m[1] as string);
  const parts = [...used].flatMap((k) => {
    const v = lookup(combo, k);
    return v === undefined ? [] : [`matrix.${k}=${v}`];
  });
  return parts.length > 0 ? parts.join(', ') : undefined;
}
