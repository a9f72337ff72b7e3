/**
 * "According to X, Y." at the front of a sentence (after "But", "And" or an adverb at most): X,
 * to the first comma outside parentheses and quotes after which a verb comes before the next
 * comma, is the source, and the rest of the sentence the content. The taggers read most of
 * these, but cut a long source short ("According to minutes of the meeting | that were later
 * released …") or, without a source, leave the frame to be dropped; the form itself is
 * unambiguous, so a rule reads it whole.
 */
import type { Sentence, Token } from '../types.js';
import { ruleFrame, type Frame } from './frames.js';
import { hasVerb } from './phrases.js';

/** How a front "according to" frame was made (`Frame.via`): it replaces the taggers' frame of the same cue, and the frame classifier does not judge it. */
export const ACCORDING_VIA = 'according-front';

/** Words that may come before the front "according to" ("But according to …"). */
const LEAD = new Set(['but', 'and', 'yet', 'so', 'still', 'now', 'also', 'however', 'indeed', 'again']);
/** The most tokens the source may have before its comma. */
const SOURCE_MAX = 40;
const CLOSE_END = new Set(['.', '!', '?']);

/** The front "according to" frames of an article's sentences (`via: ACCORDING_VIA`). */
export function accordingFrontFrames(tokens: readonly Token[], sentences: readonly Sentence[], inQuote: Int32Array): Frame[] {
  const out: Frame[] = [];
  for (const s of sentences) {
    let i = s.first;
    while (i < s.last && LEAD.has(tokens[i]!.norm)) i++;
    if (i + 2 >= s.last || tokens[i]!.norm !== 'according' || tokens[i + 1]!.norm !== 'to' || inQuote[i]! >= 0) continue;
    let comma = sourceEnd(tokens, i + 2, s.last, inQuote);
    if (comma < 0) continue;
    // the source goes on past a comma where no verb comes before the next one: a list ("friends,
    // aides and allies,") or an apposition ("Anna Berg, the port's chief,")
    for (let next = sourceEnd(tokens, comma + 1, s.last, inQuote); next > 0 && next - (i + 2) <= SOURCE_MAX && !hasVerb(tokens, comma + 1, next); next = sourceEnd(tokens, comma + 1, s.last, inQuote)) comma = next;
    let end = s.last;
    while (end > comma + 1 && CLOSE_END.has(tokens[end - 1]!.norm) && inQuote[end - 1]! < 0) end--;
    if (end <= comma + 1) continue;
    out.push(ruleFrame({ first: i, last: i + 2, sourceAfter: true }, [i + 2, comma], [{ start: tokens[comma + 1]!.start, end: tokens[end - 1]!.end }], ACCORDING_VIA));
  }
  return out;
}

/** The first comma from `from` (before `to`) outside parentheses and quotes, at most SOURCE_MAX tokens on, or -1. */
function sourceEnd(tokens: readonly Token[], from: number, to: number, inQuote: Int32Array): number {
  let depth = 0;
  for (let k = from; k < to && k < from + SOURCE_MAX; k++) {
    const n = tokens[k]!.norm;
    if (n === '(') depth++;
    else if (n === ')') depth = Math.max(0, depth - 1);
    else if (n === ',' && depth === 0 && inQuote[k]! < 0) return k > from ? k : -1;
  }
  return -1;
}

/** How a trailing "according to" frame was made (`Frame.via`): added where the taggers left its cue alone, and not judged by the frame classifier. */
export const ACCORDING_AFTER_VIA = 'according-after';

/** Discourse words that open a sentence before its finding ("Still, …", "In fact, …"): not part of the content. */
const DISCOURSE = new Set(['still', 'however', 'meanwhile', 'instead', 'indeed', 'nevertheless', 'nonetheless', 'moreover', 'besides', 'also', 'but', 'and', 'yet', 'so']);
/** Two-word discourse openers ("Even so, …", "In fact, …"). */
const DISCOURSE2 = new Set(['even so', 'in fact', 'in addition', 'after all', 'of course', 'in short', 'by contrast', 'in turn']);
/** A dash that parts clauses (the reader writes every dash "-" or "--"; a hyphen has no space before it). */
const isDash = (t: Token): boolean => (t.norm === '-' && t.spaceBefore) || t.norm === '--';

/**
 * "Y, according to X." after its finding: X, from "to" to the sentence's end (or a semicolon, a
 * spaced dash, a parenthesis, or a comma before "but"/"and"/"while"), is the source, and the clause
 * before the comma the content, from the sentence's start less a discourse opener ("Still, …").
 * PolNeAR marks 299 of its 387 train "according to" cues so. The taggers read most of them; these
 * frames are only added where no frame has the cue (attributionStage).
 */
export function accordingAfterFrames(tokens: readonly Token[], sentences: readonly Sentence[], inQuote: Int32Array): Frame[] {
  const out: Frame[] = [];
  for (const s of sentences) {
    for (let i = s.first + 2; i + 2 < s.last; i++) {
      if (tokens[i]!.norm !== 'according' || tokens[i + 1]!.norm !== 'to' || inQuote[i]! >= 0) continue;
      const before = tokens[i - 1]!;
      if (before.norm !== ',' && !isDash(before)) continue;
      // the source: to the sentence's end or the first break
      let end = i + 2;
      while (end < s.last && end - (i + 2) <= SOURCE_MAX) {
        const t = tokens[end]!;
        if (inQuote[end]! < 0 && (t.norm === ';' || t.norm === '(' || isDash(t) || (t.norm === ',' && AFTER_BREAK.has(tokens[end + 1]?.norm ?? '')))) break;
        end++;
      }
      while (end > i + 2 && CLOSE_END.has(tokens[end - 1]!.norm) && inQuote[end - 1]! < 0) end--;
      if (end <= i + 2 || end - (i + 2) > SOURCE_MAX) continue;
      // the content: the sentence before the comma, less a discourse opener
      let first = s.first;
      if (DISCOURSE.has(tokens[first]!.norm) && tokens[first + 1]?.norm === ',') first += 2;
      else if (DISCOURSE2.has(`${tokens[first]!.norm} ${tokens[first + 1]?.norm ?? ''}`) && tokens[first + 2]?.norm === ',') first += 3;
      else if (DISCOURSE.has(tokens[first]!.norm)) first += 1;
      const last = i - 2;
      if (last - first < 2 || !hasVerb(tokens, first, last + 1)) continue;
      out.push(ruleFrame({ first: i, last: i + 2, sourceAfter: true }, [i + 2, end], [{ start: tokens[first]!.start, end: tokens[last]!.end }], ACCORDING_AFTER_VIA));
    }
  }
  return out;
}

/** Words after a comma that open a clause of their own, ending a trailing "according to" source. */
const AFTER_BREAK = new Set(['but', 'and', 'while', 'which', 'although', 'though', 'whereas']);
