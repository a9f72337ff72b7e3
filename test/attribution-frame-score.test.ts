/**
 * The frame classifier's inputs (src/attribution/frame-score.ts): the cue tagger's max-marginal
 * margins agree with its best path (positive exactly on the tokens of the cues it tags, before verb
 * groups are completed), and the stage's probe sees every frame it outputs, in order, with the
 * shipped classifier's score; a near-miss cue's frame (model.ts nearMissFrames) is added only apart
 * from the others.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readArticle } from '../src/ingest/index.js';
import { textStage } from '../src/text/index.js';
import { tokensStage } from '../src/tokens/index.js';
import { pairQuotes } from '../src/attribution/quotes.js';
import { attributionStage, quoteIndex, type FrameProbe } from '../src/attribution/index.js';
import { articleFeatures, tagCues } from '../src/attribution/features.js';
import { FeatureBuf } from '../src/attribution/perceptron.js';
import { loadAttributionLexicon } from '../src/attribution/lexicon.js';
import type { Resources } from '../src/resources.js';

const ARTICLES = [
  'Bridge works\n\nEngineers warn the old bridge needs urgent repairs. The minister, Paul Dorn, hinted that money would come next year. Drivers complain the detour adds an hour to their trip. Local traders accept the detour as necessary.',
  'Harbour plan\n\nThe port authority said on Monday that the new quay would open in May. “We are ready,” its director, Ana Ruiz, told reporters. Fishermen fear the works will scare off the cod, according to a local union.',
  'Budget row\n\nThe finance minister insisted the deficit would shrink. Opposition leaders called the plan a fantasy, and one of them, Tom Hale, accused the government of hiding the true figures.',
];

const lex = loadAttributionLexicon();

test('cue margins are positive exactly on the tagged cues', () => {
  const model = lex.model;
  assert.ok(model);
  const f = new FeatureBuf();
  const out = new Float64Array(8);
  for (const body of ARTICLES) {
    const { article } = readArticle(body);
    const doc = tokensStage(textStage(article));
    const quotes = pairQuotes(article.text, doc.paragraphs);
    const a = articleFeatures(doc.tokens, quoteIndex(doc, quotes), quotes, doc.sentences.length);
    const margins = new Float64Array(doc.tokens.length);
    const cues = tagCues(a, model.cue, f, out, undefined, undefined, margins);
    const inCue = new Uint8Array(doc.tokens.length);
    for (const c of cues) inCue.fill(1, c.first, c.last);
    assert.ok(cues.length > 0);
    for (let i = 0; i < doc.tokens.length; i++) {
      assert.equal(margins[i]! > 0, inCue[i] === 1, `token ${i} «${doc.tokens[i]!.text}»: margin ${margins[i]}`);
    }
  }
});

test('the probe scores every output frame and keeps them all', () => {
  for (const body of ARTICLES) {
    const { article } = readArticle(body);
    const doc = tokensStage(textStage(article));
    const res = { attribution: lex } as unknown as Resources;
    const probe: FrameProbe = { ids: [], scores: [] };
    const all = attributionStage(doc, res, probe).attributions;
    assert.equal(probe.scores.length, all.length);
    assert.equal(probe.ids.length, all.length);
    const threshold = lex.model?.frame?.threshold ?? -Infinity;
    const nearThreshold = lex.model?.near?.threshold ?? threshold;
    // without the probe the stage drops exactly the frames scored under the threshold (near-miss cues' frames: theirs)
    const kept = attributionStage(doc, res).attributions;
    assert.deepEqual(
      kept.map((x) => x.cue.text),
      all.filter((x, k) => probe.scores[k]! >= (x.via.startsWith('learned-near') ? nearThreshold : threshold)).map((x) => x.cue.text),
    );
  }
});

test('a near-miss cue the classifier confirms is added, apart from every other frame', () => {
  const doc = tokensStage(textStage(readArticle(ARTICLES[0]!).article));
  const model = lex.model;
  assert.ok(model?.near);
  // Whether the shipped screen and threshold keep a given near miss depends on the classifier's
  // weights, which move with any retraining (this sentence's frame was kept, then screened out when
  // the classifier was retrained on the tenth session's sources). The mechanism is pinned with both
  // opened, then shut: the cue tagger leaves "accept" out by a margin within the bound.
  const withNear = (screen: number, threshold: number): Resources => ({ attribution: { ...lex, model: { ...model, near: { ...model.near!, screen, threshold } } } }) as unknown as Resources;
  const near = (res: Resources): string[][] =>
    attributionStage(doc, res).attributions.filter((x) => x.via.startsWith('learned-near')).map((x) => [x.source?.text ?? '', x.cue.text, ...x.content.map((c) => c.text)]);
  assert.deepEqual(near(withNear(-Infinity, -Infinity)), [['Local traders', 'accept', 'the detour as necessary']]);
  // read by the role tagger but not confirmed, and not read at all: nothing added
  assert.deepEqual(near(withNear(-Infinity, Infinity)), []);
  assert.deepEqual(near(withNear(Infinity, -Infinity)), []);
  // the tagger's own frames are all still there
  const found = attributionStage(doc, withNear(-Infinity, -Infinity)).attributions;
  assert.deepEqual(found.filter((x) => !x.via.startsWith('learned-near')).map((x) => x.cue.text), ['warn', 'hinted', 'complain']);
  for (const body of ARTICLES) {
    const all = attributionStage(tokensStage(textStage(readArticle(body).article)), { attribution: lex } as unknown as Resources, { ids: [], scores: [] }).attributions;
    for (const x of all.filter((y) => y.via.startsWith('learned-near'))) {
      for (const y of all) {
        if (y === x) continue;
        // its cue lies in no other frame's cue or content, and its content holds no other frame's cue
        assert.ok(![y.cue, ...y.content].some((r) => r.start < x.cue.end && x.cue.start < r.end), `${x.cue.text} in ${y.cue.text}`);
        assert.ok(!x.content.some((r) => r.start <= y.cue.start && y.cue.start < r.end), `${y.cue.text} in ${x.cue.text}'s content`);
      }
    }
  }
});
