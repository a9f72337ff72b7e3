/**
 * Stage 1, text: the normalised copy and the paragraphs. Nothing here rewrites article.text.
 */
import type { Article, Doc, Paragraph } from '../types.js';

/** One code unit for one code unit: curly quotes, guillemets, primes and dashes to ASCII. */
const FOLD: Record<string, string> = {
  '\u2018': "'", '\u2019': "'", '\u201a': "'", '\u201b': "'", '\u2032': "'", '\u02bc': "'",
  '\u201c': '"', '\u201d': '"', '\u201e': '"', '\u201f': '"', '\u2033': '"', '\u00ab': '"', '\u00bb': '"',
  '\u2010': '-', '\u2011': '-', '\u2012': '-', '\u2013': '-', '\u2014': '-', '\u2015': '-', '\u2212': '-',
  '\u00a0': ' ', '\u2009': ' ', '\u202f': ' ', '\u2007': ' ',
};
const FOLD_RE = /[\u2018\u2019\u201a\u201b\u2032\u02bc\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb\u2010-\u2015\u2212\u00a0\u2009\u202f\u2007]/g;

export function normaliseText(text: string): string {
  return text.replace(FOLD_RE, (c) => FOLD[c] ?? c);
}

/**
 * Paragraphs are separated by a blank line, or by single line breaks when the text has no blank
 * lines at all. The title (article.titleSpan) is always paragraph 0 when non-empty.
 */
export function splitParagraphs(article: Article): Paragraph[] {
  const { text, titleSpan } = article;
  const out: Paragraph[] = [];
  if (titleSpan.end > titleSpan.start) out.push({ index: 0, start: titleSpan.start, end: titleSpan.end });
  const bodyStart = titleSpan.end;
  const body = text.slice(bodyStart);
  const sep = /\n[ \t\r\f\v]*\n/.test(body) ? /\n[ \t\r\f\v]*\n\s*/g : /\n\s*/g;
  let last = 0;
  const push = (a: number, b: number): void => {
    let s = bodyStart + a;
    let e = bodyStart + b;
    while (s < e && /\s/.test(text[s]!)) s++;
    while (e > s && /\s/.test(text[e - 1]!)) e--;
    if (e > s) out.push({ index: out.length, start: s, end: e });
  };
  for (const m of body.matchAll(sep)) {
    push(last, m.index);
    last = m.index + m[0].length;
  }
  push(last, body.length);
  return out;
}

export function textStage(article: Article): Doc {
  return {
    article,
    norm: normaliseText(article.text),
    paragraphs: splitParagraphs(article),
    tokens: [],
    sentences: [],
    mentions: [],
    entities: [],
    attributions: [],
    events: [],
    findings: [],
  };
}
