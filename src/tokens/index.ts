/**
 * Stage 2, tokens: wink-nlp's tokens, sentences and parts of speech, with character offsets.
 * wink-nlp is lossless (every token keeps its preceding whitespace), so offsets are rebuilt by
 * walking the text; sentences are also cut at paragraph breaks.
 */
import { createRequire } from 'node:module';
import type winkNLPType from 'wink-nlp';
import { POS_TAGS, type Doc, type Sentence, type Token } from '../types.js';

/**
 * wink-nlp keeps every new word it meets (names, numbers) in its lexicon for good: about 9 KB per
 * article of fresh names and figures, which over a stream of 100,000 articles is most of a
 * gigabyte. So the reader is renewed after it has read a few million characters (a renewal costs
 * about 90 ms, once per ~1,500 articles); its tags do not depend on what it read before.
 */
const RENEW_AFTER_CHARS = 8_000_000;
let renewAfter = RENEW_AFTER_CHARS;
/**
 * The model, safe to read more than once: its custom-entity loader re-stringifies its own output
 * on every call (the second reader would get a doubly escaped string, the third one runs out of
 * memory), so the first answer is kept. The pipeline does not use custom entities.
 */
type Model = Parameters<typeof winkNLPType>[0];
let MODEL: Model | null = null;

/**
 * wink-nlp and its model (about 40 MB of heap), loaded on first use: a batch's main thread, whose
 * tokens are read on another thread (src/batch.ts), never needs them.
 */
function winkModel(): { winkNLP: typeof winkNLPType; model: Model } {
  const require = createRequire(import.meta.url);
  const winkNLP = require('wink-nlp') as typeof winkNLPType;
  if (!MODEL) {
    const model = require('wink-eng-lite-web-model') as Model;
    const cer = model.metaCER;
    const firstCer = typeof cer === 'function' ? (cer as () => unknown)() : cer;
    MODEL = { ...model, metaCER: (() => firstCer) as unknown as Model['metaCER'] };
  }
  return { winkNLP, model: MODEL };
}

type Reader = ReturnType<typeof winkNLPType>;
interface WinkLexicon {
  lookup(text: string): number[] | null;
  add(text: string, category: number): unknown;
  intrinsicSize(): number;
}

/**
 * A wink-nlp reader whose tokeniser depends on nothing it read before. wink's tokeniser asks its
 * lexicon whether a piece such as "Trump's" is a known word before splitting it, and the lexicon
 * also holds every new word met in earlier texts: the same sentence was cut differently in a fresh
 * process and after a hundred articles ("Trump's," one token or "Trump" "'s"), so an article's
 * report depended on what else was analysed. Here only the model's own words count as known.
 *
 * wink does not expose its lexicon; its `its.value` mapper is handed the document's data, lexicon
 * included, so the mapper is wrapped for one call to reach it (wink-nlp 2.4, pinned).
 */
function newReader(): Reader {
  const { winkNLP, model } = winkModel();
  const r = winkNLP(model, ['sbd', 'pos']);
  const its = r.its as unknown as Record<string, (i: number, rdd: { cache: WinkLexicon }) => unknown>;
  const value = its.value!;
  let lexicon: WinkLexicon | null = null;
  its.value = (i, rdd) => {
    lexicon = rdd.cache;
    return value(i, rdd);
  };
  try {
    r.readDoc('a').tokens().out();
  } finally {
    its.value = value;
  }
  const lex = lexicon as WinkLexicon | null;
  if (!lex || typeof lex.lookup !== 'function') throw new Error('wink-nlp: lexicon not found (was wink-nlp upgraded?)');
  // wink's lexicon methods are closures (they use no `this`): called directly, not through bind
  const known = lex.lookup;
  const add = lex.add;
  const intrinsic = lex.intrinsicSize();
  // While a new word is being added, the lexicon reads its own entries (the word's lower case).
  let adding = 0;
  lex.add = (text, category) => {
    adding++;
    try {
      return add(text, category);
    } finally {
      adding--;
    }
  };
  lex.lookup = (text) => {
    const hit = known(text);
    return adding === 0 && hit !== null && hit.length === 1 && hit[0]! >= intrinsic ? null : hit;
  };
  return r;
}

