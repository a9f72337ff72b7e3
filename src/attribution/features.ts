/**
 * Features for the two learned taggers, shared by training (scripts/train-attribution.ts) and the
 * stage, so both see exactly the same thing:
 *   - the cue tagger labels every token O / B(egin) / I(nside) of a cue;
 *   - the role tagger, given one cue, labels each token of the window around it O / S(ource) /
 *     C(ontent), reading distance and side from the cue, quotes, commas and other cues between.
 * The previous tag is a feature of both, and both take the best whole path (Viterbi): the cue
 * tagger over each sentence, the role tagger over the cue's window.
 */
import type { Token } from '../types.js';
import { FeatureBuf, PackedWeights, strHash, strHashRange, type Scorer } from './perceptron.js';
import { cueFeaturesFast, cueScoresSplit, NEXT_BY_POS, NEXT_COLON, NEXT_COMMA, NEXT_END, NEXT_IF, NEXT_OTHER, NEXT_QUOTE, NEXT_SUBJ, NEXT_THAT, NEXT_TO, NONE, posCode, roleCueIds, roleCueRows, roleFeaturesFast, roleScoresBase, roleScoresPrev, tableRows, type CueWords, type RoleCueIds } from './compiled.js';
import type { Quote } from './quotes.js';
import { shippedWordClasses, tokenClass, type WordClasses } from './wordclasses.js';

export const CUE_O = 0;
export const CUE_B = 1;
export const CUE_I = 2;
export const ROLE_O = 0;
export const ROLE_S = 1;
export const ROLE_C = 2;
/** The previous-tag value for the cue's own tokens in the role tagger. */
export const TAG_CUE = 3;
export const TAG_START = 4;

export type { Scorer } from './perceptron.js';

/** Per-article arrays the features read, computed once. */
export interface ArticleFeatures {
  tokens: readonly Token[];
  word: Int32Array;
  pos: Int32Array;
  /** Part-of-speech codes (compiled.ts), for the features' look-up tables. */
  posCode: Uint8Array;
  /** Sentence and paragraph of each token (read here rather than from the token objects), and
   * FOLLOW_THAT / FOLLOW_COLON for "that" and ":" (compiled.ts). */
  sent: Int32Array;
  para: Int32Array;
  follows: Uint8Array;
  /** What the next token of the sentence opens (NEXT_* in compiled.ts: "that", "to", a pronoun subject, a quote …). */
  next: Uint8Array;
  /** 1 where a name or a subject pronoun stands just before the token (an auxiliary or adverb between). */
  subj: Uint8Array;
  suffix: Int32Array;
  /** The word with a verb or plural ending cut off ("stated" -> "stat"), hashed. */
  stem: Int32Array;
  shape: Uint8Array;
  /** The lexical class of a verb, noun or adjective (wordclasses.ts tokenClass): its first sense's WordNet lexname (0 none) … */
  wclass: Uint8Array;
  /** … and bits of the classes that matter to cues that any of its senses has (CLASS_BITS). */
  wbits: Uint8Array;
  /** Per sentence: 1 when it holds a quoted token. */
  sentQuoted: Uint8Array;
  inQuote: Int32Array;
  /** Token ranges [first, last] of each quote. */
  quoteFirst: Int32Array;
  quoteLast: Int32Array;
  /** Prefix counts: commas and "that" before token i. */
  commas: Int32Array;
  thats: Int32Array;
  /** Token range [first, last) of each sentence. */
  sentFirst: Int32Array;
  sentLast: Int32Array;
}

const SHAPE_LOWER = 0;
const SHAPE_CAP = 1;
const SHAPE_PUNCT = 2;
const SHAPE_QUOTE = 3;
const SHAPE_OTHER = 4;

function shapeOf(t: Token): number {
  if (quoteMarks(t.norm)) return SHAPE_QUOTE;
  if (t.pos === 'PUNCT') return SHAPE_PUNCT;
  const c = t.text.charCodeAt(0);
  if (c >= 65 && c <= 90) return SHAPE_CAP;
  if (c >= 97 && c <= 122) return SHAPE_LOWER;
  return /^\p{Lu}/u.test(t.text) ? SHAPE_CAP : SHAPE_OTHER;
}

/** Only quote marks: " ' ` (one or more). */
function quoteMarks(s: string): boolean {
  for (let k = 0; k < s.length; k++) {
    const c = s.charCodeAt(k);
    if (c !== 34 && c !== 39 && c !== 96) return false;
  }
  return s.length > 0;
}

