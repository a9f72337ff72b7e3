/**
 * MinHash signatures and LSH band keys. Near-duplicates (syndicated copies, small edits) are found
 * by the Jaccard similarity of word 4-shingles, estimated from 64 minimum hashes; candidates come
 * from 16 bands of 4 rows (pairs above ~0.5 similarity collide in some band with high probability),
 * so a look-up costs the same at 100 or 200,000 articles.
 */
import { fnv32, mix32 } from './words.js';

export const PERMS = 64;
export const BANDS = 16;
export const ROWS = PERMS / BANDS;

/** The most hashes a signature may have (the topic signature uses 128). */
export const MAX_PERMS = 128;
const SEEDS = Uint32Array.from({ length: MAX_PERMS }, (_, i) => mix32(0x9e3779b9 + i * 0x632be5ab));
/** Odd multipliers: each permutation is x -> ((x ^ seed) * mult) folded, over an already mixed x. */
const MULTS = Uint32Array.from({ length: MAX_PERMS }, (_, i) => mix32(0x7f4a7c15 + i * 0x2545f491) | 1);

/** The seeds and multipliers as signed 32-bit values, as Math.imul takes them. */
const SEEDS_I = Int32Array.from(SEEDS);
const MULTS_I = Int32Array.from(MULTS);
/** XOR with the top bit: unsigned order becomes signed order, so minima are taken on small integers. */
const TOP = -0x80000000;

/**
 * MinHash of a set of 32-bit element hashes; an empty set gives all-ones (similar to nothing). An
 * element listed twice changes nothing (a minimum is a minimum), so callers need not de-duplicate.
 * Four permutations per pass over the elements, each minimum kept in a register: 2.3 times as fast
 * as one pass per element over all permutations, the same hashes.
 */
export function minhash(elements: Iterable<number> | ArrayLike<number>, perms = PERMS): Uint32Array {
  if (perms > MAX_PERMS) throw new RangeError(`at most ${MAX_PERMS} hashes`);
  const list = 'length' in elements ? elements : [...elements];
  const n = list.length;
  const xs = new Int32Array(n);
  for (let k = 0; k < n; k++) xs[k] = mix32(list[k]!);
  const sig = new Uint32Array(perms);
  let i = 0;
  for (; i + 4 <= perms; i += 4) {
    const s0 = SEEDS_I[i]!, s1 = SEEDS_I[i + 1]!, s2 = SEEDS_I[i + 2]!, s3 = SEEDS_I[i + 3]!;
    const m0 = MULTS_I[i]!, m1 = MULTS_I[i + 1]!, m2 = MULTS_I[i + 2]!, m3 = MULTS_I[i + 3]!;
    let a = 0x7fffffff, b = a, c = a, d = a;
    for (let k = 0; k < n; k++) {
      const x = xs[k]!;
      let h = Math.imul(x ^ s0, m0);
      h = h ^ (h >>> 15) ^ TOP;
      if (h < a) a = h;
      h = Math.imul(x ^ s1, m1);
      h = h ^ (h >>> 15) ^ TOP;
      if (h < b) b = h;
      h = Math.imul(x ^ s2, m2);
      h = h ^ (h >>> 15) ^ TOP;
      if (h < c) c = h;
      h = Math.imul(x ^ s3, m3);
      h = h ^ (h >>> 15) ^ TOP;
      if (h < d) d = h;
    }
    sig[i] = a ^ TOP;
    sig[i + 1] = b ^ TOP;
    sig[i + 2] = c ^ TOP;
    sig[i + 3] = d ^ TOP;
  }
  for (; i < perms; i++) {
    const seed = SEEDS_I[i]!, mult = MULTS_I[i]!;
    let a = 0x7fffffff;
    for (let k = 0; k < n; k++) {
      let h = Math.imul(xs[k]! ^ seed, mult);
      h = h ^ (h >>> 15) ^ TOP;
      if (h < a) a = h;
    }
    sig[i] = a ^ TOP;
  }
  return sig;
}

/** Hashes of the word k-shingles of a word list (the words themselves when shorter than k), repeats kept. */
export function shingles(ws: readonly string[], k = 4): Uint32Array {
  // a plain loop: Uint32Array.from with a map function took half of this function's time
  const wh = new Uint32Array(ws.length);
  for (let i = 0; i < ws.length; i++) wh[i] = fnv32(ws[i]!);
  return shingleHashes(wh, k);
}

/** The same from the words' hashes (wordHashes). */
export function shingleHashes(wh: Uint32Array, k = 4): Uint32Array {
  if (wh.length < k) return wh;
  const out = new Uint32Array(wh.length - k + 1);
  for (let i = 0; i + k <= wh.length; i++) {
    let h = 0x811c9dc5;
    for (let j = i; j < i + k; j++) h = mix32(h ^ wh[j]!) + j - i;
    out[i] = h >>> 0;
  }
  return out;
}

export function similarity(a: Uint32Array, b: Uint32Array): number {
  const n = Math.min(a.length, b.length);
  if (n === 0) return 0;
  let same = 0;
  for (let i = 0; i < n; i++) if (a[i] === b[i] && a[i] !== 0xffffffff) same++;
  return same / n;
}

/**
 * Band keys as safe integers: `namespace * 2^36 + band * 2^32 + hash` so the text bands and the
 * topic bands (and any bucket folded into the hash) share one indexed column without colliding.
 */
export function bandKeys(sig: Uint32Array, bands: number, namespace: number, salt = 0): number[] {
  const rows = Math.floor(sig.length / bands);
  const keys: number[] = [];
  for (let b = 0; b < bands; b++) {
    let h = mix32(salt ^ (b + 1));
    for (let r = 0; r < rows; r++) h = mix32(h ^ sig[b * rows + r]!);
    keys.push(namespace * 2 ** 36 + b * 2 ** 32 + h);
  }
  return keys;
}

export function sigToBuffer(sig: Uint32Array): Buffer {
  return Buffer.from(sig.buffer, sig.byteOffset, sig.byteLength);
}

export function bufferToSig(buf: Uint8Array): Uint32Array {
  const copy = new Uint8Array(buf.byteLength);
  copy.set(buf);
  return new Uint32Array(copy.buffer);
}
