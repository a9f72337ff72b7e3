/**
 * Features of the name recogniser, shared by training (scripts/train-ner.ts) and run time so both
 * see the same tokens and the same numbers. Features are hashed (FNV-1a over a template id and a
 * string) into a fixed table, so the model is one flat weight array and no feature strings ship.
 */
import { POS_TAGS, type Token } from '../../types.js';

/** BIO tags over the three CoreNLP classes the recogniser learns (MISC is learned as O). */
export const TAGS = ['O', 'B-PER', 'I-PER', 'B-ORG', 'I-ORG', 'B-LOC', 'I-LOC'] as const;
export type Tag = (typeof TAGS)[number];
export const N_TAGS = TAGS.length;

/** Lower-case words that may sit inside a name between capitalised words ("Department of State"). */
const CONNECTORS = new Set(['of', 'the', 'and', 'for', 'de', 'del', 'da', 'van', 'von', 'der', 'al', 'el', 'bin', 'ibn', 'la', 'le', 'du', '&', '-', '.', 'on']);

const UPPER = /\p{Lu}/u;
const LETTER = /\p{L}/u;
const LOWER_ASCII_WORD = /^[a-z]+$/;

export function hasUpper(t: Token): boolean {
  const s = t.text;
  for (let k = 0; k < s.length; k++) {
    const c = s.charCodeAt(k);
    if (c >= 65 && c <= 90) return true;
    if (c > 127) return UPPER.test(s);
  }
  return false;
}

/** Word shape, runs collapsed: "Goremykin" -> "Xx", "U.S." -> "X.X.", "F-16" -> "X-d". */
export function shape(s: string): string {
  let out = '';
  let prev = '';
  for (let k = 0; k < s.length && k < 24; k++) {
    const c = s[k]!;
    let cls: string;
    const code = s.charCodeAt(k);
    if (code >= 48 && code <= 57) cls = 'd';
    else if (code >= 65 && code <= 90) cls = 'X';
    else if (code >= 97 && code <= 122) cls = 'x';
    else if (code < 128) cls = c;
    else if (UPPER.test(c)) cls = 'X';
    else if (LETTER.test(c)) cls = 'x';
    else cls = c;
    if (cls !== prev) out += cls;
    prev = cls;
  }
  return out;
}

/** Short words Title Case leaves in lower case ("to", "for", "with"). */
const TITLE_SMALL = new Set(['with', 'from', 'into', 'over', 'upon', 'than', 'that', 'onto', 'amid', 'near', 'like', 'past', 'after', 'about', 'since', 'under']);

/**
 * A headline written in Title Case: most longer words capitalised and no lower-case word beyond
 * the small ones Title Case spares. Capitals there say little about names.
 */
export function isTitleCase(tokens: readonly Token[], first: number, last: number): boolean {
  // a sentence of the body that ends with a full stop is prose, whatever its capitals
  if (last > first && tokens[first]!.para > 0 && tokens[last - 1]!.norm === '.') return false;
  let words = 0;
  let long = 0;
  let caps = 0;
  for (let i = first; i < last; i++) {
    const t = tokens[i]!;
    const c = t.text.charCodeAt(0);
    const lower = c >= 97 && c <= 122;
    if (lower && t.text.length >= 4 && LOWER_ASCII_WORD.test(t.text) && !TITLE_SMALL.has(t.text)) return false;
    if (!LETTER.test(t.text[0]!)) continue;
    words++;
    if (t.text.length < 4) continue;
    long++;
    if (UPPER.test(t.text[0]!)) caps++;
  }
  return words >= 3 && long >= 2 && caps >= 0.75 * long;
}

/**
 * Token ranges the recogniser looks at: runs of tokens with a capital letter, with connectors and
 * glued pieces ("al-Qaeda", "Jong-un") between them. Everything else is O without scoring, which
 * keeps the model fast and stops it from inventing lower-case names.
 */
