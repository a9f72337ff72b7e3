/**
 * The PolNeAR scoring protocol on small hand-made BRAT files: annotation choice, roles,
 * discontinuous content and Content2, trimming, exact vs overlap, one-to-one matching, whole
 * attributions and the kind split.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseBrat } from '../src/eval/brat.js';
import { trimmedChars, dice, greedyMatch } from '../src/eval/protocol.js';
import { contentKind, emptyCorpusTally, figures, scoreArticle, type PredictedAttribution } from '../src/eval/score.js';
import { annotatorAgreement, evaluatePolnear, pickAnnotation } from '../src/eval/polnear.js';
import { formatAgreement } from '../src/eval/format.js';

//           0         1         2         3         4         5         6
//           0123456789012345678901234567890123456789012345678901234567890123
const TEXT = 'Title\n\nThe mayor said that “the bridge is safe,” and Reed agreed.';
const at = (s: string, from = 0): { start: number; end: number } => {
  const i = TEXT.indexOf(s, from);
  return { start: i, end: i + s.length };
};
const r = (s: string): string => `${at(s).start} ${at(s).end}`;

const ANN = [
  `T1\tSource ${r('The mayor')}\tThe mayor`,
  `T2\tCue ${r('said')}\tsaid`,
  `T3\tContent ${r('that “the bridge is safe,”')}\tthat “the bridge is safe,”`,
  `T4\tAttribution ${r('said')}\tsaid`,
  `E1\tAttribution:T4 Source:T1 Cue:T2 Content:T3`,
  `T5\tCue ${r('agreed')}\tagreed`,
  `T6\tContent ${r('the')};${r('bridge')}\tthe bridge`,
  `T7\tContent2 ${r('is safe')}\tis safe`,
  `T8\tAttribution-no-source ${r('agreed')}\tagreed`,
  `E2\tAttribution-no-source:T8 Cue:T5 Content:T6 Content2:T7`,
  `T9\tDiscard ${r('Title')}\tTitle`,
  `#1\tAnnotatorNotes T1\ta note`,
  'a continuation line of some multi-line span text',
].join('\n');

test('eval: BRAT reader keeps attributions, discontinuous content and Content2, skips the rest', () => {
  const gold = parseBrat(ANN);
  assert.equal(gold.length, 2);
  assert.deepEqual(gold[0]!.source, [at('The mayor')]);
  assert.deepEqual(gold[0]!.content, [at('that “the bridge is safe,”')]);
  assert.equal(gold[1]!.source, null);
  assert.deepEqual(gold[1]!.content, [at('the'), at('bridge'), at('is safe')]);
});

test('eval: trimming drops whitespace, punctuation and quote marks at the ends only', () => {
  assert.deepEqual(trimmedChars(TEXT, [at(' “the bridge is safe,” ')]), [at('the bridge is safe')]);
  assert.deepEqual(trimmedChars(TEXT, [at('that “the')]), [at('that “the')]);
  // a span of punctuation only is kept as it is, so a ":" cue can still be compared
  assert.deepEqual(trimmedChars(TEXT, [at(',”')]), [at(',”')]);
});

test('eval: Dice and greedy one-to-one matching, best first', () => {
  assert.equal(dice([{ start: 0, end: 10 }], [{ start: 5, end: 15 }]), 0.5);
  const scores = [[0.9, 0.8], [0.95, 0]];
  assert.deepEqual(greedyMatch(2, 2, (g, p) => scores[g]![p]!), [[1, 0], [0, 1]]);
});

test('eval: content kinds read from quote marks', () => {
  assert.equal(contentKind(TEXT, [at('“the bridge is safe,”')]), 'direct');
  assert.equal(contentKind(TEXT, [at('that “the bridge is safe,”')]), 'mixed');
  assert.equal(contentKind(TEXT, [at('the bridge is safe')]), 'indirect');
});

function score(pred: PredictedAttribution[]) {
  const t = emptyCorpusTally();
  scoreArticle(t, TEXT, parseBrat(ANN), pred);
  return figures(t);
}

test('eval: exact vs overlap per role, and whole attributions', () => {
  const f = score([
    // exact after trimming: content differs from gold only by quote marks and a comma
    { source: at('The mayor'), cue: at('said'), content: [at('that “the bridge is safe,” ')] },
    // overlap only: content "bridge is safe" vs gold "the"+"bridge"+"is safe" (gaps not included); wrong source (gold has none)
    { source: at('Reed'), cue: at('agreed'), content: [at('bridge is safe')] },
  ]);
  assert.deepEqual([f.roles.source.exact.matched, f.roles.source.exact.predicted, f.roles.source.exact.gold], [1, 2, 1]);
  assert.deepEqual([f.roles.cue.exact.matched, f.roles.content.exact.matched, f.roles.content.overlap.matched], [2, 1, 2]);
  assert.equal(f.whole.matched, 1); // the second has a source where gold has none
  assert.equal(f.roles.content.exact.precision, 0.5);
  assert.equal(f.byKind.mixed.whole.matched, 1);
  assert.equal(f.byKind.indirect.whole.gold, 1);
});

test('eval: polnear folder — first annotator file by name, unannotated texts skipped, --json figures', () => {
  assert.equal(pickAnnotation('a_b', ['a_b_z9.ann', 'a_b_c1.ann', 'a_b_x_y.ann', 'a_bc_1.ann']), 'a_b_c1.ann');
  const dir = mkdtempSync(join(tmpdir(), 'wt-polnear-'));
  mkdirSync(join(dir, 'text'));
  mkdirSync(join(dir, 'attributions'));
  writeFileSync(join(dir, 'text', 'art.txt'), TEXT);
  writeFileSync(join(dir, 'text', 'lonely.txt'), 'Nothing here.');
  writeFileSync(join(dir, 'attributions', 'art_b2.ann'), ANN);
  writeFileSync(join(dir, 'attributions', 'art_a1.ann'), ''); // sorts first: an empty annotation
  const got = evaluatePolnear(dir, () => [{ source: at('The mayor'), cue: at('said'), content: [at('that “the bridge is safe,”')] }]);
  assert.equal(got.articles, 1);
  assert.equal(got.unannotated, 1);
  assert.deepEqual([got.roles.cue.exact.gold, got.roles.cue.exact.predicted], [0, 1]);
});

test('eval: annotators scored against the first, discontinuous cues kept, single annotations skipped', () => {
  const dir = mkdtempSync(join(tmpdir(), 'wt-polnear-'));
  mkdirSync(join(dir, 'text'));
  mkdirSync(join(dir, 'attributions'));
  writeFileSync(join(dir, 'text', 'art.txt'), TEXT);
  writeFileSync(join(dir, 'text', 'once.txt'), TEXT);
  writeFileSync(join(dir, 'attributions', 'art_a1.ann'), ANN);
  // the second annotator: the same first attribution with its cue in two pieces ("The" + "mayor said"
  // is no cue anyone would mark, but it must be read as gold is, not as one span), no second one
  const second = [
    `T1\tSource ${r('The mayor')}\tThe mayor`,
    `T2\tCue ${r('said')}\tsaid`,
    `T3\tContent ${r('“the bridge is safe,”')}\t“the bridge is safe,”`,
    `E1\tAttribution:T2 Source:T1 Cue:T2 Content:T3`,
    `T4\tCue ${r('and')};${r('agreed')}\tand agreed`,
    `T5\tContent ${r('bridge')}\tbridge`,
    `E2\tAttribution-no-source:T4 Cue:T4 Content:T5`,
  ].join('\n');
  writeFileSync(join(dir, 'attributions', 'art_b2.ann'), second);
  writeFileSync(join(dir, 'attributions', 'art_c3.ann'), ANN); // agrees with the first in full
  writeFileSync(join(dir, 'attributions', 'once_a1.ann'), ANN);
  const got = annotatorAgreement(dir);
  assert.deepEqual([got.articles, got.comparisons, got.single], [1, 2, 1]);
  // b2: cue "said" exact, "and agreed" not (two pieces against one); c3: both
  assert.deepEqual([got.roles.cue.exact.gold, got.roles.cue.exact.predicted, got.roles.cue.exact.matched], [4, 4, 3]);
  // contents are matched role by role, best Dice first: b2's "the bridge is safe" goes to gold's
  // second content (the + bridge + is safe, Dice 0.94) before its first (0.86), and "bridge" is
  // then left with "that “the bridge is safe" (0.4): one overlap, no exact match for b2
  assert.deepEqual([got.roles.content.exact.matched, got.roles.content.overlap.matched], [2, 3]);
  // whole attributions match all roles at once: both of b2's pair up (cue "and agreed" with
  // "agreed" at Dice 0.8, "bridge" with the + bridge + is safe at 0.55, neither has a source)
  assert.deepEqual([got.whole.matched, got.whole.gold], [4, 4]);
  assert.match(formatAgreement(got), /1 articles with two or more annotations.*\(2 pairs; 1 with one annotation skipped\)/);
  // each further annotator alone, by the id in its file's name: b2 got one cue of two exactly, c3 both
  assert.deepEqual(got.annotators.map((a) => [a.id, a.pairs, a.roles.cue.exact.matched, a.whole.matched]), [['b2', 1, 1, 2], ['c3', 1, 2, 2]]);
  assert.match(formatAgreement(got), /\n  b2 +1 +[\d.]+ +50\.0 /);
});
