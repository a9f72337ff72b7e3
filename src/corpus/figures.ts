/**
 * Figures of things in an article: "12,000 North Korean troops", "1.5 million tonnes of grain",
 * "about 40 drones". Each becomes a key (class + the capitalised qualifiers between the number and
 * the noun: "troops:north korean") and a value, so that articles giving different values for the
 * same key can be set side by side (number-contradiction). Linear scans, no backtracking.
 */
import { join } from 'node:path';
import { DATA_DIR, readTrustedJson } from '../data-dir.js';
import type { FiguresFile } from './schema.js';

export interface FigureLexicon {
  /** Noun (one or two lower-case words) -> class. */
  nouns: Map<string, string>;
}

let cached: FigureLexicon | null = null;

export function loadFigureLexicon(): FigureLexicon {
  if (cached) return cached;
  const file = readTrustedJson<FiguresFile>(join(DATA_DIR, 'corpus/figures.json'), ['classes']);
  const nouns = new Map<string, string>();
  for (const [cls, list] of Object.entries(file.classes)) for (const n of list) nouns.set(n.toLowerCase(), cls);
  cached = { nouns };
  return cached;
}

export interface Figure {
  key: string;
  value: number;
  start: number;
  end: number;
}

const MULTIPLIER: Record<string, number> = { thousand: 1e3, million: 1e6, billion: 1e9 };
const NUMBER = /\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|hundred)\b/gi;
const NUMBER_WORDS: Record<string, number> = {
  two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
  fifteen: 15, twenty: 20, thirty: 30, forty: 40, fifty: 50, hundred: 100,
};
/** Words that end the phrase: after them the noun is no longer what the number counts ("2 days after troops"). */
const BREAK = new Set(['after', 'before', 'since', 'than', 'and', 'or', 'but', 'in', 'on', 'at', 'to', 'from', 'by', 'with', 'the', 'a', 'an', 'were', 'was', 'had', 'have', 'are', 'is', 'who', 'that', 'which']);
const WORD_AFTER = /^[\s\u00a0]*([\p{L}][\p{L}\p{M}'’-]*)/u;
/** Lower-case words allowed between the number and its noun (they do not change what is counted). */
const FILLER = new Set(['more', 'additional', 'extra', 'other', 'new', 'further', 'active', 'armed', 'heavy', 'foreign', 'of']);

export function extractFigures(text: string, lex: FigureLexicon): Figure[] {
  const out: Figure[] = [];
  NUMBER.lastIndex = 0;
  for (let m = NUMBER.exec(text); m; m = NUMBER.exec(text)) {
    const start = m.index;
    // Skip parts of longer tokens: "A-10", "3rd", "2022-02-24", "$5".
    const before = start > 0 ? text[start - 1]! : ' ';
    if (/[\p{L}\p{N}\-/$£€.]/u.test(before)) continue;
    let value = NUMBER_WORDS[m[0].toLowerCase()] ?? Number(m[0].replace(/,/g, ''));
    if (!Number.isFinite(value)) continue;
    let pos = start + m[0].length;
    if (/^[\p{L}\p{N}]/u.test(text.slice(pos, pos + 1))) continue;
    const quals: string[] = [];
    let lowerSkipped = 0;
    let noun: string | null = null;
    let end = pos;
    for (let step = 0; step < 5; step++) {
      const w = WORD_AFTER.exec(text.slice(pos, pos + 40));
      if (!w) break;
      const word = w[1]!;
      const lower = word.toLowerCase();
      const wEnd = pos + w[0].length;
      if (step === 0 && lower in MULTIPLIER) {
        value *= MULTIPLIER[lower]!;
        pos = wEnd;
        continue;
      }
      const two = WORD_AFTER.exec(text.slice(wEnd, wEnd + 40));
      const pair = two ? `${lower} ${two[1]!.toLowerCase()}` : null;
      if (pair && lex.nouns.has(pair)) {
        noun = lex.nouns.get(pair)!;
        end = wEnd + two![0].length;
        break;
      }
      if (lex.nouns.has(lower)) {
        noun = lex.nouns.get(lower)!;
        end = wEnd;
        break;
      }
      if (/^\p{Lu}/u.test(word)) quals.push(lower);
      else if (BREAK.has(lower)) break;
      else if (!FILLER.has(lower) && ++lowerSkipped > 2) break;
      pos = wEnd;
    }
    if (noun === null) continue;
    // Years and dates are not counts ("2022 troops" is never meant).
    if (value >= 1900 && value <= 2100 && !m[0].includes(',')) continue;
    out.push({ key: quals.length ? `${noun}:${quals.join(' ')}` : noun, value, start, end });
  }
  return out;
}
