/**
 * Where an indirect content after its cue ends: a ranking perceptron over the content's candidate
 * end points in its sentence (every token boundary from its first token to the sentence end),
 * trained on PolNeAR train's gold indirect contents (scripts/attribution-model-training.ts
 * trainEndModel), with features of the words on both sides of the end, what the content would
 * take in (commas, verbs, "and", quotes, other cues) and its length. Only the stage's output reads
 * it: model.ts modelContentEnd keeps the role tagger's end unless the model prefers another by
 * END_MARGIN, and attributionStage asks it only for the frames it outputs.
 */
import type { ArticleFeatures, TokSpan } from './features.js';
import { FeatureBuf, mixI, strHash, type PackedWeights } from './perceptron.js';
import { posCode, posHashOf, posTablesVersion } from './compiled.js';

/** Length buckets of a content, in tokens. */
function lenBucket(n: number): number {
  if (n <= 3) return n;
  if (n <= 5) return 4;
  if (n <= 8) return 5;
  if (n <= 12) return 6;
  if (n <= 20) return 7;
  if (n <= 30) return 8;
  return 9;
}

/**
 * The end of a content starting at s as the end model reads it: its sentence's end, or an earlier
 * paragraph break; no farther than `limit` (the caller's window, beyond which the features read the
 * same: a length bucket tops out at 31 tokens).
 */
export function contentSentEnd(a: ArticleFeatures, s: number, limit = Infinity): number {
  const t = a.tokens[s]!;
  const end = Math.min(a.sentLast[t.sent]!, limit);
  for (let i = s + 1; i < end; i++) if (a.tokens[i]!.para !== t.para) return i;
  return end;
}

const cap = (n: number, m: number): number => (n < m ? n : m);

/** FeatureBuf.add for these few features (the buffer holds 64, more than endFeatures adds), small enough to inline. */
function put(f: FeatureBuf, t: number, x: number, y = 0): void {
  f.ids[f.n++] = mixI(mixI(t, x), y);
}

// int32 (the same bits as strHash's): mixI keeps them in registers
const H_END = strHash('<end>') | 0;
const H_AND = strHash('and') | 0;
const H_BUT = strHash('but') | 0;

/** What a content [s, j) would hold, counted as the candidates grow left to right. */
export interface EndScan {
  commas: number;
  verbs: number;
  ands: number;
  quotes: number;
  cues: number;
}

export const emptyScan = (): EndScan => ({ commas: 0, verbs: 0, ands: 0, quotes: 0, cues: 0 });

/** Adds token j - 1 (the content's new last token) to the scan. */
export function scanToken(a: ArticleFeatures, cuePrefix: Int32Array, scan: EndScan, i: number): void {
  const t = a.tokens[i]!;
  if (t.norm === ',') scan.commas++;
  if (t.pos === 'VERB' || t.pos === 'AUX') scan.verbs++;
  if (a.word[i] === H_AND || a.word[i] === H_BUT) scan.ands++;
  if (a.inQuote[i]! >= 0) scan.quotes++;
  if (cuePrefix[i + 1]! > cuePrefix[i]! && (i === 0 || cuePrefix[i]! === cuePrefix[i - 1]!)) scan.cues++;
}

/** Whether end j (j ≤ the end of its sentence) is the end of its sentence or paragraph. */
const atEndOf = (a: ArticleFeatures, j: number): boolean => j >= a.sentLast[a.sent[j - 1]!]! || a.para[j] !== a.para[j - 1];

/** The features of end j that read only the words around it, the same for every content that may end there. */
export function endLocalFeatures(a: ArticleFeatures, j: number, f: FeatureBuf): void {
  const atEnd = atEndOf(a, j);
  const lastW = a.word[j - 1]!;
  const lastP = a.pos[j - 1]!;
  const nextW = atEnd ? H_END : a.word[j]!;
  const nextP = atEnd ? H_END : a.pos[j]!;
  const next2P = atEnd || atEndOf(a, j + 1) ? H_END : a.pos[j + 1]!;
  put(f, 1, lastW);
  put(f, 2, lastP);
  put(f, 3, nextW);
  put(f, 4, nextP);
  put(f, 5, lastP, nextP);
  put(f, 6, nextP, next2P);
  put(f, 17, nextW, next2P);
  put(f, 18, lastW, nextW);
}