/** The word with a verb or plural ending cut off ("stated" -> "stat"), hashed: the longest of -ing, -ed, -es, -s, -d. */
function stemHash(w: string): number {
  let n = w.length;
  if (n > 4) {
    if (w.endsWith('ing')) n -= 3;
    else if (w.endsWith('ed') || w.endsWith('es')) n -= 2;
    else if (w.endsWith('s') || w.endsWith('d')) n -= 1;
  }
  return strHashRange(w, 0, n);
}

const SUBJECTS = new Set(['i', 'he', 'she', 'we', 'they', 'you', 'who', 'officials', 'spokesman', 'spokeswoman', 'people', 'voters']);

/** The class of token t (part-of-speech code `code`) as what follows `before` (NEXT_* in compiled.ts); `quoteOpens`: t opens a quote. */
function nextClass(t: Token, code: number, before: Token, quoteOpens: boolean): number {
  if (t.sent !== before.sent) return NEXT_END;
  if (quoteOpens) return NEXT_QUOTE;
  switch (t.norm) {
    case 'that': return NEXT_THAT;
    case 'to': return NEXT_TO;
    case 'if': case 'whether': return NEXT_IF;
    case 'i': case 'he': case 'she': case 'we': case 'they': case 'you': case 'it': return NEXT_SUBJ;
    case ':': return NEXT_COLON;
    case ',': return NEXT_COMMA;
    case '.': case '?': case '!': return NEXT_END;
    default: return NEXT_BY_POS[code] ?? NEXT_OTHER;
  }
}

export function articleFeatures(tokens: readonly Token[], inQuote: Int32Array, quotes: readonly Quote[], nSentences: number, classes: WordClasses = shippedWordClasses()): ArticleFeatures {
  const n = tokens.length;
  const word = new Int32Array(n);
  const pos = new Int32Array(n);
  const posCodes = new Uint8Array(n);
  const sent = new Int32Array(n);
  const para = new Int32Array(n);
  const follows = new Uint8Array(n);
  const next = new Uint8Array(n);
  const subj = new Uint8Array(n);
  const suffix = new Int32Array(n);
  const stem = new Int32Array(n);
  const shape = new Uint8Array(n);
  const wclass = new Uint8Array(n);
  const wbits = new Uint8Array(n);
  const sentQuoted = new Uint8Array(nSentences);
  const commas = new Int32Array(n + 1);
  const thats = new Int32Array(n + 1);
  const quoteFirst = new Int32Array(quotes.length).fill(-1);
  const quoteLast = new Int32Array(quotes.length).fill(-1);
  const sentFirst = new Int32Array(nSentences).fill(-1);
  const sentLast = new Int32Array(nSentences).fill(-1);
  for (let i = 0; i < n; i++) {
    const t = tokens[i]!;
    word[i] = strHash(t.norm) | 0;
    pos[i] = strHash(t.pos);
    posCodes[i] = posCode(t.pos);
    sent[i] = t.sent;
    para[i] = t.para;
    follows[i] = t.norm === 'that' ? 1 : t.norm === ':' ? 2 : 0;
    suffix[i] = strHashRange(t.norm, Math.max(0, t.norm.length - 3), t.norm.length);
    shape[i] = shapeOf(t);
    stem[i] = stemHash(t.norm);
    const wc = tokenClass(classes, word[i]!, t.pos);
    wclass[i] = wc & 63;
    wbits[i] = wc >>> 6;
    if (inQuote[i]! >= 0 && t.sent < nSentences) sentQuoted[t.sent] = 1;
    commas[i + 1] = commas[i]! + (t.norm === ',' ? 1 : 0);
    thats[i + 1] = thats[i]! + (t.norm === 'that' ? 1 : 0);
    const q = inQuote[i]!;
    if (q >= 0) {
      if (quoteFirst[q]! < 0) quoteFirst[q] = i;
      quoteLast[q] = i;
    }
    for (let k = i - 1; k >= 0 && k >= i - 3 && tokens[k]!.sent === t.sent; k--) {
      const u = tokens[k]!;
      if (u.pos === 'PROPN' || SUBJECTS.has(u.norm)) subj[i] = 1;
      if (u.pos !== 'AUX' && u.pos !== 'ADV' && u.pos !== 'PART') break;
    }
    if (i > 0) next[i - 1] = nextClass(t, posCodes[i]!, tokens[i - 1]!, inQuote[i]! >= 0 && inQuote[i - 1]! < 0);
    if (t.sent < nSentences) {
      if (sentFirst[t.sent]! < 0) sentFirst[t.sent] = i;
      sentLast[t.sent] = i + 1;
    }
  }
  return { tokens, word, pos, posCode: posCodes, sent, para, follows, next, subj, suffix, stem, shape, wclass, wbits, sentQuoted, inQuote, quoteFirst, quoteLast, commas, thats, sentFirst, sentLast };
}

