/**
 * The words the coder reads: our tokens regrouped the way dictionary phrases are written
 * ("Barad-dur" and "anti-" as one word, "Dol_Amroth" as two), upper-cased, with offsets kept.
 */
import type { Pos, Token } from '../types.js';
import type { Lexeme, Lexemes } from './lexemes.js';

export interface Word {
  /** Upper-cased text, quotes and dashes folded. */
  up: string;
  start: number;
  end: number;
  pos: Pos;
  /** Index of the first token in Doc.tokens. */
  tok: number;
  /** Capitalised as written (for unknown-name checks). */
  cap: boolean;
  /** The word's dictionary look-ups, when the caller keeps them (the events stage does). */
  lx?: Lexeme | undefined;
}

export function sentenceWords(tokens: readonly Token[], first: number, last: number, lexemes?: Lexemes): Word[] {
  const out: Word[] = [];
  let joinNext = false;
  for (let i = first; i < last; i++) {
    const t = tokens[i]!;
    if (t.norm === '_') {
      joinNext = false;
      continue;
    }
    const prev = out[out.length - 1];
    const lx = lexemes?.get(t.norm);
    const up = lx ? lx.up : t.norm.toUpperCase();
    // a hyphen written tight to the word before belongs to it ("anti-", "Barad-dur")
    if (up === '-' && prev && !t.spaceBefore && prev.end === t.start) {
      prev.up += '-';
      prev.end = t.end;
      joinNext = true;
      continue;
    }
    if (joinNext && prev && !t.spaceBefore && prev.end === t.start) {
      prev.up += up;
      prev.end = t.end;
      joinNext = false;
      continue;
    }
    joinNext = false;
    const c = t.text.charCodeAt(0);
    // `lx` is in the literal (not added after) so that every word has one shape and no spill store
    out.push({ up, start: t.start, end: t.end, pos: t.pos, tok: i, cap: c >= 65 && c <= 90, lx });
  }
  // words joined from several tokens take the look-ups of their joined form
  if (lexemes) {
    for (let k = 0; k < out.length; k++) {
      const w = out[k]!;
      if (w.up !== w.lx!.up) w.lx = lexemes.get(w.up.toLowerCase());
    }
  }
  return out;
}
