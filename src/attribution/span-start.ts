/**
 * Where an indirect content after its cue starts: a ranking perceptron over the tokens from the one
 * after the cue to START_WINDOW tokens on, trained on PolNeAR train's gold indirect contents
 * (scripts/attribution-model-training.ts trainStartModel). The role tagger often starts such a
 * content one phrase early or late: "tells | voters she's with them" (PolNeAR leaves the addressee
 * out), "has sought | to portray herself" (it keeps the "to"). The features read the words on both
 * sides of the start, its distance from the cue, the cue's word and what lies between the cue and
 * the start. Only the stage's output reads it, as it reads the end model (span-end.ts): model.ts
 * modelContentStart keeps the tagger's start unless the model prefers another by START_MARGIN.
 */
import type { ArticleFeatures, TokSpan } from './features.js';
import { FeatureBuf, mixI, strHash, type PackedWeights } from './perceptron.js';
import type { Token } from '../types.js';

/** How many tokens after the cue a content's start may lie, as the model ranks it. */
export const START_WINDOW = 10;

const H_BEGIN = strHash('<begin>') | 0;

/** Bits of what lies between the cue and a candidate start, by part of speech. */
const SKIP_BITS: Record<string, number> = { PRON: 1, PROPN: 2, NOUN: 4, DET: 8, ADP: 16, PUNCT: 32, VERB: 64, AUX: 64, ADV: 128, ADJ: 128, NUM: 4 };

/** What the tokens [from, to) hold, as SKIP_BITS. */
export function skipped(tokens: readonly Token[], from: number, to: number): number {
  let bits = 0;
  for (let i = from; i < to; i++) bits |= SKIP_BITS[tokens[i]!.pos] ?? 0;
  return bits;
}

function put(f: FeatureBuf, t: number, x: number, y = 0): void {
  f.ids[f.n++] = mixI(mixI(t, x), y);
}

/**
 * The features of a content after cue `cue` starting at token c, where `lo` is the first token it
 * may start at and `skip` what [lo, c) holds (skipped()).
 */
export function startFeatures(a: ArticleFeatures, cue: TokSpan, lo: number, c: number, skip: number, f: FeatureBuf): void {
  f.reset();
  const w = a.word[c]!;
  const p = a.pos[c]!;
  const wb = c > 0 ? a.word[c - 1]! : H_BEGIN;
  const pb = c > 0 ? a.pos[c - 1]! : H_BEGIN;
  const pn = c + 1 < a.tokens.length && a.sent[c + 1] === a.sent[c] ? a.pos[c + 1]! : H_BEGIN;
  const d = Math.min(c - cue.last, START_WINDOW);
  const stem = a.stem[cue.first]!;
  const lastW = a.word[cue.last - 1]!;
  put(f, 1, w);
  put(f, 2, wb);
  put(f, 3, p);
  put(f, 4, pb);
  put(f, 5, pb, p);
  put(f, 6, d);
  put(f, 7, stem, w);
  put(f, 8, lastW, w);
  put(f, 9, stem, d);
  put(f, 10, w, d);
  put(f, 11, skip);
  put(f, 12, skip, w);
  put(f, 13, skip, stem);
  put(f, 14, wb, w);
  put(f, 15, p, pn);
  put(f, 16, stem, p);
  put(f, 17, c === lo ? 1 : 0, p);
}

/** Features per candidate (startFeatures). */
const PER = 17;

/**
 * The best start in [lo, hi) of a content after `cue`, with its score in scores.best and that of
 * start `keep` (the tagger's) in scores.keep.
 */
export function bestStart(a: ArticleFeatures, cue: TokSpan, lo: number, hi: number, keep: number, model: PackedWeights, scores: { best: number; keep: number }): number {
  // every candidate's feature ids first, then their weights in one batch (the cache misses overlap)
  let n = 0;
  let skip = 0;
  for (let c = lo; c < hi; c++) {
    if (c > lo) skip |= SKIP_BITS[a.tokens[c - 1]!.pos] ?? 0;
    startFeatures(a, cue, lo, c, skip, buf);
    for (let q = 0; q < PER; q++) ids[n++] = buf.ids[q]!;
  }
  model.oneEach(ids, n, weights);
  let best = -1;
  scores.best = -Infinity;
  scores.keep = -Infinity;
  for (let c = lo, k = 0; c < hi; c++, k += PER) {
    let v = 0;
    for (let q = 0; q < PER; q++) v += weights[k + q]!;
    if (c === keep) scores.keep = v;
    if (v > scores.best) {
      scores.best = v;
      best = c;
    }
  }
  return best;
}

const buf = new FeatureBuf();
const ids = new Int32Array(PER * START_WINDOW);
const weights = new Float64Array(PER * START_WINDOW);
