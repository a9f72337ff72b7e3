/**
 * Training the two learned attribution taggers (src/attribution/features.ts) on PolNeAR train:
 * gold cue tokens (O/B/I) for the cue tagger, and for every gold attribution the O/S/C tag of each
 * token in its cue's window for the role tagger. Averaged perceptron, a fixed number of epochs,
 * articles visited in an order drawn from a fixed seed (several runs may be averaged: BAG): the
 * same data gives the same weights.
 */
import type { Range, Token } from '../src/types.js';
import type { GoldAttribution } from '../src/eval/brat.js';
import {
  articleFeatures, CUE_B, CUE_I, extendVerbGroups, ROLE_C, ROLE_S, roleContext, roleWindow, tagCues, tagRoles, TAG_CUE, TAG_START,
  type ArticleFeatures, type TokSpan,
} from '../src/attribution/features.js';
import { FeatureBuf, PackedWeights, Trainer, Weights, type PackedFile } from '../src/attribution/perceptron.js';
import { attributionStage, type FrameProbe } from '../src/attribution/index.js';
import type { AttributionLexicon } from '../src/attribution/lexicon.js';
import type { Resources } from '../src/resources.js';
import { wholeMatches } from '../src/eval/score.js';
import { roleFeaturesFast } from '../src/attribution/compiled.js';
import { contentSentEnd, emptyScan, endFeatures, scanToken } from '../src/attribution/span-end.js';
import { skipped, START_WINDOW, startFeatures } from '../src/attribution/span-start.js';
import type { Quote } from '../src/attribution/quotes.js';
import { rng } from './rng.js';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DATA_DIR } from '../src/data-dir.js';
import type { Doc } from '../src/types.js';
import { parseBrat } from '../src/eval/brat.js';
import { pickAnnotation, polnearArticle } from '../src/eval/polnear.js';
import { textStage } from '../src/text/index.js';
import { tokensStage } from '../src/tokens/index.js';

export interface TrainingDoc {
  a: ArticleFeatures;
  cueGold: Uint8Array;
  cuePrefix: Int32Array;
  /** Gold frames, and (g null, every tag O) cues the cue tagger finds where there is none (jackknifeCues). */
  frames: Array<{ cue: TokSpan; win: TokSpan; tags: Uint8Array; g: GoldAttribution | null }>;
}

const overlaps = (t: Token, rs: readonly Range[] | null): boolean => (rs ?? []).some((r) => t.start < r.end && t.end > r.start);

/** The tokens [first, last) from the first to the last that a gold cue overlaps; first -1 when none does. */
function cueTokens(tokens: readonly Token[], g: GoldAttribution): TokSpan {
  let first = -1;
  let last = -1;
  tokens.forEach((t, i) => {
    if (!overlaps(t, g.cue)) return;
    if (first < 0) first = i;
    last = i + 1;
  });
  return { first, last };
}

/** PolNeAR train, where the training and held-out scripts read it. */
export const TRAIN = join(DATA_DIR, '..', '..', 'shared', 'data', 'polnear', 'train');

/** One annotated PolNeAR train article, read as the stage reads it; `k` its place among the text files (folds are k % 5). */
export interface TrainArticle {
  k: number;
  name: string;
  text: string;
  doc: Doc;
  gold: GoldAttribution[];
}

/** PolNeAR train's annotated articles in file-name order, each with the annotation the eval protocol picks. */
export function* trainArticles(): Generator<TrainArticle> {
  const annFiles = readdirSync(join(TRAIN, 'attributions'));
  const files = readdirSync(join(TRAIN, 'text')).filter((f) => f.endsWith('.txt')).sort();
  for (let k = 0; k < files.length; k++) {
    const name = files[k]!.slice(0, -4);
    const ann = pickAnnotation(name, annFiles);
    if (!ann) continue;
    const text = readFileSync(join(TRAIN, 'text', files[k]!), 'utf8');
    const doc = tokensStage(textStage(polnearArticle(name, text)));
    yield { k, name, text, doc, gold: parseBrat(readFileSync(join(TRAIN, 'attributions', ann), 'utf8')) };
  }
}

