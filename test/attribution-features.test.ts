/**
 * The compiled features of the attribution taggers (src/attribution/compiled.ts) against their
 * readable definitions (features.ts): the same ids in the same order for every token, previous
 * tag and cue of articles written for these tests, and the same scores and tags under the shipped
 * model read both ways (packed for the stage, dense as training writes it).
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
import {
  articleFeatures, cueFeatures, roleContext, roleFeatures, roleWindow, tagCues, tagRoles, type ArticleFeatures, type TokSpan,
} from '../src/attribution/features.js';
import { cueFeaturesFast, cueScores, roleCueRows, roleFeaturesFast, roleScores, tableRows } from '../src/attribution/compiled.js';
import { FeatureBuf, PackedWeights, Weights } from '../src/attribution/perceptron.js';
import { MODEL_FILE } from '../src/attribution/model.js';
import { modelSchema } from '../src/attribution/schema.js';
import { DATA_DIR } from '../src/data-dir.js';

const ARTICLES = [
  'Port Strike Ends: ‘We Are Back,’ Union Says\n\n“We will rebuild the bridge,” the mayor said on Tuesday. She added that the work would take two years.\n\nAccording to the transport ministry, 40,000 cars crossed it daily. "The delay costs us," said Maria Lopez, who runs a ferry company, "and nobody has told us when it ends."',
  'Vote delayed\n\nThe electoral commission said the vote would be held in March, not January. Officials, speaking on condition of anonymity, told reporters that ballots had not been printed.\n\nCritics argued the delay favoured the government; the prime minister’s spokesman denied it: “There is no plan to delay anything.”',
  'x',
];

function features(body: string): ArticleFeatures {
  const { article } = readArticle(body);
  const doc = tokensStage(textStage(article));
  const quotes = pairQuotes(article.text, doc.paragraphs);
  return articleFeatures(doc.tokens, quoteIndex(doc, quotes), quotes, doc.sentences.length);
}

const ids = (f: FeatureBuf): number[] => Array.from(f.ids.subarray(0, f.n));

/** Cues to read the role features around: every token once as a cue, and a two-token one. */
function someCues(a: ArticleFeatures): TokSpan[] {
  const cues: TokSpan[] = [];
  for (let i = 0; i < a.tokens.length; i += 3) cues.push({ first: i, last: i + 1 });
  if (a.tokens.length > 4) cues.push({ first: 2, last: 4 });
  return cues;
}

function cuePrefix(a: ArticleFeatures, cues: readonly TokSpan[]): Int32Array {
  const mark = new Uint8Array(a.tokens.length);
  for (const c of cues) mark.fill(1, c.first, c.last);
  const out = new Int32Array(a.tokens.length + 1);
  for (let i = 0; i < a.tokens.length; i++) out[i + 1] = out[i]! + mark[i]!;
  return out;
}

test('compiled cue features give the defined ids', () => {
  const slow = new FeatureBuf();
  const fast = new FeatureBuf();
  for (const body of ARTICLES) {
    const a = features(body);
    for (let i = 0; i < a.tokens.length; i++) {
      for (const prev of [0, 1, 2]) {
        for (const seen of [0, 1]) {
          cueFeatures(a, i, prev, slow, seen);
          cueFeaturesFast(a, i, prev, fast, seen);
          assert.deepEqual(ids(fast), ids(slow), `token ${i} "${a.tokens[i]!.text}", prev ${prev}, seen ${seen}`);
        }
      }
    }
  }
});

test('compiled role features give the defined ids', () => {
  const slow = new FeatureBuf();
  const fast = new FeatureBuf();
  for (const body of ARTICLES) {
    const a = features(body);
    const cues = someCues(a);
    const prefix = cuePrefix(a, cues);
    for (const cue of cues) {
      const r = roleContext(a, cue, prefix);
      const win = roleWindow(a, cue, prefix);
      for (let i = win.first; i < win.last; i++) {
        if (i >= cue.first && i < cue.last) continue;
        for (const prev of [0, 1, 2, 3, 4]) {
          roleFeatures(a, r, i, prev, slow);
          roleFeaturesFast(a, r, i, prev, fast);
          assert.deepEqual(ids(fast), ids(slow), `cue ${cue.first}, token ${i}, prev ${prev}`);
        }
      }
    }
  }
});

