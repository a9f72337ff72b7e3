/**
 * The fast reader's parts of speech: a greedy averaged perceptron, left to right, trained to give
 * wink-nlp's tags (scripts/train-pos.ts writes data/models/pos.json). Features are hashed from
 * numbers computed once per token (a hash of the word, its suffixes, its shape, its ambiguity class:
 * the tags it takes in training), so tagging builds no strings; the weights are one flat table, a
 * row of N_CLASSES per hashed feature.
 */
import { existsSync } from 'node:fs';
import { inflateRawSync } from 'node:zlib';
import { readTrustedJson } from '../data-dir.js';
import type { PosFile } from './schema.js';
import { POS_TAGS } from '../types.js';
import { CLASS, DIGIT, LOWER, OTHER, UPPER, type Cuts } from './split.js';
import { SENTENCE_END } from './index.js';

/** The tokens to tag: offsets and flags (Cuts, or wink's TokenRuns when training). */
export type Spans = Pick<Cuts, 'n' | 'start' | 'end' | 'flags'>;

/** Tags predicted: POS_TAGS without SPACE (the reader never gives whitespace tokens). */
export const N_CLASSES = POS_TAGS.indexOf('SPACE');
if (N_CLASSES !== 17) throw new Error('pos.ts: PosModel.tag adds up 17 tags; POS_TAGS changed.');
/** Tags before the first token, as "previous tag" values. */
const START = N_CLASSES;

/** Per-token numbers the features are built from. */
export interface TokenKeys {
  word: Int32Array; // lower-case word
  exact: Int32Array; // word as written
  suf3: Int32Array;
  suf4: Int32Array;
  shape: Int32Array;
  first: Int32Array; // 1 at a sentence start
  amb: Int32Array; // ambiguity class: the tags the word takes in training, a bit each (0: unknown word)
}

export function newKeys(cap: number): TokenKeys {
  return {
    word: new Int32Array(cap),
    exact: new Int32Array(cap),
    suf3: new Int32Array(cap),
    suf4: new Int32Array(cap),
    shape: new Int32Array(cap),
    first: new Int32Array(cap),
    amb: new Int32Array(cap),
  };
}

const FNV = 0x811c9dc5;
const PRIME = 0x01000193;

/** Lower case of an ASCII letter; other code units as they are. */
const lowerCode = (c: number): number => (c >= 65 && c <= 90 ? c | 32 : c);

/** Fills `keys` for tokens [0, cuts.n) of `text`. */
export function tokenKeys(text: string, cuts: Spans, keys: TokenKeys): void {
  const { n, start, end, flags } = cuts;
  let sentenceStart = true;
  for (let k = 0; k < n; k++) {
    const s = start[k]!;
    const e = end[k]!;
    let h = FNV;
    let x = FNV;
    let upper = 0;
    let lower = 0;
    let digit = 0;
    let other = 0;
    let hyphen = 0;
    let dot = 0;
    let link = 0; // '@' or '/': an address (wink tags them SYM)
    for (let p = s; p < e; p++) {
      const c = text.charCodeAt(p);
      h = Math.imul(h ^ lowerCode(c), PRIME);
      x = Math.imul(x ^ c, PRIME);
      const cl = CLASS[c]!;
      if (cl === UPPER) upper++;
      else if (cl === LOWER) lower++;
      else if (cl === DIGIT) digit++;
      else if (cl === OTHER) {
        other++;
        if (c === 45) hyphen = 1;
        else if (c === 46) dot = 1;
        else if (c === 64 || c === 47) link = 1;
      }
    }
    // suffixes, read backwards
    let sh = FNV;
    let s3 = 0;
    let s4 = 0;
    for (let p = e - 1, m = 1; p >= s && m <= 4; p--, m++) {
      sh = Math.imul(sh ^ lowerCode(text.charCodeAt(p)), PRIME);
      if (m === 3) s3 = sh;
      else if (m === 4) s4 = sh;
    }
    const len = e - s;
    keys.word[k] = h;
    keys.exact[k] = x;
    keys.suf3[k] = len >= 3 ? s3 : h;
    keys.suf4[k] = len >= 4 ? s4 : h;
    const firstUpper = CLASS[text.charCodeAt(s)] === UPPER ? 1 : 0;
    keys.shape[k] =
      firstUpper |
      (upper > 1 && lower === 0 ? 2 : 0) |
      (lower > 0 ? 4 : 0) |
      (digit > 0 ? 8 : 0) |
      (digit === len ? 16 : 0) |
      (other === len ? 32 : 0) |
      (hyphen << 6) |
      (dot << 7) |
      (Math.min(len, 4) << 8) |
      (link << 11);
    keys.first[k] = sentenceStart ? 1 : 0;
    sentenceStart = (flags[k]! & SENTENCE_END) !== 0;
  }
}

/**
 * Ambiguity classes: which tags a word (lower case, by its hash: tokenKeys' `word`) takes in
 * training, a bit per tag. An open-addressed table of [hash, bits] pairs; 0 for a word not in it.
 */