/** The number after a command-line flag, or `dflt`. */
export function numArg(name: string, dflt: number): number {
  const k = process.argv.indexOf(name);
  return k >= 0 ? Number(process.argv[k + 1]) : dflt;
}

export function trainingDoc(tokens: readonly Token[], inQuote: Int32Array, quotes: readonly Quote[], nSentences: number, gold: readonly GoldAttribution[]): TrainingDoc {
  const a = articleFeatures(tokens, inQuote, quotes, nSentences);
  const cueGold = new Uint8Array(tokens.length);
  const cues: Array<{ g: GoldAttribution; cue: TokSpan }> = [];
  for (const g of gold) {
    const { first, last } = cueTokens(tokens, g);
    if (first < 0 || g.content.length === 0) continue;
    for (let i = first; i < last; i++) cueGold[i] = i === first || cueGold[i - 1] === 0 ? CUE_B : CUE_I;
    cues.push({ g, cue: { first, last } });
  }
  const d: TrainingDoc = { a, cueGold, cuePrefix: new Int32Array(0), frames: cues.map(({ g, cue }) => ({ g, cue, win: cue, tags: new Uint8Array(0) })) };
  withCues(d, cueGold);
  return d;
}

/**
 * Sets the cues the role tagger reads as "other cues" (and that bound its window) to `mask` (non-zero
 * per cue token), and re-reads each frame's window and gold tags. At run time these are the cue
 * tagger's cues, nested ones included: training on them, rather than on the gold cues, keeps a
 * nested "said" from cutting the outer content short.
 */
export function withCues(d: TrainingDoc, mask: Uint8Array): void {
  const { a } = d;
  const { tokens } = a;
  const cuePrefix = new Int32Array(tokens.length + 1);
  for (let i = 0; i < tokens.length; i++) cuePrefix[i + 1] = cuePrefix[i]! + (mask[i]! > 0 ? 1 : 0);
  d.cuePrefix = cuePrefix;
  for (const fr of d.frames) {
    const { cue, g } = fr;
    const win = roleWindow(a, cue, cuePrefix);
    const tags = new Uint8Array(win.last - win.first);
    for (let i = win.first; i < win.last; i++) {
      if (i >= cue.first && i < cue.last) continue;
      const t = tokens[i]!;
      tags[i - win.first] = !g ? 0 : overlaps(t, g.source) ? ROLE_S : overlaps(t, g.content) ? ROLE_C : 0;
    }
    fr.win = win;
    fr.tags = tags;
  }
}

/**
 * The cue tagger's own cues on every training document, each read by a tagger trained on the other
 * folds (so they err as they will on new text), verb groups completed as at run time, then set as the documents' cues (withCues).
 * Those on no gold cue are added as frames without an attribution (g null), for the confirming tagger.
 */
export function jackknifeCues(docs: readonly TrainingDoc[], folds: number, epochs: number, keep?: PackedFile[], bag: Bag = BAG): void {
  const masks: Uint8Array[] = [];
  const f = new FeatureBuf();
  const out = new Float64Array(3);
  for (let k = 0; k < folds; k++) {
    // packed as shipped, so it tags as the stage does (no cues inside quotes)
    const packed = trainCueTagger(docs.filter((_, i) => i % folds !== k), epochs, true, bag).pack(PRUNE);
    keep?.push(packed);
    const model = PackedWeights.unpack(packed);
    docs.forEach((d, i) => {
      if (i % folds !== k) return;
      const mask = new Uint8Array(d.a.tokens.length);
      const cues = extendVerbGroups(d.a, tagCues(d.a, model, f, out));
      for (const c of cues) mask.fill(1, c.first, c.last);
      masks[i] = mask;
      // cues on no gold cue token: the confirming tagger learns to tag nothing around them
      for (const c of cues) if (d.cueGold.subarray(c.first, c.last).every((x) => x === 0)) d.frames.push({ cue: c, win: c, tags: new Uint8Array(0), g: null });
    });
  }
  docs.forEach((d, i) => withCues(d, masks[i]!));
}

function order(n: number, rand: () => number): number[] {
  const o = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [o[i], o[j]] = [o[j]!, o[i]!];
  }
  return o;
}