test('the shipped model scores and tags the same packed as dense', () => {
  const file = modelSchema.parse(JSON.parse(readFileSync(join(DATA_DIR, 'attribution', MODEL_FILE), 'utf8')));
  const model = { cue: PackedWeights.unpack(file.cue), role: PackedWeights.unpack(file.role) };
  const dense = { cue: Weights.unpack(file.cue), role: Weights.unpack(file.role) };
  const f = new FeatureBuf();
  const buf = new Uint32Array(64);
  const want = new Float64Array(8);
  const got = new Float64Array(8);
  const close = (x: Float64Array, y: Float64Array, what: string): void => {
    for (let c = 0; c < 3; c++) assert.ok(Math.abs(x[c]! - y[c]!) <= 1e-9 * (1 + Math.abs(y[c]!)), `${what}: class ${c} ${x[c]} vs ${y[c]}`);
  };
  for (const body of ARTICLES) {
    const a = features(body);
    const cueRows = tableRows(model.cue, 'cue');
    for (let i = 0; i < a.tokens.length; i++) {
      for (const seen of [0, 1]) {
        cueFeatures(a, i, 1, f, seen);
        dense.cue.score(f, want);
        cueScores(a, i, 1, model.cue, cueRows, buf, got, seen);
        close(got, want, `cue token ${i}, seen ${seen}`);
      }
    }
    // the stage also skips quoted words (never kept cues); the tagger tags none in these articles
    const cues = tagCues(a, model.cue, f, got);
    assert.deepEqual(cues, tagCues(a, dense.cue, f, want));
    const prefix = cuePrefix(a, cues);
    const roleRows = tableRows(model.role, 'role');
    for (const cue of someCues(a)) {
      const r = roleContext(a, cue, prefix);
      const win = roleWindow(a, cue, prefix);
      const own = roleCueRows(model.role, r.ids);
      for (let i = win.first; i < win.last; i++) {
        if (i >= cue.first && i < cue.last) continue;
        roleFeatures(a, r, i, 2, f);
        dense.role.score(f, want);
        roleScores(a, r, own, i, 2, model.role, roleRows, buf, got);
        close(got, want, `role token ${i} of cue ${cue.first}`);
      }
      assert.deepEqual(tagRoles(a, r, win, model.role, f, got), tagRoles(a, r, win, dense.role, f, want));
    }
  }
});

test('packed weights read slots in any order the same as dense ones (out of order, repeated, above the mask)', () => {
  const b64 = (a: ArrayBufferView): string => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64');
  const bits = 8;
  // slot 300 folds onto 44; slot 7 is listed twice (the later row wins, as in Weights.unpack)
  const slots = Uint32Array.from([200, 7, 3, 300, 7]);
  const values = Float32Array.from([1, 2, 3, -1, -2, -3, 0.5, 0.25, 0.125, 4, 5, 6, 7, 8, 9]);
  const file = { bits, classes: 3, slots: b64(slots), values: b64(values) };
  const ordered = { bits, classes: 3, slots: b64(Uint32Array.from([3, 7, 44, 200])), values: b64(Float32Array.from([0.5, 0.25, 0.125, 7, 8, 9, 4, 5, 6, 1, 2, 3])) };
  const f = new FeatureBuf();
  const got = new Float64Array(8);
  const want = new Float64Array(8);
  for (const file2 of [file, ordered]) {
    const packed = PackedWeights.unpack(file2);
    const dense = Weights.unpack(file);
    for (const ids of [[7], [3, 200], [44], [300, 7, 1], [5, 6]]) {
      f.reset();
      f.ids.set(ids);
      f.n = ids.length;
      packed.score(f, got);
      dense.score(f, want);
      assert.deepEqual([...got.subarray(0, 3)], [...want.subarray(0, 3)], `ids ${ids.join(',')}`);
    }
  }
  f.reset();
  f.ids.set([7, 44]);
  f.n = 2;
  PackedWeights.unpack(ordered).score(f, got);
  assert.deepEqual([...got.subarray(0, 3)], [11, 13, 15]);
});

test('a cue’s role window in a sentence of thousands of tokens is the one a scan of the whole sentence gives', () => {
  // ~4,000 tokens in one sentence, with quotes near and far from its cues: one that opens in the
  // sentence before and closes in it, one that opens in it and closes in the next (the quotes that
  // can widen a window past its sentence), and many inside it
  const clause = (k: number): string => (k % 7 === 0 ? `“the quay ${k} is closed for repairs,” the mayor said` : `the harbour board said berth ${k} would reopen`);
  const long = Array.from({ length: 500 }, (_, k) => clause(k)).join(', ');
  const body = `Harbour\n\n“The strike is over. The cranes are back,” the mayor said, and ${long}, and the union says “the port is open. It will stay open,” its leader said.`;
  const a = features(body);
  assert.ok(a.tokens.length > 4000);
  const cues = someCues(a);
  const prefix = cuePrefix(a, cues);
  let widened = 0;
  for (const cue of cues) {
    const w = roleWindow(a, cue, prefix);
    // the whole sentence scanned for quotes, as before the scan was bounded
    assert.deepEqual(w, roleWindow(a, cue, prefix, Infinity), `cue at ${cue.first}`);
    const s = a.tokens[cue.first]!.sent;
    if (w.first < a.sentFirst[s]! || w.last > a.sentLast[s]!) widened++;
  }
  // the quotes across the sentence's edges did widen some windows
  assert.ok(widened > 0);
});
