/**
 * The learned attribution model (data/attribution/model.json, rebuilt by `npm run train`): a cue
 * tagger over the whole article, then, per cue, a role tagger over the window around it. Turns their
 * tags into frames: the source is the source-tagged run nearest the cue, the content every
 * content-tagged run, cut where a paragraph ends (annotated spans never cross a line break).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { readTrustedJson } from '../data-dir.js';
import type { ModelFile } from './schema.js';
import type { Range, Token } from '../types.js';
import {
  auxiliariesBefore, extendVerbGroups, ROLE_C, ROLE_S, roleContext, roleWindow, tagCues, tagRoles, type ArticleFeatures, type NearCues, type TokSpan,
} from './features.js';
import { FeatureBuf, PackedWeights, type Scorer } from './perceptron.js';
import { isQuoteMark, type EndRun, type StartRun } from './frames.js';
import { bestEnd, contentSentEnd } from './span-end.js';
import { bestStart, START_WINDOW } from './span-start.js';
import { RangeIndex } from '../text/ranges.js';
import { DAYS } from './phrases.js';

export const MODEL_FILE = 'model.json';

export type { ModelFile } from './schema.js';

export interface AttributionModel {
  cue: Scorer;
  role: Scorer;
  /** A role tagger that also learnt to tag nothing around the cue tagger's false cues: confirms the second pass's cues (withSecondPass). */
  confirm?: Scorer;
  /** Ranks the end points of an indirect content after its cue (span-end.ts). */
  end?: PackedWeights;
  /** Ranks the start points of an indirect content after its cue (span-start.ts). */
  start?: PackedWeights;
  /** The frame classifier (frame-score.ts) and the score under which a frame is dropped. */
  frame?: { weights: PackedWeights; threshold: number };
  /**
   * Near-miss cues (nearMissFrames), read only with the frame classifier: the margin bound, the
   * classifier's score under which their frames are dropped, and the score of the cue's own
   * features (frame-score.ts nearCueScore) under which the role tagger does not read them.
   */
  near?: { bound: number; threshold: number; screen?: number };
}

export function loadAttributionModel(dir: string): AttributionModel | null {
  const path = join(dir, MODEL_FILE);
  if (!existsSync(path)) return null;
  const m = readTrustedJson<ModelFile>(path, ['cue', 'role']);
  return {
    cue: PackedWeights.unpack(m.cue),
    role: PackedWeights.unpack(m.role),
    ...(m.confirm ? { confirm: PackedWeights.unpack(m.confirm) } : {}),
    ...(m.end ? { end: PackedWeights.unpack(m.end) } : {}),
    ...(m.start ? { start: PackedWeights.unpack(m.start) } : {}),
    ...(m.frame ? { frame: { weights: PackedWeights.unpack(m.frame), threshold: m.frameThreshold ?? 0 } } : {}),
    ...(m.frame && m.near ? { near: { bound: m.near.bound, threshold: m.near.threshold, ...(m.near.screen !== undefined ? { screen: m.near.screen } : {}) } } : {}),
  };
}

export interface LearnedFrame {
  cue: TokSpan;
  /** Token range [first, last) of the source, or null. */
  source: [number, number] | null;
  content: Range[];
  /** Found by the second pass (withSecondPass). */
  second: boolean;
  /** A near-miss cue's frame (nearMissFrames). */
  near: boolean;
  /** The first content's run after the cue, for the start model (modelContentStart); undefined when there is none. */
  startRun: StartRun | undefined;
  /** The last content's run after the cue, for the end model (modelContentEnd); undefined when there is none. */
  endRun: EndRun | undefined;
}

/** A copy of a frame with `second` or `near` set: a literal, so that every frame keeps one object shape. */
function marked(f: LearnedFrame, second: boolean, near: boolean): LearnedFrame {
  return { cue: f.cue, source: f.source, content: f.content, second, near, startRun: f.startRun, endRun: f.endRun };
}

const f = new FeatureBuf();
const out = new Float64Array(8);