export function candidateRuns(tokens: readonly Token[], first: number, last: number): [number, number][] {
  const bounds = new Int32Array(2 * (last - first));
  const n = candidateRunBounds(tokens, first, last, bounds);
  const runs: [number, number][] = [];
  for (let k = 0; k < n; k += 2) runs.push([bounds[k]!, bounds[k + 1]!]);
  return runs;
}

/**
 * candidateRuns() as start/end pairs written into `out` (room for 2 x (last - first) numbers);
 * returns how many numbers were written. Run time reads them so, without an array per run.
 */
export function candidateRunBounds(tokens: readonly Token[], first: number, last: number, out: Int32Array): number {
  let n = 0;
  let i = first;
  while (i < last) {
    const t = tokens[i]!;
    const gluedNext = i + 1 < last && !tokens[i + 1]!.spaceBefore;
    if (!hasUpper(t) && !(CONNECTORS.has(t.norm) && gluedNext && i + 2 < last && hasUpper(tokens[i + 2]!))) {
      i++;
      continue;
    }
    let j = i + 1;
    for (;;) {
      if (j >= last) break;
      const u = tokens[j]!;
      if (hasUpper(u)) {
        j++;
        continue;
      }
      // a lower-case piece glued on both sides ("Jong-un", "Kim Jong-un"): keep when glued
      if (!u.spaceBefore && (u.norm === '-' || tokens[j - 1]!.norm === '-') && LETTER.test(u.text[0] ?? '') ) {
        j++;
        continue;
      }
      // connectors between capitalised words, at most two in a row
      let k = j;
      while (k < last && k < j + 2 && CONNECTORS.has(tokens[k]!.norm)) k++;
      if (k > j && k < last && hasUpper(tokens[k]!)) {
        j = k + 1;
        continue;
      }
      if (u.norm === '-' && !u.spaceBefore && j + 1 < last && !tokens[j + 1]!.spaceBefore) {
        j++;
        continue;
      }
      break;
    }
    out[n++] = i;
    out[n++] = j;
    i = j;
  }
  return n;
}

export interface FeatureContext {
  tokens: readonly Token[];
  /** Sentence bounds of the token being featurised. */
  first: number;
  last: number;
  titleCase: boolean;
  /** Lower-case words that are mostly written lower-case (from the training text). */
  commonLower: ReadonlySet<string>;
  /** Per-token string hashes, filled on first use; one per document (see tokenHashes). */
  hashes: TokenHashes;
  /**
   * commonLowerBits(commonLower), when the caller keeps one: a word whose bit is clear is not in
   * the set, and most are not, so the big set is asked only for the few whose bit is set.
   */
  commonBits?: Uint32Array;
}

const COMMON_BITS_MASK = (1 << 17) - 1;

/** A bit per hash of each word (the hash fill() gives a token's norm), for FeatureContext.commonBits. */
export function commonLowerBits(words: Iterable<string>): Uint32Array {
  const bits = new Uint32Array((COMMON_BITS_MASK + 1) >>> 5);
  for (const w of words) {
    const b = strHash(w) & COMMON_BITS_MASK;
    bits[b >>> 5] = (bits[b >>> 5]! | (1 << (b & 31))) >>> 0;
  }
  return bits;
}

/** Whether the word of norm hash `lw` may be in the set behind `bits`. */
function maybeIn(bits: Uint32Array, lw: number): boolean {
  const b = lw & COMMON_BITS_MASK;
  return ((bits[b >>> 5]! >>> (b & 31)) & 1) === 1;
}

/** Hashes of each token's strings, computed once per document and combined by integer mixing. */
export interface TokenHashes {
  done: Uint8Array;
  /** 8 slots per token: see SLOT_*. */
  h: Int32Array;
}

