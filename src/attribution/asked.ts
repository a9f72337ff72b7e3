/**
 * The question a speaker answers: "Asked whether the port would reopen, Berg said …", "…,” she
 * said when asked about the strike." PolNeAR marks the question as an attribution of its own (78 of
 * the 101 such "asked" in its train split): cue "asked" ("asked about" where "about" follows),
 * content the question, to the comma that ends the participle's clause (or the sentence), and no
 * source, except who asks after "by" ("When asked by a reporter whether …"). The taggers, reading
 * the answer's cue, mostly leave the question out.
 */
import type { Sentence, Token } from '../types.js';
import { ruleFrame, type Frame } from './frames.js';

/** How a question's frame was made (`Frame.via`): it replaces the taggers' frame of the same cue, and the frame classifier does not judge it. */
export const ASKED_VIA = 'asked';

/** What may open the question after "asked". */
const OPENS = new Set(['if', 'whether', 'about', 'what', 'who', 'whom', 'why', 'how', 'which', 'where', 'when', 'to']);
/** The most tokens a question may have. */
const QUESTION_MAX = 60;
const SENTENCE_END = new Set(['.', '!', '?', ';', ':']);

/** The question frames of an article's sentences (`via: ASKED_VIA`). */
export function askedFrames(tokens: readonly Token[], sentences: readonly Sentence[], inQuote: Int32Array): Frame[] {
  const out: Frame[] = [];
  for (const s of sentences) {
    for (let i = s.first; i < s.last - 1; i++) {
      const t = tokens[i]!;
      if (t.norm !== 'asked' || inQuote[i]! >= 0) continue;
      // at the sentence's front ("Asked whether …", "When asked …") or after "when" ("she said when asked …")
      if (!(i === s.first || tokens[i - 1]!.norm === 'when' || (i === s.first + 1 && tokens[s.first]!.norm === 'when'))) continue;
      let k = i + 1;
      let source: [number, number] | null = null;
      if (tokens[k]!.norm === 'by') {
        // "asked by a reporter whether …": who asks, up to the question's opening word
        let e = k + 1;
        while (e < s.last && e < k + 8 && !OPENS.has(tokens[e]!.norm) && tokens[e]!.norm !== ',') e++;
        if (e >= s.last || !OPENS.has(tokens[e]!.norm) || e === k + 1) continue;
        source = [k + 1, e];
        k = e;
      }
      if (!OPENS.has(tokens[k]!.norm)) continue;
      const cueLast = tokens[k]!.norm === 'about' && source === null ? k + 1 : i + 1;
      const from = tokens[k]!.norm === 'about' ? k + 1 : k;
      const end = questionEnd(tokens, from, s.last, inQuote);
      if (end <= from) continue;
      out.push(ruleFrame({ first: i, last: cueLast, sourceAfter: source !== null }, source, [{ start: tokens[from]!.start, end: tokens[end - 1]!.end }], ASKED_VIA));
    }
  }
  return out;
}

/**
 * Where the question from `from` ends (exclusive): before the first comma outside quotes, or after
 * a quote that closes on a comma ("… “has the integrity to serve,”"), or at the sentence's end.
 */
function questionEnd(tokens: readonly Token[], from: number, to: number, inQuote: Int32Array): number {
  for (let k = from; k < to && k < from + QUESTION_MAX; k++) {
    const n = tokens[k]!.norm;
    const q = inQuote[k]!;
    if (q < 0 && (n === ',' || SENTENCE_END.has(n))) return k;
    // a comma just inside a closing quote mark: the question ends with the quote
    if (q >= 0 && n === ',' && k + 1 < to && inQuote[k + 1] === q && inQuote[k + 2] !== q) return k + 2;
  }
  let end = Math.min(to, from + QUESTION_MAX);
  while (end > from && inQuote[end - 1]! < 0 && SENTENCE_END.has(tokens[end - 1]!.norm)) end--;
  return end;
}