/** Runs of one tag inside the window, as token ranges [first, last). */
function runs(tags: Uint8Array, base: number, tag: number, tokens: readonly Token[]): Array<[number, number]> {
  const found: Array<[number, number]> = [];
  let open = -1;
  for (let k = 0; k <= tags.length; k++) {
    const i = base + k;
    const on = k < tags.length && tags[k] === tag;
    // A paragraph break ends a run: annotated spans never cross one.
    const broken = on && open >= 0 && tokens[i]!.para !== tokens[i - 1]!.para;
    if (open >= 0 && (!on || broken)) {
      found.push([open, i]);
      open = -1;
    }
    if (on && open < 0) open = i;
  }
  return found;
}

const MODIFIER = new Set(['DET', 'ADJ', 'ADV']);

/** Whether source run [s, e) is only determiners, adverbs and adjectives, ending in an adjective, right before a noun cue. */
function modifiesCue(tokens: readonly Token[], [s, e]: [number, number], cue: TokSpan): boolean {
  if (e !== cue.first || tokens[cue.first]!.pos !== 'NOUN' || tokens[e - 1]!.pos !== 'ADJ') return false;
  for (let i = s; i < e; i++) if (!MODIFIER.has(tokens[i]!.pos)) return false;
  return true;
}

/** Parts of speech that go on a clause rather than end it ("… in the competition | so he would …"). */
const GOES_ON = new Set(['ADP', 'AUX', 'SCONJ', 'ADJ', 'PROPN', 'NOUN', 'ADV', 'NUM', 'DET']);

/** Possessive endings as tokens ("Iran" "'s"). */
const CLITIC = new Set(["'s", '’s']);

/** Characters a short content may run on by (clauseEnd); neutral on held-out PolNeAR train, whole in our own articles. */
const MIN_RUN_ON = 80;

/**
 * The end of an indirect content after its cue: where the tagger stopped before a word that goes
 * on the clause (a preposition, "so", a name …, not "and" or a verb; a comma only before a
 * preposition or adjective), the content runs to the end of the sentence, unless a quote or another
 * cue lies on the way. On held-out PolNeAR train such contents end at the sentence end about three
 * times as often as where the tagger stopped.
 */
function clauseEnd(a: ArticleFeatures, cuePrefix: Int32Array, s: number, e: number): number {
  const { tokens } = a;
  const next = tokens[e];
  if (!next || next.sent !== tokens[e - 1]!.sent) return e;
  // ", with thousands of troops …", ", eager to …": an adjunct after a comma goes on it too
  const after = tokens[e + 1];
  const adjunct = next.norm === ',' && after !== undefined && (after.pos === 'ADP' || after.pos === 'ADJ');
  if (!GOES_ON.has(next.pos) && !adjunct) return e;
  const end = a.sentLast[next.sent]!;
  for (let i = e; i < end; i++) {
    if (a.inQuote[i]! >= 0 || tokens[i]!.para !== next.para) return e;
    // another cue's start, unless an adverb ("reportedly") that opens no clause
    if (cuePrefix[i + 1]! > cuePrefix[i]! && (i === e || cuePrefix[i]! === cuePrefix[i - 1]!) && tokens[i]!.pos !== 'ADV') return e;
  }
  // at most twice the content's length added: where the tagger was right, the content still overlaps it (Dice 0.5)
  // or 80 characters for a short one ("acknowledging the efforts | of North Korean deminers operating in Kursk Oblast")
  if (tokens[end - 1]!.end - next.start > Math.max(MIN_RUN_ON, 2 * (tokens[e - 1]!.end - tokens[s]!.start))) return e;
  return end;
}

/**
 * How far the end model's best end must score above the tagger's end to replace it, and by what
 * factor at most it may lengthen or shorten the content (in characters): held-out folds 0-2,
 * docs/attribution.md.
 */
const END_MARGIN = 16;
/** The farthest end the end model tries, in tokens from the content's start (news sentences are far shorter). */
const END_WINDOW = 256;
const END_RATIO = 2;
const endScores = { best: 0, keep: 0 };

/**
 * The end of content run [s, e) after its cue as the end model ranks it: the tagger's end unless
 * the best end scores END_MARGIN above it and no other cue's token lies between the two ends
 * (modelContentEnd then keeps it only within END_RATIO of the tagger's length).
 */