const SLOT_LW = 0;
const SLOT_TEXT = 1;
const SLOT_SHAPE = 2;
const SLOT_POS = 3;
const SLOT_PRE3 = 4;
const SLOT_SUF3 = 5;
const SLOT_SUF2 = 6;
const SLOT_SUF4 = 7;
const SLOTS = 8;

export function tokenHashes(n: number): TokenHashes {
  return { done: new Uint8Array(n), h: new Int32Array(n * SLOTS) };
}

const FNV_OFFSET = 2166136261;
const FNV_PRIME = 16777619;

function strHash(s: string): number {
  let h = FNV_OFFSET;
  for (let k = 0; k < s.length; k++) {
    h ^= s.charCodeAt(k);
    h = Math.imul(h, FNV_PRIME);
  }
  return h | 0;
}

/** strHash(s.slice(from, to)) without the slice. */
function rangeHash(s: string, from: number, to: number): number {
  let h = FNV_OFFSET;
  for (let k = from; k < to; k++) {
    h ^= s.charCodeAt(k);
    h = Math.imul(h, FNV_PRIME);
  }
  return h | 0;
}

/** strHash(shape(s)) without building the shape. */
function shapeHash(s: string): number {
  let h = FNV_OFFSET;
  let prev = -1;
  for (let k = 0; k < s.length && k < 24; k++) {
    const code = s.charCodeAt(k);
    let cls: number;
    if (code >= 48 && code <= 57) cls = 100; // d
    else if (code >= 65 && code <= 90) cls = 88; // X
    else if (code >= 97 && code <= 122) cls = 120; // x
    else if (code < 128) cls = code;
    else if (UPPER.test(s[k]!)) cls = 88;
    else if (LETTER.test(s[k]!)) cls = 120;
    else cls = code;
    if (cls !== prev) {
      h ^= cls;
      h = Math.imul(h, FNV_PRIME);
    }
    prev = cls;
  }
  return h | 0;
}

/** Hash for sentence edges (no token there). */
const PAD = strHash('<s>');

function mix(h: number, v: number): number {
  h ^= v;
  h = Math.imul(h, 0x5bd1e995);
  return (h ^ (h >>> 15)) | 0;
}

function fin(tmpl: number, a: number, b: number, mask: number): number {
  let h = mix(Math.imul(tmpl + 1, 0x9e3779b1), a);
  h = mix(h, b);
  h = Math.imul(h ^ (h >>> 13), 0x85ebca6b);
  return (h ^ (h >>> 16)) & mask;
}

function fill(ctx: FeatureContext, i: number): number {
  const base = i * SLOTS;
  const { done, h } = ctx.hashes;
  if (done[i]) return base;
  const t = ctx.tokens[i]!;
  const lw = t.norm;
  const n = lw.length;
  // the hashes of the pieces, read in place (the same numbers as hashing the slices)
  h[base + SLOT_LW] = rangeHash(lw, 0, n);
  h[base + SLOT_TEXT] = rangeHash(t.text, 0, t.text.length);
  h[base + SLOT_SHAPE] = shapeHash(t.text);
  h[base + SLOT_POS] = strHash(t.pos);
  h[base + SLOT_PRE3] = rangeHash(lw, 0, Math.min(3, n));
  h[base + SLOT_SUF3] = rangeHash(lw, Math.max(0, n - 3), n);
  h[base + SLOT_SUF2] = rangeHash(lw, Math.max(0, n - 2), n);
  h[base + SLOT_SUF4] = rangeHash(lw, Math.max(0, n - 4), n);
  done[i] = 1;
  return base;
}

const OPENERS = new Set(['"', "'", '(', ':', '-']);

/** What both feature functions read around token i: hash-row offsets of the token and its neighbours, and flags. */
interface Around {
  c: number;
  p1: number;
  p2: number;
  n1: number;
  n2: number;
  common: number;
  ctxFlag: number;
  spacing: number;
  lw: number;
  sh: number;
}

