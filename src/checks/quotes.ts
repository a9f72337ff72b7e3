/**
 * The quotations the headline rules compare: the headline's quotes (from its attributions, else the
 * quoted stretches of the title) and the body's (attributions, runs of attributions by one source,
 * and quoted stretches the attribution stage may have missed).
 */
import type { Attribution, Mention, Range, Sentence, SourceSpan, Span } from '../types.js';
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

/**
 * The headline's quotations: its quoted stretches (quote marks are what make a headline a quote),
 * each with the speaker the attribution stage gave it, else the person the headline names outside
 * the quote ("Putin: '…'"); then headline attributions with no quote marks ("Putin: We will win").
 */
function findHeadlineQuotes(ctx: CheckContext): Quote[] {
  const { doc, text } = ctx;
  const norm = doc.norm;
  const t = doc.article.titleSpan;
  const heads = doc.attributions.filter((a) => a.inHeadline && a.content.length > 0);
  const out: Quote[] = [];
  const stretches = quotedStretches(norm, t).map((r) => trimRange(text, r)).filter((r) => r.end > r.start);
  for (const r of stretches) {
    const a = heads.find((h) => h.source && h.content.some((c) => overlaps(c, r)) && !overlaps(h.source, r));
    const source = a?.source ?? heads.find((h) => h.source && !overlaps(h.source, r))?.source ?? titlePerson(ctx, r);
    out.push({ spans: [span(text, r.start, r.end)], words: wordsOf(norm, [r], ctx.lex), source, attribution: a ?? null });
  }
  for (const a of heads) {
    if (a.type === 'indirect' || a.content.some((c) => stretches.some((r) => overlaps(c, r)))) continue;
    out.push({ spans: a.content, words: wordsOf(norm, a.content, ctx.lex), source: a.source, attribution: a });
  }
  return out;
}

function overlaps(a: Range, b: Range): boolean {
  return a.start < b.end && a.end > b.start;
}

/** The one person the title names outside the quote, as a source. */
function titlePerson(ctx: CheckContext, r: Range): SourceSpan | null {
  const t = ctx.doc.article.titleSpan;
  const found: SourceSpan[] = [];
  for (const e of ctx.doc.entities) {
    if (e.type !== 'PERSON') continue;
    const m = e.mentions.find((x) => x.kind === 'name' && x.start >= t.start && x.end <= t.end && !overlaps(x, r));
    if (m) found.push({ ...span(ctx.text, m.start, m.end), entity: e.id });
  }
  return found.length === 1 ? found[0]! : null;
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
 * The speaker of a quoted stretch: the attribution whose content holds it; else a person named right
 * after the closing mark ('"…," Peskov stated'); else the source of an attribution whose cue is in the
 * sentence where the quote ends ('"…," Leavitt told reporters').
 */
function speakerNear(ctx: CheckContext, attrs: readonly Attribution[], r: Range): SourceSpan | null {
  const si = sentenceAt(ctx.doc, Math.max(r.start, r.end - 1));
  const sent = ctx.doc.sentences[si];
  if (!sent) return null;
  const holder = attrs.find((a) => a.source && a.content.some((c) => overlaps(c, r)) && !overlaps(a.source, r));
  return holder?.source ?? namedAfter(ctx, r) ?? attributedSpeaker(ctx, attrs, r, si, sent);
}

/** A person's name within a few characters after the quote ('," Peskov stated'; '," said Peskov'). */
function namedAfter(ctx: CheckContext, r: Range): SourceSpan | null {
  const norm = ctx.doc.norm;
  let best: { m: Mention; e: string } | null = null;
  for (const e of ctx.doc.entities) {
    if (e.type !== 'PERSON') continue;
    for (const m of e.mentions) {
      if (m.kind !== 'name' || m.start < r.end || m.start > r.end + 24) continue;
      const gap = norm.slice(r.end, m.start);
      // Only closing marks, punctuation and at most one speech verb between.
      if (!/^['",.!?\s]*([a-z]+\s+)?$/.test(gap)) continue;
      if (!best || m.start < best.m.start) best = { m, e: e.id };
    }
  }
  return best ? { ...span(ctx.text, best.m.start, best.m.end), entity: best.e } : null;
}

function attributedSpeaker(ctx: CheckContext, attrs: readonly Attribution[], r: Range, si: number, sent: Sentence): SourceSpan | null {
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
