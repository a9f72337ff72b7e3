/**
 * The fast reader's tokens and sentence ends, cut the way wink-nlp cuts news text (readTokensWink), by
 * a single pass over the characters: whitespace-separated chunks, then words, numbers and
 * punctuation inside each chunk. The word lists (abbreviations, hyphen prefixes, clitics) are in
 * data/tokens.json.
 */
import { readDataJson } from '../data-dir.js';
import { SENTENCE_END, SPACE_BEFORE } from './index.js';

export interface TokenLists {
  abbreviations: string[];
  hyphenPrefixes: string[];
  hyphenSuffixes: string[];
  wholeContractions: string[];
  clitics: string[];
  notStems: string[];
  cliticHosts: string[];
  lowerAbbreviations: string[];
  splitWords: string[];
  sentenceStarters: string[];
}

/** The lists as sets, read once. */
interface Lists {
  abbr: Set<string>;
  prefix: Set<string>;
  suffix: Set<string>;
  whole: Set<string>;
  clitic: Set<string>;
  notStem: Set<string>;
  host: Set<string>;
  lowerAbbr: Set<string>;
  /** Words wink cuts in two ("cannot"), with the length of the first part. */
  splitAt: Map<string, number>;
  starters: Set<string>;
}

let LISTS: Lists | null = null;
function lists(): Lists {
  if (!LISTS) {
    const raw = readDataJson<TokenLists>('tokens.json');
    LISTS = {
      abbr: new Set(raw.abbreviations),
      prefix: new Set(raw.hyphenPrefixes),
      suffix: new Set(raw.hyphenSuffixes),
      whole: new Set(raw.wholeContractions),
      clitic: new Set(raw.clitics),
      notStem: new Set(raw.notStems),
      host: new Set(raw.cliticHosts),
      lowerAbbr: new Set(raw.lowerAbbreviations),
      splitAt: new Map(raw.splitWords.map((w) => [w.replace('|', ''), w.indexOf('|')])),
      starters: new Set(raw.sentenceStarters),
    };
  }
  return LISTS;
}

/** Character classes, one byte per UTF-16 code unit. */
export const OTHER = 0;
export const SPACE = 1;
export const UPPER = 2;
export const LOWER = 3;
export const DIGIT = 4;

export const CLASS: Uint8Array = (() => {
  const t = new Uint8Array(65536);
  const upper = /\p{Lu}|\p{Lt}/u;
  const letter = /\p{L}|\p{M}/u;
  const space = /\s/u;
  for (let c = 0; c < 65536; c++) {
    if (c >= 0xd800 && c <= 0xdfff) continue;
    const ch = String.fromCharCode(c);
    if (c >= 48 && c <= 57) t[c] = DIGIT;
    else if (space.test(ch)) t[c] = SPACE;
    else if (upper.test(ch)) t[c] = UPPER;
    else if (letter.test(ch)) t[c] = LOWER;
  }
  // wink treats these as symbols, not letters
  t[0xaa] = OTHER;
  t[0xba] = OTHER;
  t[0xb5] = OTHER;
  return t;
})();

const isAlnum = (k: number): boolean => k >= UPPER;
const isLetter = (k: number): boolean => k === UPPER || k === LOWER;

/** The flat result: offsets and flags per token (flag bits as in TokenRuns). */
export interface Cuts {
  n: number;
  start: Int32Array;
  end: Int32Array;
  flags: Uint8Array;
  /** Indices of the tokens that are web or e-mail addresses, or emoji (wink tags them SYM). */
  links: number[];
}


const ORDINAL = new Set(['s', 'th', 'st', 'nd', 'rd', 'am', 'pm']);

/** A tokeniser over one text; `cut` fills the arrays. */
class Splitter {
  n = 0;
  start: Int32Array;
  end: Int32Array;
  flags: Uint8Array;
  /** Indices of the tokens that are web or e-mail addresses, or emoji. */
  readonly links: number[] = [];
  private pendingSpace = true;
  constructor(
    private readonly text: string,
    private readonly l: Lists,
  ) {
    const cap = Math.max(16, text.length >> 2);
    this.start = new Int32Array(cap);
    this.end = new Int32Array(cap);
    this.flags = new Uint8Array(cap);
  }

  private emit(s: number, e: number): void {
    if (e <= s) return;
    if (this.n === this.start.length) {
      const cap = this.n * 2;
      const grow = <T extends Int32Array | Uint8Array>(a: T, b: T): T => (b.set(a), b);
      this.start = grow(this.start, new Int32Array(cap));
      this.end = grow(this.end, new Int32Array(cap));
      this.flags = grow(this.flags, new Uint8Array(cap));
    }
    this.start[this.n] = s;
    this.end[this.n] = e;
    this.flags[this.n] = this.pendingSpace || s === 0 ? SPACE_BEFORE : 0;
    this.pendingSpace = false;
    this.n++;
  }