/** The other features of ending content [s, j) (j ≤ sentEnd, the end of s's sentence); `scan` holds tokens s … j - 1. */
export function endContentFeatures(a: ArticleFeatures, cuePrefix: Int32Array, cue: TokSpan, s: number, j: number, sentEnd: number, scan: EndScan, f: FeatureBuf): void {
  const atEnd = atEndOf(a, j);
  const nextP = atEnd ? H_END : a.pos[j]!;
  const nextQuote = !atEnd && a.inQuote[j]! >= 0 ? 1 : 0;
  const nextCue = !atEnd && cuePrefix[j + 1]! > cuePrefix[j]! ? 1 : 0;
  const len = lenBucket(j - s);
  const rest = lenBucket(sentEnd - j);
  put(f, 7, atEnd ? 1 : 0, len);
  put(f, 8, len);
  put(f, 9, rest);
  put(f, 10, nextP, len);
  put(f, 11, cap(scan.commas, 3), cap(scan.verbs, 4));
  put(f, 12, cap(scan.ands, 2), nextP);
  put(f, 13, cap(scan.quotes, 1), nextQuote);
  put(f, 14, cap(scan.cues, 2), nextCue);
  put(f, 15, a.word[s]!, nextP);
  put(f, 16, a.stem[cue.first]!, atEnd ? 1 : 0);
  put(f, 19, cap(scan.commas, 3), nextP);
  put(f, 20, rest, nextP);
}

/** All features of ending content [s, j), for training (scripts/attribution-model-training.ts). */
export function endFeatures(a: ArticleFeatures, cuePrefix: Int32Array, cue: TokSpan, s: number, j: number, sentEnd: number, scan: EndScan, f: FeatureBuf): void {
  f.reset();
  endLocalFeatures(a, j, f);
  endContentFeatures(a, cuePrefix, cue, s, j, sentEnd, scan, f);
}

/** Part-of-speech codes (ArticleFeatures.posCode, below 32) and one more for the sentence end. */
const P = 33;
const END_CODE = 32;
/** lenBucket's values. */
const L = 10;
const VERB_CODE = posCode('VERB');
const AUX_CODE = posCode('AUX');

/**
 * The features over small values (parts of speech, lengths, counts) of endContentFeatures and
 * endLocalFeatures, by template: [template, size of x's range, of y's, is x a part of speech, is y].
 * Their weights are read from one small table (EndTable) indexed by those values instead of hashed.
 */
const SMALL: ReadonlyArray<readonly [number, number, number, boolean, boolean]> = [
  [2, P, 1, true, false], // last token's part of speech
  [4, P, 1, true, false], // next token's
  [5, P, P, true, true], // last, next
  [6, P, P, true, true], // next, the one after
  [7, 2, L, false, false], // at the sentence end, length
  [8, L, 1, false, false], // length
  [9, L, 1, false, false], // tokens left in the sentence
  [10, P, L, true, false], // next part of speech, length
  [11, 4, 5, false, false], // commas, verbs taken in
  [12, 3, P, false, true], // "and"/"but" taken in, next part of speech
  [13, 2, 2, false, false], // quoted tokens taken in, next token quoted
  [14, 3, 2, false, false], // other cues taken in, next token in a cue
  [19, 4, P, false, true], // commas taken in, next part of speech
  [20, L, P, false, true], // tokens left, next part of speech
];
/** Where each SMALL template's weights start in the table. */
const AT: number[] = [];
let size = 0;
for (const [, nx, ny] of SMALL) {
  AT.push(size);
  size += nx * ny;
}
const [T2, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13, T14, T19, T20] = AT as [number, number, number, number, number, number, number, number, number, number, number, number, number, number];

/**
 * The end model's weights of the SMALL features, every value pair filled from the hashed weights
 * (float32, so the same numbers): 3,200 weights, 13 KB, which stay in cache where hashed look-ups
 * of them missed. Built again for another model or when a new part-of-speech code appears.
 */
class EndTable {
  readonly w = new Float32Array(size);
  /** The largest weight in each run of 2^REGION slots of the model (PackedWeights.regionMax): bounds a word feature's weight without looking it up. */
  readonly regionMax: Float32Array;
  readonly version = posTablesVersion();
  constructor(readonly model: PackedWeights) {
    this.regionMax = model.regionMax(REGION);
    const value = (k: number, isPos: boolean): number => (isPos ? (k === END_CODE ? H_END : posHashOf(k)) : k);
    SMALL.forEach(([t, nx, ny, xPos, yPos], k) => {
      for (let x = 0; x < nx; x++) {
        for (let y = 0; y < ny; y++) this.w[AT[k]! + x * ny + y] = hw(model, t, value(x, xPos), ny === 1 ? 0 : value(y, yPos));
      }
    });
  }
}

