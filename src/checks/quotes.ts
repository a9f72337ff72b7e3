/**
 * The quotations the headline rules compare: the headline's quotes (from its attributions, else the
 * quoted stretches of the title) and the body's (attributions, runs of attributions by one source,
 * and quoted stretches the attribution stage may have missed).
 */
import type { Attribution, Range, SourceSpan, Span } from '../types.js';
import { span } from '../types.js';
import { inTitle, sentenceAt, type CheckContext } from './context.js';
import { similarity, wordsOf, type Similarity, type Word } from './quote-align.js';

export interface Quote {
  spans: Span[];
  words: Word[];
  source: SourceSpan | null;
  attribution: Attribution | null;
}

/** A quoted stretch longer than this is an unbalanced quote mark, not a quotation. */
const MAX_QUOTE_CHARS = 3000;

/**
 * Quoted stretches of norm[range]: double quotes pair up; a single quote opens at the start of a word
 * and closes at the end of one, so apostrophes ("Russia's", "don't") are not taken for quotes.
 * A quote may run on over a paragraph break (news style leaves it open), but not past 3000 characters.
 */
export function quotedStretches(norm: string, range: Range): Range[] {
  const out: Range[] = [];
  let open = -1;
  let mark = '';
  const end = Math.min(range.end, norm.length);
  for (let i = range.start; i < end; i++) {
    const c = norm[i];
    if (c !== '"' && c !== "'") continue;
    const before = i > range.start ? norm[i - 1]! : ' ';
    const after = i + 1 < end ? norm[i + 1]! : ' ';
    const wordBefore = /[\p{L}\p{N}.,!?;:\-]/u.test(before);
    const wordAfter = /[\p{L}\p{N}]/u.test(after);
    if (open >= 0 && i - open > MAX_QUOTE_CHARS) open = -1;
    if (open >= 0 && c === mark && (c === '"' || (wordBefore && !wordAfter))) {
      if (i > open + 1) out.push({ start: open + 1, end: i });
      open = -1;
    } else if (open < 0 && (c === '"' || (!wordBefore && wordAfter))) {
      open = i;
      mark = c;
    }
  }
  return out;
}

function trimRange(text: string, r: Range): Range {
  let { start, end } = r;
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  return { start, end };
}

const headCache = new WeakMap<CheckContext, Quote[]>();

export function headlineQuotes(ctx: CheckContext): Quote[] {
  let out = headCache.get(ctx);
  if (!out) {
    out = findHeadlineQuotes(ctx);
    headCache.set(ctx, out);
  }
  return out;
}

function findHeadlineQuotes(ctx: CheckContext): Quote[] {
  const { doc, text, norm } = { doc: ctx.doc, text: ctx.text, norm: ctx.doc.norm };
  const out: Quote[] = [];
  for (const a of doc.attributions) {
    if (!a.inHeadline || a.content.length === 0) continue;
    out.push({ spans: a.content, words: wordsOf(norm, a.content, ctx.lex), source: a.source, attribution: a });
  }
  if (out.length > 0) return out;
  // The attribution stage found no headline quote: take the title's quoted stretches, sourceless.
  const t = doc.article.titleSpan;
  for (const r of quotedStretches(norm, t)) {
    const tr = trimRange(text, r);
    if (tr.end <= tr.start) continue;
    out.push({ spans: [span(text, tr.start, tr.end)], words: wordsOf(norm, [tr], ctx.lex), source: null, attribution: null });
  }
  return out;
}

function sourceKey(s: SourceSpan | null): string | null {
  if (!s) return null;
  return s.entity ?? s.text.toLowerCase();
}

const bodyCache = new WeakMap<CheckContext, Quote[]>();

/** The body's quotations, worked out once per article (both headline rules read them). */
export function bodyQuotes(ctx: CheckContext): Quote[] {
  let out = bodyCache.get(ctx);
  if (!out) {
    out = findBodyQuotes(ctx);
    bodyCache.set(ctx, out);
  }
  return out;
}

function findBodyQuotes(ctx: CheckContext): Quote[] {
  const { doc, text } = ctx;
  const norm = doc.norm;
  const out: Quote[] = [];
  const body = doc.attributions
    .filter((a) => !a.inHeadline && a.content.length > 0 && !a.content.some((c) => inTitle(doc, c)))
    .sort((x, y) => x.content[0]!.start - y.content[0]!.start);
  for (let k = 0; k < body.length; k++) {
    const a = body[k]!;
    out.push({ spans: a.content, words: wordsOf(norm, a.content, ctx.lex), source: a.source, attribution: a });
    // A quote split over two attributions by the same speaker ("…," he said. "…") is one quotation.
    const next = body[k + 1];
    if (next && sourceKey(a.source) !== null && sourceKey(a.source) === sourceKey(next.source)) {
      const spans = [...a.content, ...next.content];
      out.push({ spans, words: wordsOf(norm, spans, ctx.lex), source: a.source, attribution: a });
    }
  }
  const t = doc.article.titleSpan;
  for (const r of quotedStretches(norm, { start: t.end, end: text.length })) {
    const tr = trimRange(text, r);
    if (tr.end <= tr.start) continue;
    out.push({ spans: [span(text, tr.start, tr.end)], words: wordsOf(norm, [tr], ctx.lex), source: speakerNear(ctx, body, tr), attribution: null });
  }
  return out;
}

/**
 * A quoted stretch the attribution stage did not tie to a speaker: the source of an attribution whose
 * cue is in the sentence where the quote ends ('"…," Leavitt told reporters'), nearest first.
 */
function speakerNear(ctx: CheckContext, attrs: readonly Attribution[], r: Range): SourceSpan | null {
  const si = sentenceAt(ctx.doc, Math.max(r.start, r.end - 1));
  const sent = ctx.doc.sentences[si];
  if (!sent) return null;
  let best: SourceSpan | null = null;
  let bestDist = Infinity;
  for (const a of attrs) {
    if (!a.source || a.cue.start < sent.start || a.cue.end > sent.end + 200) continue;
    if (a.cue.start >= r.start && a.cue.end <= r.end) continue;
    if (sentenceAt(ctx.doc, a.cue.start) !== si && sentenceAt(ctx.doc, a.cue.start) !== si + 1) continue;
    const dist = a.cue.start >= r.end ? a.cue.start - r.end : r.start - a.cue.end + 1000;
    if (dist < bestDist) {
      bestDist = dist;
      best = a.source;
    }
  }
  return best;
}

export interface Match {
  quote: Quote;
  sim: Similarity;
}

/** Body quotes ranked by how much of the headline quote they contain (best first). */
export function rankMatches(head: Quote, body: readonly Quote[]): Match[] {
  const out: Match[] = [];
  for (const b of body) out.push({ quote: b, sim: similarity(head.words, b.words) });
  return out.sort((x, y) => y.sim.coverage - x.sim.coverage || x.quote.words.length - y.quote.words.length);
}
