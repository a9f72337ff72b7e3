/**
 * PETRARCH discard lists: phrases that stop a sentence (or, with a leading `+`, the whole story)
 * from being coded. A phrase ending in `_` must end at a word boundary; otherwise it is a stem.
 */
import { dictLines } from './lines.js';

export interface Discard {
  phrase: string;
  story: boolean;
  whole: boolean;
}

export function readDiscards(text: string, into: Discard[] = []): Discard[] {
  for (const { text: line } of dictLines(text)) {
    let t = line.trim();
    const story = t.startsWith('+');
    if (story) t = t.slice(1).trim();
    const whole = t.endsWith('_');
    const phrase = t.replace(/_+$/, '').replace(/_/g, ' ').replace(/\s+/g, ' ').toUpperCase();
    if (phrase) into.push({ phrase, story, whole });
  }
  return into;
}

/** The first discard found in a sentence (case-insensitive, after a blank), or null. */
export function findDiscard(sentence: string, list: readonly Discard[]): Discard | null {
  const s = ' ' + sentence.toUpperCase().replace(/\s+/g, ' ') + ' ';
  for (const d of list) {
    let at = s.indexOf(' ' + d.phrase);
    while (at >= 0) {
      const after = s[at + 1 + d.phrase.length] ?? ' ';
      if (!d.whole || /[\s.,;:!?'")]/.test(after)) return d;
      at = s.indexOf(' ' + d.phrase, at + 1);
    }
  }
  return null;
}