const wAt = (a: ArticleFeatures, i: number): number => (i >= 0 && i < a.word.length ? a.word[i]! : NONE);
const pAt = (a: ArticleFeatures, i: number): number => (i >= 0 && i < a.pos.length ? a.pos[i]! : NONE);

/** Features of token i for the cue tagger: the definition; taggers run the compiled form (compiled.ts). */
export function cueFeatures(a: ArticleFeatures, i: number, prev: number, f: FeatureBuf, seen = 0): void {
  f.reset();
  const w0 = a.word[i]!;
  const p0 = a.pos[i]!;
  const q = a.inQuote[i]! >= 0 ? 1 : 0;
  const t = a.tokens[i]!;
  const sentStart = a.sentFirst[t.sent] === i ? 1 : 0;
  f.add(1, 0);
  f.add(2, w0);
  f.add(3, wAt(a, i - 1));
  f.add(4, wAt(a, i + 1));
  f.add(5, wAt(a, i - 1), w0);
  f.add(6, w0, wAt(a, i + 1));
  f.add(7, p0);
  f.add(8, pAt(a, i - 1), p0);
  f.add(9, p0, pAt(a, i + 1));
  f.add(10, w0, p0);
  f.add(11, a.suffix[i]!, p0);
  f.add(12, wAt(a, i + 2));
  f.add(13, wAt(a, i - 2));
  f.add(14, q, p0);
  f.add(15, prev);
  f.add(16, prev, w0);
  f.add(17, prev, p0);
  f.add(18, sentStart, p0);
  f.add(19, q, w0);
  f.add(20, a.shape[i]!, p0);
  f.add(21, w0, wAt(a, i + 2));
  f.add(22, a.shape[i + 1] ?? 9, p0);
  f.add(23, t.para === 0 ? 1 : 0, q);
  f.add(25, a.stem[i]!, p0);
  f.add(27, a.sentQuoted[t.sent] ?? 0, p0);
  f.add(28, a.sentQuoted[t.sent] ?? 0, w0);
  f.add(29, w0, pAt(a, i - 1));
  f.add(30, w0, pAt(a, i + 1));
  // What follows within a few words: "that", a quote, a colon.
  let follow = 0;
  for (let k = i + 1; k < i + 5 && k < a.tokens.length && a.tokens[k]!.sent === t.sent; k++) {
    const n = a.tokens[k]!.norm;
    if (n === 'that') follow |= 1;
    else if (n === ':') follow |= 2;
    else if (a.inQuote[k]! >= 0 && q === 0) follow |= 4;
  }
  f.add(31, follow, p0);
  f.add(32, follow, a.stem[i]!);
  // what the next word opens: a clause ("that", "to", "if", a pronoun subject), a quote, a name …
  f.add(33, a.next[i]!, a.stem[i]!);
  f.add(34, a.next[i]!, p0);
  // whether a cue has already begun in the sentence (1) or not (0)
  f.add(35, seen, p0);
  f.add(36, a.subj[i]! * 16 + a.next[i]!, p0);
  // the word's lexical class (WordNet): a verb of saying seen a few times looks like the ones seen often
  f.add(37, a.wclass[i]!, p0);
  f.add(38, a.wbits[i]!, p0);
}

export interface TokSpan {
  first: number;
  last: number;
}

/** Tokens the cue tagger tagged O with a B score within `margin` of the O score (tagCues' `near`), in text order. */
export interface NearCues {
  margin: number;
  at: number[];
}

/** What tagCues needs to learn: the gold tags (CUE_O / CUE_B / CUE_I per token) and the trainer it updates. */
export interface CueLearning {
  gold: Uint8Array;
  trainer: Scorer & { add(f: FeatureBuf, cls: number, delta: number): void; c: number };
}

/**
 * The cue tagger's states: the previous tag and whether a cue has begun in the sentence (the
 * features read both). 0: O, none begun; 1: O after a cue; 2: B; 3: I.
 */
