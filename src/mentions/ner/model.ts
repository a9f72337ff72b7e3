/**
 * The trained name recogniser at run time: a structured perceptron over BIO tags, its weights a
 * hashed table read from data/models/ner.json (written by `npm run train:ner`).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateRawSync, deflateRawSync } from 'node:zlib';
import { z } from 'zod';
import type { Token } from '../../types.js';
import { candidateRuns, isTitleCase, MAX_FEATURES, N_TAGS, TAGS, tokenFeatures, tokenHashes, viterbi, type FeatureContext, type TokenHashes } from './features.js';

export type NerClass = 'PER' | 'ORG' | 'LOC';

export interface NerSpan {
  /** Token range [first, last). */
  first: number;
  last: number;
  cls: NerClass;
}

/** The model file: weights are little-endian int16, deflated, base64. */
const modelFileSchema = z.object({
  schema: z.literal('wiretrace.ner/1'),
  about: z.string(),
  tags: z.array(z.string()),
  bits: z.number().int().min(10).max(24),
  /** Divide weights by this to get the trained values (only ratios matter when decoding). */
  scale: z.number().positive(),
  transitions: z.array(z.number()),
  commonLower: z.array(z.string()),
  weights: z.string(),
});
export type NerModelFile = z.infer<typeof modelFileSchema>;

export class NerModel {
  readonly mask: number;
  private readonly feats = new Int32Array(MAX_FEATURES);
  private readonly rows: Float32Array;
  private emit = new Float64Array(64 * N_TAGS);
  /** Token string hashes of the document being read (sentences of one document come in a row). */
  private last: { tokens: readonly Token[]; hashes: TokenHashes } | null = null;

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
    // rows padded to 8 tags: one feature's weights sit in one cache line
    this.rows = new Float32Array((this.mask + 1) * 8);
    for (let r = 0; r <= this.mask; r++) for (let y = 0; y < N_TAGS; y++) this.rows[r * 8 + y] = weights[r * N_TAGS + y]!;
  }

  /** An untrained model: finds nothing. Used when the model file is missing. */
  static empty(): NerModel {
    return new NerModel(10, new Float64Array(1024 * N_TAGS), new Float64Array((N_TAGS + 1) * N_TAGS), new Set());
  }

  static fromFile(path: string): NerModel {
    const raw = modelFileSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
    if (raw.tags.join() !== TAGS.join()) throw new Error(`${path}: tags ${raw.tags.join()} do not match this build.`);
    const bytes = inflateRawSync(Buffer.from(raw.weights, 'base64'));
    const weights = new Int16Array(bytes.length / 2);
    for (let k = 0; k < weights.length; k++) weights[k] = bytes.readInt16LE(k * 2);
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
    if (this.last?.tokens !== tokens) this.last = { tokens, hashes: tokenHashes(tokens.length) };
    const ctx: FeatureContext = { tokens, first, last, titleCase, commonLower: this.commonLower, hashes: this.last.hashes };
    for (const [a, b] of candidateRuns(tokens, first, last)) {
      const tags = this.decodeRun(ctx, a, b);
      let k = 0;
      while (k < tags.length) {
        const tag = TAGS[tags[k]!]!;
        if (tag === 'O') {
          k++;
          continue;
        }
        const cls = tag.slice(2) as NerClass;
        let e = k + 1;
        while (e < tags.length && TAGS[tags[e]!] === `I-${cls}`) e++;
        out.push({ first: a + k, last: a + e, cls });
        k = e;
      }
    }
    return out;
  }

  /** Tag indices for the run [a, b). */
  decodeRun(ctx: FeatureContext, a: number, b: number): Uint8Array {
    const len = b - a;
    if (this.emit.length < len * N_TAGS) this.emit = new Float64Array(len * N_TAGS * 2);
    const emit = this.emit;
    const w = this.rows;
    const feats = this.feats;
    for (let k = 0; k < len; k++) {
      const n = tokenFeatures(ctx, a + k, this.mask, feats);
      let e0 = 0, e1 = 0, e2 = 0, e3 = 0, e4 = 0, e5 = 0, e6 = 0;
      for (let f = 0; f < n; f++) {
        const r = feats[f]! << 3;
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
    }
    const tags = new Uint8Array(len);
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
