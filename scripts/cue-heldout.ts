/**
 * `node dist/scripts/cue-heldout.js [--fold K] [--epochs N] [--errors N]`: the cue tagger alone,
 * trained as `npm run train:attribution` trains it on four fifths of PolNeAR train and scored on the
 * other fifth (every fifth article from K) against the gold cues the training reads (token spans of
 * attributions with a content), after verb groups are completed, as at run time. A quick measure
 * of a change to the cue tagger before the whole stage is scored (attribution-heldout.ts).
 */
import { pairQuotes } from '../src/attribution/quotes.js';
import { quoteIndex } from '../src/attribution/index.js';
import { CUE_B, CUE_I, extendVerbGroups, tagCues, type TokSpan } from '../src/attribution/features.js';
import { FeatureBuf, PackedWeights } from '../src/attribution/perceptron.js';
import { PRUNE, trainCueTagger, trainingDoc, numArg, trainArticles, type TrainingDoc } from './attribution-model-training.js';


const fold = numArg('--fold', 0);
const epochs = numArg('--epochs', 6);
const errors = numArg('--errors', 0);

const fit: TrainingDoc[] = [];
const held: TrainingDoc[] = [];
for (const { k, text, doc, gold } of trainArticles()) {
  const quotes = pairQuotes(text, doc.paragraphs);
  (k % 5 === fold ? held : fit).push(trainingDoc(doc.tokens, quoteIndex(doc, quotes), quotes, doc.sentences.length, gold));
}

const model = PackedWeights.unpack(trainCueTagger(fit, epochs, true).pack(PRUNE));
const f = new FeatureBuf();
const out = new Float64Array(3);
let gold = 0;
let pred = 0;
let exact = 0;
let overlap = 0;
let goldOutside = 0;
let foundOutside = 0;
let shown = 0;
let predHit = 0;
for (const d of held) {
  const { a, cueGold } = d;
  const g: TokSpan[] = [];
  for (let i = 0; i < cueGold.length; i++) {
    if (cueGold[i] === CUE_B) g.push({ first: i, last: i + 1 });
    else if (cueGold[i] === CUE_I && g.length > 0) g[g.length - 1]!.last = i + 1;
  }
  const p = extendVerbGroups(a, tagCues(a, model, f, out));
  gold += g.length;
  pred += p.length;
  const key = (s: TokSpan): string => `${s.first}:${s.last}`;
  const pk = new Set(p.map(key));
  for (const s of g) {
    if (pk.has(key(s))) exact++;
    const hit = p.some((q) => q.first < s.last && q.last > s.first);
    if (hit) overlap++;
    if (a.inQuote[s.first]! < 0) {
      goldOutside++;
      if (hit) foundOutside++;
      else if (shown < errors) {
        shown++;
        const sf = a.sentFirst[a.sent[s.first]!]!;
        const sl = a.sentLast[a.sent[s.first]!]!;
        const words = a.tokens.slice(sf, sl).map((t, k) => (sf + k === s.first ? '[' : '') + t.text + (sf + k === s.last - 1 ? ']' : '') + (p.some((q) => sf + k >= q.first && sf + k < q.last) ? '*' : ''));
        console.log(`MISS ${a.tokens.slice(s.first, s.last).map((t) => `${t.text}/${t.pos}`).join(' ')}  | ${words.join(' ')}`);
      }
    }
  }
  for (const q of p) if (g.some((s) => q.first < s.last && q.last > s.first)) predHit++;
}
const pr = (m: number, n: number): string => (n ? ((100 * m) / n).toFixed(2) : '-');
const f1 = (m: number): string => ((200 * m) / (gold + pred)).toFixed(2);
console.log(`fold ${fold} epochs ${epochs}: gold ${gold} pred ${pred}`);
console.log(`  exact   P ${pr(exact, pred)} R ${pr(exact, gold)} F1 ${f1(exact)} (${exact})`);
console.log(`  overlap P ${pr(predHit, pred)} R ${pr(overlap, gold)} (${overlap}); outside quotes R ${pr(foundOutside, goldOutside)} (${foundOutside} of ${goldOutside})`);
