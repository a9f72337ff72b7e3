/**
 * `npm run train:ner`: trains the name recogniser on PolNeAR train/ CoreNLP tables and writes
 * data/models/ner.json. CoreNLP's labels are projected onto OUR tokens by character offsets, so
 * training and run time see the same tokens and wink POS tags. An averaged structured perceptron
 * over BIO tags, fixed epochs and a seeded shuffle: the same inputs give the same file, byte for byte.
 * Dev/ is never read here (scripts/eval-ner.ts scores on it).
 *
 * `-- --holdout K` trains on the train articles but every K-th and scores the bare model on those
 * (entity level, exact span and class) without writing the model: for choosing settings such as
 * `-- --epochs N` on train/ alone.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { corpusNames, readCorpusDoc, ROOT, type GoldEntity } from './ner-corpus.js';
import { tokensFrom } from '../src/tokens/index.js';
import { readTokensWink } from '../src/tokens/wink.js';
import { candidateRuns, isTitleCase, MAX_FEATURES, N_TAGS, TAGS, tokenFeatures, tokenHashes, viterbi, allowed, type FeatureContext } from '../src/mentions/ner/features.js';
import { encodeModel, NerModel } from '../src/mentions/ner/model.js';
import type { Doc } from '../src/types.js';
import { rng } from './rng.js';

const BITS = 18;
const EPOCHS = 8;
const SEED = 20240611;

/** A positive whole number given after `name` on the command line, else null. */
function flag(name: string): number | null {
  const k = process.argv.indexOf(name);
  const v = k >= 0 ? Number(process.argv[k + 1]) : NaN;
  return Number.isInteger(v) && v > 0 ? v : null;
}

const CLASS_OF: Record<string, string> = { PERSON: 'PER', ORGANIZATION: 'ORG', LOCATION: 'LOC' };

/** BIO tag index per token from CoreNLP's character spans (MISC counts as O). */
function projectTags(doc: Doc, gold: GoldEntity[]): Uint8Array {
  const tags = new Uint8Array(doc.tokens.length);
  const sorted = gold.filter((g) => CLASS_OF[g.cls]).sort((a, b) => a.start - b.start);
  let g = 0;
  let prevEntity = -1;
  for (const t of doc.tokens) {
    while (g < sorted.length && sorted[g]!.end <= t.start) g++;
    const e = sorted[g];
    if (e && e.start <= t.start && t.start < e.end) {
      const cls = CLASS_OF[e.cls]!;
      tags[t.i] = TAGS.indexOf((prevEntity === g ? `I-${cls}` : `B-${cls}`) as (typeof TAGS)[number]);
      prevEntity = g;
    } else {
      prevEntity = -1;
    }
  }
  return tags;
}

/** Words mostly written in lower case away from sentence starts: a capital on them means little. */
function commonLowerWords(docs: Doc[]): string[] {
  const lower = new Map<string, number>();
  const total = new Map<string, number>();
  for (const doc of docs) {
    for (const s of doc.sentences) {
      if (isTitleCase(doc.tokens, s.first, s.last)) continue;
      for (let i = s.first + 1; i < s.last; i++) {
        const t = doc.tokens[i]!;
        if (!/^\p{L}+$/u.test(t.text) || t.text.length < 2) continue;
        total.set(t.norm, (total.get(t.norm) ?? 0) + 1);
        if (t.text === t.norm) lower.set(t.norm, (lower.get(t.norm) ?? 0) + 1);
      }
    }
  }
  return [...total]
    .filter(([w, n]) => n >= 3 && (lower.get(w) ?? 0) >= 0.9 * n)
    .map(([w]) => w)
    .sort();
}

interface Run {
  feats: Int32Array; // len * MAX_FEATURES, -1 padded
  gold: Uint8Array;
}

