/**
 * Every dictionary look-up a word needs, done once per distinct word form and kept: its verb forms,
 * agent phrases, discard candidates, actor-trie step and whether a verb pattern is keyed on it. The
 * events stage then makes one Map look-up per token instead of five on big tables — the difference
 * between ~0.3 ms and ~0.1 ms an article, since the other stages evict those tables between articles.
 */
import type { Token } from '../types.js';
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
  /**
   * The look-ups of token `i` (its `norm`), kept for the token array last asked about: the actor
   * gate and the coder's words read the same tokens, and a Map look-up on a large table is not free.
   */
  at(tokens: readonly Token[], i: number): Lexeme;
}

/** Distinct forms kept before the cache starts again (news vocabulary stays well under this). */
const MAX_FORMS = 200_000;

/** Up to four ASCII characters (none NUL) packed into one small integer, else 0. */
function shortKey(w: string): number {
  const n = w.length;
  if (n === 0 || n > 4) return 0;
  let k = 0;
  for (let i = 0; i < n; i++) {
    const c = w.charCodeAt(i);
    if (c === 0 || c >= 128) return 0;
    k = (k << 7) | c;
  }
  return k;
}

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
  // Short ASCII forms ("the", "of", ",", "said": over half the tokens) by a small-integer key: a
  // look-up that compares numbers, not the strings of a large table (the other stages evict it).
  const short = new Map<number, Lexeme>();
  const get = (norm: string): Lexeme => {
    const k = shortKey(norm);
    if (k > 0) {
      const y = short.get(k);
      if (y) return y;
    }
    let x = cache.get(norm);
    if (!x) {
      if (cache.size >= MAX_FORMS) {
        cache.clear();
        short.clear();
      }
      x = make(norm);
      cache.set(norm, x);
    }
    if (k > 0) short.set(k, x);
    return x;
  };
  let memoTokens: readonly Token[] | null = null;
  let memo: (Lexeme | undefined)[] = [];
  l = {
    get,
    at(tokens: readonly Token[], i: number): Lexeme {
      if (tokens !== memoTokens) {
        memoTokens = tokens;
        if (memo.length < tokens.length) memo = new Array<Lexeme | undefined>(2 * tokens.length).fill(undefined);
        else memo.fill(undefined, 0, tokens.length);
      }
      return (memo[i] ??= get(tokens[i]!.norm));
    },
  };
  built.set(lex, l);
  return l;
}
