/**
 * The trained name recogniser at run time: a structured perceptron over BIO tags, its weights a
 * hashed table read from data/models/ner.json (written by `npm run train:ner`).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { inflateRawSync, deflateRawSync } from 'node:zlib';
import { readTrustedJson } from '../../data-dir.js';
import type { NerModelFile } from '../schema.js';
import type { Token } from '../../types.js';
import { candidateRunBounds, commonLowerBits, isTitleCase, MAX_FEATURES, N_POS_CODES, N_TAGS, smallTableIds, TAGS, tokenFeatures, tokenFeaturesSplit, tokenHashes, viterbi, type FeatureContext, type TokenHashes } from './features.js';

/** Number of set bits in a 32-bit word. */
function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}

export type NerClass = 'PER' | 'ORG' | 'LOC';

/** Per tag: its class ("B-PER" -> "PER"; null for O), and the I- tag that goes on a name of it. */
const CLASS_OF = TAGS.map((t) => (t === 'O' ? null : (t.slice(2) as NerClass)));
const INSIDE_OF = TAGS.map((t) => (TAGS as readonly string[]).indexOf(`I-${t.slice(2)}`));

export interface NerSpan {
  /** Token range [first, last). */
  first: number;
  last: number;
  cls: NerClass;
}

export type { NerModelFile } from '../schema.js';

export class NerModel {
  readonly mask: number;
  private readonly feats = new Int32Array(MAX_FEATURES);
  /**
   * The weighted rows only (a third of the table), 8 tags each, as the int16 the file holds: found
   * through a bitmap with a rank count per 32 rows. The full table (8 MB) missed the caches on
   * every look-up; this is ~1.4 MB and gives the same sums.
   */
  private readonly rowIndex: Uint32Array;
  private readonly rows: Int16Array | Float32Array;
  private emit = new Float64Array(64 * N_TAGS);
  private readonly small = new Int32Array(5);
  private readonly offs = new Int32Array(MAX_FEATURES);
  /**
   * Weights (8 per row) of the six features read from small values (tokenFeaturesSplit): the
   * bias, the tag, the tag pairs, the case/position flag with and without commonness. Read once
   * here, so a token looks up 19 rows in the big table instead of 25.
   */
  private readonly w0: Float64Array;
  private readonly w7: Float64Array;
  private readonly w12: Float64Array;
  private readonly w13: Float64Array;
  private readonly w16: Float64Array;
  private readonly w17: Float64Array;
  /**
   * Token string hashes of the document being read (sentences of one document come in a row);
   * the buffers are kept for the next document, cleared, and grown when it is longer.
   */
  private lastTokens: readonly Token[] | null = null;
  private hashes: TokenHashes = tokenHashes(1024);
  /** Scratch for decodeSentence: candidate run bounds and the tags of one run. */
  private runBounds = new Int32Array(256);
  private tagBuf = new Uint8Array(64);
  /** See FeatureContext.commonBits. */
  private readonly commonBits: Uint32Array;

  constructor(
    readonly bits: number,
    /** (mask+1) x N_TAGS emission weights. */
    readonly weights: ArrayLike<number>,
    /** (N_TAGS+1) x N_TAGS transition weights, last row = from outside. */
    readonly transitions: ArrayLike<number>,
    readonly commonLower: ReadonlySet<string>,
  ) {
    this.mask = (1 << bits) - 1;
    if (N_TAGS > 8) throw new Error('the weight rows hold at most 8 tags');
    const words = (this.mask >>> 5) + 1;
    this.rowIndex = new Uint32Array(words * 2);
    let count = 0;
    for (let r = 0; r <= this.mask; r++) {
      let any = false;
      for (let y = 0; y < N_TAGS; y++) if (weights[r * N_TAGS + y] !== 0) any = true;
      if (any) {
        this.rowIndex[(r >>> 5) * 2] = (this.rowIndex[(r >>> 5) * 2]! | (1 << (r & 31))) >>> 0;
        count++;
      }
    }
    // the shipped weights are int16; other weights (an untrained or hand-made model) stay float
    let ints = true;
    for (let k = 0; k < weights.length && ints; k++) ints = Number.isInteger(weights[k]) && Math.abs(weights[k]!) <= 32767;
    // row 0 is zeros: the row of every feature without weights (sums need no branch)
    this.rows = ints ? new Int16Array((count + 1) * 8) : new Float32Array((count + 1) * 8);
    let before = 0;
    for (let w = 0; w < words; w++) {
      this.rowIndex[w * 2 + 1] = before;
      const bits = this.rowIndex[w * 2]!;
      for (let b = 0; b < 32; b++) {
        if (((bits >>> b) & 1) === 0) continue;
        const r = w * 32 + b;
        for (let y = 0; y < N_TAGS; y++) this.rows[(before + 1) * 8 + y] = weights[r * N_TAGS + y]!;
        before++;
      }
    }
    const ids = smallTableIds(this.mask);
    this.w0 = this.rowsOf([ids.t0]);
    this.w7 = this.rowsOf(ids.t7);
    this.w12 = this.rowsOf(ids.t12);
    this.w13 = this.rowsOf(ids.t13);
    this.w16 = this.rowsOf(ids.t16);
    this.w17 = this.rowsOf(ids.t17);
    this.commonBits = commonLowerBits(commonLower);
  }