const UNKNOWN = 1 << 30;

export class AmbiguityTable {
  private readonly hashes: Int32Array;
  private readonly bits: Int32Array;

  /** `pairs`: hash, bits, hash, bits, ... (bits never 0). */
  constructor(readonly pairs: Int32Array) {
    let size = 16;
    while (size < pairs.length) size *= 2; // at most half full
    this.hashes = new Int32Array(size);
    this.bits = new Int32Array(size);
    for (let p = 0; p + 1 < pairs.length; p += 2) {
      const h = pairs[p]!;
      let i = h & (size - 1);
      while (this.bits[i] !== 0) i = (i + 1) & (size - 1);
      this.hashes[i] = h;
      this.bits[i] = pairs[p + 1]!;
    }
  }

  get(h: number): number {
    const { hashes, bits } = this;
    const m = hashes.length - 1;
    for (let i = h & m; bits[i] !== 0; i = (i + 1) & m) if (hashes[i] === h) return bits[i]!;
    return 0;
  }

  /** Fills keys.amb for tokens [0, n); a word not in the table gets a class from its shape (bit 30 set). */
  fill(keys: TokenKeys, n: number): void {
    for (let k = 0; k < n; k++) keys.amb[k] = this.get(keys.word[k]!) || keys.shape[k]! | UNKNOWN;
  }
}

/** Tags skipped when keeping the last tag before a token (`skip` in features): ADV and PART. */
export const SKIPPED = (1 << POS_TAGS.indexOf('ADV')) | (1 << POS_TAGS.indexOf('PART'));

/** Mixes a template id and one or two values into a bucket (multiplicative hashing: the top bits of a product). */
function bucket(template: number, a: number, b: number, mask: number): number {
  const h = Math.imul(a ^ Math.imul(b ^ (template << 26), 0x27d4eb2f) ^ (template << 13), 0x9e3779b1);
  return (h ^ (h >>> 15)) & mask;
}

const NONE = 0x5bd1e995; // key of a position beyond either end

export const N_FEATURES = 12;

/**
 * The feature buckets of token k, given the tags of the two before it and the last tag before it
 * that is not ADV or PART (`skip`: "will not even ever [clash]" sees AUX), written to
 * out[0..N_FEATURES). Shared by training and tagging. The ambiguity classes (keys.amb) of the word
 * and the next one carry most of the noun/verb and adjective/verb choices ("his nightly address
 * that": a noun-or-verb before a subordinator).
 */
export function features(keys: TokenKeys, n: number, k: number, prev: number, prev2: number, skip: number, mask: number, out: Int32Array): void {
  const w = keys.word[k]!;
  const last = k + 1 >= n;
  const a = keys.amb[k]!;
  const first = keys.first[k]!;
  out[0] = bucket(0, w, 0, mask);
  out[1] = bucket(1, keys.exact[k]!, first, mask);
  out[2] = bucket(2, keys.suf3[k]!, 0, mask);
  out[3] = bucket(3, keys.suf4[k]!, 0, mask);
  out[4] = bucket(4, keys.shape[k]!, first, mask);
  out[5] = bucket(5, k > 0 ? keys.word[k - 1]! : NONE, 0, mask);
  out[6] = bucket(6, prev, prev2, mask);
  out[7] = bucket(7, prev, w, mask);
  out[8] = bucket(8, last ? NONE : keys.suf3[k + 1]!, last ? NONE : keys.shape[k + 1]!, mask);
  out[9] = bucket(9, w, last ? NONE : keys.word[k + 1]!, mask);
  out[10] = bucket(10, a, last ? NONE : keys.amb[k + 1]!, mask);
  out[11] = bucket(11, skip ^ (prev << 5), a, mask);
}

export type { PosFile } from './schema.js';

export class PosModel {
  readonly mask: number;
  private readonly feats = new Int32Array(N_FEATURES);
  private readonly scores = new Float32Array(N_CLASSES);
  private keys = newKeys(1024);
  /**
   * The fixed words in an open-addressed table keyed by their hash as written (tokenKeys' `exact`):
   * slot -> word index + 1 (0: empty). A Map keyed by 32-bit hashes boxed most keys.
   */
  private readonly slots: Int32Array;
  private readonly slotHash: Int32Array;
  private readonly fixedWords: string[] = [];
  private readonly fixedTags: Uint8Array;

  constructor(
    readonly bits: number,
    /** (1 << bits) rows of N_CLASSES weights. */
    readonly weights: Int16Array,
    words: Readonly<Record<string, number>> = {},
    readonly classes = new AmbiguityTable(new Int32Array(0)),
  ) {
    this.mask = (1 << bits) - 1;
    const entries = Object.entries(words).filter(([, tag]) => tag < N_CLASSES);
    let size = 16;
    while (size < entries.length * 4) size *= 2;
    this.slots = new Int32Array(size);
    this.slotHash = new Int32Array(size);
    this.fixedTags = new Uint8Array(entries.length);
    for (const [word, tag] of entries) {
      let h = FNV;
      for (let p = 0; p < word.length; p++) h = Math.imul(h ^ word.charCodeAt(p), PRIME);
      let i = h & (size - 1);
      while (this.slots[i] !== 0) i = (i + 1) & (size - 1);
      this.fixedTags[this.fixedWords.length] = tag;
      this.fixedWords.push(word);
      this.slots[i] = this.fixedWords.length;
      this.slotHash[i] = h;
    }
  }

