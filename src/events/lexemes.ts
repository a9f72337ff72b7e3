/**
 * Every dictionary look-up a word needs, done once per distinct word form and kept: its verb forms,
 * agent phrases, discard candidates, actor-trie step and whether a verb pattern is keyed on it. The
 * events stage then makes one Map look-up per token instead of five on big tables — the difference
 * between ~0.3 ms and ~0.1 ms an article, since the other stages evict those tables between articles.
 */
import type { AgentDict } from './dict/agents.js';
import { discardCandidates, type DiscardCandidate } from './dict/discards.js';
import type { VerbForm } from './dict/verbs.js';
import { patternKeyIndex, type PatternsByBlock } from './coder.js';
import { gatesOf, type TrieNode } from './gates.js';
import type { Lexicon } from './lexicon.js';
import { nounLexicon } from './nominal.js';

export interface Lexeme {
  /** The upper-cased form the dictionaries use (one string object per form: hashed once). */
  up: string;
  forms: VerbForm[] | undefined;
  agents: AgentDict['phrases'] extends Map<string, infer V> ? V | undefined : never;
  discards: DiscardCandidate[] | undefined;
  /** The actor-trie node after this word as a first word (lower-case token trie). */
  actor: TrieNode | undefined;
  /** Some verb pattern is indexed on this word. */
  patternKey: boolean;
  /** Those patterns, by block number. */
  patterns: PatternsByBlock | undefined;
  /** An event noun or a troop-movement verb of data/events/nouns.json. */
  eventNoun: boolean;
}

export interface Lexemes {
  get(norm: string): Lexeme;
}

/** Distinct forms kept before the cache starts again (news vocabulary stays well under this). */
const MAX_FORMS = 200_000;

const built = new WeakMap<Lexicon, Lexemes>();
export function lexemesOf(lex: Lexicon): Lexemes {
  let l = built.get(lex);
  if (l) return l;
  const gates = gatesOf(lex);
  const keys = patternKeyIndex(lex.verbs);
  const nouns = nounLexicon();
  const cache = new Map<string, Lexeme>();
  const make = (norm: string): Lexeme => {
    const up = norm.toUpperCase();
    return {
      up,
      forms: lex.verbs.forms.get(up),
      agents: lex.agents.phrases.get(up),
      discards: discardCandidates(up, lex.discards),
      actor: gates.actors.next.get(norm),
      patternKey: keys.has(up),
      patterns: keys.get(up),
      eventNoun: nouns.nouns[up] !== undefined || nouns.movement.verbs.includes(up),
    };
  };
  l = {
    get(norm: string): Lexeme {
      let x = cache.get(norm);
      if (!x) {
        if (cache.size >= MAX_FORMS) cache.clear();
        x = make(norm);
        cache.set(norm, x);
      }
      return x;
    },
  };
  built.set(lex, l);
  return l;
}