/** One object reused for every token: the feature functions run per token on the hot path. */
const AROUND: Around = { c: 0, p1: 0, p2: 0, n1: 0, n2: 0, common: 0, ctxFlag: 0, spacing: 0, lw: 0, sh: 0 };

function around(ctx: FeatureContext, i: number): Around {
  const { tokens, first, last } = ctx;
  const H = ctx.hashes.h;
  const t = tokens[i]!;
  const a = AROUND;
  a.c = fill(ctx, i);
  a.p1 = i - 1 >= first ? fill(ctx, i - 1) : -1;
  a.p2 = i - 2 >= first ? fill(ctx, i - 2) : -1;
  a.n1 = i + 1 < last ? fill(ctx, i + 1) : -1;
  a.n2 = i + 2 < last ? fill(ctx, i + 2) : -1;
  const initial = i === first || (i - 1 === first && OPENERS.has(tokens[i - 1]!.norm));
  const c0 = t.text.charCodeAt(0);
  const capStart = (c0 >= 65 && c0 <= 90) || (c0 > 127 && UPPER.test(t.text[0]!));
  const cap = capStart ? 1 : hasUpper(t) ? 2 : 3;
  a.lw = H[a.c + SLOT_LW]!;
  const bits = ctx.commonBits;
  a.common = (bits === undefined || maybeIn(bits, a.lw)) && ctx.commonLower.has(t.norm) ? 1 : 0;
  a.ctxFlag = cap * 4 + (initial ? 1 : 0) + (ctx.titleCase ? 2 : 0);
  a.spacing = (t.spaceBefore ? 1 : 0) + (a.n1 >= 0 && !tokens[i + 1]!.spaceBefore ? 2 : 0);
  a.sh = H[a.c + SLOT_SHAPE]!;
  return a;
}

/** The hash in `slot` of the token whose hashes start at b (from fill), or PAD past the sentence edge. */
function slotHash(H: Int32Array, b: number, slot: number): number {
  return b < 0 ? PAD : H[b + slot]!;
}

/** Hashed feature indices of token i (into a table of mask+1 rows), written into `out`; returns the count. */
export function tokenFeatures(ctx: FeatureContext, i: number, mask: number, out: Int32Array): number {
  const H = ctx.hashes.h;
  const { c, p1, p2, n1, n2, common, ctxFlag, spacing, lw, sh } = around(ctx, i);
  const pos = H[c + SLOT_POS]!;
  let n = 0;
  out[n++] = fin(0, 0, 0, mask);
  out[n++] = fin(1, lw, 0, mask);
  out[n++] = fin(2, H[c + SLOT_TEXT]!, 0, mask);
  out[n++] = fin(3, sh, 0, mask);
  out[n++] = fin(4, H[c + SLOT_PRE3]!, 0, mask);
  out[n++] = fin(5, H[c + SLOT_SUF3]!, 0, mask);
  out[n++] = fin(6, H[c + SLOT_SUF2]!, 0, mask);
  out[n++] = fin(7, pos, 0, mask);
  out[n++] = fin(8, slotHash(H, p1, SLOT_LW), 0, mask);
  out[n++] = fin(9, slotHash(H, n1, SLOT_LW), 0, mask);
  out[n++] = fin(10, slotHash(H, p2, SLOT_LW), 0, mask);
  out[n++] = fin(11, slotHash(H, n2, SLOT_LW), 0, mask);
  out[n++] = fin(12, slotHash(H, p1, SLOT_POS), pos, mask);
  out[n++] = fin(13, pos, slotHash(H, n1, SLOT_POS), mask);
  out[n++] = fin(14, slotHash(H, p1, SLOT_SHAPE), sh, mask);
  out[n++] = fin(15, sh, slotHash(H, n1, SLOT_SHAPE), mask);
  out[n++] = fin(16, ctxFlag, 0, mask);
  out[n++] = fin(17, ctxFlag, common, mask);
  out[n++] = fin(18, slotHash(H, p1, SLOT_LW), lw, mask);
  out[n++] = fin(19, lw, slotHash(H, n1, SLOT_LW), mask);
  out[n++] = fin(20, spacing, sh, mask);
  out[n++] = fin(21, slotHash(H, p1, SLOT_LW), sh, mask);
  out[n++] = fin(22, sh, slotHash(H, n1, SLOT_LW), mask);
  out[n++] = fin(23, H[c + SLOT_SUF4]!, 0, mask);
  out[n++] = fin(24, ctxFlag, lw, mask);
  return n;
}