  cut(): void {
    const text = this.text;
    const len = text.length;
    let p = 0;
    while (p < len) {
      if (CLASS[text.charCodeAt(p)] === SPACE) {
        this.pendingSpace = true;
        p++;
        continue;
      }
      let e = p + 1;
      while (e < len && CLASS[text.charCodeAt(e)] !== SPACE) e++;
      this.chunk(p, e);
      p = e;
    }
  }

  /** The lower case of [s, e), or "" when longer than any listed word (no long slices in long runs). */
  private lower(s: number, e: number): string {
    return e - s > 12 ? '' : this.text.slice(s, e).toLowerCase();
  }

  /** One whitespace-free chunk [s, e). */
  private chunk(s: number, e: number): void {
    const text = this.text;
    let p = s;
    let q = -1;
    let fresh = true;
    while (p < e) {
      const c = text.charCodeAt(p);
      const k = CLASS[c]!;
      if (isAlnum(k)) {
        if ((c === 104 || c === 72) && this.isUrl(p, e)) {
          q = p;
          while (q < e && text.charCodeAt(q) !== 34) q++;
          this.links.push(this.n);
          this.emit(p, q);
          p = q;
        } else if ((q = this.email(p, s, e)) > 0) {
          this.links.push(this.n);
          this.emit(p, q);
          p = q;
        } else {
          p = this.word(p, e, fresh);
        }
        fresh = false;
        continue;
      }
      const prevAlnum = p > s && isAlnum(CLASS[text.charCodeAt(p - 1)]!);
      // a signed number: +5, -7
      if ((c === 43 || c === 45) && !prevAlnum && p + 1 < e && CLASS[text.charCodeAt(p + 1)] === DIGIT && (p + 2 >= e || text.charCodeAt(p + 2) !== c)) {
        p = this.word(p + 1, e, false, p);
        fresh = false;
        continue;
      }
      // 's after an abbreviation (D.C.'s)
      if (c === 39 && p > s && text.charCodeAt(p - 1) === 46) {
        let r = p + 1;
        while (r < e && isLetter(CLASS[text.charCodeAt(r)]!)) r++;
        if (r > p + 1 && (r === e || !isAlnum(CLASS[text.charCodeAt(r)]!)) && this.l.clitic.has(this.lower(p + 1, r))) {
          this.emit(p, r);
          p = r;
          continue;
        }
      }
      // '80s, and 'a (have, of)
      if (c === 39 && !prevAlnum && p + 1 < e) {
        const n1 = CLASS[text.charCodeAt(p + 1)]!;
        const n2 = p + 2 < e ? CLASS[text.charCodeAt(p + 2)]! : SPACE;
        if (n1 === DIGIT && n2 === DIGIT && (text.charCodeAt(p + 3) | 32) === 115 && (p + 4 >= e || !isAlnum(CLASS[text.charCodeAt(p + 4)]!))) {
          this.emit(p, p + 4);
          p += 4;
          fresh = false;
          continue;
        }
        if ((text.charCodeAt(p + 1) | 32) === 97 && !isAlnum(n2) && text.charCodeAt(p + 2) !== 46) {
          this.emit(p, p + 2);
          p += 2;
          fresh = false;
          continue;
        }
      }
      // @handle and #tag: one token with the sign
      if ((c === 64 || c === 35) && p + 1 < e && isLetter(CLASS[text.charCodeAt(p + 1)]!) && !prevAlnum) {
        let q = p + 1;
        while (q < e && (isAlnum(CLASS[text.charCodeAt(q)]!) || text.charCodeAt(q) === 95)) q++;
        this.emit(p, q);
        p = q;
        fresh = false;
        continue;
      }
      // runs of dots, hyphens and underscores are one token each, but for two quirks of wink:
      // "a...b" is a . .. b, and a long dash is -- then single hyphens
      if (c === 46 || c === 45 || c === 95) {
        let q = p + 1;
        while (q < e && text.charCodeAt(q) === c) q++;
        if (c === 46 && q - p === 3 && q < e && isAlnum(CLASS[text.charCodeAt(q)]!)) {
          this.emit(p, p + 1);
          this.emit(p + 1, q);
        } else if (c === 45 && q - p > 2) {
          this.emit(p, p + 2);
          for (let r = p + 2; r < q; r++) this.emit(r, r + 1);
        } else this.emit(p, q);
        p = q;
        // after a full stop, a word is read afresh ("Ph.D." is Ph . D.)
        if (c === 46) fresh = true;
        continue;
      }
      // a character beyond the BMP (an emoji) is one token, not two halves
      const pair = c >= 0xd800 && c <= 0xdbff && p + 1 < e && (text.charCodeAt(p + 1) & 0xfc00) === 0xdc00;
      if (pair) this.links.push(this.n);
      this.emit(p, pair ? p + 2 : p + 1);
      p += pair ? 2 : 1;
    }
  }