const ST_PREV = Uint8Array.of(CUE_O, CUE_O, CUE_B, CUE_I);
const ST_SEEN = Uint8Array.of(0, 1, 1, 1);
/** The state after tag t from state s. */
const stNext = (s: number, t: number): number => (t === CUE_O ? ST_SEEN[s]! : t === CUE_B ? 2 : 3);

/** Reused by tagCues: per token of a sentence, 4 path scores, 4 back pointers, and 3 tag scores from each of 4 states. */
let cueDelta = new Float64Array(4 * 256);
let cueBack = new Int8Array(4 * 256);
let cueTagScores = new Float64Array(12 * 256);
let cueStates = new Uint8Array(256);
/** cueScoresSplit's parts: the base, then per previous tag, then per "begun" value. */
const parts = new Float64Array(18);

/**
 * Cue tagging, each sentence as a whole: the best sequence of O / B / I (Viterbi over the four
 * states above; I only after B or I), as token ranges [first, last). Greedy left-to-right tagging
 * judged a cue word by word and cut multi-word cues short or started them late; on held-out
 * PolNeAR train the whole path gives exact cues +3 F1. At run time quoted words are O (an
 * attribution inside a quote is nested, and only the outermost is kept). With `learn`, a structured
 * perceptron update per sentence (the best path against the gold one, quoted words tagged as
 * well). With `near` (run time), the tokens tagged O whose B score lies within near.margin of
 * their O score, both read from the path's state before them.
 */
export function tagCues(a: ArticleFeatures, model: Scorer, f: FeatureBuf, out: Float64Array, learn?: CueLearning, near?: NearCues, margins?: Float64Array): TokSpan[] {
  const n = a.tokens.length;
  // shipped weights: scores straight from the compiled tables; otherwise feature ids for each state
  const packed = model instanceof PackedWeights && model.classes === 3 ? model : null;
  const rows = packed ? tableRows(packed, 'cue') : null;
  const spans: TokSpan[] = [];
  for (let i = 0; i < n; ) {
    let end = i + 1;
    while (end < n && a.sent[end] === a.sent[i]) end++;
    const len = end - i;
    if (cueDelta.length < len * 4) {
      cueDelta = new Float64Array(len * 4);
      cueBack = new Int8Array(len * 4);
      cueTagScores = new Float64Array(len * 12);
      cueStates = new Uint8Array(len);
    }
    const delta = cueDelta;
    const back = cueBack;
    const sc = cueTagScores;
    delta.fill(-Infinity, 0, len * 4);
    for (let k = 0; k < len; k++) {
      const j = i + k;
      const quoted = !learn && a.inQuote[j]! >= 0;
      if (packed && rows && !quoted) cueScoresSplit(a, j, packed, rows, f.ids, parts);
      for (let s = 0; s < (k === 0 ? 1 : 4); s++) {
        const from = k === 0 ? 0 : delta[(k - 1) * 4 + s]!;
        if (from === -Infinity) continue;
        const o = (k * 4 + s) * 3;
        const prev = ST_PREV[s]!;
        if (quoted) {
          sc[o] = 0;
          sc[o + 1] = -Infinity;
          sc[o + 2] = -Infinity;
        } else {
          if (packed && rows) {
            const p = 3 + prev * 3;
            const q = 12 + ST_SEEN[s]! * 3;
            for (let c = 0; c < 3; c++) out[c] = parts[c]! + parts[p + c]! + parts[q + c]!;
          } else {
            cueFeaturesFast(a, j, prev, f, ST_SEEN[s]!);
            model.best(f, out);
          }
          sc[o] = out[0]!;
          sc[o + 1] = out[1]!;
          sc[o + 2] = prev === CUE_O ? -Infinity : out[2]!;
        }
        // ties go to the lower state, then the lower tag
        for (let t = 0; t < 3; t++) {
          const v = from + sc[o + t]!;
          const ns = k * 4 + stNext(s, t);
          if (v > delta[ns]!) {
            delta[ns] = v;
            back[ns] = s;
          }
        }
      }
    }
    let best = 0;
    for (let s = 1; s < 4; s++) if (delta[(len - 1) * 4 + s]! > delta[(len - 1) * 4 + best]!) best = s;
    const states = cueStates;
    for (let k = len - 1; k >= 0; k--) {
      states[k] = best;
      best = back[k * 4 + best]!;
    }
    if (learn) learnPath(a, i, len, states, learn, f);
    if (margins) cueMargins(len, delta, sc, margins, i);
    let open: TokSpan | null = null;
    for (let k = 0; k < len; k++) {
      const st = states[k]!;
      if (st === 2) {
        if (open) spans.push(open);
        open = { first: i + k, last: i + k + 1 };
      } else if (st === 3 && open) open.last = i + k + 1;
      else {
        if (open) spans.push(open);
        open = null;
        if (near) {
          const o = (k * 4 + (k === 0 ? 0 : states[k - 1]!)) * 3;
          if (sc[o + 1]! - sc[o]! > -near.margin) near.at.push(i + k);
        }
      }
    }
    if (open) spans.push(open);
    i = end;
  }
  return spans;
}