/**
 * The same features split for run time: the ids of the 19 features that read words (into `out`, in
 * tokenFeatures' order without the others), and the small values the other six read, into `small`:
 * [pos code, previous pos code, next pos code, ctxFlag, common] (codes from posCode(); a tag
 * outside the list gives -1, and the caller falls back to tokenFeatures). Those six are the
 * templates 0, 7, 12, 13, 16 and 17, whose ids come from small tables (see NerModel).
 */
export function tokenFeaturesSplit(ctx: FeatureContext, i: number, mask: number, out: Int32Array, small: Int32Array): number {
  const { tokens } = ctx;
  const H = ctx.hashes.h;
  const { c, p1, p2, n1, n2, common, ctxFlag, spacing, lw, sh } = around(ctx, i);
  small[0] = posCode(tokens[i]!.pos);
  small[1] = p1 < 0 ? PAD_CODE : posCode(tokens[i - 1]!.pos);
  small[2] = n1 < 0 ? PAD_CODE : posCode(tokens[i + 1]!.pos);
  small[3] = ctxFlag;
  small[4] = common;
  let n = 0;
  out[n++] = fin(1, lw, 0, mask);
  out[n++] = fin(2, H[c + SLOT_TEXT]!, 0, mask);
  out[n++] = fin(3, sh, 0, mask);
  out[n++] = fin(4, H[c + SLOT_PRE3]!, 0, mask);
  out[n++] = fin(5, H[c + SLOT_SUF3]!, 0, mask);
  out[n++] = fin(6, H[c + SLOT_SUF2]!, 0, mask);
  out[n++] = fin(8, slotHash(H, p1, SLOT_LW), 0, mask);
  out[n++] = fin(9, slotHash(H, n1, SLOT_LW), 0, mask);
  out[n++] = fin(10, slotHash(H, p2, SLOT_LW), 0, mask);
  out[n++] = fin(11, slotHash(H, n2, SLOT_LW), 0, mask);
  out[n++] = fin(14, slotHash(H, p1, SLOT_SHAPE), sh, mask);
  out[n++] = fin(15, sh, slotHash(H, n1, SLOT_SHAPE), mask);
  out[n++] = fin(18, slotHash(H, p1, SLOT_LW), lw, mask);
  out[n++] = fin(19, lw, slotHash(H, n1, SLOT_LW), mask);
  out[n++] = fin(20, spacing, sh, mask);
  out[n++] = fin(21, slotHash(H, p1, SLOT_LW), sh, mask);
  out[n++] = fin(22, sh, slotHash(H, n1, SLOT_LW), mask);
  out[n++] = fin(23, H[c + SLOT_SUF4]!, 0, mask);
  out[n++] = fin(24, ctxFlag, lw, mask);
  return n;
}

/** Part-of-speech codes for the small tables: 0 is the sentence edge, then the tags. */
export const N_POS_CODES = POS_TAGS.length + 1;
const PAD_CODE = 0;
const POS_CODES = new Map<string, number>(POS_TAGS.map((p, k) => [p, k + 1]));
const posCode = (pos: string): number => POS_CODES.get(pos) ?? -1;

