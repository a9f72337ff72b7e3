/**
 * Noun phrases around a cue, read from parts of speech alone (the mentions layer, when present,
 * only names the entity afterwards): the phrase ending just before a token, the phrase starting at
 * a token, and the subject a sentence opens with.
 */
import type { Token } from '../types.js';

export type TokRange = [first: number, last: number];

/** Days, which name when, not who ("the Kentucky Republican on Tuesday"). */
export const DAYS: ReadonlySet<string> = new Set(['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'yesterday', 'today', 'tonight']);
/** Dashes as the reader tokenises them. */
export const DASHES: ReadonlySet<string> = new Set(['-', '–', '—', '--']);

/** Each paragraph's tokens [first[p], last[p]), -1 for a paragraph without tokens (tokens come in paragraph order). */
export interface ParagraphTokens {
  first: Int32Array;
  last: Int32Array;
}

/** The tokens of each of `paragraphs` paragraphs, in one pass. */
export function paragraphTokens(tokens: readonly Token[], paragraphs: number): ParagraphTokens {
  const first = new Int32Array(paragraphs + 1).fill(-1);
  const last = new Int32Array(paragraphs + 1).fill(-1);
  for (let i = 0; i < tokens.length; i++) {
    const p = tokens[i]!.para;
    if (p < 0 || p >= paragraphs) continue;
    if (first[p] === -1) first[p] = i;
    last[p] = i + 1;
  }
  return { first, last };
}

const MODIFIER = new Set(['PROPN', 'NOUN', 'ADJ', 'DET', 'NUM']);
const HEAD = new Set(['PROPN', 'NOUN', 'NUM']);
/** Pronouns that can be a source. */
export const SUBJECT_PRONOUNS = new Set(['he', 'she', 'they', 'we', 'i', 'you', 'it', 'who', 'one', 'both', 'some', 'others', 'many', 'most', 'few', 'all', 'everyone', 'someone', 'nobody']);
const POSSESSIVE = new Set(['his', 'her', 'their', 'its', 'our', 'my', 'your']);
/** Tokens that join the words of one phrase ("South Korea’s agencies", "spokesman for the campaign"). */
const GLUE = new Set(["'s", "'", '-', '&', '/', '.', 'of', 'for', 'at', 'and']);

const isModifier = (t: Token): boolean => (MODIFIER.has(t.pos) && t.norm !== 'that') || POSSESSIVE.has(t.norm);

/** The noun phrase whose last token is `j` (not before token `lo`), or null. */
export function phraseEndingAt(tokens: readonly Token[], j: number, lo: number): TokRange | null {
  const head = tokens[j];
  if (!head || j < lo) return null;
  if (head.pos === 'PRON' || SUBJECT_PRONOUNS.has(head.norm)) return SUBJECT_PRONOUNS.has(head.norm) ? [j, j + 1] : null;
  // A capitalised word the tagger took for a verb ("Cook said") is still a name before a cue.
  const capitalised = /^\p{Lu}/u.test(head.text) && head.pos !== 'PUNCT';
  if (!HEAD.has(head.pos) && !capitalised) return null;
  let f = j;
  while (f - 1 >= lo) {
    const p = tokens[f - 1]!;
    if (isModifier(p)) {
      f--;
      continue;
    }
    const q = tokens[f - 2];
    if (GLUE.has(p.norm) && q && f - 2 >= lo && (HEAD.has(q.pos) || q.norm === "'s") && p.norm !== 'and') {
      f--;
      continue;
    }
    break;
  }
  while (f < j && (GLUE.has(tokens[f]!.norm) || tokens[f]!.pos === 'ADJ' && tokens[f]!.norm === 'according')) f++;
  return [f, j + 1];
}

/** The noun phrase starting at token `i` (not reaching token `hi`), or null. */
export function phraseStartingAt(tokens: readonly Token[], i: number, hi: number): TokRange | null {
  const first = tokens[i];
  if (!first || i >= hi) return null;
  if (SUBJECT_PRONOUNS.has(first.norm) && first.pos === 'PRON') return [i, i + 1];
  let k = i;
  let lastHead = -1;
  while (k < hi) {
    const t = tokens[k]!;
    if (isModifier(t)) {
      if (HEAD.has(t.pos)) lastHead = k;
      k++;
      continue;
    }
    const n = tokens[k + 1];
    if (GLUE.has(t.norm) && lastHead === k - 1 && n && k + 1 < hi && (isModifier(n) || n.norm === "'s")) {
      k++;
      continue;
    }
    break;
  }
  return lastHead >= i ? [i, lastHead + 1] : null;
}

const OPENER = new Set(['CCONJ', 'ADV', 'INTJ', 'PUNCT']);

/** The subject a sentence opens with, skipping "But", "Still," and an opening phrase ended by a comma. */
export function sentenceSubject(tokens: readonly Token[], first: number, before: number): TokRange | null {
  let i = first;
  while (i < before && OPENER.has(tokens[i]!.pos)) i++;
  const t = tokens[i];
  if (t && (t.pos === 'ADP' || t.pos === 'SCONJ')) {
    let k = i;
    while (k < before && tokens[k]!.norm !== ',') k++;
    if (k >= before) return null;
    i = k + 1;
  }
  const np = phraseStartingAt(tokens, i, before);
  return np;
}

/** Whether tokens [a, b) hold a verb or an auxiliary. */
export function hasVerb(tokens: readonly Token[], a: number, b: number): boolean {
  for (let i = a; i < b; i++) if (tokens[i]!.pos === 'VERB' || tokens[i]!.pos === 'AUX') return true;
  return false;
}