/** Reused by cueMargins: per token of a sentence, the best score of the rest of the sentence from each of the 4 states. */
let cueBeta = new Float64Array(4 * 256);

/**
 * Max-marginals of one sentence of tagCues (forward scores `delta`, tag scores `sc`): for each token
 * k, the best path with the token in a cue (B or I) less the best path with it O, into margins[i + k].
 * Positive on the best path's cues (how much the path would lose without that token in a cue),
 * negative elsewhere (how far the token is from starting one).
 */
function cueMargins(len: number, delta: Float64Array, sc: Float64Array, margins: Float64Array, i: number): void {
  if (cueBeta.length < len * 4) cueBeta = new Float64Array(len * 4);
  const beta = cueBeta;
  beta.fill(0, (len - 1) * 4, len * 4);
  for (let k = len - 2; k >= 0; k--) {
    const nb = (k + 1) * 4;
    // the next token's states after O (0 or 1 as a cue has begun), B (2) and I (3)
    const b2 = beta[nb + 2]!;
    const b3 = beta[nb + 3]!;
    for (let s = 0; s < 4; s++) {
      if (delta[k * 4 + s] === -Infinity) {
        beta[k * 4 + s] = -Infinity;
        continue;
      }
      const o = (nb + s) * 3;
      const vo = sc[o]! + beta[nb + ST_SEEN[s]!]!;
      const vb = sc[o + 1]! + b2;
      const vi = sc[o + 2]! + b3;
      beta[k * 4 + s] = vo > vb ? (vo > vi ? vo : vi) : vb > vi ? vb : vi;
    }
  }
  for (let k = 0; k < len; k++) {
    const q = k * 4;
    const o0 = delta[q]! + beta[q]!;
    const o1 = delta[q + 1]! + beta[q + 1]!;
    const c2 = delta[q + 2]! + beta[q + 2]!;
    const c3 = delta[q + 3]! + beta[q + 3]!;
    margins[i + k] = (c2 > c3 ? c2 : c3) - (o0 > o1 ? o0 : o1);
  }
}

/** The structured perceptron update for one sentence [i, i + len) tagged with `states` (tagCues). */
function learnPath(a: ArticleFeatures, i: number, len: number, states: Uint8Array, learn: CueLearning, f: FeatureBuf): void {
  const g = goldBuf;
  let gs = 0;
  let ps = 0;
  for (let k = 0; k < len; k++) {
    const j = i + k;
    // a gold cue that the path before it did not start begins here
    let gt = learn.gold[j]!;
    if (gt === CUE_I && ST_PREV[gs] === CUE_O) gt = CUE_B;
    const st = states[k]!;
    const pt = st === 2 ? CUE_B : st === 3 ? CUE_I : CUE_O;
    if (gt !== pt || gs !== ps) {
      cueFeaturesFast(a, j, ST_PREV[gs]!, g, ST_SEEN[gs]!);
      cueFeaturesFast(a, j, ST_PREV[ps]!, f, ST_SEEN[ps]!);
      learn.trainer.add(g, gt, 1);
      learn.trainer.add(f, pt, -1);
    }
    learn.trainer.c++;
    gs = stNext(gs, gt);
    ps = st;
  }
}

const goldBuf = new FeatureBuf();

/** Parts of speech of the words that lead a verb group: auxiliaries, adverbs, "not"/"to". */
const LEADERS = new Set(['AUX', 'ADV', 'PART']);
const GROUP_MAX = 4;

