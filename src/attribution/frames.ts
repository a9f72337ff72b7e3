/**
 * From a cue to an attribution frame: where the source is (left of the cue, after it, an
 * appositive, the sentence's subject) and where the content is (after the cue up to the end of the
 * sentence or of the quote it opens; before the cue back to the sentence start or the quote's
 * opening mark; both sides around "according to X"; a split quote's second half).
 */
import type { Range, Sentence, Token } from '../types.js';
import type { Cue } from './cues.js';
import type { Quote } from './quotes.js';
import { phraseEndingAt, phraseStartingAt, sentenceSubject, type TokRange } from './phrases.js';

/**
 * A learned frame's last content after its cue, for the end model (model.ts modelContentEnd): the
 * role tagger's run [s0, e0) and the tokens [s, e) frameOf made of it.
 */
export interface EndRun {
  cue: { first: number; last: number };
  s0: number;
  e0: number;
  s: number;
  e: number;
}

export interface Frame {
  cue: Cue;
  source: TokRange | null;
  content: Range[];
  via: string;
  /** A learned frame's last content run, whose end the end model may move in the output (attributionStage). */
  endRun: EndRun | undefined;
  /** A learned frame's first content run after its cue, whose start the start model may move in the output (attributionStage). */
  startRun: StartRun | undefined;
  /** A passive cue's subject, taken from the source (index.ts frameFrom): what is reported on, which the output puts in the content. */
  passiveSubject: TokRange | null;
}

/** A learned frame's first content run after its cue, [s, e) as frameOf made it, for the start model (model.ts modelContentStart). */
export interface StartRun {
  cue: { first: number; last: number };
  s: number;
  e: number;
}

export interface FrameContext {
  tokens: readonly Token[];
  sentences: readonly Sentence[];
  quotes: readonly Quote[];
  /** Token index -> index of the quote it lies in, or -1. */
  inQuote: Int32Array;
  /** Token indices where a cue starts. */
  cueStarts: ReadonlySet<number>;
  /** nextBreak's table, built on first use (per article). */
  breaks?: Int32Array;
}

/**
 * The first token from i on where another attribution starts after a comma, "and" or "but" outside
 * quotes (", telling …", ", he said", "and said …", ", according to": a cue within three tokens
 * after a comma, right after "and" / "but"), or the number of tokens: one table per article, read
 * in O(1) by each frame (a scan to the sentence's end per frame made a sentence of thousands of
 * clauses quadratic).
 */
function nextBreak(ctx: FrameContext, i: number): number {
  let t = ctx.breaks;
  if (!t) {
    const { tokens } = ctx;
    const n = tokens.length;
    t = new Int32Array(n + 1);
    t[n] = n;
    for (let k = n - 1; k >= 0; k--) {
      const w = tokens[k]!.norm;
      let here = false;
      if ((w === ',' || w === 'and' || w === 'but') && ctx.inQuote[k]! < 0) {
        const near = w === ',' ? 3 : 1;
        for (let d = 1; d <= near; d++) if (ctx.cueStarts.has(k + d)) here = true;
      }
      t[k] = here ? k : t[k + 1]!;
    }
    ctx.breaks = t;
  }
  return i < t.length ? t[i]! : t.length - 1;
}

/** A rule's frame, with every field a learned frame has (one object shape for all frames). */
export function ruleFrame(cue: Cue, source: TokRange | null, content: Range[], via: string): Frame {
  return { cue, source, content, via, endRun: undefined, startRun: undefined, passiveSubject: null };
}