/** log2 of the slots per entry of EndTable.regionMax: 1,024 entries for 2^18 slots, 4 KB. */
const REGION = 8;

let table: EndTable | null = null;

/** Hashed weight of feature (template, x, y). */
const hw = (m: PackedWeights, template: number, x: number, y: number): number => m.one(mixI(mixI(template, x), y));

/** Weights of the content's first word by the next part of speech (template 15), read once per call and code. */
const f15 = new Float64Array(P);

/**
 * Scratch of bestEnd, per end k of a call (j = s + 1 + k): the word features' ids (four per end),
 * the sums of the other weights (PARTS per end, in the order endScore adds them), the bound on the
 * score; then the ends scored in full, their ids and their words' weights.
 */
const PARTS = 7;
let ids = new Int32Array(0);
let parts = new Float64Array(0);
let bound = new Float64Array(0);
let chosen = new Int32Array(0);
let chosenIds = new Int32Array(0);
let weights = new Float64Array(0);

function grow(n: number): void {
  if (bound.length >= n) return;
  const m = Math.max(64, 2 * n);
  ids = new Int32Array(4 * m);
  parts = new Float64Array(PARTS * m);
  bound = new Float64Array(m);
  chosen = new Int32Array(m);
  chosenIds = new Int32Array(4 * m);
  weights = new Float64Array(4 * m);
}

/**
 * The score of end k from its words' weights (w, four from `at`) and its other parts, added in
 * the one order every end's score has always been summed in: ties and the margin read the last
 * bits, so the order is part of the outputs.
 */
function endScore(w: Float64Array, at: number, k: number): number {
  const p = k * PARTS;
  let v = w[at]! + w[at + 1]! + w[at + 2]! + w[at + 3]!;
  v += parts[p]!;
  v += parts[p + 1]!;
  v += parts[p + 2]!;
  v += parts[p + 3]!;
  v += parts[p + 4]!;
  return v + parts[p + 5]! + parts[p + 6]!;
}

/** Rounding between a bound summed in one order and a score summed in another: far below any weight. */
const SLACK = 1e-6;

/**
 * The best end j in (s, sentEnd] (sentEnd: the end of s's sentence) of a content starting at s,
 * with its score in scores.best and the score of end `keep` (the tagger's end) in scores.keep.
 * Each end's score is the sum of endFeatures' weights (test/attribution-end.test.ts checks them):
 * the features over small values read from EndTable, the counts of what the content takes in kept
 * as j grows, the four features of words hashed. Only the ends that may score more than `margin`
 * above `keep` are scored in full: the others are bounded with the largest weight of each word
 * feature's run of slots (EndTable.regionMax), which rules out about nine ends in ten without
 * looking their words up (the look-ups that miss the caches). So the best end is exact whenever it
 * scores more than `margin` above keep; otherwise it is an end that scores at most that (keep, or
 * -1 where keep is outside the sentence). margin -Infinity scores every end. `last` (≤ sentEnd) bounds
 * the ends tried; the features still read the sentence's end.
 */
