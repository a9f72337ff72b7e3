/**
 * Words and hashes shared by the corpus fingerprints: lower-cased letter/digit runs (curly
 * apostrophes inside words kept out), a small stop list, and fast non-cryptographic hashes.
 */

const WORD_CHAR = /[\p{L}\p{N}]/u;

/** 1 where a BMP code unit is a letter or digit (as \p{L}\p{N}), 2 where it is not; 0 not yet known. */
const BMP = new Uint8Array(0x10000);

function isWordUnit(c: number): boolean {
  let k = BMP[c]!;
  if (k === 0) BMP[c] = k = WORD_CHAR.test(String.fromCharCode(c)) ? 1 : 2;
  return k === 1;
}

/**
 * The character of `s` (length n) at i: its width in code units (2 for a surrogate pair, else 1),
 * negative where it is no letter or digit. The one test words(), wordHashes() and foldedHash() scan with.
 */
function charAt(s: string, i: number, n: number): number {
  const c = s.charCodeAt(i);
  if (c < 0x80) return (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) ? 1 : -1;
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < n && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) return WORD_CHAR.test(s.slice(i, i + 2)) ? 2 : -2;
  return isWordUnit(c) ? 1 : -1;
}

/**
 * The lower-cased runs of letters and digits of a text (Unicode letters and numbers, as
 * `/[\p{L}\p{N}]+/gu` finds them): a scan by code unit with a table, about twice as fast as
 * the regular expression on news text. Letters outside the BMP (surrogate pairs) are tested
 * as whole code points.
 */
export function words(text: string): string[] {
  const s = text.toLowerCase();
  const out: string[] = [];
  const n = s.length;
  let start = -1;
  for (let i = 0; i < n; i++) {
    const k = charAt(s, i, n);
    const width = k < 0 ? -k : k;
    if (k > 0) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      out.push(s.slice(start, i));
      start = -1;
    }
    i += width - 1;
  }
  if (start >= 0) out.push(s.slice(start));
  return out;
}

/**
 * `words(text).map((w) => fnv32(w))` without making the words: the same scan, each word hashed as
 * it is read (the text's shingles need only the hashes).
 */
export function wordHashes(text: string): Uint32Array {
  const s = text.toLowerCase();
  const n = s.length;
  let out: Uint32Array = new Uint32Array(Math.max(16, n >>> 2));
  let count = 0;
  let inWord = false;
  let h = 0;
  for (let i = 0; i < n; i++) {
    const k = charAt(s, i, n);
    const width = k < 0 ? -k : k;
    if (k > 0) {
      if (!inWord) {
        inWord = true;
        h = 0x811c9dc5;
      }
      h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
      if (width === 2) h = Math.imul(h ^ s.charCodeAt(i + 1), 0x01000193);
    } else if (inWord) {
      if (count === out.length) out = grow(out);
      out[count++] = h;
      inWord = false;
    }
    i += width - 1;
  }
  if (inWord) {
    if (count === out.length) out = grow(out);
    out[count++] = h;
  }
  return out.subarray(0, count);
}

function grow(a: Uint32Array): Uint32Array {
  const b = new Uint32Array(a.length * 2);
  b.set(a);
  return b;
}

/** Function words dropped when comparing quotes, so "the talks are" and "talks are" fold alike. */
export const STOP = new Set(
  'a an the and or but of to in on at for by with from as is are was were be been it its that this these those we i you he she they our his her their s t'.split(
    ' ',
  ),
);

/** The longest stop word: longer words need no look-up. */
const STOP_MAX = Math.max(...[...STOP].map((w) => w.length));

/**
 * `hash52(words(text).filter((w) => !STOP.has(w)).join(' '))`, or -1 when fewer than `min` words
 * are left: the same scan as words(), both FNV passes of hash52 run over each word as it is found,
 * with no word, list or joined string made.
 */
export function foldedHash(text: string, min: number): number {
  const s = text.toLowerCase();
  const n = s.length;
  let h1 = 0x811c9dc5;
  let h2 = 0x9747b28c;
  let count = 0;
  let start = -1;
  for (let i = 0; i <= n; i++) {
    const k = i < n ? charAt(s, i, n) : -1;
    const width = k < 0 ? -k : k;
    if (k > 0) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      if (i - start > STOP_MAX || !STOP.has(s.slice(start, i))) {
        if (count > 0) {
          h1 = Math.imul(h1 ^ 0x20, 0x01000193);
          h2 = Math.imul(h2 ^ 0x20, 0x01000193);
        }
        for (let j = start; j < i; j++) {
          const c = s.charCodeAt(j);
          h1 = Math.imul(h1 ^ c, 0x01000193);
          h2 = Math.imul(h2 ^ c, 0x01000193);
        }
        count++;
      }
      start = -1;
    }
    i += width - 1;
  }
  return count < min ? -1 : ((h1 >>> 0) & 0xfffff) * 0x100000000 + (h2 >>> 0);
}

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