function modelEnd(a: ArticleFeatures, cuePrefix: Int32Array, cue: TokSpan, s: number, e: number, model: PackedWeights): number {
  if (a.inQuote[s]! >= 0) return e;
  // ends at most END_WINDOW tokens on: a sentence of thousands of tokens (a list, a page without
  // stops) would make each of its frames rank them all (the sentence's end is read 32 tokens
  // farther, enough for the features: what is left of the sentence counts up to 31 tokens)
  const sentEnd = contentSentEnd(a, s, s + END_WINDOW + 32);
  const last = Math.min(sentEnd, s + END_WINDOW);
  if (e > last) return e;
  // scores in full only the ends that may beat the tagger's by the margin: the others cannot change it
  const best = bestEnd(a, cuePrefix, cue, s, sentEnd, e, model, endScores, END_MARGIN, last);
  if (best <= 0 || cuePrefix[Math.max(best, e)]! > cuePrefix[Math.min(best, e)]!) return e;
  return endScores.best - endScores.keep > END_MARGIN ? best : e;
}

/**
 * How far the start model's best start must score above the tagger's start to replace it
 * (span-start.ts; chosen on held-out folds of PolNeAR train, docs/attribution.md).
 */
export const START_MARGIN = 4;

const startScores = { best: 0, keep: 0 };

/**
 * The first token the start model gives a frame's first content after its cue (`run`, as frameOf
 * made it), or -1 where it keeps the tagger's: candidates from the token after the cue (after the
 * source, where the source follows the cue) to START_WINDOW tokens on, before the run's end; no
 * other cue's token may lie between the two starts. The stage calls it only for frames it outputs.
 */
export function modelContentStart(a: ArticleFeatures, cuePrefix: Int32Array, run: StartRun, source: readonly [number, number] | null, model: PackedWeights): number {
  let lo = run.cue.last;
  if (source && source[0] >= run.cue.last) lo = Math.max(lo, source[1]);
  const hi = Math.min(run.cue.last + START_WINDOW, run.e);
  if (run.s < lo || run.s >= hi) return -1;
  const best = bestStart(a, run.cue, lo, hi, run.s, model, startScores);
  if (best < 0 || best === run.s || startScores.best - startScores.keep <= START_MARGIN) return -1;
  if (cuePrefix[Math.max(best, run.s)]! > cuePrefix[Math.min(best, run.s)]!) return -1;
  return best;
}

/** Token i's count of cue tokens before it, for each i (and the article's end). */
export function cuePrefixOf(n: number, cues: readonly TokSpan[]): Int32Array {
  const cuePrefix = new Int32Array(n + 1);
  const mark = new Uint8Array(n);
  for (const c of cues) mark.fill(1, c.first, c.last);
  for (let i = 0; i < n; i++) cuePrefix[i + 1] = cuePrefix[i]! + mark[i]!;
  return cuePrefix;
}

/**
 * The end offset the end model gives a frame's last content after its cue (`run`, read by frameOf
 * from the role tagger's tags), or -1 where it keeps the tagger's: the model's end, run on by
 * clauseEnd and without punctuation at its end as frameOf does with the tagger's, at most
 * END_RATIO times as long or short in characters as the tagger's own run (before clauseEnd: a
 * run that clauseEnd took on to the sentence's end would bar the model's shorter end). The stage
 * calls it only for frames it outputs.
 */
export function modelContentEnd(a: ArticleFeatures, cuePrefix: Int32Array, run: EndRun, model: PackedWeights): number {
  const { tokens } = a;
  const { s0, s, e } = run;
  let m = modelEnd(a, cuePrefix, run.cue, s0, run.e0, model);
  if (m === run.e0) return -1;
  m = clauseEnd(a, cuePrefix, s0, m);
  while (m > s0 && tokens[m - 1]!.pos === 'PUNCT' && a.inQuote[m - 1]! < 0) m--;
  // the length bound reads the tagger's own end (e0), not the one clauseEnd ran on to the sentence's end
  if (m <= s || m === e || !withinRatio(tokens[s]!.start, tokens[run.e0 - 1]!.end, tokens[m - 1]!.end)) return -1;
  return tokens[m - 1]!.end;
}