  /** The fixed tag of token [s, e) whose hash as written is h; -1 when it is not a fixed word. */
  private fixedTag(text: string, h: number, s: number, e: number): number {
    const { slots, slotHash } = this;
    const m = slots.length - 1;
    for (let i = h & m; slots[i] !== 0; i = (i + 1) & m) {
      if (slotHash[i] !== h) continue;
      const w = this.fixedWords[slots[i]! - 1]!;
      if (w.length === e - s && text.startsWith(w, s)) return this.fixedTags[slots[i]! - 1]!;
    }
    return -1;
  }

  static fromFile(path: string): PosModel {
    const raw = readTrustedJson<PosFile>(path, ['schema', 'tags', 'bits', 'features', 'words', 'classes', 'weights']);
    if (raw.schema !== 'wiretrace.pos/1') throw new Error(`${path}: a ${raw.schema} file, this build reads wiretrace.pos/1.`);
    if (raw.tags.join() !== POS_TAGS.slice(0, N_CLASSES).join()) throw new Error(`${path}: tags ${raw.tags.join()} do not match this build.`);
    if (raw.features !== N_FEATURES) throw new Error(`${path}: made for ${raw.features} features, this build has ${N_FEATURES}.`);
    const bytes = inflateRawSync(Buffer.from(raw.weights, 'base64'));
    const weights = new Int16Array(new Uint8Array(bytes).buffer); // copied: aligned, little-endian as written
    if (weights.length !== (1 << raw.bits) * N_CLASSES) throw new Error(`${path}: weight table has the wrong size.`);
    const cb = Buffer.from(raw.classes, 'base64');
    const pairs = new Int32Array(new Uint8Array(cb).buffer, 0, cb.length >> 2);
    return new PosModel(raw.bits, weights, raw.words, new AmbiguityTable(pairs));
  }

  static exists(path: string): boolean {
    return existsSync(path);
  }

  /** Tag codes (indices in POS_TAGS) for the tokens in `cuts`, written to `out`. */
  tag(text: string, cuts: Spans, out: Uint8Array): void {
    const n = cuts.n;
    if (this.keys.word.length < n) this.keys = newKeys(n * 2);
    const keys = this.keys;
    tokenKeys(text, cuts, keys);
    this.classes.fill(keys, n);
    const { feats, scores, weights, mask } = this;
    let prev = START;
    let prev2 = START;
    let skip = START;
    const { start, end } = cuts;
    for (let k = 0; k < n; k++) {
      const known = this.fixedTag(text, keys.exact[k]!, start[k]!, end[k]!);
      if (known >= 0) {
        out[k] = known;
        prev2 = prev;
        prev = known;
        if (((1 << known) & SKIPPED) === 0) skip = known;
        continue;
      }
      features(keys, n, k, prev, prev2, skip, mask, feats);
      // the 17 sums are kept in locals (registers): twice as fast as adding into an array
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0, s8 = 0, s9 = 0, s10 = 0, s11 = 0, s12 = 0, s13 = 0, s14 = 0, s15 = 0, s16 = 0;
      for (let f = 0; f < N_FEATURES; f++) {
        const r = feats[f]! * 17;
        s0 += weights[r + 0]!;
        s1 += weights[r + 1]!;
        s2 += weights[r + 2]!;
        s3 += weights[r + 3]!;
        s4 += weights[r + 4]!;
        s5 += weights[r + 5]!;
        s6 += weights[r + 6]!;
        s7 += weights[r + 7]!;
        s8 += weights[r + 8]!;
        s9 += weights[r + 9]!;
        s10 += weights[r + 10]!;
        s11 += weights[r + 11]!;
        s12 += weights[r + 12]!;
        s13 += weights[r + 13]!;
        s14 += weights[r + 14]!;
        s15 += weights[r + 15]!;
        s16 += weights[r + 16]!;
      }
      scores[0] = s0;
      scores[1] = s1;
      scores[2] = s2;
      scores[3] = s3;
      scores[4] = s4;
      scores[5] = s5;
      scores[6] = s6;
      scores[7] = s7;
      scores[8] = s8;
      scores[9] = s9;
      scores[10] = s10;
      scores[11] = s11;
      scores[12] = s12;
      scores[13] = s13;
      scores[14] = s14;
      scores[15] = s15;
      scores[16] = s16;
      let best = 0;
      for (let t = 1; t < N_CLASSES; t++) if (scores[t]! > scores[best]!) best = t;
      out[k] = best;
      prev2 = prev;
      prev = best;
      if (((1 << best) & SKIPPED) === 0) skip = best;
    }
  }
}