  /** The 8 weights of each id's row (zeros for a row without weights). */
  private rowsOf(ids: ArrayLike<number>): Float64Array {
    const out = new Float64Array(ids.length * 8);
    for (let k = 0; k < ids.length; k++) {
      const s = ids[k]!;
      const iw = (s >>> 5) << 1;
      const word = this.rowIndex[iw]!;
      const bit = 1 << (s & 31);
      if ((word & bit) === 0) continue;
      const r = (this.rowIndex[iw + 1]! + popcount(word & (bit - 1)) + 1) << 3;
      for (let y = 0; y < 8; y++) out[k * 8 + y] = this.rows[r + y]!;
    }
    return out;
  }

  /** An untrained model: finds nothing. Used when the model file is missing. */
  static empty(): NerModel {
    return new NerModel(10, new Float64Array(1024 * N_TAGS), new Float64Array((N_TAGS + 1) * N_TAGS), new Set());
  }

  static fromFile(path: string): NerModel {
    const raw = readTrustedJson<NerModelFile>(path, ['schema', 'tags', 'bits', 'transitions', 'commonLower', 'weights']);
    if (raw.schema !== 'wiretrace.ner/1') throw new Error(`${path}: a ${raw.schema} file, this build reads wiretrace.ner/1.`);
    if (raw.tags.join() !== TAGS.join()) throw new Error(`${path}: tags ${raw.tags.join()} do not match this build.`);
    const bytes = inflateRawSync(Buffer.from(raw.weights, 'base64'));
    // little-endian in the file; one copy into an aligned buffer instead of a read per weight
    const weights = new Int16Array(bytes.length >>> 1);
    if (new Uint8Array(Uint16Array.of(1).buffer)[0] === 1) new Uint8Array(weights.buffer).set(bytes.subarray(0, weights.length * 2));
    else for (let k = 0; k < weights.length; k++) weights[k] = bytes.readInt16LE(k * 2);
    if (weights.length !== (1 << raw.bits) * N_TAGS) throw new Error(`${path}: weight table has the wrong size.`);
    return new NerModel(raw.bits, weights, Float64Array.from(raw.transitions), new Set(raw.commonLower));
  }

  static load(dir: string): NerModel {
    const path = join(dir, 'ner.json');
    return existsSync(path) ? NerModel.fromFile(path) : NerModel.empty();
  }

  /** Names in one sentence [first, last) of `tokens`. */
  decodeSentence(tokens: readonly Token[], first: number, last: number, titleCase = isTitleCase(tokens, first, last)): NerSpan[] {
    const out: NerSpan[] = [];
    if (this.lastTokens !== tokens) {
      if (this.hashes.done.length < tokens.length) this.hashes = tokenHashes(tokens.length * 2);
      else this.hashes.done.fill(0, 0, tokens.length);
      this.lastTokens = tokens;
    }
    const ctx: FeatureContext = { tokens, first, last, titleCase, commonLower: this.commonLower, hashes: this.hashes, commonBits: this.commonBits };
    if (this.runBounds.length < 2 * (last - first)) this.runBounds = new Int32Array(4 * (last - first));
    const bounds = this.runBounds;
    const nb = candidateRunBounds(tokens, first, last, bounds);
    for (let r = 0; r < nb; r += 2) {
      const a = bounds[r]!;
      const len = bounds[r + 1]! - a;
      const tags = this.tagRun(ctx, a, a + len);
      let k = 0;
      while (k < len) {
        const cls = CLASS_OF[tags[k]!]!;
        if (cls === null) {
          k++;
          continue;
        }
        const inside = INSIDE_OF[tags[k]!]!;
        let e = k + 1;
        while (e < len && tags[e] === inside) e++;
        out.push({ first: a + k, last: a + e, cls });
        k = e;
      }
    }
    return out;
  }