/** Whether a content from offset `start` ending at `a` or at `b` is at most END_RATIO times as long one way as the other. */
function withinRatio(start: number, a: number, b: number): boolean {
  const x = a - start;
  const y = b - start;
  return Math.max(x, y) <= END_RATIO * Math.min(x, y);
}

/**
 * "North Korea has sent about 6,000 troops to Kursk in the past month, Ukraine's intelligence
 * agency said": a content before its source that the tagger stopped short of the comma that
 * introduces the source runs to that comma, when nothing on the way can end a clause (a verb, a
 * quote, another cue, a paragraph break).
 */
function leadingContentEnd(a: ArticleFeatures, cuePrefix: Int32Array, content: Range[], e: number, source: readonly [number, number]): void {
  const { tokens } = a;
  const last = content[content.length - 1]!;
  const comma = source[0] - 1;
  if (comma < 1 || tokens[comma]!.norm !== ',') return;
  // e: the token after the last content run; it must lie before the comma, in the comma's sentence
  if (e <= 0 || e >= comma || tokens[e]!.sent !== tokens[comma]!.sent) return;
  for (let i = e; i < comma; i++) {
    const t = tokens[i]!;
    if (t.pos === 'VERB' || t.pos === 'AUX' || a.inQuote[i]! >= 0 || t.para !== tokens[comma]!.para || cuePrefix[i + 1]! > cuePrefix[i]!) return;
  }
  content[content.length - 1] = { start: last.start, end: tokens[comma - 1]!.end };
}

/**
 * "Zelensky said in his nightly address that the new arrivals included engineers": where the
 * tagger starts the content inside a phrase between the cue and "that" (a preposition, then no
 * verb before "that"), the content starts at "that". Returns the content's first token.
 */
function afterAdjunct(tokens: readonly Token[], cue: TokSpan, s: number, e: number): number {
  const prep = tokens[s]!.pos === 'ADP' ? s : s - 1 >= cue.last && tokens[s - 1]!.pos === 'ADP' ? s - 1 : -1;
  if (prep < 0 || tokens[prep]!.norm === 'that') return s;
  for (let k = s + 1; k < s + 9 && k < e && tokens[k]!.sent === tokens[s]!.sent; k++) {
    const t = tokens[k]!;
    if (t.pos === 'VERB' || t.pos === 'AUX' || t.norm === ',' || isQuoteMark(t)) return s;
    if (t.norm === 'that') return k;
  }
  return s;
}

/** How far below its O score a token's B score may lie for the second pass to try it as a cue. */
export const NEAR_MARGIN = 8;

/** The tokens the second pass collects, for learnedCues and learnedFrames; none without a confirming tagger. */
export function nearCues(model: AttributionModel): NearCues | undefined {
  return model.confirm ? { margin: NEAR_MARGIN, at: [] } : undefined;
}

/** `margins`: filled with the cue tagger's max-marginal margin of each token (tagCues). */
export function learnedCues(a: ArticleFeatures, model: AttributionModel, near?: NearCues, margins?: Float64Array): TokSpan[] {
  return extendVerbGroups(a, tagCues(a, model.cue, f, out, undefined, near, margins));
}

/**
 * The frame of one cue from the role tagger's tags over window `win`: the runs turned into a source
 * and a content. `floor`: the first token the cue may be widened back to (after the previous cue);
 * `prev`: the frame before.
 */