export function bestEnd(a: ArticleFeatures, cuePrefix: Int32Array, cue: TokSpan, s: number, sentEnd: number, keep: number, model: PackedWeights, scores: { best: number; keep: number }, margin = -Infinity, last = sentEnd): number {
  if (table?.model !== model || table.version !== posTablesVersion()) table = new EndTable(model);
  const { w, regionMax } = table;
  const { word, pos, posCode: code, inQuote, commas: commaCount } = a;
  const n = last - s;
  const mask = model.mask;
  grow(n);
  f15.fill(NaN);
  const first = word[s]!;
  const stem = a.stem[cue.first]!;
  const f16no = hw(model, 16, stem, 0);
  const f16end = hw(model, 16, stem, 1);
  let verbs = 0;
  let ands = 0;
  let quotes = 0;
  let cues = 0;
  // every end: its word features' ids, the other weights, the bound
  for (let j = s + 1, k = 0; j <= last; j++, k++) {
    // token j - 1 joins the content (scanToken)
    const i = j - 1;
    const lastC = code[i]!;
    if (lastC === VERB_CODE || lastC === AUX_CODE) verbs++;
    const lastW = word[i]!;
    if (lastW === H_AND || lastW === H_BUT) ands++;
    if (inQuote[i]! >= 0) quotes++;
    if (cuePrefix[j]! > cuePrefix[i]! && (i === 0 || cuePrefix[i]! === cuePrefix[i - 1]!)) cues++;
    // the features of ending there (endLocalFeatures, endContentFeatures)
    const atEnd = atEndOf(a, j);
    const end2 = atEnd || atEndOf(a, j + 1);
    const nextW = atEnd ? H_END : word[j]!;
    const nextP = atEnd ? H_END : pos[j]!;
    const nextC = atEnd ? END_CODE : code[j]!;
    const next2C = end2 ? END_CODE : code[j + 1]!;
    const nextQuote = !atEnd && inQuote[j]! >= 0 ? 1 : 0;
    const nextCue = !atEnd && cuePrefix[j + 1]! > cuePrefix[j]! ? 1 : 0;
    const len = lenBucket(j - s);
    const rest = lenBucket(sentEnd - j);
    const commas = cap(commaCount[j]! - commaCount[s]!, 3);
    const e = atEnd ? 1 : 0;
    const id = 4 * k;
    const i1 = (ids[id] = mixI(mixI(1, lastW), 0));
    const i3 = (ids[id + 1] = mixI(mixI(3, nextW), 0));
    const i17 = (ids[id + 2] = mixI(mixI(17, nextW), end2 ? H_END : pos[j + 1]!));
    const i18 = (ids[id + 3] = mixI(mixI(18, lastW), nextW));
    const p = k * PARTS;
    const g1 = (parts[p] = w[T2 + lastC]! + w[T4 + nextC]! + w[T5 + lastC * P + nextC]! + w[T6 + nextC * P + next2C]!);
    const g2 = (parts[p + 1] = w[T7 + e * L + len]! + w[T8 + len]! + w[T9 + rest]! + w[T10 + nextC * L + len]!);
    const g3 = (parts[p + 2] = w[T11 + commas * 5 + cap(verbs, 4)]! + w[T12 + cap(ands, 2) * P + nextC]!);
    const g4 = (parts[p + 3] = w[T13 + cap(quotes, 1) * 2 + nextQuote]! + w[T14 + cap(cues, 2) * 2 + nextCue]!);
    const g5 = (parts[p + 4] = w[T19 + commas * P + nextC]! + w[T20 + rest * P + nextC]!);
    // the content's first word and the cue's stem: the same for every end of this content
    let w15 = f15[nextC]!;
    if (w15 !== w15) w15 = f15[nextC] = hw(model, 15, first, nextP);
    const w16 = (parts[p + 6] = atEnd ? f16end : f16no);
    parts[p + 5] = w15;
    bound[k] = g1 + g2 + g3 + g4 + g5 + w15 + w16 +
      regionMax[(i1 & mask) >>> REGION]! + regionMax[(i3 & mask) >>> REGION]! + regionMax[(i17 & mask) >>> REGION]! + regionMax[(i18 & mask) >>> REGION]!;
  }
  // the tagger's end in full, then every end whose bound may beat it by the margin
  let floor = -Infinity;
  scores.keep = -Infinity;
  const kk = keep - s - 1;
  if (kk >= 0 && kk < n) {
    const id = 4 * kk;
    for (let q = 0; q < 4; q++) chosenIds[q] = ids[id + q]!;
    model.oneEach(chosenIds, 4, weights);
    scores.keep = endScore(weights, 0, kk);
    floor = scores.keep + margin - SLACK;
  }
  let m = 0;
  for (let k = 0; k < n; k++) {
    if (!(bound[k]! > floor)) continue;
    chosen[m] = k;
    for (let q = 0; q < 4; q++) chosenIds[4 * m + q] = ids[4 * k + q]!;
    m++;
  }
  model.oneEach(chosenIds, 4 * m, weights);
  let best = -1;
  scores.best = -Infinity;
  for (let c = 0; c < m; c++) {
    const v = endScore(weights, 4 * c, chosen[c]!);
    if (v > scores.best) {
      scores.best = v;
      best = s + 1 + chosen[c]!;
    }
  }
  if (best < 0 && kk >= 0 && kk < n) {
    best = keep;
    scores.best = scores.keep;
  }
  return best;
}
