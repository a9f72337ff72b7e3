/**
 * Quotes signed on the line after them, as lists of notable quotes and epigraphs print them:
 *
 *   “The harbour will reopen in May, and not a day later.”
 *
 *   – Anna Berg.
 *
 * PolNeAR marks the dash as the cue, the name as the source and the quote as the content; the
 * taggers, which read one sentence (and the quotes that touch it) at a time, never see the two
 * paragraphs together. The rule: a paragraph that is a dash and a short name (capitalised words,
 * at most SIGNATURE_MAX tokens, no verb, an optional full stop) right after a paragraph that is
 * one quote, first mark to last. A byline after a paragraph of the writer's own ("– Anna Berg.")
 * signs no quote and is left alone.
 */
import type { Token } from '../types.js';
import type { Quote } from './quotes.js';
import { ruleFrame, type Frame } from './frames.js';
import { DASHES, type ParagraphTokens } from './phrases.js';

/** The most tokens a signature's name may have ("White House Correspondent Julie Pace"). */
const SIGNATURE_MAX = 8;
const UPPER = /^\p{Lu}/u;
/** Words a signature's name may hold in lower case ("Ruth Bader Ginsburg of the court" is no signature, "Alexis de Tocqueville" is). */
const NAME_PARTICLES = new Set(['de', 'da', 'di', 'van', 'von', 'der', 'al', 'bin', 'la', 'le', 'du', 'del', 'of', 'the', 'and', 'jr', 'jr.', 'sr', 'sr.']);

/** How a signed quote's frame was made (`Frame.via`): the frame classifier does not judge it. */
export const SIGNED_VIA = 'signed-quote';

/** The signed quotes of an article (`via: SIGNED_VIA`); `paras`, its paragraphs' tokens. */
export function signedQuoteFrames(tokens: readonly Token[], paras: ParagraphTokens, quotes: readonly Quote[], inQuote: Int32Array): Frame[] {
  const out: Frame[] = [];
  if (tokens.length === 0 || quotes.length === 0) return out;
  const { first, last } = paras;
  for (let p = 1; p < first.length - 1; p++) {
    const a = first[p]!;
    const b = last[p]!;
    if (a < 0 || !DASHES.has(tokens[a]!.norm) || !signature(tokens, a + 1, b)) continue;
    const q = quoteOf(tokens, first[p - 1]!, last[p - 1]!, inQuote);
    if (q < 0) continue;
    const quote = quotes[q]!;
    // the name without its full stop
    const end = tokens[b - 1]!.norm === '.' ? b - 1 : b;
    out.push(ruleFrame({ first: a, last: a + 1, sourceAfter: true }, [a + 1, end], quote.segments.map((s) => ({ start: s.start, end: s.end })), SIGNED_VIA));
  }
  return out;
}

/** Whether tokens [a, b) are a name signing a quote: capitalised words and particles, no verb, at most SIGNATURE_MAX, an optional full stop last. */
function signature(tokens: readonly Token[], a: number, b: number): boolean {
  const end = b > a && tokens[b - 1]!.norm === '.' ? b - 1 : b;
  if (end <= a || end - a > SIGNATURE_MAX || !UPPER.test(tokens[a]!.text)) return false;
  for (let i = a; i < end; i++) {
    const t = tokens[i]!;
    if (UPPER.test(t.text)) continue;
    if (t.norm === ',' || t.norm === '.' || NAME_PARTICLES.has(t.norm)) continue;
    return false;
  }
  return true;
}

/** The quote that is the whole of tokens [a, b) (its first token opens it, its last, or the full stop after it, closes it), or -1. */
function quoteOf(tokens: readonly Token[], a: number, b: number, inQuote: Int32Array): number {
  if (a < 0 || b <= a) return -1;
  if (b - 1 > a && tokens[b - 1]!.norm === '.' && inQuote[b - 1]! < 0) b--;
  const q = inQuote[a]!;
  return q >= 0 && inQuote[b - 1] === q ? q : -1;
}
