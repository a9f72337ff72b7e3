/**
 * Comparing quotations word by word: words of a span (case, punctuation and quote style ignored),
 * a longest-common-subsequence alignment, and the hunks where two quotes differ. Shared by
 * headline-misattribution (are these the same words?) and headline-quote-altered (what changed?).
 */
import type { Range } from '../types.js';
import type { ChecksLexicon } from './lexicon.js';

export interface Word {
  start: number;
  end: number;
  /** Lower case, possessive 's dropped, a plural -s dropped: "Friends'" and "friend" meet. */
  key: string;
  /** False for filler (articles, pronouns, auxiliaries …): dropping it does not alter a quote. */
  content: boolean;
  negation: boolean;
}

/** Quotes longer than this are cut: headline quotes are short, and the alignment is quadratic. */
const MAX_WORDS = 160;
/**
 * A word is a run of letters and digits, then any number of (apostrophe, letters) tails: the regex
 * [\p{L}\p{N}]+(?:'\p{L}+)* with the u flag, read here character by character (a regex iterator
 * made a match array and a result object per word, and body quotes run to thousands of words).
 */
const LETTER = /^\p{L}$/u;
const LETTER_OR_NUMBER = /^[\p{L}\p{N}]$/u;
/** Non-ASCII code points already classed: 1 a letter, 2 a number, 0 neither. */
const classes = new Map<number, number>();

function isWordChar(cp: number, numbers: boolean): boolean {
  if (cp < 128) return (cp >= 97 && cp <= 122) || (cp >= 65 && cp <= 90) || (numbers && cp >= 48 && cp <= 57);
  let c = classes.get(cp);
  if (c === undefined) {
    const ch = String.fromCodePoint(cp);
    c = LETTER.test(ch) ? 1 : LETTER_OR_NUMBER.test(ch) ? 2 : 0;
    classes.set(cp, c);
  }
  return c === 1 || (numbers && c === 2);
}

/** The code point at `p`; a surrogate pair only when both halves are before `end` (as in a slice). */
function codePointBefore(s: string, p: number, end: number): number {
  const c = s.charCodeAt(p);
  if (c >= 0xd800 && c <= 0xdbff && p + 1 < end) {
    const d = s.charCodeAt(p + 1);
    if (d >= 0xdc00 && d <= 0xdfff) return ((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000;
  }
  return c;
}

/** The end of the run of word characters from `p` (letters only unless `numbers`). */
function runEnd(s: string, p: number, end: number, numbers: boolean): number {
  while (p < end) {
    const cp = codePointBefore(s, p, end);
    if (!isWordChar(cp, numbers)) break;
    p += cp > 0xffff ? 2 : 1;
  }
  return p;
}

/** Where String.prototype.slice takes an index to be (negative: from the end; clamped to the string). */
function sliceIndex(x: number, length: number): number {
  const n = Math.trunc(x) || 0;
  return n < 0 ? Math.max(length + n, 0) : Math.min(n, length);
}

export function wordKey(raw: string): string {
  let w = raw.toLowerCase();
  if (w.endsWith("'s")) w = w.slice(0, -2);
  if (w.length > 3 && w.endsWith('s') && !/(ss|us|is)$/.test(w)) w = w.slice(0, -1);
  return w;
}

/** The words of `ranges` in `norm` (the ASCII-folded copy, same offsets as the text). */
export function wordsOf(norm: string, ranges: readonly Range[], lex: ChecksLexicon): Word[] {
  const out: Word[] = [];
  for (const r of ranges) {
    // the part of `norm` that norm.slice(r.start, r.end) gives (odd ranges are clamped the same way)
    const from = sliceIndex(r.start, norm.length);
    const end = Math.max(from, sliceIndex(r.end, norm.length));
    const shift = r.start - from;
    let p = from;
    while (p < end) {
      const cp = codePointBefore(norm, p, end);
      if (!isWordChar(cp, true)) {
        p += cp > 0xffff ? 2 : 1;
        continue;
      }
      const start = p;
      p = runEnd(norm, p, end, true);
      // then an apostrophe and letters ("'s", "n't"), as often as they come
      while (p + 1 < end && norm.charCodeAt(p) === 39 && isWordChar(codePointBefore(norm, p + 1, end), false)) p = runEnd(norm, p + 1, end, false);
      if (out.length >= MAX_WORDS) return out;
      const lower = norm.slice(start, p).toLowerCase();
      const key = wordKey(lower);
      const negation = lex.negations.has(lower) || lower.endsWith("n't");
      out.push({ start: start + shift, end: p + shift, key, content: negation || !lex.filler.has(key), negation });
    }
  }
  return out;
}

/** Index pairs [i in a, j in b] of a longest common subsequence of word keys. */
export function lcsPairs(a: readonly Word[], b: readonly Word[]): [number, number][] {
  const n = a.length;
  const m = b.length;
  if (n === 0 || m === 0) return [];
  const w = m + 1;
  const t = new Uint16Array((n + 1) * w);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      t[i * w + j] = a[i]!.key === b[j]!.key ? t[(i + 1) * w + j + 1]! + 1 : Math.max(t[(i + 1) * w + j]!, t[i * w + j + 1]!);
    }
  }
  const pairs: [number, number][] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i]!.key === b[j]!.key) {
      pairs.push([i, j]);
      i++;
      j++;
    } else if (t[(i + 1) * w + j]! >= t[i * w + j + 1]!) i++;
    else j++;
  }
  return pairs;
}