function frameOf(a: ArticleFeatures, cue: TokSpan, win: TokSpan, tags: Uint8Array, cuePrefix: Int32Array, floorIn: number, prev: LearnedFrame | undefined): LearnedFrame | null {
  const { tokens } = a;
  let floor = floorIn;
  const content: Range[] = [];
  const found = runs(tags, win.first, ROLE_C, tokens);
  let owner = -1;
  // the token after the last content run, for leadingContentEnd
  let lastEnd = -1;
  let endRun: EndRun | undefined;
  let startRun: StartRun | undefined;
  for (let k = 0; k < found.length; k++) {
    let [s, e] = found[k]!;
    // the last content after the cue: the end model may end it elsewhere in the output (LearnedFrame.endRun)
    const run = k === found.length - 1 && s >= cue.last ? { s0: s, e0: e } : undefined;
    if (run) e = clauseEnd(a, cuePrefix, s, e);
    // punctuation outside quotes at either end is not content ("«Nous restons prêts», the minister said")
    while (e > s && tokens[e - 1]!.pos === 'PUNCT' && a.inQuote[e - 1]! < 0) e--;
    while (e > s && tokens[s]!.pos === 'PUNCT' && a.inQuote[s]! < 0) s++;
    // "talks on Iran | 's nuclear programme": a content does not start with a possessive ending; its owner belongs to it
    if (e > s && s > 0 && CLITIC.has(tokens[s]!.norm) && (s - 1 < cue.first || s - 1 >= cue.last)) owner = --s;
    if (k === 0 && e > s && s >= cue.last) s = afterAdjunct(tokens, cue, s, e);
    if (e > s) {
      if (!startRun && s >= cue.last && a.inQuote[s]! < 0) startRun = { cue, s, e };
      content.push({ start: tokens[s]!.start, end: tokens[e - 1]!.end });
      endRun = run ? { cue, s0: run.s0, e0: run.e0, s, e } : undefined;
      lastEnd = e;
      if (e <= cue.first) floor = Math.max(floor, e);
    }
  }
  if (content.length === 0) return null;
  let source: [number, number] | null = null;
  let bestDist = Infinity;
  const sourceRuns = runs(tags, win.first, ROLE_S, tokens);
  // the nearest run that can speak, else the nearest (speakerRun)
  for (let pass = 0; pass < 2 && !source; pass++) {
    for (const [s, e] of sourceRuns) {
      if (pass === 0 && !speakerRun(tokens, s, e, cue, sourceRuns.length)) continue;
      const d = e <= cue.first ? cue.first - e : s - cue.last;
      if (d < bestDist) {
        bestDist = d;
        source = [s, e];
      }
    }
  }
  if (source && owner >= 0 && owner >= source[0] && owner < source[1]) source = owner > source[0] ? [source[0], owner] : null;
  // A source run keeps no punctuation at its ends ("Tom Reed," -> "Tom Reed").
  while (source && source[1] - source[0] > 1 && tokens[source[1] - 1]!.pos === 'PUNCT') source = [source[0], source[1] - 1];
  while (source && source[1] - source[0] > 1 && tokens[source[0]]!.pos === 'PUNCT') source = [source[0] + 1, source[1]];
  // "a rare public recognition": adjectives before a noun cue modify it; they name no source.
  if (source && modifiesCue(tokens, source, cue)) source = null;
  // "Putin’s press secretary, Dmitry Peskov" is the whole source, as PolNeAR marks it (cutting it
  // to the name cost held-out folds 0-2 +10/+9/+15 whole matches); entityFor names its entity.
  if (source) leadingContentEnd(a, cuePrefix, content, lastEnd, source);
  // ", stating that …": a participle after a comma speaks for the source just named in its sentence.
  const head = tokens[cue.first]!;
  if (!source && prev?.source && tokens[prev.cue.first]!.sent === head.sent && head.norm.endsWith('ing') && tokens[cue.first - 1]?.norm === ',') source = prev.source;
  // "is | praising": the cue opens with the auxiliaries before it (only in the frame: the role tagger read the tagger's cue)
  // a source run that took the auxiliaries ("Clinton is | praising") gives them up
  if (source && source[1] <= cue.first) floor = Math.max(floor, source[0] + 1);
  const first = auxiliariesBefore(a, cue, floor);
  if (source && source[1] > first && source[1] <= cue.first) source = [source[0], first];
  return { cue: first < cue.first ? { first, last: cue.last } : cue, source, content, second: false, near: false, startRun, endRun };
}

const LONE_RELATIVE = new Set(['who', 'which', 'that']);