let nlp: Reader | null = null;
let readSince = 0;

/** The wink-nlp reader for a text of `length` characters, renewed when due. */
function reader(length: number): Reader {
  if (!nlp || readSince > renewAfter) {
    nlp = newReader();
    readSince = 0;
  }
  readSince += length;
  return nlp;
}

/** Tests: renew the reader after `chars` characters (default restored with no argument). */
export function renewReaderAfter(chars = RENEW_AFTER_CHARS): void {
  renewAfter = chars;
}

/**
 * The copy of the text wink-nlp reads: same length as `norm`, so offsets still hold, with two
 * repairs. (1) wink splits words at Latin letters beyond Latin-1 ("Erdoğan" → "Erdo" "ğ" "an",
 * also Vučić, Gdańsk, Nicușor), so those letters are folded to their base letter. (2) wink takes
 * quadratic time on a run without whitespace (a 200 000-character "word" takes minutes), so such
 * runs are cut every MAX_RUN characters by turning one character into a space; the cut character
 * is then part of no token. Tokens keep the article's own text either way.
 */
const MAX_RUN = 256;

/** Base letter for Latin Extended-A/B and Latin Extended Additional, built once. */
const LATIN_FOLD: ReadonlyMap<number, string> = (() => {
  const special: Record<string, string> = { Ł: 'L', ł: 'l', Đ: 'D', đ: 'd', ı: 'i', Ħ: 'H', ħ: 'h', Ŧ: 'T', ŧ: 't', Œ: 'O', œ: 'o', Ŋ: 'N', ŋ: 'n', ĸ: 'k', ſ: 's', Ɗ: 'D', ɗ: 'd', Ƴ: 'Y', ƴ: 'y' };
  const map = new Map<number, string>();
  const add = (from: number, to: number): void => {
    for (let c = from; c <= to; c++) {
      const ch = String.fromCharCode(c);
      const base = special[ch] ?? ch.normalize('NFD')[0]!;
      if (/^[A-Za-z]$/.test(base)) map.set(c, base);
    }
  };
  add(0x0100, 0x024f);
  add(0x1e00, 0x1eff);
  return map;
})();

export function winkText(s: string): string {
  let out: string[] | null = null;
  let run = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 32 || c === 10 || c === 9 || c === 13) {
      run = 0;
      continue;
    }
    if (++run > MAX_RUN) {
      out ??= s.split('');
      out[i] = ' ';
      run = 0;
    } else if (c >= 0x0100) {
      const base = LATIN_FOLD.get(c);
      if (base !== undefined) {
        out ??= s.split('');
        out[i] = base;
      }
    }
  }
  return out ? out.join('') : s;
}

/** TokenRuns.pos holds a tag's index in POS_TAGS. */
const POS_CODE = new Map<string, number>(POS_TAGS.map((p, k) => [p, k]));
const X_CODE = POS_CODE.get('X')!;

/**
 * What wink-nlp read in a text, as flat arrays (so that another thread can read it and hand it
 * over without copying): per token its offsets, part-of-speech code (POS_LIST), whether whitespace
 * precedes it and whether a sentence ends after it. Whitespace tokens are left out.
 */
export interface TokenRuns {
  n: number;
  start: Int32Array;
  end: Int32Array;
  pos: Uint8Array;
  /** Bit 1: whitespace before; bit 2: a sentence ends after this token. */
  flags: Uint8Array;
}

/** TokenRuns.flags bits (the fast reader, src/tokens/split.ts, sets the same). */
export const SPACE_BEFORE = 1;
export const SENTENCE_END = 2;

