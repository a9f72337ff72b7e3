/**
 * The frame classifier: a logistic model over whole frames (cue, source, content together) that
 * says how likely a frame the stage built is a whole attribution. Its features read what the
 * taggers cannot see token by token: the cue tagger's max-marginal margin for the cue, what kind
 * of source was found and where, the content's length, kind and first word, other cues in the
 * sentence, cues inside the content. Trained on jackknifed frames of PolNeAR train
 * (scripts/attribution-model-training.ts trainFrameModel).
 */
import type { Range, Token } from '../types.js';
import type { ArticleFeatures } from './features.js';
import { FeatureBuf, strHash, type PackedWeights } from './perceptron.js';

/** What the classifier reads of a frame: token ranges of cue and source, character ranges of the content. */
export interface ScoredFrame {
  cue: { first: number; last: number };
  source: readonly [number, number] | null;
  content: readonly Range[];
  via: string;
}

/** What the classifier reads of the article around a frame. */
export interface FrameScene {
  a: ArticleFeatures;
  /** The cue tagger's margin per token (tagCues' margins); NaN where the tagger did not run. */
  margins: Float64Array;
  /** Prefix counts of the cue tagger's cue tokens (cuePrefixOf). */
  cuePrefix: Int32Array;
  /** Starts of the cue tagger's cues, per sentence count: cueStartPrefix[i] = cue starts before token i. */
  cueStartPrefix: Int32Array;
  kind: (content: readonly Range[]) => 'direct' | 'indirect' | 'mixed';
  known: (first: number, last: number) => boolean;
  /** Whether annotators have put token i's word (with its part of speech) in a cue at least four times (lexicon seenInCues). */
  seen: (i: number) => boolean;
}

/** The first token that ends after `offset` (tokens sorted by start). */
function tokenAt(tokens: readonly Token[], offset: number): number {
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid]!.end <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function bucket(x: number, edges: readonly number[]): number {
  let b = 0;
  while (b < edges.length && x > edges[b]!) b++;
  return b;
}

const MARGIN_EDGES = [-16, -8, -4, -2, 0, 2, 4, 8, 16, 32];
const LEN_EDGES = [1, 2, 4, 8, 16, 32, 64];
const DIST_EDGES = [0, 1, 2, 4, 8, 16];

/** Source kinds: none, a name, a pronoun, a common noun, other. */
function sourceKind(tokens: readonly Token[], s: readonly [number, number] | null): number {
  if (!s) return 0;
  let noun = false;
  let pron = false;
  for (let i = s[0]; i < s[1]; i++) {
    const p = tokens[i]!.pos;
    if (p === 'PROPN') return 1;
    if (p === 'PRON') pron = true;
    if (p === 'NOUN') noun = true;
  }
  return noun ? 3 : pron ? 2 : 4;
}

/** The cue's head: its last verb, noun or adjective, else its last token. */
function headOf(tokens: readonly Token[], first: number, last: number): number {
  for (let i = last - 1; i >= first; i--) {
    const p = tokens[i]!.pos;
    if (p === 'VERB' || p === 'NOUN' || p === 'ADJ') return i;
  }
  return last - 1;
}

const KIND = { direct: 1, indirect: 2, mixed: 3 } as const;

/** The cue's largest margin (NaN where the tagger did not run). */
function cueMargin(margins: Float64Array, first: number, last: number): number {
  let m = -Infinity;
  for (let i = first; i < last; i++) {
    const v = margins[i]!;
    if (v > m) m = v;
  }
  return m;
}

const NEAR_VIA = strHash('learned-near');

/**
 * The features that read the cue alone (its words, margin, sentence), into f after a reset:
 * the first part of frameFeatures, and what a near-miss cue is screened by before the role
 * tagger reads it (nearCueScore).
 */
/** What cueFeatures worked out that frameFeatures reads again: the cue's head token, its margin's bucket, whether it is a known cue. */
interface CueParts {
  h: number;
  mb: number;
  known: number;
}

function cueFeatures(sc: Pick<FrameScene, 'a' | 'margins' | 'cueStartPrefix' | 'known'>, first: number, last: number, via: number, near: boolean, f: FeatureBuf): CueParts {
  const { a } = sc;
  const { tokens } = a;
  f.reset();
  const h = headOf(tokens, first, last);
  const m = cueMargin(sc.margins, first, last);
  const mb = Number.isNaN(m) ? 99 : bucket(m, MARGIN_EDGES);
  const sent = a.sent[first]!;
  const sentCues = sc.cueStartPrefix[a.sentLast[sent]!]! - sc.cueStartPrefix[a.sentFirst[sent]!]!;
  const known = sc.known(first, last) ? 1 : 0;
  f.add(1, 0);
  for (let i = first; i < last && i < first + 4; i++) f.add(2, a.word[i]!);
  f.add(3, a.stem[h]!);
  let posSeq = 0;
  for (let i = first; i < last && i < first + 4; i++) posSeq = posSeq * 31 + a.posCode[i]! + 1;
  f.add(4, posSeq);
  f.add(5, a.wclass[h]!, a.posCode[h]!);
  f.add(6, a.wbits[h]!);
  f.add(7, via);
  f.add(8, mb);
  f.add(19, Math.min(sentCues, 4));
  f.add(25, a.para[first] === 0 ? 1 : 0);
  f.add(28, bucket(last - first, LEN_EDGES));
  f.add(29, a.word[first - 1] ?? 0);
  f.add(30, a.word[last] ?? 0);
  f.add(31, mb, known);
  // a near-miss cue's frame (model.ts nearMissFrames): how far the tagger was from it
  if (near) f.add(35, bucket(m, NEAR_EDGES));
  return { h, mb, known };
}

