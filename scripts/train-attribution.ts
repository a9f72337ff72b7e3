/**
 * `npm run train`: rebuilds data/attribution/cues.learned.json from PolNeAR train
 * (../shared/data/polnear/train) — for each word (lower-cased, with a coarse part of speech from our
 * own tokeniser) how often annotators put it inside a Cue, and the multi-word cue phrases they use
 * with how often each phrase, where it occurs, is a cue. Counts only: no PolNeAR text is written.
 * Deterministic: files are read in sorted order and keys are written sorted.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DATA_DIR } from '../src/data-dir.js';
import { posClass, type LearnedCues } from '../src/attribution/lexicon.js';
import type { Token } from '../src/types.js';
import { pairQuotes } from '../src/attribution/quotes.js';
import { quoteIndex } from '../src/attribution/index.js';
import { MODEL_FILE, type ModelFile } from '../src/attribution/model.js';
import {
  END_EPOCHS, endExamples, FRAME_EPOCHS, FRAME_PRUNE, FRAME_THRESHOLD, frameExamples, jackknifeCues, NEAR, PRUNE, START_EPOCHS, startExamples, trainCueTagger, trainEndModel, trainFrameModel,
  trainStartModel, trainingDoc, trainArticles, trainRoleTagger, type EndExample, type StartExample, type TrainingDoc,
} from './attribution-model-training.js';
import { PackedWeights, type PackedFile } from '../src/attribution/perceptron.js';
import { loadAttributionLexicon } from '../src/attribution/lexicon.js';
import type { Doc } from '../src/types.js';
import type { GoldAttribution } from '../src/eval/brat.js';

const MIN_CUE = 3;
const MAX_PHRASE = 5;

const words = new Map<string, [number, number]>(); // key -> [in cue, total]
const phraseCue = new Map<string, number>();
const articles: Token[][] = [];
const docs: TrainingDoc[] = [];
const ends: EndExample[] = [];
const starts: StartExample[] = [];
const arts: Array<{ doc: Doc; gold: GoldAttribution[] }> = [];

for (const { text, doc, gold } of trainArticles()) {
  const { tokens } = doc;
  articles.push(tokens);
  const quotes = pairQuotes(text, doc.paragraphs);
  const td = trainingDoc(tokens, quoteIndex(doc, quotes), quotes, doc.sentences.length, gold);
  docs.push(td);
  arts.push({ doc, gold });
  ends.push(...endExamples(tokens, td.a, gold));
  starts.push(...startExamples(tokens, td.a, gold));
  const inCue = new Uint8Array(text.length);
  for (const g of gold) {
    for (const r of g.cue ?? []) inCue.fill(1, r.start, r.end);
    // The cue's own token sequence, when it is several words.
    for (const r of g.cue ?? []) {
      const seq = tokens.filter((t) => t.start >= r.start && t.end <= r.end).map((t) => t.norm);
      if (seq.length >= 2 && seq.length <= MAX_PHRASE) phraseCue.set(seq.join(' '), (phraseCue.get(seq.join(' ')) ?? 0) + 1);
    }
  }
  for (const t of tokens) {
    const key = `${t.norm}/${posClass(t.pos)}`;
    const c = words.get(key) ?? [0, 0];
    c[1]++;
    if (inCue[t.start]) c[0]++;
    words.set(key, c);
  }
}

// How often each frequent cue phrase occurs at all (as a token sequence), for its precision.
const phrases = [...phraseCue].filter(([, n]) => n >= MIN_CUE).map(([p]) => p);
const phraseTotal = new Map<string, number>(phrases.map((p) => [p, 0]));
const byFirst = new Map<string, string[][]>();
for (const p of phrases) {
  const seq = p.split(' ');
  byFirst.set(seq[0]!, [...(byFirst.get(seq[0]!) ?? []), seq]);
}
for (const tokens of articles) {
  tokens.forEach((t, i) => {
    for (const seq of byFirst.get(t.norm) ?? []) {
      if (seq.every((w, k) => tokens[i + k]?.norm === w)) phraseTotal.set(seq.join(' '), phraseTotal.get(seq.join(' '))! + 1);
    }
  });
}

const out: LearnedCues = {
  _about:
    'Learned by scripts/train-attribution.ts from PolNeAR train (Newell, Margolin & Ruths 2018; its README states no licence, so only counts are kept): per word/POS-class, [times inside a Cue, times seen]; per multi-word cue phrase, [times a Cue, times seen]. Counts only.',
  words: Object.fromEntries([...words].filter(([, c]) => c[0] >= MIN_CUE).sort(([a], [b]) => (a < b ? -1 : 1))),
  phrases: Object.fromEntries(phrases.sort().map((p) => [p, [phraseCue.get(p)!, phraseTotal.get(p)!] as [number, number]])),
};
writeFileSync(join(DATA_DIR, 'attribution', 'cues.learned.json'), `${JSON.stringify(out, null, 1)}\n`);
console.log(`${articles.length} articles; ${Object.keys(out.words).length} cue words, ${Object.keys(out.phrases).length} cue phrases`);

// The learned taggers (src/attribution/features.ts): weights only, hashed features, no text.
const EPOCHS = 6;
const FOLDS = 4;
const cueTagger = trainCueTagger(docs, EPOCHS);
// the role tagger learns with the cues the cue tagger will give it, nested ones included
const foldCues: PackedFile[] = [];
jackknifeCues(docs, FOLDS, EPOCHS, foldCues);
const roleTagger = trainRoleTagger(docs, EPOCHS);
// No confirming tagger for the second pass (src/attribution/model.ts withSecondPass): with the cue
// tagger's whole-sentence decoding, its frames lower the held-out whole F1 at every margin tried.
// The end point of an indirect content (src/attribution/span-end.ts), from the gold contents alone.
const endModel = trainEndModel(ends, END_EPOCHS);
const end = endModel.pack(PRUNE);
// and its start point (src/attribution/span-start.ts), likewise
const start = trainStartModel(starts, START_EPOCHS).pack(PRUNE);
// The frame classifier (src/attribution/frame-score.ts), on every frame the stage outputs on each
// training article with the jackknife fold's taggers (a role tagger trained on the other folds too).
const foldRoles = Array.from({ length: FOLDS }, (_, k) => trainRoleTagger(docs.filter((_, i) => i % FOLDS !== k), EPOCHS).pack(PRUNE));
// the lexicon as just written (cues.learned.json); frameExamples gives it each fold's taggers
// with the frames of near-miss cues (src/attribution/model.ts nearMissFrames), labelled as the others
const examples = frameExamples(arts, foldCues, foldRoles, { end: PackedWeights.unpack(end), start: PackedWeights.unpack(start), near: { ...NEAR } }, loadAttributionLexicon());
const nearOnes = examples.filter((x) => x.near);
console.log(`frame classifier: ${examples.length} frames, ${examples.filter((x) => x.y === 1).length} whole; ${nearOnes.length} of near-miss cues, ${nearOnes.filter((x) => x.y === 1).length} whole`);
const frameModel = trainFrameModel(examples, FRAME_EPOCHS);
const model: ModelFile = {
  _about:
    'Averaged-perceptron weights learned by scripts/train-attribution.ts from PolNeAR train: a cue tagger (O/B/I per token, best sequence per sentence), a role tagger (O/source/content per token around a cue), rankers of the end and start points of indirect contents and a classifier of whole frames (frameThreshold: the score under which a frame is dropped; near: how near-miss cues are tried and kept), over hashed features (src/attribution/features.ts, span-end.ts, span-start.ts, frame-score.ts). Weights only; no text.',
  cue: cueTagger.pack(PRUNE),
  role: roleTagger.pack(PRUNE),
  end,
  start,
  frame: frameModel.pack(FRAME_PRUNE),
  frameThreshold: FRAME_THRESHOLD,
  near: { ...NEAR },
};
writeFileSync(join(DATA_DIR, 'attribution', MODEL_FILE), `${JSON.stringify(model)}\n`);
console.log(`model: ${MODEL_FILE} written`);