/**
 * A cue of auxiliaries and adverbs alone ("have", "publicly", "did not") is the front of a verb
 * group the tagger cut short: it goes on over more such words to the first verb or adjective
 * ("have reported", "publicly acknowledging", "did not respond"), at most GROUP_MAX words on, in
 * its sentence and outside quotes; a cue that starts there is joined to it. Where none follows, the
 * cue stays as it is. `cues` in text order, changed in place.
 */
export function extendVerbGroups(a: ArticleFeatures, cues: TokSpan[]): TokSpan[] {
  const { tokens } = a;
  for (let k = 0; k < cues.length; k++) {
    const c = cues[k]!;
    let lone = true;
    for (let i = c.first; i < c.last && lone; i++) lone = LEADERS.has(tokens[i]!.pos);
    if (!lone) continue;
    for (let i = c.last; i < c.last + GROUP_MAX && i < tokens.length && a.sent[i] === a.sent[c.first] && a.inQuote[i]! < 0; i++) {
      const pos = tokens[i]!.pos;
      if (pos === 'VERB' || pos === 'ADJ') {
        c.last = i + 1;
        // the tagger's next cue begins inside the group: one cue
        while (k + 1 < cues.length && cues[k + 1]!.first < c.last) {
          c.last = Math.max(c.last, cues[k + 1]!.last);
          cues.splice(k + 1, 1);
        }
        break;
      }
      if (!LEADERS.has(pos)) break;
    }
  }
  return cues;
}

/** Parts of speech a cue may open with after the auxiliaries before it. */
const AUX_HEADS = new Set(['VERB', 'ADJ', 'ADV', 'PART', 'AUX']);

/**
 * "is | praising", "has been | asked about", "'s also | praising": the tagger starts a cue at its
 * verb where PolNeAR's cue mostly opens with the auxiliaries before it. For a cue that opens with
 * a verb (adjective, adverb …) right after a run of auxiliaries, adverbs and "not"/"to" (at most
 * GROUP_MAX, in its sentence, outside quotes, from `floor` on), the first token of the cue with the
 * run up to its first auxiliary; the cue's own first token where there is none.
 */
export function auxiliariesBefore(a: ArticleFeatures, cue: TokSpan, floor: number): number {
  const { tokens } = a;
  let from = cue.first;
  if (!AUX_HEADS.has(tokens[cue.first]!.pos)) return from;
  for (let i = cue.first - 1; i >= floor && i >= cue.first - GROUP_MAX && a.sent[i] === a.sent[cue.first] && a.inQuote[i]! < 0; i--) {
    const pos = tokens[i]!.pos;
    if (!LEADERS.has(pos)) break;
    if (pos === 'AUX') from = i;
  }
  return from;
}

const MAX_WINDOW = 320;

/**
 * The tokens the role tagger reads for a cue: its sentence, widened to the quotes that touch it
 * and to those that follow it (followingQuotes), at most MAX_WINDOW tokens each side of the cue.
 * `cuePrefix`: prefix counts of cue tokens; a following quote that has its own cue is left out.
 * `scan`: how far each side of the cue the sentence is scanned for quotes. Quotes further than
 * MAX_WINDOW can only widen the window past the cap, so the scan stays within it and a sentence of
 * thousands of tokens costs each cue no more (a test scans the whole sentence, Infinity, and
 * compares).
 */
export function roleWindow(a: ArticleFeatures, cue: TokSpan, cuePrefix: Int32Array, scan = MAX_WINDOW): TokSpan {
  const s = a.tokens[cue.first]!.sent;
  let first = a.sentFirst[s]!;
  let last = a.sentLast[s]!;
  const to = Math.min(last, cue.last + scan);
  for (let i = Math.max(first, cue.first - scan); i < to; i++) {
    const q = a.inQuote[i]!;
    if (q < 0) continue;
    first = Math.min(first, a.quoteFirst[q]!);
    last = Math.max(last, a.quoteLast[q]! + 1);
    i = Math.max(i, a.quoteLast[q]!);
  }
  last = followingQuotes(a, cue, last, cuePrefix);
  first = Math.max(first, cue.first - MAX_WINDOW);
  last = Math.min(last, cue.last + MAX_WINDOW);
  return { first, last };
}

/**
 * Where a cue's window ends, from `last` (its sentence's end, widened to the quotes that touch
 * it): through the tail of the sentence its last quote closes in, then through the quotes that
 * open the next sentences of the paragraph (`“…,” he said. “…”`) and have no cue of their own,
 * and, after a paragraph that ends on the cue's colon ("He declared:"), those that open the next one.
 */
