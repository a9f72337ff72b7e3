/**
 * Pairing quote marks into quotes. Directional marks (“ ” ‘ ’ « » „) come from article.text, the
 * straight ones are read from their neighbours; an apostrophe (Russia’s, don’t, O’Brien, ’90s,
 * ’em, rock ’n’ roll) is never a quote mark. A quote may cross paragraphs in both newswire styles:
 * re-opened at the start of each continuing paragraph with no closing mark before, or simply
 * closed in the next paragraph. Unbalanced marks give fewer quotes, never an error.
 */
import type { Paragraph, Range } from '../types.js';

export type Family = 'double' | 'single';

export interface Quote {
  family: Family;
  /** One range per paragraph the quote runs through, quote marks included. */
  segments: Range[];
}

/** `len` is 2 for the doubled apostrophe (''), a double quote mark in some newswire text. */
type Mark = { at: number; family: Family; dir: 'open' | 'close'; len?: number };

const isLetter = (c: string | undefined): boolean => c !== undefined && /[\p{L}\p{N}]/u.test(c);
const isSpaceOrStart = (c: string | undefined): boolean => c === undefined || /[\s([{\u2014\u2013-]/.test(c);

function classify(text: string, i: number): Mark | null {
  const c = text[i]!;
  const prev = i > 0 ? text[i - 1] : undefined;
  const next = text[i + 1];
  switch (c) {
    case '\u201c': case '\u201e': case '\u00ab': return { at: i, family: 'double', dir: 'open' };
    case '\u201d': case '\u00bb': return { at: i, family: 'double', dir: 'close' };
    case '"':
      if (isSpaceOrStart(prev)) return { at: i, family: 'double', dir: 'open' };
      return { at: i, family: 'double', dir: 'close' };
    case '\u2018': case '\u2039':
      // ‘90s, ‘em: an apostrophe typed with the wrong mark.
      if (/^\d\ds?\b/.test(text.slice(i + 1, i + 4)) || /^em\b/i.test(text.slice(i + 1, i + 4))) return null;
      return { at: i, family: 'single', dir: 'open' };
    case '\u203a': return { at: i, family: 'single', dir: 'close' };
    case '\u2019': case "'": {
      if (c === "'" && next === "'") {
        // ''It's over,'' he said: two apostrophes as one double mark.
        const after = text[i + 2];
        if (isSpaceOrStart(prev) && after !== undefined && !/\s/.test(after)) return { at: i, family: 'double', dir: 'open', len: 2 };
        if (!isSpaceOrStart(prev) && prev !== undefined) return { at: i, family: 'double', dir: 'close', len: 2 };
        return null;
      }
      if (isLetter(prev) && isLetter(next)) return null; // don’t, Russia’s, O’Brien
      if (isSpaceOrStart(prev)) {
        const after = text.slice(i + 1, i + 5);
        if (/^(\d\ds?|em|til|cause|n)\b/i.test(after)) return null; // ’90s, ’em, ’til, ’cause, ’n’
        return isLetter(next) || next === '"' ? { at: i, family: 'single', dir: 'open' } : null;
      }
      if (prev === 'n' && next === ' ' && text[i - 2] === "'") return null; // rock ’n’ roll
      return { at: i, family: 'single', dir: 'close' };
    }
    default:
      return null;
  }
}

const QUOTE_CHARS = /["'\u201c\u201d\u201e\u00ab\u00bb\u2018\u2019\u2039\u203a]/g;

interface Open {
  family: Family;
  segments: Range[];
  /** Paragraph index of the last segment. */
  para: number;
  segStart: number;
}

export function pairQuotes(text: string, paragraphs: readonly Paragraph[]): Quote[] {
  const out: Quote[] = [];
  const paraOf = (at: number): number => {
    let lo = 0;
    let hi = paragraphs.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (paragraphs[mid]!.start <= at) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  const paraStartsWith = (p: number, at: number): boolean => {
    const para = paragraphs[p];
    return para !== undefined && text.slice(para.start, at).trim() === '';
  };
  let stack: Open[] = [];
  let skipTo = -1;
  for (const m of text.matchAll(QUOTE_CHARS)) {
    if (m.index < skipTo) continue;
    const mark = classify(text, m.index);
    if (!mark) continue;
    const len = mark.len ?? 1;
    skipTo = mark.at + len;
    const p = paraOf(mark.at);
    // Entering a later paragraph: only the outer quote may continue, and only into the next one.
    if (stack.length > 0 && p > stack[stack.length - 1]!.para) {
      const outer = stack[0]!;
      stack = [];
      const continues = p === outer.para + 1 && mark.family === outer.family;
      if (continues && (mark.dir === 'close' || paraStartsWith(p, mark.at))) {
        outer.segments.push({ start: outer.segStart, end: paragraphs[outer.para]!.end });
        outer.para = p;
        if (mark.dir === 'close') {
          out.push({ family: outer.family, segments: [...outer.segments, { start: paragraphs[p]!.start, end: mark.at + len }] });
        } else {
          outer.segStart = mark.at;
          stack = [outer];
        }
        continue;
      }
    }
    const top = stack[stack.length - 1];
    if (mark.dir === 'open') {
      if (top && top.family === mark.family) stack.pop(); // re-opened in the same paragraph: the earlier one was unbalanced
      if (stack.length < 2) stack.push({ family: mark.family, segments: [], para: p, segStart: mark.at });
      continue;
    }
    const k = stack.map((o) => o.family).lastIndexOf(mark.family);
    if (k < 0) continue; // a stray closing mark, or a plural possessive (voters’)
    const q = stack[k]!;
    stack = stack.slice(0, k);
    if (k === 0) out.push({ family: q.family, segments: [...q.segments, { start: q.segStart, end: mark.at + len }] });
  }
  return out;
}