const CLAUSE_END = new Set(['.', ',', ';', '!', '?', ':', ')', '-']);
const SENT_END = new Set(['.', '!', '?']);
export const isQuoteMark = (t: Token): boolean => /^["']+$/.test(t.norm);
const TELL_OBJECT_STOP = new Set(['VERB', 'AUX']);
/** Verbs whose object is who is spoken to, not what is said: "told reporters “…”". */
const ADDRESSING = new Set([
  'tell', 'tells', 'told', 'telling', 'ask', 'asks', 'asked', 'asking', 'assure', 'assures', 'assured', 'remind', 'reminds', 'reminded',
  'warn', 'warns', 'warned', 'urge', 'urges', 'urged', 'inform', 'informs', 'informed', 'promise', 'promises', 'promised', 'thank', 'thanks', 'thanked',
  'advise', 'advises', 'advised', 'instruct', 'instructed', 'implore', 'implored', 'beg', 'begged', 'challenge', 'challenged', 'greet', 'greeted',
]);
/** Verbs that may come before their source: `“…,” said Peskov.` */
const INVERTING = new Set(['said', 'says', 'added', 'adds', 'wrote', 'writes', 'asked', 'asks', 'explained', 'noted', 'continued', 'recalled', 'replied', 'responded', 'tweeted', 'told', 'declared', 'argued', 'insisted', 'warned', 'stated']);

function quoteOpenAt(ctx: FrameContext, i: number): Quote | null {
  const q = ctx.inQuote[i]!;
  const t = ctx.tokens[i];
  if (q < 0 || !t) return null;
  const quote = ctx.quotes[q]!;
  return quote.segments[0]!.start === t.start ? quote : null;
}

function quoteCloseAt(ctx: FrameContext, i: number): Quote | null {
  const q = ctx.inQuote[i]!;
  const t = ctx.tokens[i];
  if (q < 0 || !t) return null;
  const quote = ctx.quotes[q]!;
  return quote.segments[quote.segments.length - 1]!.end === t.end ? quote : null;
}

/** Char ranges for tokens [a, b], cut to the quote segments they cross. */
function rangeOf(ctx: FrameContext, a: number, b: number): Range[] {
  const ta = ctx.tokens[a];
  const tb = ctx.tokens[b];
  if (!ta || !tb || b < a) return [];
  const start = ta.start;
  const end = tb.end;
  const q = ctx.inQuote[a]! >= 0 ? ctx.quotes[ctx.inQuote[a]!]! : ctx.inQuote[b]! >= 0 ? ctx.quotes[ctx.inQuote[b]!]! : null;
  if (q && q.segments.length > 1) {
    const parts = q.segments.map((s) => ({ start: Math.max(s.start, start), end: Math.min(s.end, end) })).filter((r) => r.end > r.start);
    if (parts.length > 1) {
      parts[0]!.start = start;
      parts[parts.length - 1]!.end = end;
      return parts;
    }
  }
  return [{ start, end }];
}

/** Content after the cue: from "that", a quote or the next word to the end of the sentence or quote. */
function contentAfter(ctx: FrameContext, from: number, sent: Sentence): Range[] {
  const { tokens } = ctx;
  let start = from;
  // "told reporters on Friday that …": skip the listener and the time up to "that" or a quote.
  // Before a quote, only a verb that addresses someone has a listener to skip: after another verb
  // the words before the quote are the content's own ("said the board “cannot be trusted”").
  for (let k = from; k < sent.last && k < from + 15; k++) {
    const t = tokens[k]!;
    if (t.norm === 'that' || t.norm === ':') {
      start = t.norm === ':' ? k + 1 : k;
      break;
    }
    if (quoteOpenAt(ctx, k)) {
      if (k === from || ADDRESSING.has(tokens[from - 1]?.norm ?? '')) start = k;
      break;
    }
    if (TELL_OBJECT_STOP.has(t.pos) || t.pos === 'PRON' && k > from) break;
  }
  while (start < sent.last && (tokens[start]!.norm === ',' || tokens[start]!.norm === ':')) start++;
  if (start >= sent.last) return [];
  const q = quoteOpenAt(ctx, start);
  if (q) {
    const qEnd = q.segments[q.segments.length - 1]!.end;
    if (qEnd > sent.end) return q.segments.map((s) => ({ ...s }));
  }
  let end = sent.last - 1;
  // ", telling …", ", he said", "and said …", ", according to": another attribution starts here
  const k = nextBreak(ctx, start + 1);
  if (k < sent.last - 1) end = k - 1;
  while (end > start && SENT_END.has(tokens[end]!.norm)) end--;
  return rangeOf(ctx, start, end);
}

/** Content before the cue clause: back to the sentence start, or to the opening mark of the quote that ends here. */
function contentBefore(ctx: FrameContext, endTok: number, sent: Sentence): Range[] {
  const { tokens } = ctx;
  let end = endTok;
  while (end >= 0 && (tokens[end]!.norm === ',' || tokens[end]!.norm === '-')) end--;
  if (end < 0) return [];
  const q = quoteCloseAt(ctx, end);
  let start = sent.first;
  if (q && q.segments[0]!.start < tokens[start]!.start) {
    const segs = q.segments.map((s) => ({ ...s }));
    return segs;
  }
  while (start < end && (tokens[start]!.pos === 'CCONJ' || tokens[start]!.norm === ',')) start++;
  if (start > end) return [];
  return rangeOf(ctx, start, end);
}

/** A split quote: `“…,” he said, “…”` — the second half after the cue clause. */
function splitQuoteAfter(ctx: FrameContext, k: number): Range[] {
  const t = ctx.tokens[k];
  if (!t || t.norm !== ',') return [];
  const q = quoteOpenAt(ctx, k + 1);
  return q ? q.segments.map((s) => ({ ...s })) : [];
}

const clauseFinal = (ctx: FrameContext, k: number, sent: Sentence): boolean => {
  const t = ctx.tokens[k];
  return k >= sent.last || !t || CLAUSE_END.has(t.norm) || isQuoteMark(t);
};

/**
 * Whether only a verbless adjunct follows the cue to the clause's end ("… , the agency said on
 * Tuesday.", "…, Peskov told reporters."): the cue ends the reporting clause as much as a comma would.
 */
const adjunctOnly = (ctx: FrameContext, k: number, sent: Sentence): boolean => {
  for (let i = k; i < sent.last; i++) {
    const t = ctx.tokens[i]!;
    if (CLAUSE_END.has(t.norm)) return i > k;
    if (t.pos === 'VERB' || t.pos === 'AUX' || t.pos === 'SCONJ' || isQuoteMark(t) || t.norm === 'that') return false;
  }
  return k < sent.last;
};

/** Relative pronouns of a person, after an inverted source ("said the man who …"). */
const WHO = new Set(['who', 'whose']);

/**
 * `“…,” said the man who built the harbour.`: the source after an inverted cue goes on through
 * its relative clause to the clause's end, which names who "the man" is (a name alone,
 * "said Berg, who …", stays alone: the clause after its comma is left out).
 */
function withRelative(ctx: FrameContext, src: TokRange | null, sent: Sentence): TokRange | null {
  if (!src || !WHO.has(ctx.tokens[src[1]]?.norm ?? '')) return src;
  let e = src[1] + 1;
  while (e < sent.last && !CLAUSE_END.has(ctx.tokens[e]!.norm) && !isQuoteMark(ctx.tokens[e]!)) e++;
  return [src[0], e];
}

export function buildFrame(ctx: FrameContext, cue: Cue, prevFrame: Frame | null): Frame | null {
  const { tokens, sentences } = ctx;
  const head = tokens[cue.first]!;
  const sent = sentences[head.sent]!;
  if (cue.sourceAfter) {
    const src = phraseStartingAt(tokens, cue.last, sent.last);
    if (!src) return null;
    const left = cue.first - 1 >= sent.first ? contentBefore(ctx, cue.first - 1, sent) : [];
    let k = src[1];
    while (k < sent.last && tokens[k]!.norm === ',') k++;
    const right = k < sent.last && !SENT_END.has(tokens[k]!.norm) ? contentAfter(ctx, k, sent) : [];
    const content = [...left, ...right];
    return content.length ? ruleFrame(cue, src, content, 'according-to') : null;
  }
  let j = cue.first - 1;
  while (j >= sent.first && tokens[j]!.pos === 'ADV' && tokens[j]!.norm !== ',') j--;
  const left = j >= sent.first ? tokens[j]! : null;
  const after = cue.last;
  // 1. Source right before the cue.
  const np = left ? phraseEndingAt(tokens, j, sent.first) : null;
  if (np) {
    const before = np[0] - 1;
    const bt = tokens[before];
    if (bt && before >= sent.first && (bt.norm === ',' || (isQuoteMark(bt) && quoteCloseAt(ctx, before)) || bt.norm === '-') && (clauseFinal(ctx, after, sent) || adjunctOnly(ctx, after, sent))) {
      const content = contentBefore(ctx, before, sent);
      if (content.length) return ruleFrame(cue, np, [...content, ...splitQuoteAfter(ctx, after)], 'content-source-cue');
    }
    const content = contentAfter(ctx, after, sent);
    return content.length ? ruleFrame(cue, np, content, 'source-cue-content') : null;
  }
  // 2. `“…,” said Peskov.` — the source after the cue, the content before.
  if (left && (left.norm === ',' || isQuoteMark(left))) {
    const src = withRelative(ctx, phraseStartingAt(tokens, after, sent.last), sent);
    if (src && clauseFinal(ctx, src[1], sent) && INVERTING.has(tokens[cue.last - 1]!.norm)) {
      const content = contentBefore(ctx, j, sent);
      if (content.length) return ruleFrame(cue, src, [...content, ...splitQuoteAfter(ctx, src[1])], 'content-cue-source');
    }
  }
  // 3. ", saying …" / "… and told …": the subject of the clause, or the source just used in this sentence.
  if (left && (left.pos === 'CCONJ' || (left.norm === ',' && head.norm.endsWith('ing')))) {
    const src = prevFrame && prevFrame.source && tokens[prevFrame.cue.first]!.sent === head.sent ? prevFrame.source : sentenceSubject(tokens, sent.first, j);
    const content = contentAfter(ctx, after, sent);
    return src && content.length ? ruleFrame(cue, src, content, 'subject-cue-content') : null;
  }
  // 4. "X, the ministry’s spokesman, said" / "X, who …, said": an appositive or relative clause between.
  if (left && left.norm === ',') {
    let k = j - 1;
    while (k >= sent.first && tokens[k]!.norm !== ',') k--;
    const inner = phraseEndingAt(tokens, j - 1, k + 1);
    const src = inner && inner[0] === k + 1 && tokens[j - 1]!.pos === 'PROPN' ? inner : k > sent.first ? phraseEndingAt(tokens, k - 1, sent.first) : null;
    const content = contentAfter(ctx, after, sent);
    return src && content.length ? ruleFrame(cue, src, content, 'source-apposition-cue-content') : null;
  }
  // 5. No source: only for passives ("is expected to …", "was reported").
  if (head.pos === 'AUX' || ['is', 'are', 'was', 'were', 'be'].includes(head.norm)) {
    const content = contentAfter(ctx, after, sent);
    return content.length ? ruleFrame(cue, null, content, 'passive-cue-content') : null;
  }
  return null;
}
