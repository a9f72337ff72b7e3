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

/** The end of a content starting at s as the end model reads it: its sentence's end, or an earlier paragraph break. */
export function contentSentEnd(a: ArticleFeatures, s: number): number {
  const t = a.tokens[s]!;
  const end = a.sentLast[t.sent]!;
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
const atEndOf = (a: ArticleFeatures, j: number): boolean => j >= a.sentLast[a.tokens[j - 1]!.sent]! || a.tokens[j]!.para !== a.tokens[j - 1]!.para;

/**
 * The features of end j that read only the words around it, the same for every content that may
 * end there (endScores caches their score per article).
 */
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

/**
 * The end model's weights of the features over small values (parts of speech, lengths, counts),
 * looked up by those values instead of hashed; filled on first use (NaN: not yet read).
 */
class EndTables {
  readonly t = [2, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 19, 20].map(() => new Float64Array(P * P).fill(NaN));
  constructor(readonly model: PackedWeights) {}
  /** Weight of feature (template, x, y), cached in table k at slot i. */
  w(k: number, i: number, template: number, x: number, y: number): number {
    const tab = this.t[k]!;
    let v = tab[i]!;
    if (v !== v) {
      v = tab[i] = this.model.one(mixI(mixI(template, x), y));
    }
    return v;
  }
}

let tables: EndTables | null = null;

/** Hashed weight of feature (template, x, y). */
const hw = (m: PackedWeights, template: number, x: number, y: number): number => m.one(mixI(mixI(template, x), y));

/**
 * The score of ending content [s, j) as the sum of endFeatures' weights gives it (summed in another
 * order), with the features over small values read from EndTables: about four times as fast.
 */
function endScore(a: ArticleFeatures, cuePrefix: Int32Array, s: number, j: number, sentEnd: number, scan: EndScan, m: PackedWeights, tb: EndTables, f15: Float64Array, f16: readonly [number, number]): number {
  const atEnd = atEndOf(a, j);
  const end2 = atEnd || atEndOf(a, j + 1);
  const lastW = a.word[j - 1]!;
  const lastP = a.pos[j - 1]!;
  const lastC = a.posCode[j - 1]!;
  const nextW = atEnd ? H_END : a.word[j]!;
  const nextP = atEnd ? H_END : a.pos[j]!;
  const nextC = atEnd ? END_CODE : a.posCode[j]!;
  const next2P = end2 ? H_END : a.pos[j + 1]!;
  const next2C = end2 ? END_CODE : a.posCode[j + 1]!;
  const nextQuote = !atEnd && a.inQuote[j]! >= 0 ? 1 : 0;
  const nextCue = !atEnd && cuePrefix[j + 1]! > cuePrefix[j]! ? 1 : 0;
  const len = lenBucket(j - s);
  const rest = lenBucket(sentEnd - j);
  const commas = cap(scan.commas, 3);
  const ands = cap(scan.ands, 2);
  const quotes = cap(scan.quotes, 1);
  const cues = cap(scan.cues, 2);
  const e = atEnd ? 1 : 0;
  let v = hw(m, 1, lastW, 0) + hw(m, 3, nextW, 0) + hw(m, 17, nextW, next2P) + hw(m, 18, lastW, nextW);
  v += tb.w(0, lastC, 2, lastP, 0) + tb.w(1, nextC, 4, nextP, 0) + tb.w(2, lastC * P + nextC, 5, lastP, nextP) + tb.w(3, nextC * P + next2C, 6, nextP, next2P);
  v += tb.w(4, e * P + len, 7, e, len) + tb.w(5, len, 8, len, 0) + tb.w(6, rest, 9, rest, 0) + tb.w(7, nextC * P + len, 10, nextP, len);
  v += tb.w(8, commas * P + cap(scan.verbs, 4), 11, commas, cap(scan.verbs, 4)) + tb.w(9, ands * P + nextC, 12, ands, nextP);
  v += tb.w(10, quotes * P + nextQuote, 13, quotes, nextQuote) + tb.w(11, cues * P + nextCue, 14, cues, nextCue);
  v += tb.w(12, commas * P + nextC, 19, commas, nextP) + tb.w(13, rest * P + nextC, 20, rest, nextP);
  // the content's first word and the cue's stem: the same for every end of this content
  let w15 = f15[nextC]!;
  if (w15 !== w15) w15 = f15[nextC] = hw(m, 15, a.word[s]!, nextP);
  return v + w15 + f16[e]!;
}

const f15 = new Float64Array(P);

/**
 * The best end j in (s, sentEnd] (sentEnd: the end of s's sentence) of a content starting at s,
 * with its score in scores.best and the score of end `keep` (the tagger's end, scored as a
 * candidate too) in scores.keep: returns the best end.
 */
export function bestEnd(a: ArticleFeatures, cuePrefix: Int32Array, cue: TokSpan, s: number, sentEnd: number, keep: number, model: PackedWeights, scores: { best: number; keep: number }): number {
  if (tables?.model !== model) tables = new EndTables(model);
  f15.fill(NaN);
  const f16: [number, number] = [hw(model, 16, a.stem[cue.first]!, 0), hw(model, 16, a.stem[cue.first]!, 1)];
  const scan = emptyScan();
  let best = -1;
  scores.best = -Infinity;
  scores.keep = -Infinity;
  for (let j = s + 1; j <= sentEnd; j++) {
    scanToken(a, cuePrefix, scan, j - 1);
    const v = endScore(a, cuePrefix, s, j, sentEnd, scan, model, tables, f15, f16);
    if (j === keep) scores.keep = v;
    if (v > scores.best) {
      scores.best = v;
      best = j;
    }
  }
  return best;
}
