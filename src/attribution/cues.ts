/**
 * Finding cues in the token stream: the longest cue phrase from the lexicon, or a cue word in its
 * part-of-speech class, widened to the auxiliaries and adverbs annotators keep with it
 * ("has said", "also noted", "did not mention"). Words inside quotes are not cues: an attribution
 * quoted by someone else is nested, and only the outermost one counts.
 */
import type { Token } from '../types.js';
import { posClass, type AttributionLexicon, type CuePhrase } from './lexicon.js';

/** Shared by the words that start no phrase (most words), so none allocates a list. */
const NO_PHRASES: readonly CuePhrase[] = [];

export interface Cue {
  /** Token range [first, last). */
  first: number;
  last: number;
  /** The source comes after the cue ("according to the ministry"). */
  sourceAfter: boolean;
}

/** Forms that are verbs of saying even when the tagger calls them nouns. */
const ALWAYS_VERB = new Set(['said', 'says', 'told', 'wrote', 'stated', 'added', 'noted', 'tweeted', 'argued', 'asked']);
/** Words kept in a cue when they stand right before it. */
const CUE_PREFIX = new Set(['also', 'has', 'have', 'had', 'did', 'does', 'do', 'not', "n't", 'will', 'would', 'is', 'was', 'are', 'were', 'later', 'repeatedly', 'publicly', 'previously', 'reportedly', 'once', 'first', 'then', 'further']);
const NOUN_CUE_MIN_WORDS = new Set(['statement']);

function isSeed(t: Token, lex: AttributionLexicon): boolean {
  const cls = posClass(t.pos);
  if (cls === 'O') return false;
  if (ALWAYS_VERB.has(t.norm)) return true;
  if (cls === 'V' && lex.verbs.has(t.norm)) return true;
  return lex.cueWords[cls].has(t.norm) && !NOUN_CUE_MIN_WORDS.has(t.norm);
}

export function findCues(tokens: readonly Token[], inQuote: Int32Array, lex: AttributionLexicon): Cue[] {
  const out: Cue[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (inQuote[i]! >= 0) continue;
    let cue: Cue | null = null;
    for (const ph of lex.phrases.get(t.norm) ?? NO_PHRASES) {
      const n = ph.words.length;
      let ok = i + n <= tokens.length;
      for (let k = 0; ok && k < n; k++) {
        const u = tokens[i + k]!;
        ok = u.norm === ph.words[k] && u.sent === t.sent && inQuote[i + k]! < 0;
      }
      // A phrase must hold a cue word unless it names its source after itself ("according to").
      if (ok && (ph.sourceAfter || tokens.slice(i, i + n).some((u) => isSeed(u, lex)))) {
        cue = { first: i, last: i + n, sourceAfter: ph.sourceAfter };
        break;
      }
    }
    if (!cue && isSeed(t, lex)) cue = { first: i, last: i + 1, sourceAfter: false };
    if (!cue) continue;
    while (cue.first > 0) {
      const p = tokens[cue.first - 1]!;
      if (p.sent !== t.sent || !CUE_PREFIX.has(p.norm) || inQuote[cue.first - 1]! >= 0) break;
      cue.first--;
    }
    // Widening may reach into the previous cue ("said and added"): keep them apart.
    const prev = out[out.length - 1];
    if (prev && cue.first < prev.last) cue.first = prev.last;
    out.push(cue);
    i = cue.last - 1;
  }
  return out;
}
