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