export const MODEL_BITS = 20;
/** Weights closer to zero than this are left out of the shipped model. */
export const PRUNE = 0.05;

/**
 * How many times each tagger is trained, each run visiting the articles in another order (run i
 * from seed `seed + 7919 * (first + i)`; run 0 of first 0 is the single run that ships), the runs'
 * averaged weights averaged into one table. One run shipped: three runs averaged were level on
 * held-out folds (docs/attribution.md, eighth session). The held-out script's `--bag K` and
 * `--seed-set S` (first = S * K) train other runs, to read how much a change moves the figures
 * against the spread of retraining alone (up to 0.8 whole F1 on a fold).
 */
export interface Bag {
  runs: number;
  first: number;
}
export const BAG: Bag = { runs: 1, first: 0 };

/** The mean of `bag.runs` weight tables, run i trained by `train(seed + 7919 * (bag.first + i))`. */
function bagged(bag: Bag, seed: number, train: (seed: number) => Weights): Weights {
  if (bag.runs <= 1) return train(seed + 7919 * bag.first);
  let sum: Float64Array | undefined;
  let bits = 0;
  let classes = 0;
  for (let i = 0; i < bag.runs; i++) {
    const w = train(seed + 7919 * (bag.first + i));
    bits = w.bits;
    classes = w.classes;
    sum ??= new Float64Array(w.w.length);
    for (let k = 0; k < w.w.length; k++) sum[k]! += w.w[k]!;
  }
  const mean = Weights.empty(bits, classes);
  for (let k = 0; k < mean.w.length; k++) mean.w[k] = sum![k]! / bag.runs;
  return mean;
}

export function trainCueTagger(docs: readonly TrainingDoc[], epochs: number, quiet = false, bag: Bag = BAG): Weights {
  return bagged(bag, 17, (seed) => {
    const tr = new Trainer(MODEL_BITS, 3);
    const f = new FeatureBuf();
    const out = new Float64Array(3);
    const rand = rng(seed);
    for (let e = 0; e < epochs; e++) {
      for (const k of order(docs.length, rand)) {
        const d = docs[k]!;
        tagCues(d.a, tr, f, out, { gold: d.cueGold, trainer: tr });
      }
      if (!quiet) console.log(`  cue tagger (seed ${seed}) epoch ${e + 1}`);
    }
    return tr.averaged();
  });
}

/**
 * The role tagger, trained as a structured perceptron: each window is decoded whole (tagRoles, Viterbi)
 * and, where the best path and the gold one differ at a token (in its tag or the tag before), the
 * gold token's features are rewarded and the path's penalised. `withFalseCues`: also the frames of
 * the cue tagger's false cues (jackknifeCues), every tag O: the confirming tagger of the second pass
 * (src/attribution/model.ts withSecondPass).
 */
export function trainRoleTagger(docs: readonly TrainingDoc[], epochs: number, withFalseCues = false, bag: Bag = BAG): Weights {
  return bagged(bag, 29, (seed) => roleRun(docs, epochs, withFalseCues, seed));
}

function roleRun(docs: readonly TrainingDoc[], epochs: number, withFalseCues: boolean, seed: number): Weights {
  const tr = new Trainer(MODEL_BITS, 3);
  const f = new FeatureBuf();
  const g = new FeatureBuf();
  const out = new Float64Array(3);
  const rand = rng(seed);
  for (let e = 0; e < epochs; e++) {
    let wrong = 0;
    let total = 0;
    for (const k of order(docs.length, rand)) {
      const d = docs[k]!;
      for (const fr of d.frames) {
        if (!fr.g && !withFalseCues) continue;
        const ctx = roleContext(d.a, fr.cue, d.cuePrefix);
        const guess = tagRoles(d.a, ctx, fr.win, tr, f, out);
        for (let j = 0; j < guess.length; j++) {
          const i = fr.win.first + j;
          if (i >= fr.cue.first && i < fr.cue.last) continue;
          total++;
          const fixed = j === 0 ? TAG_START : i === fr.cue.last ? TAG_CUE : -1;
          const goldPrev = fixed >= 0 ? fixed : fr.tags[j - 1]!;
          const guessPrev = fixed >= 0 ? fixed : guess[j - 1]!;
          const truth = fr.tags[j]!;
          const got = guess[j]!;
          if (truth !== got) wrong++;
          if (truth !== got || goldPrev !== guessPrev) {
            roleFeaturesFast(d.a, ctx, i, goldPrev, g);
            roleFeaturesFast(d.a, ctx, i, guessPrev, f);
            tr.add(g, truth, 1);
            tr.add(f, got, -1);
          }
          tr.c++;
        }
      }
    }
    console.log(`  role tagger (seed ${seed}) epoch ${e + 1}: ${((100 * wrong) / Math.max(total, 1)).toFixed(2)}% tokens wrong`);
  }
  return tr.averaged();
}