export function followingQuotes(a: ArticleFeatures, cue: TokSpan, last: number, cuePrefix: Int32Array): number {
  const tail = a.tokens[last - 1]?.sent;
  if (tail !== undefined && tail !== a.tokens[cue.first]!.sent) last = Math.max(last, a.sentLast[tail]!);
  let para = a.tokens[cue.first]!.para;
  for (let hops = 0; hops < 4 && last < a.tokens.length; hops++) {
    const next = a.tokens[last]!;
    const q = a.inQuote[last]!;
    if (q < 0 || a.quoteFirst[q] !== last) break;
    if (next.para !== para) {
      if (hops > 0 || next.para !== para + 1 || a.tokens[last - 1]!.norm !== ':' || a.tokens[last - 1]!.sent !== a.tokens[cue.first]!.sent) break;
      para = next.para;
    }
    const end = Math.max(a.quoteLast[q]! + 1, a.sentLast[a.tokens[a.quoteLast[q]!]!.sent]!);
    if (cuePrefix[end]! - cuePrefix[last]! > 0) break;
    last = end;
  }
  return last;
}

function distBucket(d: number): number {
  if (d <= 5) return d;
  if (d <= 8) return 6;
  if (d <= 12) return 7;
  if (d <= 20) return 8;
  if (d <= 40) return 9;
  return 10;
}

/** The quote nearest the cue on one side within a few tokens, or -1. */
function adjacentQuote(a: ArticleFeatures, from: number, step: number, cue: TokSpan): number {
  for (let k = 0, i = from; k < 4 && i >= 0 && i < a.tokens.length; k++, i += step) {
    if (i >= cue.first && i < cue.last) continue;
    if (a.inQuote[i]! >= 0) return a.inQuote[i]!;
  }
  return -1;
}

export interface RoleContext extends CueWords {
  cue: TokSpan;
  qLeft: number;
  qRight: number;
  /** Prefix counts of the article's cue tokens, for "another cue between". */
  cuePrefix: Int32Array;
  /** The ids of the features that read the cue's words (compiled.ts). */
  readonly ids: RoleCueIds;
}

/** A RoleContext whose ids are built on first use: training reads them, the stage reads rows per word (compiled.ts). */
class CueContext implements RoleContext {
  private cueIds: RoleCueIds | null = null;
  constructor(
    readonly cue: TokSpan,
    readonly head: number,
    readonly first: number,
    readonly next: number,
    readonly before: number,
    readonly qLeft: number,
    readonly qRight: number,
    readonly cuePrefix: Int32Array,
  ) {}

  get ids(): RoleCueIds {
    return (this.cueIds ??= roleCueIds(this.head, this.first, this.next, this.before));
  }
}

export function roleContext(a: ArticleFeatures, cue: TokSpan, cuePrefix: Int32Array): RoleContext {
  const qLeft = adjacentQuote(a, cue.first - 1, -1, cue);
  const qRight = adjacentQuote(a, cue.last, 1, cue);
  return new CueContext(cue, a.word[cue.last - 1]!, a.word[cue.first]!, wAt(a, cue.last), wAt(a, cue.first - 1), qLeft, qRight, cuePrefix);
}