/**
 * Whether one of several source runs can be the speaker: not the object of a preposition ("told |
 * 2,000 dock workers | at a rally", "a statement on | the harbour board"; "by" excepted), not a day, not a lone
 * relative pronoun beside its antecedent. The role tagger sometimes tags such words as source next
 * to the right run, and the nearest run, which was taken, is often one of them.
 */
function speakerRun(tokens: readonly Token[], s: number, e: number, cue: TokSpan, n: number): boolean {
  if (n < 2) return true;
  const before = tokens[s - 1];
  // (the agent of a passive cue, "was asked by | reporters", may speak)
  if (before && before.pos === 'ADP' && before.norm !== 'by' && before.sent === tokens[s]!.sent && s !== cue.last) return false;
  return !(e - s === 1 && (DAYS.has(tokens[s]!.norm) || LONE_RELATIVE.has(tokens[s]!.norm)));
}

/** `cuePrefix`: cuePrefixOf(the tokens, cues), when the caller has it already. */
export function learnedFrames(a: ArticleFeatures, model: AttributionModel, cues: readonly TokSpan[], near?: NearCues, cuePrefix = cuePrefixOf(a.tokens.length, cues)): LearnedFrame[] {
  const { tokens } = a;
  const frames: LearnedFrame[] = [];
  // the end of the cue before, for auxiliariesBefore
  let prevCueEnd = 0;
  for (const cue of cues) {
    const win = roleWindow(a, cue, cuePrefix);
    const tags = tagRoles(a, roleContext(a, cue, cuePrefix), win, model.role, f, out);
    const frame = frameOf(a, cue, win, tags, cuePrefix, prevCueEnd, frames[frames.length - 1]);
    prevCueEnd = cue.last;
    if (frame) frames.push(frame);
  }
  if (near && model.confirm && near.at.length > 0) return withSecondPass(a, model.confirm, cues, cuePrefix, frames, near);
  return frames;
}

/** Parts of speech the second pass tries as cues. */
const SECOND_POS = new Set(['VERB', 'NOUN', 'ADJ']);

/**
 * The second pass: a verb, noun or adjective the cue tagger left out with a small margin
 * (NEAR_MARGIN; the stage keeps only words annotators have put in cues), outside any cue, next to
 * none and outside every content found, is a cue where `confirm` — a role tagger that also learnt
 * to tag nothing around the cue tagger's false cues — finds both a source and a content around it;
 * the frame, read from the confirming tagger's tags, must keep a source before its cue and a
 * content that holds no other cue (only the outermost of nested frames is kept, so it would drop
 * that cue's frame). On held-out PolNeAR train about two in five such frames are whole
 * attributions, above what keeps the whole F1 level (docs/attribution.md). Not shipped since the
 * cue tagger decodes whole sentences (model.json holds no confirming tagger): off the path's scores
 * its near misses are many more and lower the held-out whole F1.
 */
function withSecondPass(a: ArticleFeatures, confirm: Scorer, cues: readonly TokSpan[], cuePrefix: Int32Array, frames: LearnedFrame[], near: NearCues): LearnedFrame[] {
  const { tokens } = a;
  // indexed once, so that long articles (thousands of frames and candidates) stay linear
  const contents = new RangeIndex(frames.flatMap((fr) => fr.content.map((r) => ({ start: r.start, end: r.end, value: 0 }))));
  const cueStarts = new RangeIndex(cues.map((q) => ({ start: tokens[q.first]!.start, end: tokens[q.first]!.start + 1, value: 0 })));
  const inContent = (i: number): boolean => contents.overlapping(tokens[i]!.start, tokens[i]!.start + 1).length > 0;
  const holdsCue = (content: readonly Range[]): boolean => content.some((r) => cueStarts.overlapping(r.start, r.end).length > 0);
  const added: LearnedFrame[] = [];
  // c: the first cue that ends after the candidate; fr: the first frame whose cue does
  let c = 0;
  let fr = 0;
  for (const i of near.at) {
    if (!SECOND_POS.has(tokens[i]!.pos) || cuePrefix[i + 1]! > cuePrefix[i]!) continue;
    // next to a cue: the tagger's cue is there already
    if ((i > 0 && cuePrefix[i]! > cuePrefix[i - 1]!) || (i + 2 <= tokens.length && cuePrefix[i + 2]! > cuePrefix[i + 1]!)) continue;
    if (inContent(i)) continue;
    while (c < cues.length && cues[c]!.last <= i) c++;
    while (fr < frames.length && frames[fr]!.cue.last <= i) fr++;
    const cue = { first: i, last: i + 1 };
    const win = roleWindow(a, cue, cuePrefix);
    const tags = tagRoles(a, roleContext(a, cue, cuePrefix), win, confirm, f, out);
    if (!tags.includes(ROLE_C) || !tags.includes(ROLE_S)) continue;
    const frame = frameOf(a, cue, win, tags, cuePrefix, c > 0 ? cues[c - 1]!.last : 0, frames[fr - 1]);
    if (frame?.source && frame.source[1] <= frame.cue.first && !holdsCue(frame.content)) added.push(marked(frame, true, frame.near));
  }
  if (added.length === 0) return frames;
  return [...frames, ...added].sort((x, y) => x.cue.first - y.cue.first);
}