export { CUE_B, CUE_I };

/** The end model's table: 2^18 slots of one weight; its epochs. */
export const END_BITS = 18;
export const END_EPOCHS = 8;

/** A gold indirect content after its cue, in one sentence: its first token s and end j (exclusive). */
export interface EndExample {
  a: ArticleFeatures;
  cuePrefix: Int32Array;
  cue: TokSpan;
  s: number;
  j: number;
  sentEnd: number;
}

/** The end model's examples of one training article: its gold contents that start outside quotes after their cue and end in that sentence. */
export function endExamples(tokens: readonly Token[], a: ArticleFeatures, gold: readonly GoldAttribution[]): EndExample[] {
  const cueMask = new Uint8Array(tokens.length);
  const cues: Array<{ cue: TokSpan; r: Range }> = [];
  for (const g of gold) {
    const { first, last } = cueTokens(tokens, g);
    if (first < 0) continue;
    cueMask.fill(1, first, last);
    const r = g.content[g.content.length - 1];
    if (r) cues.push({ cue: { first, last }, r });
  }
  const cuePrefix = new Int32Array(tokens.length + 1);
  for (let i = 0; i < tokens.length; i++) cuePrefix[i + 1] = cuePrefix[i]! + cueMask[i]!;
  const found: EndExample[] = [];
  for (const { cue, r } of cues) {
    const s = tokens.findIndex((t) => t.start === r.start);
    if (s < cue.last || a.inQuote[s]! >= 0) continue;
    const sentEnd = contentSentEnd(a, s);
    let j = -1;
    for (let k = s + 1; k <= sentEnd; k++) if (tokens[k - 1]!.end === r.end) j = k;
    if (j > 0) found.push({ a, cuePrefix, cue, s, j, sentEnd });
  }
  return found;
}

/**
 * A ranking perceptron (the end and start models): `each` fills f with every candidate's features
 * in turn and calls `visit` with the candidate after each; the gold candidate's features are
 * rewarded and the best-scoring wrong one's penalised; averaged. Examples are visited in an order
 * drawn from `seed`.
 */
function trainRanker<X>(
  examples: readonly X[], epochs: number, bits: number, seed: number, gold: (x: X) => number,
  each: (x: X, f: FeatureBuf, visit: (candidate: number) => void) => void,
): Weights {
  const tr = new Trainer(bits, 1);
  const f = new FeatureBuf();
  const g = new FeatureBuf();
  const b = new FeatureBuf();
  const out = new Float64Array(1);
  const copy = (to: FeatureBuf): void => {
    to.reset();
    for (let q = 0; q < f.n; q++) to.ids[to.n++] = f.ids[q]!;
  };
  const rand = rng(seed);
  for (let e = 0; e < epochs; e++) {
    for (const k of order(examples.length, rand)) {
      const x = examples[k]!;
      const want = gold(x);
      let best = -1;
      let bestV = -Infinity;
      each(x, f, (c) => {
        tr.best(f, out);
        if (out[0]! > bestV) {
          bestV = out[0]!;
          best = c;
          copy(b);
        }
        if (c === want) copy(g);
      });
      if (best !== want) {
        tr.add(g, 0, 1);
        tr.add(b, 0, -1);
      }
      tr.c++;
    }
  }
  return tr.averaged();
}