/** wink-nlp's tokens, parts of speech and sentence ends of `norm` (Doc.norm), with offsets. */
export function readTokens(norm: string): TokenRuns {
  const seen = winkText(norm);
  const nlp = reader(seen.length);
  const its = nlp.its;
  const wdoc = nlp.readDoc(seen);
  const values = wdoc.tokens().out(its.value) as string[];
  const spaces = wdoc.tokens().out(its.precedingSpaces) as string[];
  const tags = wdoc.tokens().out(its.pos) as string[];
  // wink sentence boundaries as token indices (wink counts the same tokens we walk).
  const sentEnds = new Set<number>();
  for (const [, last] of wdoc.sentences().out(its.span) as unknown as [number, number][]) sentEnds.add(last);

  const cap = values.length;
  const runs: TokenRuns = { n: 0, start: new Int32Array(cap), end: new Int32Array(cap), pos: new Uint8Array(cap), flags: new Uint8Array(cap) };
  let n = 0;
  let off = 0;
  for (let w = 0; w < values.length; w++) {
    const value = values[w]!;
    const pre = spaces[w] ?? '';
    off += pre.length;
    // wink's value is the text as written, except for rare expansions; trust offsets, not values.
    let start = off;
    let end = off + value.length;
    if (!seen.startsWith(value, start)) {
      // resynchronise: find the value ahead (never moves backwards)
      const at = seen.indexOf(value, start);
      if (at < 0 || at - start > 64) {
        off = end;
        continue;
      }
      start = at;
      end = at + value.length;
    }
    off = end;
    const tag = tags[w] ?? 'X';
    if (tag === 'SPACE' || value.trim() === '') {
      // a sentence that ends on whitespace ends after the last real token
      if (sentEnds.has(w) && n > 0) runs.flags[n - 1]! |= SENTENCE_END;
      continue;
    }
    runs.start[n] = start;
    runs.end[n] = end;
    runs.pos[n] = POS_CODE.get(tag) ?? X_CODE;
    runs.flags[n] = (pre.length > 0 || start === 0 ? SPACE_BEFORE : 0) | (sentEnds.has(w) ? SENTENCE_END : 0);
    n++;
  }
  runs.n = n;
  return runs;
}

/** The tokens layer of `doc` from what wink read in it (readTokens(doc.norm)): sentences are also cut at paragraph breaks. */
export function tokensFrom(doc: Doc, runs: TokenRuns): Doc {
  const { norm, paragraphs } = doc;
  const text = doc.article.text;
  const tokens: Token[] = [];
  const sentences: Sentence[] = [];
  let para = 0;
  let sentFirst = 0;
  let pendingBreak = false;
  const closeSentence = (): void => {
    if (tokens.length > sentFirst) {
      const first = tokens[sentFirst]!;
      const last = tokens[tokens.length - 1]!;
      sentences.push({ first: sentFirst, last: tokens.length, start: first.start, end: last.end, para: first.para });
    }
    sentFirst = tokens.length;
  };
  for (let k = 0; k < runs.n; k++) {
    const start = runs.start[k]!;
    const end = runs.end[k]!;
    const flags = runs.flags[k]!;
    while (para + 1 < paragraphs.length && start >= paragraphs[para + 1]!.start) {
      para++;
      pendingBreak = true;
    }
    if (pendingBreak) {
      closeSentence();
      pendingBreak = false;
    }
    tokens.push({
      i: tokens.length,
      start,
      end,
      text: text.slice(start, end),
      norm: norm.slice(start, end).toLowerCase(),
      pos: POS_TAGS[runs.pos[k]!]!,
      sent: sentences.length,
      para: paragraphs.length ? para : 0,
      spaceBefore: (flags & SPACE_BEFORE) !== 0,
    });
    if ((flags & SENTENCE_END) !== 0) closeSentence();
  }
  closeSentence();
  return { ...doc, tokens, sentences };
}

export function tokensStage(doc: Doc): Doc {
  return tokensFrom(doc, readTokens(doc.norm));
}
