/**
 * `npm run train:pos`: trains the fast reader's part-of-speech tagger (src/tokens/pos.ts) to give
 * wink-nlp's tags, and writes data/models/pos.json. The teacher is readTokensWink (src/tokens/wink.ts) on the PolNeAR train/
 * texts (wink's own tokens and sentence ends, so the tagger learns from its exact input); a greedy
 * averaged perceptron over hashed features, fixed epochs and a seeded shuffle of the articles: the
 * same inputs give the same file, byte for byte. Dev/ is never read here. The words' ambiguity
 * classes (which tags a word takes, by the hash of its lower case) come from the same texts and
 * ship in the file.
 *
 * Settings chosen with --holdout 5 (and checked with 4 and 3) on train/: ambiguity classes of words
 * seen twice or more, tags with 10 % of a word's uses or more; 8 epochs; 17 bits.
 *
 * `-- --holdout K` trains on the train articles but every K-th and reports the tag agreement on
 * those, without writing the model (for choosing `-- --epochs N` and `-- --bits B` on train/ alone).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { AmbiguityTable, features, newKeys, N_CLASSES, N_FEATURES, SKIPPED, tokenKeys, type PosFile, type TokenKeys } from '../src/tokens/pos.js';
import { POS_TAGS } from '../src/types.js';
import { ROOT } from './ner-corpus.js';
import { teacherDocs } from './pos-corpus.js';
import { rng } from './rng.js';

const SEED = 20261127;

function flag(name: string, fallback: number): number {
  const k = process.argv.indexOf(name);
  const v = Number(k >= 0 ? process.argv[k + 1] : NaN);
  return Number.isInteger(v) && v > 0 ? v : fallback;
}

const EPOCHS = flag('--epochs', 8);
const BITS = flag('--bits', 17);
const HOLDOUT = flag('--holdout', 0);
/** A word goes in the fixed list when seen this often, and tagged alike at least this share of times. */
const FIXED_MIN = 20;
const FIXED_SHARE = 0.999;
/** A word gets an ambiguity class when seen this often; the class has the tags it takes at least this share of times. */
const CLASS_MIN = 2;
const CLASS_SHARE = 0.1;

interface Example {
  n: number;
  keys: TokenKeys;
  gold: Uint8Array;
}

function examples(): { train: Example[]; held: Example[]; words: Record<string, number>; classes: Int32Array } {
  const train: Example[] = [];
  const held: Example[] = [];
  const seen = new Map<string, Int32Array>();
  const byHash = new Map<number, Int32Array>();
  teacherDocs('train').forEach((d, i) => {
    const w = d.wink;
    const keys = newKeys(w.n);
    tokenKeys(d.norm, w, keys);
    const ex: Example = { n: w.n, keys, gold: w.pos.slice(0, w.n) };
    const isHeld = HOLDOUT > 0 && i % HOLDOUT === HOLDOUT - 1;
    (isHeld ? held : train).push(ex);
    if (isHeld) return;
    for (let k = 0; k < w.n; k++) {
      const word = d.norm.slice(w.start[k]!, w.end[k]!);
      let counts = seen.get(word);
      if (!counts) seen.set(word, (counts = new Int32Array(N_CLASSES)));
      counts[Math.min(w.pos[k]!, N_CLASSES - 1)]!++;
      let hc = byHash.get(keys.word[k]!);
      if (!hc) byHash.set(keys.word[k]!, (hc = new Int32Array(N_CLASSES)));
      hc[Math.min(w.pos[k]!, N_CLASSES - 1)]!++;
    }
  });
  const classes = ambiguityClasses(byHash);
  const table = new AmbiguityTable(classes);
  for (const ex of [...train, ...held]) table.fill(ex.keys, ex.n);
  return { train, held, words: fixedWords(seen), classes };
}

const NOUN = POS_TAGS.indexOf('NOUN');
const VERB = POS_TAGS.indexOf('VERB');
const ADJ = POS_TAGS.indexOf('ADJ');

/**
 * [hash, tag bits] of the words seen CLASS_MIN times or more, sorted by hash (so the file is stable).
 * Two words with the same 32-bit hash would share a class; harmless, as the tagger looks up by hash.
 */
function ambiguityClasses(byHash: Map<number, Int32Array>): Int32Array {
  const out: [number, number][] = [];
  for (const [h, counts] of byHash) {
    let total = 0;
    for (let t = 0; t < N_CLASSES; t++) total += counts[t]!;
    if (total < CLASS_MIN) continue;
    let bits = 0;
    for (let t = 0; t < N_CLASSES; t++) if (counts[t]! > 0 && counts[t]! >= CLASS_SHARE * total) bits |= 1 << t;
    out.push([h, bits]);
  }
  out.sort((a, b) => a[0] - b[0]);
  return Int32Array.from(out.flat());
}

/** Frequent words wink always tags alike, sorted (so the file is stable). */
function fixedWords(seen: Map<string, Int32Array>): Record<string, number> {
  const out: [string, number][] = [];
  for (const [word, counts] of seen) {
    let total = 0;
    let best = 0;
    for (let t = 0; t < N_CLASSES; t++) {
      total += counts[t]!;
      if (counts[t]! > counts[best]!) best = t;
    }
    if (total >= FIXED_MIN && counts[best]! >= FIXED_SHARE * total) out.push([word, best]);
  }
  out.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return Object.fromEntries(out);
}

/** Averaged perceptron with lazy averaging (each weight's running total is brought up to date when it changes). */
class Trainer {
  readonly mask = (1 << BITS) - 1;
  readonly w = new Float64Array((1 << BITS) * N_CLASSES);
  readonly total = new Float64Array((1 << BITS) * N_CLASSES);
  readonly stamp = new Int32Array((1 << BITS) * N_CLASSES);
  step = 0;
  private readonly feats = new Int32Array(N_FEATURES);
  private readonly scores = new Float64Array(N_CLASSES);