/**
 * Near-miss cues (the frame classifier confirms them, attributionStage): runs of verbs, nouns and
 * adjectives that the cue tagger left out although its max-marginal margin (tagCues' `margins`:
 * the best path with the token in a cue less the best path with it O) lies within `bound` of
 * zero, outside quotes, cues and every content found, next to no cue. Each is read by the role
 * tagger as a cue of the tagger's is; a frame whose content holds another cue's start is left out
 * (only the outermost of nested frames is kept: it would drop that cue's frame). In text order,
 * marked `near`.
 */
export function nearMissFrames(a: ArticleFeatures, model: AttributionModel, cues: readonly TokSpan[], cuePrefix: Int32Array, frames: readonly LearnedFrame[], margins: Float64Array, bound: number, screen?: (first: number, last: number) => boolean): LearnedFrame[] {
  const { tokens } = a;
  const n = tokens.length;
  const near = (i: number): boolean => {
    const m = margins[i]!;
    return m > -bound && m <= 0 && SECOND_POS.has(tokens[i]!.pos) && a.inQuote[i]! < 0 && cuePrefix[i + 1] === cuePrefix[i];
  };
  const added: LearnedFrame[] = [];
  let contents: RangeIndex<number> | undefined;
  let cueStarts: RangeIndex<number> | undefined;
  // c: the first cue that ends after the candidate; fr: the first frame whose cue does
  let c = 0;
  let fr = 0;
  for (let i = 0; i < n; i++) {
    if (!near(i)) continue;
    let last = i + 1;
    while (last < n && a.sent[last] === a.sent[i] && near(last)) last++;
    const first = i;
    i = last - 1;
    // next to a cue: the tagger's cue is there already
    if ((first > 0 && cuePrefix[first]! > cuePrefix[first - 1]!) || (last < n && cuePrefix[last + 1]! > cuePrefix[last]!)) continue;
    contents ??= new RangeIndex(frames.flatMap((g) => g.content.map((r) => ({ start: r.start, end: r.end, value: 0 }))));
    if (contents.overlapping(tokens[first]!.start, tokens[last - 1]!.end).length > 0) continue;
    if (screen && !screen(first, last)) continue;
    while (c < cues.length && cues[c]!.last <= first) c++;
    while (fr < frames.length && frames[fr]!.cue.last <= first) fr++;
    const cue = { first, last };
    const win = roleWindow(a, cue, cuePrefix);
    const tags = tagRoles(a, roleContext(a, cue, cuePrefix), win, model.role, f, out);
    const frame = frameOf(a, cue, win, tags, cuePrefix, c > 0 ? cues[c - 1]!.last : 0, frames[fr - 1]);
    if (!frame) continue;
    cueStarts ??= new RangeIndex(cues.map((q) => ({ start: tokens[q.first]!.start, end: tokens[q.first]!.start + 1, value: 0 })));
    if (frame.content.some((r) => cueStarts!.overlapping(r.start, r.end).length > 0)) continue;
    added.push(marked(frame, frame.second, true));
  }
  return added;
}

