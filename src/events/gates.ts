/**
 * Cheap look-ups on the pipeline's tokens (lower-case `norm`), so that only sentences with a
 * dictionary verb and an actor are turned into coder words: the verb gate, the Phoenix actor
 * phrases as a token trie, and story discards. Built once per dictionary set.
 */
import type { Token } from '../types.js';
import { codeOn, phraseTrie, type TrieNode } from './dict/actors.js';
import { prefixKey, type Discard } from './dict/discards.js';
import type { Lexemes } from './lexemes.js';
import type { Lexicon } from './lexicon.js';

export type { TrieNode } from './dict/actors.js';

export interface Gates {
  /** Lower-cased verb words, and the piece before a hyphen ("re-elected" is three tokens). */
  verbs: Set<string>;
  actors: TrieNode;
  /** Story discards: first three letters of the first word -> lower-cased phrase words. */
  story: Map<number, { words: string[]; whole: boolean }[]>;
  /**
   * The low bytes of the first two letters of each story discard's first word, as a bit per pair:
   * most tokens fail this test, and skip building a `prefixKey` (a heap number) for the map.
   */
  storyPairs: Uint8Array;
}

/** Index of a word's first two letters in `Gates.storyPairs` (low bytes only: it may collide, never miss). */
function pairIndex(w: string): number {
  return ((w.charCodeAt(0) & 0xff) << 8) | (w.length > 1 ? w.charCodeAt(1) & 0xff : 0);
}

/** A dictionary word as tokens: "AL-QAEDA" is "al", "-", "qaeda" to the tokeniser. */
const pieces = (w: string): string[] => w.toLowerCase().split(/(-)/).filter((p) => p !== '');


function storyIndex(list: readonly Discard[]): Gates['story'] {
  const idx: Gates['story'] = new Map();
  for (const d of list) {
    if (!d.story) continue;
    const words = d.phrase.toLowerCase().split(' ');
    const k = prefixKey(words[0]!);
    const l = idx.get(k);
    if (l) l.push({ words, whole: d.whole });
    else idx.set(k, [{ words, whole: d.whole }]);
  }
  return idx;
}

const built = new WeakMap<Lexicon, Gates>();
export function gatesOf(lex: Lexicon): Gates {
  let g = built.get(lex);
  if (!g) {
    const verbs = new Set<string>();
    for (const k of lex.verbs.forms.keys()) {
      verbs.add(k.toLowerCase());
      verbs.add(pieces(k)[0]!);
    }
    const story = storyIndex(lex.discards);
    const storyPairs = new Uint8Array(65536);
    for (const d of lex.discards) if (d.story) storyPairs[pairIndex(d.phrase.toLowerCase().split(' ')[0]!)] = 1;
    g = { verbs, actors: phraseTrie(lex.actors, pieces), story, storyPairs };
    built.set(lex, g);
  }
  return g;
}

/** Lower-case particles of names ("bin Laden", "al-Shabaab"). */
const PARTICLES: ReadonlySet<string> = new Set(['al', 'el', 'bin', 'ibn', 'abu', 'de', 'di', 'da', 'van', 'von', 'la', 'le']);
/** The longest particle: a length test keeps most tokens from the Set look-up. */
const MAX_PARTICLE = Math.max(...[...PARTICLES].map((p) => p.length));

function capitalised(s: string): boolean {
  const c = s.charCodeAt(0);
  if (c >= 65 && c <= 90) return true;
  if (c < 128) return false;
  const ch = s[0]!;
  return ch !== ch.toLowerCase();
}

export interface TokenActor {
  /** Token range [first, last). */
  first: number;
  last: number;
  codes: string[];
}

/** Phoenix actor phrases in tokens [first, last), longest first, skipping `taken` tokens. */
export function tokenActors(
  tokens: readonly Token[],
  first: number,
  last: number,
  g: Gates,
  lex: Lexicon,
  date: number | null,
  taken: (t: number) => boolean,
  lexemes?: Lexemes,
): TokenActor[] {
  const out: TokenActor[] = [];
  for (let i = first; i < last; i++) {
    // names start capitalised ("the United Nations" is also "United Nations"); this keeps common
    // words the Phoenix files list as actors ("organization", "youth") from coding, and saves look-ups
    const t = tokens[i]!;
    if (!capitalised(t.text) && !(t.norm.length <= MAX_PARTICLE && PARTICLES.has(t.norm) && i + 1 < last && capitalised(tokens[i + 1]!.text))) continue;
    let node = lexemes ? lexemes.get(t.norm).actor : g.actors.next.get(t.norm);
    if (!node || taken(i)) continue;
    let best = -1;
    let bestEnd = 0;
    for (let j = i + 1; ; j++) {
      if (node.entry >= 0) {
        best = node.entry;
        bestEnd = j;
      }
      if (j >= last || taken(j)) break;
      const next: TrieNode | undefined = node.next.get(tokens[j]!.norm);
      if (!next) break;
      node = next;
    }
    if (best < 0) continue;
    // a null-coded actor still claims its words (it is somebody, just not coded)
    const code = codeOn(lex.actors.entries[best]!, date);
    if (code && code !== '---') {
      const codes = code.split('/').filter((x) => x && x !== '---');
      if (codes.length > 0) out.push({ first: i, last: bestEnd, codes });
    }
    i = bestEnd - 1;
  }
  return out;
}

/** A story discard ("+TYPHOON") among the tokens before `end` (a character offset). */
export function storyDiscarded(tokens: readonly Token[], end: number, g: Gates): boolean {
  if (g.story.size === 0) return false;
  for (let i = 0; i < tokens.length && tokens[i]!.start < end; i++) {
    const norm = tokens[i]!.norm;
    if (norm.length === 0 || g.storyPairs[pairIndex(norm)] === 0) continue;
    const cands = g.story.get(prefixKey(norm));
    if (!cands) continue;
    for (const { words, whole } of cands) {
      const n = words.length;
      if (i + n > tokens.length) continue;
      let ok = true;
      for (let j = 0; j < n - 1 && ok; j++) ok = tokens[i + j]!.norm === words[j];
      if (!ok) continue;
      const lastWord = tokens[i + n - 1]!.norm;
      if (whole ? lastWord === words[n - 1] : lastWord.startsWith(words[n - 1]!)) return true;
    }
  }
  return false;
}
