// A Map for directory children that costs little when small. A real Map costs ~200 bytes even
// when empty, and a typical context has about one directory per file (172k directories for 198k
// files on the monorepo bench), so Maps alone would take ~70 MB there. Entries carry their own
// `name`, so up to SMALL children are kept in a plain array and looked up by a scan.
// Behaves as Map<string, V> for every read and write; iteration order is insertion order.

const SMALL = 12;

export class EntryMap<V extends { name: string }> implements Map<string, V> {
  /** undefined: empty; V: one child; V[]: up to SMALL; Map: more. */
  private items: V | V[] | Map<string, V> | undefined = undefined;

  get size(): number {
    const it = this.items;
    if (it === undefined) return 0;
    if (it instanceof Map) return it.size;
    return Array.isArray(it) ? it.length : 1;
  }

  get(key: string): V | undefined {
    const it = this.items;
    if (it === undefined) return undefined;
    if (it instanceof Map) return it.get(key);
    if (Array.isArray(it)) {
      for (const v of it) if (v.name === key) return v;
      return undefined;
    }
    return it.name === key ? it : undefined;
  }

  has(key: string): boolean {
    return this.get(key) !== undefined;
  }

  /** `key` must equal `value.name`: the name is the key. */
  set(key: string, value: V): this {
    if (key !== value.name) throw new Error(`EntryMap key ${JSON.stringify(key)} differs from the entry name`);
    const it = this.items;
    if (it === undefined) this.items = value;
    else if (it instanceof Map) it.set(key, value);
    else if (Array.isArray(it)) {
      const i = it.findIndex((v) => v.name === key);
      if (i >= 0) it[i] = value;
      // A fresh exact-size array: push would grow the backing store to 19 slots (V8 grows by
      // n/2 + 16), several times what a directory of three entries needs.
      else if (it.length < SMALL) this.items = [...it, value];
      else {
        const m = new Map(it.map((v) => [v.name, v]));
        m.set(key, value);
        this.items = m;
      }
    } else this.items = it.name === key ? value : [it, value];
    return this;
  }

  delete(key: string): boolean {
    const it = this.items;
    if (it === undefined) return false;
    if (it instanceof Map) return it.delete(key);
    if (Array.isArray(it)) {
      const i = it.findIndex((v) => v.name === key);
      if (i < 0) return false;
      const rest = it.filter((_, k) => k !== i);
      this.items = rest.length === 1 ? rest[0] : rest;
      return true;
    }
    if (it.name !== key) return false;
    this.items = undefined;
    return true;
  }

  clear(): void {
    this.items = undefined;
  }

  /**
   * `values` (distinct names) added to `into`: a new exact-size map when `into` is empty, so a
   * rebuild does not grow arrays one child at a time. `values` is copied, not kept.
   */
  static of<V extends { name: string }>(values: readonly V[], into?: Map<string, V>): Map<string, V> {
    if (into && into.size > 0) {
      for (const v of values) into.set(v.name, v);
      return into;
    }
    const m = new EntryMap<V>();
    if (values.length === 1) m.items = values[0];
    else if (values.length <= SMALL) m.items = values.slice();
    else {
      const map = new Map<string, V>();
      for (const v of values) map.set(v.name, v);
      m.items = map;
    }
    return m;
  }

  /** One shared, unwritable empty map: see newDir/addDir in scan/walk.ts. */
  static readonly EMPTY: EntryMap<never> = Object.freeze(
    new (class extends EntryMap<never> {
      override set(): never {
        throw new Error('shared empty EntryMap: add children with addDir/addFile');
      }
    })(),
  ) as unknown as EntryMap<never>;

  *values(): MapIterator<V> {
    const it = this.items;
    if (it === undefined) return;
    if (it instanceof Map) yield* it.values();
    else if (Array.isArray(it)) yield* it;
    else yield it;
  }

  *keys(): MapIterator<string> {
    for (const v of this.values()) yield v.name;
  }
  *entries(): MapIterator<[string, V]> {
    for (const v of this.values()) yield [v.name, v];
  }
  [Symbol.iterator](): MapIterator<[string, V]> {
    return this.entries();
  }

  forEach(fn: (value: V, key: string, map: Map<string, V>) => void, thisArg?: unknown): void {
    for (const v of this.values()) fn.call(thisArg, v, v.name, this);
  }

  get [Symbol.toStringTag](): string {
    return 'EntryMap';
  }

  /** Plain JSON view (a Map would serialise as {}). */
  toJSON(): Record<string, V> {
    return Object.fromEntries(this.entries());
  }
}
