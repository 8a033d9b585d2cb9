// The paths in git's index (Documentation/gitformat-index.txt), read synchronously: the rules
// run synchronously, and isomorphic-git, the maintained JavaScript reader, reads the index only
// asynchronously and refuses version 4 (feature.manyFiles). Only the paths are read.

const SIGNATURE = 0x44495243; // "DIRC"
const STAT_BYTES = 40; // ctime, mtime, dev, ino, mode, uid, gid, size
const EXTENDED = 0x4000;

/**
 * Paths of the index entries (a sparse index's directory entries without their trailing '/'),
 * or undefined when the bytes are no index this reader knows. `hashBytes`: 20 for SHA-1, 32 for
 * SHA-256 repositories.
 */
export function indexPaths(bytes: Uint8Array, hashBytes = 20): string[] | undefined {
  if (bytes.length < 12) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint32(4);
  if (view.getUint32(0) !== SIGNATURE || version < 2 || version > 4) return undefined;
  const count = view.getUint32(8);
  const utf8 = new TextDecoder();
  const paths: string[] = [];
  let previous: Uint8Array = new Uint8Array(0);
  let at = 12;
  for (let n = 0; n < count; n++) {
    const start = at;
    at += STAT_BYTES + hashBytes;
    if (at + 2 > bytes.length) return undefined;
    const flags = view.getUint16(at);
    at += version >= 3 && flags & EXTENDED ? 4 : 2;
    let name: Uint8Array;
    if (version === 4) {
      // The name is the previous one less `drop` bytes at its end, then this entry's own bytes.
      const [drop, next] = varint(bytes, at);
      const end = bytes.indexOf(0, next);
      if (end < 0 || drop > previous.length) return undefined;
      name = concat(previous.subarray(0, previous.length - drop), bytes.subarray(next, end));
      at = end + 1;
    } else {
      const end = bytes.indexOf(0, at);
      if (end < 0) return undefined;
      name = bytes.subarray(at, end);
      // Entries are padded with 1 to 8 NULs to a multiple of 8 bytes.
      at = start + ((end - start + 8) & ~7);
    }
    previous = name;
    const path = utf8.decode(name);
    paths.push(path.endsWith('/') ? path.slice(0, -1) : path);
  }
  return paths;
}

/** Git's offset varint: big-endian 7-bit groups, each continuation adding one. */
function varint(bytes: Uint8Array, at: number): [number, number] {
  let c = bytes[at++] ?? 0;
  let value = c & 0x7f;
  while (c & 0x80) {
    c = bytes[at++] ?? 0;
    value = ((value + 1) << 7) | (c & 0x7f);
  }
  return [value, at];
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}
