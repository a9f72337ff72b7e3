/**
 * headline-quote-altered: the headline's quotation is not what the body quotes. Words are aligned
 * (case, punctuation and quote style ignored); the headline may shorten or drop filler, but content
 * words it adds or swaps, and negations it drops, are changes a reader should know about.
 */
import { span } from '../types.js';
import { q, type CheckContext, type FindingDraft } from './context.js';
import { bodyQuotes, headlineQuotes, rankMatches } from './quotes.js';
import { materialHunks, type Hunk, type Word } from './quote-align.js';

export const RULE = 'headline-quote-altered';

/** The body quote must hold at least this share of the headline's words to count as its source. */
const MIN_COVERAGE = 0.5;

export function headlineQuoteAltered(ctx: CheckContext): FindingDraft[] {
  const out: FindingDraft[] = [];
  const heads = headlineQuotes(ctx);
  if (heads.length === 0) return out;
  const body = bodyQuotes(ctx).filter((b) => b.attribution === null || b.attribution.type !== 'indirect');
  for (const head of heads) {
    // One- and two-word quotes are labels ("'Useful'"), not quotations to hold to the letter.
    if (head.words.length < 3 || head.words.filter((w) => w.content).length < 2) continue;
    const best = rankMatches(head, body)[0];
    if (!best || best.sim.coverage < MIN_COVERAGE || best.sim.contentShared < 2) continue;
    const hunks = materialHunks(head.words, best.quote.words, best.sim.pairs);
    if (hunks.length === 0) continue;
    const parts = hunks.map((h) => describe(ctx, h, head.words, best.quote.words));
    out.push({
      rule: RULE,
      severity: 'medium',
      message: `The headline's quote is not the body's: ${joinParts(parts)}.`,
      evidence: [...head.spans, ...best.quote.spans],
    });
  }
  return out;
}

function joinParts(parts: string[]): string {
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join('; ')}; and ${parts[parts.length - 1]}`;
}

/** The text from word a to word b-1, as written. */
function textOf(ctx: CheckContext, ws: readonly Word[], a: number, b: number): string {
  if (b <= a || !ws[a] || !ws[b - 1]) return '';
  return span(ctx.text, ws[a]!.start, ws[b - 1]!.end).text;
}

/**
 * One difference in words: a swap is shown with the aligned word after it when there is one
 * ("Poland will" where the body says "Our allies will"), which is how a reader sees it.
 */
function describe(ctx: CheckContext, h: Hunk, head: readonly Word[], body: readonly Word[]): string {
  const [h0, h1] = h.head;
  const [b0, b1] = h.body;
  if (h.kind === 'negation-dropped') {
    return `it drops ${q(textOf(ctx, body, b0, b1))}, which the body's quote has`;
  }
  if (h.kind === 'added') {
    return `it adds ${q(textOf(ctx, head, h0, h1))}, which the body's quote does not contain`;
  }
  const withNext = h1 < head.length && b1 < body.length && head[h1]!.key === body[b1]!.key;
  const he = withNext ? h1 + 1 : h1;
  const be = withNext ? b1 + 1 : b1;
  return `it says ${q(textOf(ctx, head, h0, he))} where the body's quote says ${q(textOf(ctx, body, b0, be))}`;
}