/** The end model (src/attribution/span-end.ts): a ranking perceptron over each example's candidate ends. */
export function trainEndModel(examples: readonly EndExample[], epochs: number): Weights {
  return trainRanker(examples, epochs, END_BITS, 23, (x) => x.j, (x, f, visit) => {
    const scan = emptyScan();
    for (let j = x.s + 1; j <= x.sentEnd; j++) {
      scanToken(x.a, x.cuePrefix, scan, j - 1);
      endFeatures(x.a, x.cuePrefix, x.cue, x.s, j, x.sentEnd, scan, f);
      visit(j);
    }
  });
}

export const START_BITS = 18;
export const START_EPOCHS = 8;

/** A gold indirect content after its cue for the start model: its cue, the candidates [lo, hi) and its first token s. */
export interface StartExample {
  a: ArticleFeatures;
  cue: TokSpan;
  lo: number;
  hi: number;
  s: number;
}

/**
 * The gold contents whose first range starts after their cue, outside quotes, within START_WINDOW
 * tokens of it: candidates from the token after the cue (after the source, where the source comes
 * after the cue) up to the window or the content's last token.
 */
export function startExamples(tokens: readonly Token[], a: ArticleFeatures, gold: readonly GoldAttribution[]): StartExample[] {
  const found: StartExample[] = [];
  for (const g of gold) {
    const cue = cueTokens(tokens, g);
    const r = g.content[0];
    if (cue.first < 0 || !r) continue;
    const s = tokens.findIndex((t) => t.start === r.start);
    if (s < cue.last || s >= cue.last + START_WINDOW || a.inQuote[s]! >= 0 || a.para[s] !== a.para[cue.last]) continue;
    let lo = cue.last;
    for (const src of g.source ?? []) {
      if (src.start < tokens[cue.last - 1]!.end) continue;
      let k = lo;
      while (k < tokens.length && tokens[k]!.start < src.end) k++;
      lo = Math.max(lo, k);
    }
    if (s < lo) continue;
    let e = s;
    while (e < tokens.length && tokens[e]!.end <= r.end) e++;
    const hi = Math.min(cue.last + START_WINDOW, e);
    if (s < hi) found.push({ a, cue, lo, hi, s });
  }
  return found;
}

/** The start model (src/attribution/span-start.ts): a ranking perceptron over each example's candidate starts. */
export function trainStartModel(examples: readonly StartExample[], epochs: number): Weights {
  return trainRanker(examples, epochs, START_BITS, 29, (x) => x.s, (x, f, visit) => {
    for (let c = x.lo; c < x.hi; c++) {
      startFeatures(x.a, x.cue, x.lo, c, c > x.lo ? skipped(x.a.tokens, x.lo, c) : 0, f);
      visit(c);
    }
  });
}

/** One frame the stage output on a training article: the classifier's feature ids, and whether it is a whole attribution. */
export interface FrameExample {
  ids: Uint32Array;
  y: number;
  /** A near-miss cue's frame (src/attribution/model.ts nearMissFrames). */
  near: boolean;
}

/**
 * The frame classifier's examples: every frame the stage outputs on each article, read with the
 * taggers of the jackknife fold that did not train on it (article i: cue[i % folds], role[i % folds]),
 * with the shipped end and start models (`spans`), labelled by the whole-attribution matching of the
 * eval protocol.
 */
export function frameExamples(
  arts: ReadonlyArray<{ doc: Doc; gold: GoldAttribution[] }>, cue: readonly PackedFile[], role: readonly PackedFile[], spans: { end?: PackedWeights | undefined; start?: PackedWeights | undefined; near?: { bound: number; threshold: number } | undefined }, lex: AttributionLexicon,
): FrameExample[] {
  const folds = cue.length;
  const lexes = cue.map((c, k) => ({ ...lex, model: { cue: PackedWeights.unpack(c), role: PackedWeights.unpack(role[k]!), ...(spans.end ? { end: spans.end } : {}), ...(spans.start ? { start: spans.start } : {}), ...(spans.near ? { near: spans.near } : {}) } }));
  const found: FrameExample[] = [];
  arts.forEach(({ doc, gold }, i) => {
    const probe: FrameProbe = { ids: [], scores: [] };
    const pred = attributionStage(doc, { attribution: lexes[i % folds]! } as unknown as Resources, probe).attributions;
    const hit = wholeMatches(doc.article.text, gold, pred);
    pred.forEach((p, k) => found.push({ ids: probe.ids[k]!, y: hit[k] ? 1 : 0, near: p.via.startsWith('learned-near') }));
  });
  return found;
}