  /** The next "@" at or after the chunk being read (-1: none left). */
  private nextAt = 0;
  private atSignIn(s: number, e: number): boolean {
    if (this.nextAt >= 0 && this.nextAt < s) this.nextAt = this.text.indexOf('@', s);
    return this.nextAt >= 0 && this.nextAt < e;
  }

  /** An e-mail address starting at p, within the chunk ending at e: its end, else -1. Only tried with an "@" near. */
  private email(p: number, s: number, e: number): number {
    if (!this.atSignIn(s, e) || this.nextAt < p || this.nextAt - p > 64) return -1;
    EMAIL.lastIndex = p;
    return EMAIL.test(this.text) && EMAIL.lastIndex <= e ? EMAIL.lastIndex : -1;
  }

  private isUrl(p: number, e: number): boolean {
    const t = this.text;
    const head = t.slice(p, Math.min(e, p + 8)).toLowerCase();
    return head.startsWith('http://') || head.startsWith('https://');
  }

  /** A word, number or abbreviation starting at p (an alphanumeric); returns where it stops. */
  private word(p: number, e: number, fresh: boolean, from = p): number {
    const text = this.text;
    const l = this.l;
    // initials and dotted abbreviations: U.S., p.m., F.B.I., K.
    if (fresh && isLetter(CLASS[text.charCodeAt(p)]!) && text.charCodeAt(p + 1) === 46) {
      let q = p;
      while (q + 1 < e && isLetter(CLASS[text.charCodeAt(q)]!) && text.charCodeAt(q + 1) === 46 && (q + 2 >= e || !isAlnum(CLASS[text.charCodeAt(q + 2)]!) || text.charCodeAt(q + 3) === 46)) q += 2;
      const pairs = (q - p) >> 1;
      if (pairs >= 2 || (pairs === 1 && (CLASS[text.charCodeAt(p)] === UPPER || l.abbr.has(this.lower(p, p + 1))))) {
        this.emit(p, q);
        return q;
      }
    }
    let q = p;
    let seg = p; // start of the current alphanumeric segment
    let letters = false; // a letter met so far
    let prefixed = false; // joined to a prefix: later hyphens join too (anti-Illegal-Immigration)
    for (;;) {
      // alphanumeric run
      while (q < e) {
        const k = CLASS[text.charCodeAt(q)]!;
        if (!isAlnum(k)) break;
        if (k !== DIGIT && !letters && q > p && CLASS[text.charCodeAt(q - 1)] === DIGIT) {
          // a number then letters: only decades, ordinals and times stay together (1960s, 21st, 6AM)
          let r = q;
          while (r < e && isLetter(CLASS[text.charCodeAt(r)]!)) r++;
          if ((r < e && isAlnum(CLASS[text.charCodeAt(r)]!)) || !ORDINAL.has(this.lower(q, r))) {
            this.emit(from, q);
            return q;
          }
          q = r;
          letters = true;
          continue;
        }
        if (k !== DIGIT) letters = true;
        q++;
      }
      if (q >= e) break;
      const c = text.charCodeAt(q);
      const next = q + 1 < e ? CLASS[text.charCodeAt(q + 1)]! : SPACE;
      const prevDigit = CLASS[text.charCodeAt(q - 1)] === DIGIT;
      if ((c === 44 || c === 46 || c === 58 || c === 47) && prevDigit && next === DIGIT) {
        q++;
        continue;
      }
      if (c === 45 && isAlnum(next)) {
        if (next === DIGIT) {
          q++;
          seg = q;
          continue;
        }
        if (!prevDigit) {
          let r = q + 1;
          while (r < e && isLetter(CLASS[text.charCodeAt(r)]!)) r++;
          if (prefixed || (seg === p && l.prefix.has(this.lower(seg, q)))) {
            prefixed = true;
            q++;
            seg = q;
            continue;
          }
          if (l.suffix.has(this.lower(q + 1, r))) {
            q++;
            seg = q;
            continue;
          }
        }
        break;
      }
      if (c === 39 && isLetter(next)) {
        let r = q + 1;
        while (r < e && isLetter(CLASS[text.charCodeAt(r)]!)) r++;
        const after = r < e ? text.charCodeAt(r) : -1;
        if (after >= 0 && isAlnum(CLASS[after]!)) {
          q = r;
          continue;
        }
        const clitic = this.lower(q + 1, r);
        if (l.whole.has(this.lower(p, r))) {
          q = r;
          break;
        }
        if (clitic === 't' && q - 1 > p && (text.charCodeAt(q - 1) | 32) === 110 && l.notStem.has(this.lower(p, q - 1))) {
          this.emit(p, q - 1);
          this.emit(q - 1, r);
          return r;
        }
        if (l.clitic.has(clitic)) {
          // a possessive with punctuation after it stays whole ("Trump's,"); contractions split
          const closes = after < 0 || after === 93 || after === 41 || after === 34 || after === 39;
          if (closes || clitic !== 's' || l.host.has(this.lower(p, q))) {
            this.emit(p, q);
            this.emit(q, r);
            return r;
          }
        }
        q = r;
        continue;
      }
      if (c === 46 && fresh && seg === p && (l.abbr.has(this.lower(p, q)) || (q - p <= 12 && l.lowerAbbr.has(text.slice(p, q))))) {
        q++;
        break;
      }
      // AT&T, Q&A
      if (c === 38 && CLASS[text.charCodeAt(q - 1)] === UPPER && next === UPPER) {
        q++;
        continue;
      }
      break;
    }
    const cut = q - p > 3 && q - p < 12 ? l.splitAt.get(this.lower(p, q)) : undefined;
    if (cut !== undefined) {
      this.emit(p, p + cut);
      this.emit(p + cut, q);
      return q;
    }
    this.emit(from, q);
    return q;
  }
}

