/**
 * `node dist/scripts/attribution-heldout.js [--fold K] [--errors N]`: trains the attribution taggers
 * as `npm run train:attribution` does, on four fifths of PolNeAR train, and scores the stage on the
 * other fifth (every fifth article from K), so that choices are made without reading dev. Prints
 * the figures as `wiretrace eval polnear` does; `--errors N` first prints gold against predicted
 * content for N held-out attributions whose content was not found exactly. `--cache FILE` reads the
 * fold's weights from FILE when it exists, or writes them there after training (for trying run-time
 * changes without training again; a change to training needs a new file). `--second-pass`: with
 * the second pass's confirming tagger (not shipped). The end and start models train on gold contents in
 * seconds and are trained on every run; `--no-start` leaves the start model out.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { GoldAttribution } from '../src/eval/brat.js';
import { emptyCorpusTally, figures, scoreArticle } from '../src/eval/score.js';
import { formatEval } from '../src/eval/format.js';
import { sameChars, trimmedChars } from '../src/eval/protocol.js';
import { pairQuotes } from '../src/attribution/quotes.js';
import { attributionStage, quoteIndex } from '../src/attribution/index.js';
import { loadAttributionLexicon, posClass } from '../src/attribution/lexicon.js';
import { PackedWeights, type PackedFile } from '../src/attribution/perceptron.js';
import type { Doc } from '../src/types.js';
import type { Resources } from '../src/resources.js';
import { END_EPOCHS, endExamples, jackknifeCues, PRUNE, START_EPOCHS, startExamples, trainCueTagger, trainEndModel, trainStartModel, trainingDoc, trainRoleTagger, numArg, trainArticles, type TrainingDoc } from './attribution-model-training.js';
import { articleFeatures } from '../src/attribution/features.js';


const fold = numArg('--fold', 0);
const errors = numArg('--errors', 0);
const EPOCHS = 6;
const cacheAt = process.argv.indexOf('--cache');
const cache = cacheAt >= 0 ? process.argv[cacheAt + 1] : undefined;
const cached = cache !== undefined && existsSync(cache);

/** "word/C" -> times inside a gold cue, over the four fifths trained on (as scripts/train-attribution.ts counts them). */
const inCue = new Map<string, number>();
function countCueWords(doc: Doc, gold: readonly GoldAttribution[]): void {
  const mark = new Uint8Array(doc.article.text.length);
  for (const g of gold) for (const r of g.cue ?? []) mark.fill(1, r.start, r.end);
  for (const t of doc.tokens) {
    const key = `${t.norm}/${posClass(t.pos)}`;
    if (mark[t.start]) inCue.set(key, (inCue.get(key) ?? 0) + 1);
  }
}

const ends: ReturnType<typeof endExamples> = [];
const starts: ReturnType<typeof startExamples> = [];
const fit: TrainingDoc[] = [];
const held: Array<{ doc: Doc; gold: GoldAttribution[] }> = [];
for (const { k, text, doc, gold } of trainArticles()) {
  if (k % 5 !== fold) {
    countCueWords(doc, gold);
    const quotes = pairQuotes(text, doc.paragraphs);
    const af = articleFeatures(doc.tokens, quoteIndex(doc, quotes), quotes, doc.sentences.length);
    ends.push(...endExamples(doc.tokens, af, gold));
    starts.push(...startExamples(doc.tokens, af, gold));
  }
  if (k % 5 === fold) held.push({ doc, gold });
  else if (!cached) {
    const quotes = pairQuotes(text, doc.paragraphs);
    fit.push(trainingDoc(doc.tokens, quoteIndex(doc, quotes), quotes, doc.sentences.length, gold));
  }
}
// `--second-pass`: also the confirming tagger of the second pass (model.ts withSecondPass), which
// the shipped model leaves out since the cue tagger decodes whole sentences (docs/attribution.md)
const second = process.argv.includes('--second-pass');
let weights: { cue: PackedFile; role: PackedFile; confirm?: PackedFile };
if (cache && cached) weights = JSON.parse(readFileSync(cache, 'utf8')) as typeof weights;
else {
  const cueW = trainCueTagger(fit, EPOCHS).pack(PRUNE);
  jackknifeCues(fit, 4, EPOCHS);
  weights = { cue: cueW, role: trainRoleTagger(fit, EPOCHS).pack(PRUNE), ...(second ? { confirm: trainRoleTagger(fit, EPOCHS, true).pack(PRUNE) } : {}) };
  if (cache) writeFileSync(cache, JSON.stringify(weights));
}
const { cue, role, confirm } = weights;
// the second pass's words (at least wordMinCue = 4 times in a cue) from the four fifths only; the rest of the lexicon is the shipped one
const shipped = loadAttributionLexicon();
const seenInCues = new Set([...inCue].filter(([, n]) => n >= 4).map(([key]) => key));
// the end model trains on gold contents only, in seconds: always trained here, never cached
const end = PackedWeights.unpack(trainEndModel(ends, END_EPOCHS).pack(PRUNE));
// so is the start model (`--no-start`: without it)
const start = process.argv.includes('--no-start') ? undefined : PackedWeights.unpack(trainStartModel(starts, START_EPOCHS).pack(PRUNE));
const lex = { ...shipped, seenInCues, model: { cue: PackedWeights.unpack(cue), role: PackedWeights.unpack(role), ...(second && confirm ? { confirm: PackedWeights.unpack(confirm) } : {}), end, ...(start ? { start } : {}) } };
// the attribution stage reads only the lexicon of the resources (no knowledge base needed here)
const res = { attribution: lex } as unknown as Resources;
const tally = emptyCorpusTally();
let shown = 0;
for (const { doc, gold } of held) {
  const text = doc.article.text;
  const pred = attributionStage(doc, res).attributions;
  scoreArticle(tally, text, gold, pred);
  for (const g of gold) {
    const c0 = g.cue?.[0];
    if (shown >= errors || !c0 || g.content.length === 0) continue;
    const p = pred.find((x) => x.cue.start < c0.end && x.cue.end > c0.start);
    if (!p || sameChars(trimmedChars(text, g.content), trimmedChars(text, p.content))) continue;
    shown++;
    const show = (rs: readonly { start: number; end: number }[]): string => rs.map((r) => text.slice(r.start, r.end)).join(' … ');
    console.log(`--- ${doc.article.source}: cue «${p.cue.text}»\n  gold «${show(g.content)}»\n  pred «${show(p.content)}»`);
  }
}
console.log(formatEval({ ...figures(tally), unannotated: 0 }));