/** Features of token i for the role tagger, given the cue: the definition; taggers run the compiled form. */
export function roleFeatures(a: ArticleFeatures, r: RoleContext, i: number, prev: number, f: FeatureBuf): void {
  f.reset();
  const { cue } = r;
  const left = i < cue.first;
  const side = left ? 1 : 2;
  const d = distBucket(left ? cue.first - i : i - cue.last + 1);
  const lo = left ? i : cue.last;
  const hi = left ? cue.first : i;
  const commas = Math.min(a.commas[hi]! - a.commas[lo]!, 3);
  const that = a.thats[hi]! - a.thats[lo]! > 0 ? 1 : 0;
  const otherCue = r.cuePrefix[hi]! - r.cuePrefix[lo]! > 0 ? 1 : 0;
  const q = a.inQuote[i]!;
  const qRel = q < 0 ? 0 : q === r.qLeft ? 1 : q === r.qRight ? 2 : 3;
  const sentDelta = Math.max(-2, Math.min(2, a.tokens[i]!.sent - a.tokens[cue.first]!.sent)) + 2;
  const w = a.word[i]!;
  const p = a.pos[i]!;
  const sd = side * 16 + d;
  f.add(101, side);
  f.add(102, sd);
  f.add(103, sd, p);
  f.add(104, side, w);
  f.add(105, side, p);
  f.add(106, side * 0x10000 + 1, pAt(a, i - 1) ^ Math.imul(p, 31));
  f.add(107, side * 0x10000 + 2, p ^ Math.imul(pAt(a, i + 1), 31));
  f.add(108, side, wAt(a, i - 1));
  f.add(109, side, wAt(a, i + 1));
  f.add(110, r.head, side);
  f.add(111, r.head, side * 16 + Math.min(d, 6));
  f.add(112, r.head, side * 0x10000 + (p & 0xffff));
  f.add(113, r.first, side);
  f.add(114, qRel * 4 + side, p);
  f.add(115, qRel * 4 + side);
  f.add(116, sentDelta, side);
  f.add(117, commas * 4 + side, d);
  f.add(118, that * 4 + side, commas);
  f.add(119, otherCue * 4 + side, d);
  f.add(120, prev * 4 + side);
  f.add(121, prev * 4 + side, p);
  f.add(123, a.shape[i]! * 4 + side, prev);
  f.add(124, that * 4 + side, p);
  f.add(125, qRel * 4 + side, prev);
  f.add(126, r.head, prev * 4 + side);
  f.add(127, otherCue * 4 + side, prev);
  f.add(128, side * 16 + commas, p);
  f.add(129, wAt(a, cue.last), side * 16 + prev);
  f.add(130, wAt(a, cue.first - 1), side * 16 + prev);
}

/** Reused by tagRoles: back pointers (3 per token) and the scores of the path ends. */
let back = new Uint8Array(3 * 512);
const delta = new Float64Array(3);
const next = new Float64Array(3);
const base = new Float64Array(3);

/**
 * Role tagging over the cue's window: the best tag sequence (Viterbi; the previous tag is a feature,
 * so each token is scored under each previous tag). The cue's tokens split the window into two
 * independent halves: the first token reads TAG_START as its previous tag, the token after the cue
 * TAG_CUE. Cue tokens get O. A greedy left-to-right reading stopped contents short or broke them
 * in pieces where one word scored low; the whole path does not.
 */
export function tagRoles(a: ArticleFeatures, r: RoleContext, win: TokSpan, model: Scorer, f: FeatureBuf, out: Float64Array): Uint8Array {
  const n = win.last - win.first;
  const tags = new Uint8Array(n);
  if (back.length < n * 3) back = new Uint8Array(n * 3);
  // shipped weights: scores straight from the compiled tables, the part without the previous tag once
  const packed = model instanceof PackedWeights && model.classes === 3 ? model : null;
  const cueRows = packed ? roleCueRows(packed, r) : null;
  const rows = packed ? tableRows(packed, 'role') : null;
  let segStart = -1;
  const close = (end: number): void => {
    if (segStart < 0) return;
    let t = delta[1]! > delta[0]! ? 1 : 0;
    if (delta[2]! > delta[t]!) t = 2;
    for (let k = end - 1; k >= segStart; k--) {
      tags[k] = t;
      t = back[k * 3 + t]!;
    }
    segStart = -1;
  };
  for (let k = 0; k < n; k++) {
    const i = win.first + k;
    if (i >= r.cue.first && i < r.cue.last) {
      close(k);
      continue;
    }
    const first = segStart < 0;
    if (packed && cueRows && rows) roleScoresBase(a, r, cueRows, i, packed, rows, f.ids, base);
    const prevs = first ? 1 : 3;
    for (let p = 0; p < prevs; p++) {
      const prev = first ? (k === 0 ? TAG_START : TAG_CUE) : p;
      if (packed && cueRows && rows) {
        out[0] = base[0]!;
        out[1] = base[1]!;
        out[2] = base[2]!;
        roleScoresPrev(a, cueRows, i, prev, rows, out);
      } else {
        roleFeaturesFast(a, r, i, prev, f);
        model.best(f, out);
      }
      if (first) {
        delta[0] = out[0]!;
        delta[1] = out[1]!;
        delta[2] = out[2]!;
        continue;
      }
      // ties go to the lower previous tag, as Weights.best's go to the lower class
      for (let t = 0; t < 3; t++) {
        const sc = delta[p]! + out[t]!;
        if (p === 0 || sc > next[t]!) {
          next[t] = sc;
          back[k * 3 + t] = p;
        }
      }
    }
    if (first) segStart = k;
    else delta.set(next);
  }
  close(n);
  return tags;
}