/** An e-mail address at lastIndex (sticky). */
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/y;


/**
 * Marks sentence ends the way wink-nlp places them: after a full stop, "!" or "?" (and the quotes
 * and brackets glued after it), except in a spaced ellipsis (". . ."); after an abbreviation only
 * before a line break or a word that usually starts sentences ("D.C. He"); after closing
 * punctuation before a line break; and at the end of the text.
 */
function markSentences(text: string, cuts: Cuts, l: Lists): void {
  const { n, start, end, flags } = cuts;
  const single = (k: number): number => (end[k]! - start[k]! === 1 ? text.charCodeAt(start[k]!) : -1);
  const glued = (k: number): boolean => (flags[k]! & SPACE_BEFORE) === 0;
  const newlineAfter = (k: number): boolean => k + 1 >= n || text.slice(end[k]!, start[k + 1]!).includes('\n');
  for (let k = 0; k < n; k++) {
    const c = single(k);
    const last = text.charCodeAt(end[k]! - 1);
    if (c === 46 || c === 33 || c === 63) {
      // . . . : no end inside or after
      if (c === 46 && ((k + 1 < n && !glued(k + 1) && single(k + 1) === 46) || (k > 0 && !glued(k) && single(k - 1) === 46))) continue;
      let j = k;
      for (;;) {
        if (j + 1 >= n || !glued(j + 1)) break;
        const d = single(j + 1);
        if (d === 46 || d === 33 || d === 63 || d === 34 || d === 41 || d === 93) j++;
        else if (d === 39) {
          j++;
          if (single(j + 1) === 39) break; // '' : the first quote closes
        } else break;
      }
      flags[j]! |= SENTENCE_END;
      k = j;
      continue;
    }
    if (c === 34 || c === 39 || c === 41 || c === 93 || c === 58) {
      if (newlineAfter(k)) flags[k]! |= SENTENCE_END;
      continue;
    }
    if (last === 46 && end[k]! - start[k]! > 1 && text.charCodeAt(end[k]! - 2) !== 46) {
      // an abbreviation: U.S., Mr.
      if (newlineAfter(k)) flags[k]! |= SENTENCE_END;
      else if (!glued(k + 1) && CLASS[text.charCodeAt(start[k + 1]!)] === UPPER && l.starters.has(text.slice(start[k + 1]!, end[k + 1]!).toLowerCase())) flags[k]! |= SENTENCE_END;
    }
  }
  if (n > 0) flags[n - 1]! |= SENTENCE_END;
}

/** Tokens and sentence ends of `text` (Doc.norm). */
export function splitText(text: string): Cuts {
  const sp = new Splitter(text, lists());
  sp.cut();
  const cuts: Cuts = { n: sp.n, start: sp.start, end: sp.end, flags: sp.flags, links: sp.links };
  markSentences(text, cuts, lists());
  return cuts;
}
