/**
 * The start model of indirect contents (src/attribution/span-start.ts): its batched scorer against
 * the sum of its features' weights (startFeatures, which training reads), and what it changes in
 * the stage's output on sentences written for these tests.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readArticle } from '../src/ingest/index.js';
import { textStage } from '../src/text/index.js';
import { tokensStage } from '../src/tokens/index.js';
import { pairQuotes } from '../src/attribution/quotes.js';
import { attributionStage, quoteIndex } from '../src/attribution/index.js';
import { articleFeatures, type ArticleFeatures } from '../src/attribution/features.js';
import { MODEL_FILE } from '../src/attribution/model.js';
import { modelSchema } from '../src/attribution/schema.js';
import { bestStart, skipped, START_WINDOW, startFeatures } from '../src/attribution/span-start.js';
import { FeatureBuf, PackedWeights } from '../src/attribution/perceptron.js';
import { loadAttributionLexicon } from '../src/attribution/lexicon.js';
import { DATA_DIR } from '../src/data-dir.js';
import type { Resources } from '../src/resources.js';

const file = modelSchema.parse(JSON.parse(readFileSync(join(DATA_DIR, 'attribution', MODEL_FILE), 'utf8')));
const start = file.start ? PackedWeights.unpack(file.start) : null;

function features(body: string): ArticleFeatures {
  const { article } = readArticle(body);
  const doc = tokensStage(textStage(article));
  const quotes = pairQuotes(article.text, doc.paragraphs);
  return articleFeatures(doc.tokens, quoteIndex(doc, quotes), quotes, doc.sentences.length);
}

test('the start model scores each start as the sum of its features', { skip: !start }, () => {
  const a = features(
    'Ferry strike\n\nThe harbour master told reporters on Tuesday that the northern quay would reopen in May. Ms. Okafor assured them the timetable would not change, and the union urged its members to reject the offer.',
  );
  const f = new FeatureBuf();
  const out = new Float64Array(1);
  const scores = { best: 0, keep: 0 };
  let checked = 0;
  for (let i = 0; i + 2 < a.tokens.length; i++) {
    if (a.tokens[i]!.pos !== 'VERB') continue;
    const cue = { first: i, last: i + 1 };
    const hi = Math.min(cue.last + START_WINDOW, a.sentLast[a.sent[i]!]!);
    if (hi <= cue.last + 1) continue;
    let best = -1;
    let bestV = -Infinity;
    for (let c = cue.last; c < hi; c++) {
      startFeatures(a, cue, cue.last, c, skipped(a.tokens, cue.last, c), f);
      start!.score(f, out);
      if (out[0]! > bestV) {
        bestV = out[0]!;
        best = c;
      }
      // the batched scorer gives the same score to the start it is told is the tagger's
      const got = bestStart(a, cue, cue.last, hi, c, start!, scores);
      assert.equal(scores.keep, out[0]);
      assert.ok(got >= cue.last && got < hi);
      checked++;
    }
    assert.equal(bestStart(a, cue, cue.last, hi, -1, start!, scores), best);
    assert.equal(scores.best, bestV);
  }
  assert.ok(checked > 20, `only ${checked} starts checked`);
});

test('the start model leaves out the addressee of "told", "assured", "reminded" and takes in the subject the tagger skipped', { skip: !start }, () => {
  const lex = loadAttributionLexicon();
  const contents = (body: string, withStart: boolean): string[] => {
    const { article } = readArticle(body);
    const model = lex.model && !withStart ? { ...lex.model, start: undefined } : lex.model;
    const res = { attribution: { ...lex, model } } as unknown as Resources;
    const doc = attributionStage(tokensStage(textStage(article)), res);
    return doc.attributions.map((x) => x.content.map((c) => c.text).join(' … '));
  };
  const rows: Array<[string, string, string]> = [
    ['Ms. Okafor assured them the ferry timetable would not change this winter.', 'them the ferry timetable would not change this winter', 'the ferry timetable would not change this winter'],
    ['The spokeswoman reminded journalists that the talks were confidential.', 'journalists that the talks were confidential', 'that the talks were confidential'],
    ['Councillor Brandt told residents the new tram line would be delayed by two years.', 'would be delayed by two years', 'the new tram line would be delayed by two years'],
  ];
  for (const [sentence, tagger, model] of rows) {
    assert.deepEqual(contents(sentence, false), [tagger], sentence);
    assert.deepEqual(contents(sentence, true), [model], sentence);
  }
});