export const FRAME_BITS = 18;
export const FRAME_EPOCHS = 10;
/**
 * Runs of the frame classifier's SGD, each visiting the examples in its own order, averaged
 * (`attribution-heldout.js --frame-runs K`). One run's weights moved with any small change to its
 * examples enough to shift a held-out fold's kept frames by 100-180 and its whole F1 by ±0.3;
 * averaged over five, the same changes read the same way on two seed sets of the taggers (tenth
 * session, docs/attribution.md). Held-out whole F1 on main is level either way.
 */
export const FRAME_RUNS = 5;
/** Weights closer to zero than this are left out of the frame classifier. */
export const FRAME_PRUNE = 0.001;
/**
 * The log-odds under which the stage drops a frame (about 15 %): chosen on held-out folds 0-2
 * (docs/attribution.md); a frame dropped raises the whole F1 when it is right less often than F1 / 2.
 */
export const FRAME_THRESHOLD = -1.75;

/**
 * One epoch's order of the frame classifier's examples: the near-miss frames, shuffled on their
 * own, spread evenly through the shuffled others, so that adding them leaves the order of the
 * others as it was without them.
 */
function epochOrder(plain: readonly FrameExample[], near: readonly FrameExample[], rand: () => number, randNear: () => number): FrameExample[] {
  const po = order(plain.length, rand);
  const no = near.length > 0 ? order(near.length, randNear) : [];
  const out: FrameExample[] = [];
  let j = 0;
  po.forEach((k, i) => {
    out.push(plain[k]!);
    while (j < no.length && Math.floor(((j + 1) * plain.length) / (no.length + 1)) <= i + 1) out.push(near[no[j++]!]!);
  });
  while (j < no.length) out.push(near[no[j++]!]!);
  return out;
}

/**
 * Near-miss cues (src/attribution/model.ts nearMissFrames): verbs, nouns and adjectives whose margin
 * lies within NEAR_BOUND of the cue tagger's path; their frames are kept where the classifier
 * scores them at least NEAR_THRESHOLD, and the role tagger reads only those whose cue alone scores
 * at least `screen` (frame-score.ts nearCueScore). Chosen on held-out folds 0-2 (docs/attribution.md);
 * the screen at -0.5 rather than -1 halves the role tagger's runs on candidates for 0.18 less whole
 * F1 summed over the three folds, so that the one-thread bench keeps its speed.
 */
export const NEAR = { bound: 64, threshold: -1, screen: -0.5 } as const;

/** The frame classifier: logistic regression over hashed features, SGD in a fixed order, step shrinking by epoch, light L2. */
export function trainFrameModel(examples: readonly FrameExample[], epochs: number, runs = FRAME_RUNS): Weights {
  const mask = (1 << FRAME_BITS) - 1;
  const sum = new Float64Array(1 << FRAME_BITS);
  const L2 = 1e-5;
  const plain = examples.filter((x) => !x.near);
  const near = examples.filter((x) => x.near);
  for (let r = 0; r < runs; r++) {
    const w = new Float64Array(1 << FRAME_BITS);
    const rand = rng(31 + 7919 * r);
    const randNear = rng(37 + 7919 * r);
    for (let e = 0; e < epochs; e++) {
      const lr = 0.1 / (1 + e);
      for (const x of epochOrder(plain, near, rand, randNear)) {
        let z = 0;
        for (const id of x.ids) z += w[id & mask]!;
        const p = 1 / (1 + Math.exp(-z));
        const g = lr * (x.y - p);
        for (const id of x.ids) w[id & mask] = w[id & mask]! * (1 - lr * L2) + g;
      }
    }
    for (let i = 0; i < w.length; i++) sum[i] = sum[i]! + w[i]! / runs;
  }
  return new Weights(FRAME_BITS, 1, Float32Array.from(sum));
}