/** The ids of the six table templates, for every small value: see NerModel. */
export function smallTableIds(mask: number): { t0: number; t7: Int32Array; t12: Int32Array; t13: Int32Array; t16: Int32Array; t17: Int32Array } {
  const P = N_POS_CODES;
  const ph = (code: number): number => (code === PAD_CODE ? PAD : strHash(POS_TAGS[code - 1]!));
  const t7 = new Int32Array(P);
  const t12 = new Int32Array(P * P);
  const t13 = new Int32Array(P * P);
  for (let x = 0; x < P; x++) {
    t7[x] = fin(7, ph(x), 0, mask);
    for (let y = 0; y < P; y++) {
      t12[x * P + y] = fin(12, ph(x), ph(y), mask); // [previous][this]
      t13[x * P + y] = fin(13, ph(x), ph(y), mask); // [this][next]
    }
  }
  const t16 = new Int32Array(16);
  const t17 = new Int32Array(32);
  for (let f = 0; f < 16; f++) {
    t16[f] = fin(16, f, 0, mask);
    t17[f * 2] = fin(17, f, 0, mask);
    t17[f * 2 + 1] = fin(17, f, 1, mask);
  }
  return { t0: fin(0, 0, 0, mask), t7, t12, t13, t16, t17 };
}

export const MAX_FEATURES = 32;

/** Which tag may follow which, [prev * N_TAGS + next]: I-X only after B-X or I-X. */
const ALLOWED = new Uint8Array(N_TAGS * N_TAGS);
for (let p = 0; p < N_TAGS; p++) {
  for (let y = 0; y < N_TAGS; y++) {
    const tn = TAGS[y]!;
    const tp = TAGS[p]!;
    ALLOWED[p * N_TAGS + y] = !tn.startsWith('I-') || (tp !== 'O' && tp.slice(2) === tn.slice(2)) ? 1 : 0;
  }
}

/** Which tag may follow which: I-X only after B-X or I-X (a table: viterbi asks 49 times a token). */
export function allowed(prev: number, next: number): boolean {
  return ALLOWED[prev * N_TAGS + next] === 1;
}

/**
 * Best tag sequence for a run of tokens given per-token emission scores (run length x N_TAGS) and
 * transition scores ((N_TAGS+1) x N_TAGS, the last row being "from outside the run", i.e. from O).
 */
let scoreBuf = new Float64Array(64 * N_TAGS);
let backBuf = new Uint8Array(64 * N_TAGS);

export function viterbi(emit: Float64Array, len: number, trans: ArrayLike<number>, out: Uint8Array): void {
  if (scoreBuf.length < len * N_TAGS) {
    scoreBuf = new Float64Array(len * N_TAGS * 2);
    backBuf = new Uint8Array(len * N_TAGS * 2);
  }
  const score = scoreBuf;
  const back = backBuf;
  for (let y = 0; y < N_TAGS; y++) {
    score[y] = ALLOWED[y] === 1 ? emit[y]! + trans[N_TAGS * N_TAGS + y]! : -Infinity;
  }
  for (let k = 1; k < len; k++) {
    for (let y = 0; y < N_TAGS; y++) {
      let best = -Infinity;
      let arg = 0;
      for (let p = 0; p < N_TAGS; p++) {
        if (ALLOWED[p * N_TAGS + y] === 0) continue;
        const s = score[(k - 1) * N_TAGS + p]! + trans[p * N_TAGS + y]!;
        if (s > best) {
          best = s;
          arg = p;
        }
      }
      score[k * N_TAGS + y] = best + emit[k * N_TAGS + y]!;
      back[k * N_TAGS + y] = arg;
    }
  }
  let best = -Infinity;
  let arg = 0;
  for (let y = 0; y < N_TAGS; y++) {
    const s = score[(len - 1) * N_TAGS + y]!;
    if (s > best) {
      best = s;
      arg = y;
    }
  }
  for (let k = len - 1; k >= 0; k--) {
    out[k] = arg;
    arg = back[k * N_TAGS + arg]!;
  }
}