  predict(feats: Int32Array, weights: Float64Array): number {
    const s = this.scores.fill(0);
    for (let f = 0; f < N_FEATURES; f++) {
      const row = feats[f]! * N_CLASSES;
      for (let t = 0; t < N_CLASSES; t++) s[t]! += weights[row + t]!;
    }
    let best = 0;
    for (let t = 1; t < N_CLASSES; t++) if (s[t]! > s[best]!) best = t;
    return best;
  }

  private bump(i: number, by: number): void {
    this.total[i]! += (this.step - this.stamp[i]!) * this.w[i]!;
    this.stamp[i] = this.step;
    this.w[i]! += by;
  }

  /** One pass over an article, tags of earlier tokens as predicted; returns the number right. */
  learn(ex: Example): number {
    let prev = N_CLASSES;
    let prev2 = N_CLASSES;
    let skip = N_CLASSES;
    let right = 0;
    for (let k = 0; k < ex.n; k++) {
      features(ex.keys, ex.n, k, prev, prev2, skip, this.mask, this.feats);
      const guess = this.predict(this.feats, this.w);
      const gold = Math.min(ex.gold[k]!, N_CLASSES - 1);
      this.step++;
      if (guess !== gold) {
        for (let f = 0; f < N_FEATURES; f++) {
          const row = this.feats[f]! * N_CLASSES;
          this.bump(row + gold, 1);
          this.bump(row + guess, -1);
        }
      } else right++;
      prev2 = prev;
      prev = guess;
      if (((1 << guess) & SKIPPED) === 0) skip = guess;
    }
    return right;
  }

  averaged(): Float64Array {
    const avg = new Float64Array(this.w.length);
    for (let i = 0; i < avg.length; i++) avg[i] = (this.total[i]! + (this.step - this.stamp[i]!) * this.w[i]!) / this.step;
    return avg;
  }

  /** Tags right on `exs` with the weights given. */
  score(exs: Example[], weights: Float64Array): { right: number; total: number; nounVerb: number; adjVerb: number } {
    let nounVerb = 0;
    let adjVerb = 0;
    let right = 0;
    let total = 0;
    for (const ex of exs) {
      let prev = N_CLASSES;
      let prev2 = N_CLASSES;
      let skip = N_CLASSES;
      for (let k = 0; k < ex.n; k++) {
        features(ex.keys, ex.n, k, prev, prev2, skip, this.mask, this.feats);
        const guess = this.predict(this.feats, weights);
        const gold = ex.gold[k]!;
        if (guess === gold) right++;
        else if ((guess === NOUN && gold === VERB) || (guess === VERB && gold === NOUN)) nounVerb++;
        else if ((guess === ADJ && gold === VERB) || (guess === VERB && gold === ADJ)) adjVerb++;
        total++;
        prev2 = prev;
        prev = guess;
        if (((1 << guess) & SKIPPED) === 0) skip = guess;
      }
    }
    return { right, total, nounVerb, adjVerb };
  }
}

/** Weights as int16: scaled so the largest fits; small ones round to zero, which compresses. */
function quantise(avg: Float64Array): { data: Int16Array; scale: number } {
  let max = 0;
  for (const v of avg) max = Math.max(max, Math.abs(v));
  const scale = max > 0 ? 32767 / max : 1;
  const data = new Int16Array(avg.length);
  for (let i = 0; i < avg.length; i++) data[i] = Math.round(avg[i]! * scale);
  return { data, scale };
}

function main(): void {
  const t0 = Date.now();
  const { train, held, words, classes } = examples();
  console.log(`train: ${train.length} articles, ${train.reduce((a, e) => a + e.n, 0)} tokens${held.length ? `; held out ${held.length}` : ''} (${Date.now() - t0} ms)`);
  const tr = new Trainer();
  const order = train.map((_, i) => i);
  const random = rng(SEED);
  for (let epoch = 1; epoch <= EPOCHS; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    let right = 0;
    let total = 0;
    for (const i of order) {
      right += tr.learn(train[i]!);
      total += train[i]!.n;
    }
    let line = `epoch ${epoch}: ${((100 * right) / total).toFixed(2)}% right while learning`;
    if (held.length) {
      const s = tr.score(held, tr.averaged());
      line += `; held out ${((100 * s.right) / s.total).toFixed(2)}% (${s.nounVerb} NOUN<->VERB, ${s.adjVerb} ADJ<->VERB wrong)`;
    }
    console.log(line);
  }
  if (HOLDOUT) return;
  const avg = tr.averaged();
  const { data, scale } = quantise(avg);
  const file: PosFile = {
    schema: 'wiretrace.pos/1',
    about: `Part-of-speech tagger of the fast reader, trained by scripts/train-pos.ts to give wink-nlp's tags on the PolNeAR train texts; ${EPOCHS} epochs, ${BITS} bits, ambiguity classes of ${classes.length / 2} words, weights x${scale.toFixed(1)} as int16.`,
    tags: POS_TAGS.slice(0, N_CLASSES) as unknown as string[],
    bits: BITS,
    features: N_FEATURES,
    words,
    classes: Buffer.from(classes.buffer, classes.byteOffset, classes.byteLength).toString('base64'),
    weights: deflateRawSync(Buffer.from(data.buffer, data.byteOffset, data.byteLength), { level: 9 }).toString('base64'),
  };
  const dir = join(ROOT, 'data', 'models');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'pos.json'), JSON.stringify(file) + '\n');
  console.log(`wrote data/models/pos.json (${Math.round(file.weights.length / 1024)} KB of weights) in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

main();
