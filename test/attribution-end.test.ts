/**
 * The end model's fast scorer (src/attribution/span-end.ts bestEnd) against its readable features
 * (endFeatures, which training reads): every end of contents in articles written for these tests
 * gets the score that the sum of its features' weights gives, under the shipped model; and with a
 * margin, where bestEnd skips the ends its bound rules out, it still decides as scoring every end
 * does, whichever end is the tagger's.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readArticle } from '../src/ingest/index.js';
import { textStage } from '../src/text/index.js';
import { tokensStage } from '../src/tokens/index.js';
import { pairQuotes } from '../src/attribution/quotes.js';
import { quoteIndex } from '../src/attribution/index.js';
import { articleFeatures, type ArticleFeatures, type TokSpan } from '../src/attribution/features.js';
import { cuePrefixOf, MODEL_FILE } from '../src/attribution/model.js';
import { modelSchema } from '../src/attribution/schema.js';
import { bestEnd, contentSentEnd, emptyScan, endFeatures, scanToken } from '../src/attribution/span-end.js';
import { FeatureBuf, PackedWeights } from '../src/attribution/perceptron.js';
import { DATA_DIR } from '../src/data-dir.js';

const ARTICLES = [
  'Bridge repairs\n\nThe mayor said the bridge would reopen in May, and the council approved the money on Tuesday. Engineers warned that the cables, which are forty years old, had rusted "far faster than anyone expected" and told reporters the work could last until winter.\n\nA spokesman for the ferry company said it would add boats.',
  'Talks stall\n\nNegotiators said on Friday that no agreement was near; the union argued the offer ignored inflation, while managers insisted they had gone as far as they could. Analysts expect a strike.',
];

function features(body: string): ArticleFeatures {
  const { article } = readArticle(body);
  const doc = tokensStage(textStage(article));
  const quotes = pairQuotes(article.text, doc.paragraphs);
  return articleFeatures(doc.tokens, quoteIndex(doc, quotes), quotes, doc.sentences.length);
}

const file = modelSchema.parse(JSON.parse(readFileSync(join(DATA_DIR, 'attribution', MODEL_FILE), 'utf8')));
const end = file.end ? PackedWeights.unpack(file.end) : null;

/** Each verb as a one-token cue, its content from the next token on, within its sentence. */
function contents(a: ArticleFeatures): Array<{ cue: TokSpan; s: number; sentEnd: number }> {
  const out: Array<{ cue: TokSpan; s: number; sentEnd: number }> = [];
  for (let i = 0; i + 1 < a.tokens.length; i++) {
    if (a.tokens[i]!.pos !== 'VERB' || a.sent[i + 1] !== a.sent[i]) continue;
    const sentEnd = contentSentEnd(a, i + 1);
    if (sentEnd > i + 2) out.push({ cue: { first: i, last: i + 1 }, s: i + 1, sentEnd });
  }
  return out;
}

test('the end model scores each end as the sum of its features', { skip: !end }, () => {
  const f = new FeatureBuf();
  const scores = { best: 0, keep: 0 };
  let checked = 0;
  for (const body of ARTICLES) {
    const a = features(body);
    for (const { cue, s, sentEnd } of contents(a)) {
      const cuePrefix = cuePrefixOf(a.tokens.length, [cue]);
      const scan = emptyScan();
      let best = -1;
      let bestV = -Infinity;
      for (let j = s + 1; j <= sentEnd; j++) {
        scanToken(a, cuePrefix, scan, j - 1);
        endFeatures(a, cuePrefix, cue, s, j, sentEnd, scan, f);
        let v = 0;
        for (let k = 0; k < f.n; k++) v += end!.one(f.ids[k]!);
        bestEnd(a, cuePrefix, cue, s, sentEnd, j, end!, scores);
        assert.ok(Math.abs(scores.keep - v) < 1e-9, `end ${j} of content from ${s}: ${scores.keep} against ${v}`);
        if (v > bestV + 1e-9) {
          bestV = v;
          best = j;
        }
        checked++;
      }
      assert.equal(bestEnd(a, cuePrefix, cue, s, sentEnd, s + 1, end!, scores), best);
    }
  }
  assert.ok(checked > 100, `${checked} ends`);
});

test('with a margin the end model decides as when it scores every end', { skip: !end }, () => {
  const all = { best: 0, keep: 0 };
  const some = { best: 0, keep: 0 };
  let moved = 0;
  for (const body of ARTICLES) {
    const a = features(body);
    for (const { cue, s, sentEnd } of contents(a)) {
      const cuePrefix = cuePrefixOf(a.tokens.length, [cue]);
      for (let keep = s + 1; keep <= sentEnd; keep++) {
        for (const margin of [0, 16]) {
          const b1 = bestEnd(a, cuePrefix, cue, s, sentEnd, keep, end!, all);
          const b2 = bestEnd(a, cuePrefix, cue, s, sentEnd, keep, end!, some, margin);
          assert.equal(some.keep, all.keep);
          const wins = all.best - all.keep > margin;
          assert.equal(some.best - some.keep > margin, wins, `content from ${s}, keep ${keep}, margin ${margin}`);
          if (wins) {
            assert.equal(b2, b1);
            moved++;
          }
        }
      }
    }
  }
  // the tagger's end taken anywhere: most of them lose to a better one
  assert.ok(moved > 50, `${moved} moved`);
});
