/**
 * Words and hashes shared by the corpus fingerprints: lower-cased letter/digit runs (curly
 * apostrophes inside words kept out), a small stop list, and fast non-cryptographic hashes.
 */

const WORD = /[\p{L}\p{N}]+/gu;

export function words(text: string): string[] {
  return text.toLowerCase().match(WORD) ?? [];
}

/** Function words dropped when comparing quotes, so "the talks are" and "talks are" fold alike. */
export const STOP = new Set(
  'a an the and or but of to in on at for by with from as is are was were be been it its that this these those we i you he she they our his her their s t'.split(
    ' ',
  ),
);

/** FNV-1a, 32 bits. */
export function fnv32(s: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A 52-bit hash as a safe integer (two FNV passes): few enough collisions for millions of keys. */
export function hash52(s: string): number {
  const hi = fnv32(s) & 0xfffff;
  const lo = fnv32(s, 0x9747b28c);
  return hi * 0x100000000 + lo;
}

/** murmur3's finaliser: spreads a 32-bit value over all bits. */
export function mix32(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}