/**
 * The part of a near-miss cue's score that reads the cue alone (cueFeatures): cues [first, last)
 * whose part is low are not read by the role tagger (attributionStage).
 */
export function nearCueScore(sc: Pick<FrameScene, 'a' | 'margins' | 'cueStartPrefix' | 'known'>, first: number, last: number, model: PackedWeights, f: FeatureBuf): number {
  cueFeatures(sc, first, last, NEAR_VIA, true, f);
  return frameScore(model, f);
}

/** The frame's features into f (hashed; template ids 1 …). */
export function frameFeatures(sc: FrameScene, fr: ScoredFrame, f: FeatureBuf): void {
  const { a } = sc;
  const { tokens } = a;
  const { first, last } = fr.cue;
  const near = fr.via.startsWith('learned-near');
  const via = viaHash(fr.via);
  const { h, mb, known } = cueFeatures(sc, first, last, via, near, f);
  const sk = sourceKind(tokens, fr.source);
  const side = !fr.source ? 0 : fr.source[1] <= first ? 1 : 2;
  const dist = !fr.source ? 0 : side === 1 ? first - fr.source[1] : fr.source[0] - last;
  const kind = KIND[sc.kind(fr.content)];
  // each content range's tokens [from, to): its length, and the cue starts inside it (nested frames that were dropped for this one)
  let cFirst = first;
  let cLast = first;
  let cLen = 0;
  let nested = 0;
  fr.content.forEach((r, k) => {
    const from = tokenAt(tokens, r.start);
    const to = tokenAt(tokens, r.end - 1) + 1;
    if (k === 0) cFirst = from;
    if (k === fr.content.length - 1) cLast = to;
    cLen += to - from;
    nested += sc.cueStartPrefix[to]! - sc.cueStartPrefix[from]!;
  });
  const cSide = cLast <= first ? 1 : cFirst >= last ? 2 : 3;
  const sent = a.sent[first]!;
  const head = a.word[h]!;
  const lenB = bucket(cLen, LEN_EDGES);
  f.add(9, sk, side);
  f.add(10, side, bucket(dist, DIST_EDGES));
  f.add(11, fr.source ? bucket(fr.source[1] - fr.source[0], LEN_EDGES) : 99);
  f.add(12, lenB, kind);
  f.add(13, Math.min(fr.content.length, 4));
  f.add(14, kind, sk);
  f.add(15, a.word[cFirst] ?? 0, cSide);
  f.add(16, a.posCode[cFirst] ?? 0, cSide);
  f.add(17, cSide, kind);
  f.add(18, known, sk);
  f.add(20, Math.min(nested, 3));
  f.add(21, mb, sk);
  f.add(22, mb, kind);
  f.add(23, head, sk);
  f.add(24, head, kind);
  f.add(26, a.sentQuoted[sent]!, kind);
  f.add(27, a.sent[cLast - 1] === sent && a.sent[cFirst] === sent ? 1 : 0, cSide);
  f.add(32, via, sk);
  f.add(33, lenB, sk);
  f.add(34, head, lenB);
  // whether a near-miss cue's word is a cue word at all
  if (near) f.add(36, sc.seen(h) ? 1 : 0, sk);
}

const NEAR_EDGES = [-48, -32, -24, -16, -12, -8, -4, -2];

/** strHash of a frame's `via`, kept: a handful of values. */
const viaHashes = new Map<string, number>();
function viaHash(via: string): number {
  let h = viaHashes.get(via);
  if (h === undefined) viaHashes.set(via, (h = strHash(via)));
  return h;
}

/**
 * The scores of many frames at once (frameScore of each): `ids` holds their features one frame
 * after another, frame k's ending at ends[k]; every weight is looked up in one batch, so that the
 * cache misses of all the frames overlap. Each frame's features are summed in their order, as
 * frameScore sums them. `ids` is scratch (PackedWeights.oneEach overwrites it).
 */
export function frameScores(model: PackedWeights, ids: Int32Array, ends: readonly number[]): number[] {
  const n = ends.length ? ends[ends.length - 1]! : 0;
  if (batchWeights.length < n) batchWeights = new Float64Array(2 * n);
  model.oneEach(ids, n, batchWeights);
  const out: number[] = [];
  let k = 0;
  for (const end of ends) {
    let s = 0;
    for (; k < end; k++) s += batchWeights[k]!;
    out.push(s);
  }
  return out;
}

let batchWeights = new Float64Array(1024);

/** The classifier's score (log-odds that the frame is a whole attribution) of the features in f. */
export function frameScore(model: PackedWeights, f: FeatureBuf): number {
  // the rows of every feature first, then the weights (PackedWeights.oneEach: the cache misses overlap)
  if (scoreIds.length < f.n) {
    scoreIds = new Int32Array(f.n);
    scoreWeights = new Float64Array(f.n);
  }
  for (let k = 0; k < f.n; k++) scoreIds[k] = f.ids[k]!;
  model.oneEach(scoreIds, f.n, scoreWeights);
  let s = 0;
  for (let k = 0; k < f.n; k++) s += scoreWeights[k]!;
  return s;
}

let scoreIds = new Int32Array(64);
let scoreWeights = new Float64Array(64);
