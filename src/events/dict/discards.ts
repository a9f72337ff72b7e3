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

/** Discards indexed by the first three letters of their first word, for matching on words. */
export interface DiscardCandidate {
  d: Discard;
  words: string[];
}
const wordIndexes = new WeakMap<readonly Discard[], Map<number, DiscardCandidate[]>>();
/** The first three UTF-16 units of a word as one number: a Map key that allocates nothing. */
export function prefixKey(w: string): number {
  return w.charCodeAt(0) * 4294967296 + (w.length > 1 ? w.charCodeAt(1) : 0) * 65536 + (w.length > 2 ? w.charCodeAt(2) : 0);
}
function wordIndexOf(list: readonly Discard[]): Map<number, DiscardCandidate[]> {
  let idx = wordIndexes.get(list);
  if (!idx) {
    idx = new Map();
    for (const d of list) {
      const words = d.phrase.split(' ');
      const k = prefixKey(words[0]!);
      const l = idx.get(k);
      if (l) l.push({ d, words });
      else idx.set(k, [{ d, words }]);
    }
    wordIndexes.set(list, idx);
  }
  return idx;
}

/**
 * The first discard found in a sentence's upper-cased words, or null: the same phrases as
 * `findDiscard`, matched word by word (the last word as a stem unless the phrase ends in `_`).
 */
export function findDiscardWords(
  words: readonly { up: string; lx?: { discards: DiscardCandidate[] | undefined } | undefined }[],
  list: readonly Discard[],
): Discard | null {
  if (list.length === 0) return null;
  const idx = wordIndexOf(list);
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    const cands = w.lx ? w.lx.discards : idx.get(prefixKey(w.up));
    if (!cands) continue;
    for (const { d, words: pw } of cands) {
      const n = pw.length;
      if (i + n > words.length) continue;
      let ok = true;
      for (let j = 0; j < n - 1 && ok; j++) ok = words[i + j]!.up === pw[j];
      if (!ok) continue;
      const last = words[i + n - 1]!.up;
      if (d.whole ? last === pw[n - 1] : last.startsWith(pw[n - 1]!)) return d;
    }
  }
  return null;
}

/** The discards whose first word may start at this (upper-cased) word. */
export function discardCandidates(up: string, list: readonly Discard[]): DiscardCandidate[] | undefined {
  return wordIndexOf(list).get(prefixKey(up));
}
