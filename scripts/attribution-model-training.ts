/**
 * Training the two learned attribution taggers (src/attribution/features.ts) on PolNeAR train:
 * gold cue tokens (O/B/I) for the cue tagger, and for every gold attribution the O/S/C tag of each
 * token in its cue's window for the role tagger. Averaged perceptron, a fixed number of epochs,
 * articles visited in an order drawn from a fixed seed: the same data gives the same weights.
 */
import type { Range, Token } from '../src/types.js';
import type { GoldAttribution } from '../src/eval/brat.js';
import {
  articleFeatures, CUE_B, CUE_I, ROLE_C, ROLE_S, roleContext, roleWindow, tagCues, tagRoles,
  type ArticleFeatures, type TokSpan,
} from '../src/attribution/features.js';
import { FeatureBuf, Trainer, type Weights } from '../src/attribution/perceptron.js';
import type { Quote } from '../src/attribution/quotes.js';
import { rng } from './rng.js';

export interface TrainingDoc {
  a: ArticleFeatures;
  cueGold: Uint8Array;
  cuePrefix: Int32Array;
  frames: Array<{ cue: TokSpan; win: TokSpan; tags: Uint8Array }>;
}

const overlaps = (t: Token, rs: readonly Range[] | null): boolean => (rs ?? []).some((r) => t.start < r.end && t.end > r.start);

export function trainingDoc(tokens: readonly Token[], inQuote: Int32Array, quotes: readonly Quote[], nSentences: number, gold: readonly GoldAttribution[]): TrainingDoc {
  const a = articleFeatures(tokens, inQuote, quotes, nSentences);
  const cueGold = new Uint8Array(tokens.length);
  const frames: TrainingDoc['frames'] = [];
  const cues: Array<{ g: GoldAttribution; cue: TokSpan }> = [];
  for (const g of gold) {
    let first = -1;
    let last = -1;
    tokens.forEach((t, i) => {
      if (!overlaps(t, g.cue)) return;
      if (first < 0) first = i;
      last = i + 1;
    });
    if (first < 0 || g.content.length === 0) continue;
    for (let i = first; i < last; i++) cueGold[i] = i === first || cueGold[i - 1] === 0 ? CUE_B : CUE_I;
    cues.push({ g, cue: { first, last } });
  }
  const cuePrefix = new Int32Array(tokens.length + 1);
  for (let i = 0; i < tokens.length; i++) cuePrefix[i + 1] = cuePrefix[i]! + (cueGold[i]! > 0 ? 1 : 0);
  for (const { g, cue } of cues) {
    const win = roleWindow(a, cue, cuePrefix);
    const tags = new Uint8Array(win.last - win.first);
    for (let i = win.first; i < win.last; i++) {
      if (i >= cue.first && i < cue.last) continue;
      const t = tokens[i]!;
      tags[i - win.first] = overlaps(t, g.source) ? ROLE_S : overlaps(t, g.content) ? ROLE_C : 0;
    }
    frames.push({ cue, win, tags });
  }
  return { a, cueGold, cuePrefix, frames };
}

function order(n: number, rand: () => number): number[] {
  const o = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [o[i], o[j]] = [o[j]!, o[i]!];
  }
  return o;
}

export const MODEL_BITS = 20;

export function trainCueTagger(docs: readonly TrainingDoc[], epochs: number): Weights {
  const tr = new Trainer(MODEL_BITS, 3);
  const f = new FeatureBuf();
  const out = new Float64Array(3);
  const rand = rng(17);
  for (let e = 0; e < epochs; e++) {
    let wrong = 0;
    let total = 0;
    for (const k of order(docs.length, rand)) {
      const d = docs[k]!;
      tagCues(d.a, tr, f, out, d.cueGold, (truth, guess) => {
        total++;
        if (truth !== guess) wrong++;
        tr.update(f, truth, guess);
      });
    }
    console.log(`  cue tagger epoch ${e + 1}: ${((100 * wrong) / Math.max(total, 1)).toFixed(2)}% tokens wrong`);
  }
  return tr.averaged();
}

export function trainRoleTagger(docs: readonly TrainingDoc[], epochs: number): Weights {
  const tr = new Trainer(MODEL_BITS, 3);
  const f = new FeatureBuf();
  const out = new Float64Array(3);
  const rand = rng(29);
  for (let e = 0; e < epochs; e++) {
    let wrong = 0;
    let total = 0;
    for (const k of order(docs.length, rand)) {
      const d = docs[k]!;
      for (const fr of d.frames) {
        const ctx = roleContext(d.a, fr.cue, d.cuePrefix);
        tagRoles(d.a, ctx, fr.win, tr, f, out, fr.tags, (truth, guess) => {
          total++;
          if (truth !== guess) wrong++;
          tr.update(f, truth, guess);
        });
      }
    }
    console.log(`  role tagger epoch ${e + 1}: ${((100 * wrong) / Math.max(total, 1)).toFixed(2)}% tokens wrong`);
  }
  return tr.averaged();
}

export { CUE_B, CUE_I };