  /** Tag indices for the run [a, b). */
  decodeRun(ctx: FeatureContext, a: number, b: number): Uint8Array {
    return this.tagRun(ctx, a, b).slice(0, b - a);
  }

  /** Tag indices for the run [a, b), in the first b - a places of a buffer the next run reuses. */
  private tagRun(ctx: FeatureContext, a: number, b: number): Uint8Array {
    const len = b - a;
    if (this.emit.length < len * N_TAGS) this.emit = new Float64Array(len * N_TAGS * 2);
    const emit = this.emit;
    const w = this.rows;
    const index = this.rowIndex;
    const feats = this.feats;
    const offs = this.offs;
    const small = this.small;
    const P = N_POS_CODES;
    for (let k = 0; k < len; k++) {
      let n = tokenFeaturesSplit(ctx, a + k, this.mask, feats, small);
      const split = small[0]! >= 0 && small[1]! >= 0 && small[2]! >= 0;
      if (!split) n = tokenFeatures(ctx, a + k, this.mask, feats); // a tag outside the list: all 25 by id
      // first the rows (the index is small and in cache), without branches; then the sums, whose
      // loads do not wait on one another, so their cache misses overlap
      for (let f = 0; f < n; f++) {
        const s = feats[f]!;
        const iw = (s >>> 5) << 1;
        const word = index[iw]!;
        const sh = s & 31;
        offs[f] = (((word >>> sh) & 1) * (index[iw + 1]! + popcount(word & ((1 << sh) - 1)) + 1)) << 3;
      }
      let e0 = 0, e1 = 0, e2 = 0, e3 = 0, e4 = 0, e5 = 0, e6 = 0;
      for (let f = 0; f < n; f++) {
        const r = offs[f]!;
        e0 += w[r]!;
        e1 += w[r + 1]!;
        e2 += w[r + 2]!;
        e3 += w[r + 3]!;
        e4 += w[r + 4]!;
        e5 += w[r + 5]!;
        e6 += w[r + 6]!;
      }
      const o = k * N_TAGS;
      emit[o] = e0;
      emit[o + 1] = e1;
      emit[o + 2] = e2;
      emit[o + 3] = e3;
      emit[o + 4] = e4;
      emit[o + 5] = e5;
      emit[o + 6] = e6;
      if (split) {
        // the six small rows, added in this order to each tag's sum (as adding row after row does)
        const w0 = this.w0;
        const w7 = this.w7;
        const w12 = this.w12;
        const w13 = this.w13;
        const w16 = this.w16;
        const w17 = this.w17;
        const r7 = small[0]! << 3;
        const r12 = (small[1]! * P + small[0]!) << 3;
        const r13 = (small[0]! * P + small[2]!) << 3;
        const r16 = small[3]! << 3;
        const r17 = (small[3]! * 2 + small[4]!) << 3;
        for (let y = 0; y < N_TAGS; y++) {
          emit[o + y] = emit[o + y]! + w0[y]! + w7[r7 + y]! + w12[r12 + y]! + w13[r13 + y]! + w16[r16 + y]! + w17[r17 + y]!;
        }
      }
    }
    if (this.tagBuf.length < len) this.tagBuf = new Uint8Array(len * 2);
    const tags = this.tagBuf;
    viterbi(emit, len, this.transitions, tags);
    return tags;
  }
}

/** Serialise trained float weights: scaled to int16, deflated, base64 (deterministic). */
export function encodeModel(bits: number, weights: Float64Array, transitions: Float64Array, commonLower: string[], about: string): NerModelFile {
  let max = 0;
  for (const v of weights) max = Math.max(max, Math.abs(v));
  for (const v of transitions) max = Math.max(max, Math.abs(v));
  const scale = max > 0 ? 32000 / max : 1;
  const buf = Buffer.alloc(weights.length * 2);
  for (let k = 0; k < weights.length; k++) buf.writeInt16LE(Math.round(weights[k]! * scale), k * 2);
  return {
    schema: 'wiretrace.ner/1',
    about,
    tags: [...TAGS],
    bits,
    scale,
    transitions: Array.from(transitions, (v) => Math.round(v * scale)),
    commonLower,
    weights: deflateRawSync(buf, { level: 9 }).toString('base64'),
  };
}
