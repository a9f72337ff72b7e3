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

/** Discards indexed by their first three letters, built once per list. */
const indexes = new WeakMap<readonly Discard[], Map<string, Discard[]>>();
function indexOf(list: readonly Discard[]): Map<string, Discard[]> {
  let idx = indexes.get(list);
  if (!idx) {
    idx = new Map();
    for (const d of list) {
      const k = d.phrase.slice(0, 3);
      const l = idx.get(k);
      if (l) l.push(d);
      else idx.set(k, [d]);
    }
    indexes.set(list, idx);
  }
  return idx;
}

/** The first discard found in a sentence (case-insensitive, after a blank), or null. */
export function findDiscard(sentence: string, list: readonly Discard[]): Discard | null {
  if (list.length === 0) return null;
  const idx = indexOf(list);
  const s = ' ' + sentence.toUpperCase().replace(/\s+/g, ' ') + ' ';
  for (let at = s.indexOf(' '); at >= 0 && at < s.length - 1; at = s.indexOf(' ', at + 1)) {
    const cands = idx.get(s.slice(at + 1, at + 4));
    if (!cands) continue;
    for (const d of cands) {
      if (!s.startsWith(d.phrase, at + 1)) continue;
      const after = s[at + 1 + d.phrase.length] ?? ' ';
      if (!d.whole || /[\s.,;:!?'")]/.test(after)) return d;
    }
  }
  return null;
}