export interface Similarity {
  pairs: [number, number][];
  /** Share of the headline quote's words found, in order, in the other quote. */
  coverage: number;
  contentShared: number;
}

export function similarity(head: readonly Word[], other: readonly Word[]): Similarity {
  const pairs = lcsPairs(head, other);
  const contentShared = pairs.filter(([i]) => head[i]!.content).length;
  return { pairs, coverage: head.length ? pairs.length / head.length : 0, contentShared };
}

/** Whether two quotes are "the same words": most of the headline's words, in order, with some content. */
export function sameWords(head: readonly Word[], s: Similarity): boolean {
  return head.length >= 3 && s.pairs.length >= 3 && s.coverage >= 0.6 && s.contentShared >= 1;
}

/** Where the headline's quote and the body's differ, between two aligned words (or the ends). */
export interface Hunk {
  /** Headline words [from, to) and body words [from, to) that did not align. */
  head: [number, number];
  body: [number, number];
  kind: 'changed' | 'added' | 'negation-dropped';
}

/**
 * The material differences: headline content words the body lacks ("added", or "changed" when the
 * body has other content words in the same place), and negations the headline drops. Body words the
 * headline leaves out are not a change (headlines shorten); body words before the first and after
 * the last aligned word are outside the part the headline quotes.
 */
export function materialHunks(head: readonly Word[], body: readonly Word[], pairs: readonly [number, number][]): Hunk[] {
  const out: Hunk[] = [];
  const anchors: [number, number][] = [[-1, -1], ...pairs, [head.length, body.length]];
  for (let k = 0; k + 1 < anchors.length; k++) {
    const [hi0, bj0] = anchors[k]!;
    const [hi1, bj1] = anchors[k + 1]!;
    const h: [number, number] = [hi0 + 1, hi1];
    // Before the first and after the last aligned word the body goes on with words the headline does
    // not quote; only as many body words as the headline has there stand opposite them.
    const n = h[1] - h[0];
    let b: [number, number] = [bj0 + 1, bj1];
    if (pairs.length > 0 && k === 0) {
      b = [Math.max(0, bj1 - n), bj1];
      // take the filler just before along ("Our allies", not "allies")
      for (let extra = 0; extra < 2 && b[0] > 0 && !body[b[0] - 1]!.content; extra++) b[0]--;
    }
    else if (pairs.length > 0 && k === anchors.length - 2) b = [bj0 + 1, Math.min(body.length, bj0 + 1 + n)];
    const headContent = slice(head, h).some((w) => w.content);
    const bodyContent = slice(body, b).some((w) => w.content);
    const bodyNeg = slice(body, b).some((w) => w.negation);
    const headNeg = slice(head, h).some((w) => w.negation);
    if (headContent) out.push({ head: h, body: b, kind: bodyContent ? 'changed' : 'added' });
    else if (bodyNeg && !headNeg) out.push({ head: h, body: b, kind: 'negation-dropped' });
  }
  return out;
}

function slice(ws: readonly Word[], [a, b]: [number, number]): readonly Word[] {
  return ws.slice(a, b);
}