function main(): void {
  const t0 = performance.now();
  const epochs = flag('--epochs') ?? EPOCHS;
  const holdout = flag('--holdout');
  const all = corpusNames('train').map((n) => readCorpusDoc('train', n));
  const chosen = holdout ? all.filter((_, k) => k % holdout !== 0) : all;
  // Each article twice: as the pipeline reads it, and as wink-nlp (the tagger's teacher) does. The
  // tags differ on about 1 % of tokens; trained on both, the model leans on neither's mistakes
  // (--holdout 5: F1 88.96 on the pipeline's reading alone, 89.19 on both).
  const corpus = [...chosen, ...chosen.map((c) => ({ ...c, doc: tokensFrom(c.doc, readTokensWink(c.doc.norm)) }))];
  const names = chosen.map((c) => c.name);
  const docs = chosen.map((c) => c.doc);
  const commonLower = commonLowerWords(docs);
  const commonSet = new Set(commonLower);
  const mask = (1 << BITS) - 1;

  const runs: Run[] = [];
  let goldTokens = 0;
  let coveredTokens = 0;
  const buf = new Int32Array(MAX_FEATURES);
  for (const { doc, gold } of corpus) {
    const tags = projectTags(doc, gold);
    const hashes = tokenHashes(doc.tokens.length);
    for (const s of doc.sentences) {
      const ctx: FeatureContext = { tokens: doc.tokens, first: s.first, last: s.last, titleCase: isTitleCase(doc.tokens, s.first, s.last), commonLower: commonSet, hashes };
      const inRun = new Uint8Array(s.last - s.first);
      for (const [a, b] of candidateRuns(doc.tokens, s.first, s.last)) {
        const len = b - a;
        const feats = new Int32Array(len * MAX_FEATURES).fill(-1);
        for (let k = 0; k < len; k++) {
          const n = tokenFeatures(ctx, a + k, mask, buf);
          feats.set(buf.subarray(0, n), k * MAX_FEATURES);
          inRun[a + k - s.first] = 1;
        }
        const g = tags.slice(a, b);
        if (g[0]! !== 0 && TAGS[g[0]!]!.startsWith('I-')) g[0] = g[0]! - 1; // a run starts a new entity
        runs.push({ feats, gold: g });
      }
      for (let i = s.first; i < s.last; i++) {
        if (tags[i] === 0) continue;
        goldTokens++;
        if (inRun[i - s.first]) coveredTokens++;
      }
    }
  }
  const t1 = performance.now();
  console.log(`${names.length} articles (each read twice), ${runs.length} candidate runs; ${((100 * coveredTokens) / goldTokens).toFixed(2)}% of name tokens inside runs; ${commonLower.length} common lower-case words; read in ${((t1 - t0) / 1000).toFixed(1)} s`);

  const size = (mask + 1) * N_TAGS;
  const w = new Float64Array(size);
  const acc = new Float64Array(size); // sum of c * update, for averaging
  const T = (N_TAGS + 1) * N_TAGS;
  const tw = new Float64Array(T);
  const tacc = new Float64Array(T);
  let c = 1;
  const rand = rng(SEED);
  const order = runs.map((_, k) => k);
  const pred = new Uint8Array(256);
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (let k = order.length - 1; k > 0; k--) {
      const j = Math.floor(rand() * (k + 1));
      [order[k], order[j]] = [order[j]!, order[k]!];
    }
    let errors = 0;
    for (const r of order) {
      const run = runs[r]!;
      const len = run.gold.length;
      const emit = new Float64Array(len * N_TAGS);
      for (let k = 0; k < len; k++) {
        for (let f = 0; f < MAX_FEATURES; f++) {
          const h = run.feats[k * MAX_FEATURES + f]!;
          if (h < 0) break;
          for (let y = 0; y < N_TAGS; y++) emit[k * N_TAGS + y]! += w[h * N_TAGS + y]!;
        }
      }
      const p = len <= pred.length ? pred : new Uint8Array(len);
      viterbi(emit, len, tw, p);
      let wrong = false;
      for (let k = 0; k < len; k++) if (p[k] !== run.gold[k]) wrong = true;
      if (wrong) {
        errors++;
        for (let k = 0; k < len; k++) {
          const gy = run.gold[k]!;
          const py = p[k]!;
          const gPrev = k === 0 ? N_TAGS : run.gold[k - 1]!;
          const pPrev = k === 0 ? N_TAGS : p[k - 1]!;
          if (gy !== py) {
            for (let f = 0; f < MAX_FEATURES; f++) {
              const h = run.feats[k * MAX_FEATURES + f]!;
              if (h < 0) break;
              w[h * N_TAGS + gy]! += 1;
              acc[h * N_TAGS + gy]! += c;
              w[h * N_TAGS + py]! -= 1;
              acc[h * N_TAGS + py]! -= c;
            }
          }
          if (gy !== py || gPrev !== pPrev) {
            if (gPrev === N_TAGS || allowed(gPrev, gy)) {
              tw[gPrev * N_TAGS + gy]! += 1;
              tacc[gPrev * N_TAGS + gy]! += c;
            }
            tw[pPrev * N_TAGS + py]! -= 1;
            tacc[pPrev * N_TAGS + py]! -= c;
          }
        }
      }
      c++;
    }
    console.log(`epoch ${epoch + 1}: ${errors} runs wrong of ${runs.length}`);
  }
  for (let k = 0; k < size; k++) w[k] = w[k]! - acc[k]! / c;
  for (let k = 0; k < T; k++) tw[k] = tw[k]! - tacc[k]! / c;
  if (holdout) {
    scoreHeldOut(all.filter((_, k) => k % holdout === 0), w, tw, commonSet);
    return;
  }
  const about =
    'Name recogniser for wiretrace: averaged structured perceptron over BIO tags (PER/ORG/LOC), hashed features ' +
    '(src/mentions/ner/features.ts). Trained by scripts/train-ner.ts on the CoreNLP NER tags of PolNeAR train/ ' +
    '(Newell, Margolin, Ruths 2018), re-tokenised with our tokenizer. commonLower: words mostly written lower-case there.';
  const file = encodeModel(BITS, w, tw, commonLower, about);
  const out = join(ROOT, 'data', 'models', 'ner.json');
  mkdirSync(join(ROOT, 'data', 'models'), { recursive: true });
  const json = JSON.stringify(file);
  writeFileSync(out, json + '\n');
  console.log(`wrote ${out} (${(json.length / 1024).toFixed(0)} KiB) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

/** The bare model on held-out train articles: entity-level P/R/F1 against CoreNLP's spans. */
function scoreHeldOut(held: { doc: Doc; gold: GoldEntity[] }[], w: Float64Array, tw: Float64Array, commonLower: Set<string>): void {
  const model = new NerModel(BITS, w, tw, commonLower);
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const { doc, gold } of held) {
    const key = (a: number, b: number, cls: string): string => `${a}:${b}:${cls}`;
    const want = new Set(gold.filter((g) => CLASS_OF[g.cls]).map((g) => key(g.start, g.end, CLASS_OF[g.cls]!)));
    let found = 0;
    for (const s of doc.sentences) {
      for (const sp of model.decodeSentence(doc.tokens, s.first, s.last)) {
        if (want.has(key(doc.tokens[sp.first]!.start, doc.tokens[sp.last - 1]!.end, sp.cls))) found++;
        else fp++;
      }
    }
    tp += found;
    fn += want.size - found;
  }
  const p = tp / (tp + fp);
  const r = tp / (tp + fn);
  console.log(`held out ${held.length} train articles: P ${(100 * p).toFixed(2)} R ${(100 * r).toFixed(2)} F1 ${((200 * p * r) / (p + r)).toFixed(2)} (${tp}/${fp}/${fn})`);
}

main();
