/**
 * The sentences the attribution stage reads. The reader cuts sentences as wink-nlp does, which
 * ends one after "(D-Ga.)", "R-Ky." or a quote closing on "?" or "!" even where the next word
 * goes on the clause: "Rep. Hank Johnson (D-Ga.) | said in 2008 that …", "“…, alright?” | he
 * urged them". A cue cut off from its source or its quote loses the attribution, so here a
 * sentence that opens with a lower-case word or a comma or semicolon is read as part of the one
 * before it, in the same paragraph. The taggers are trained on the reader's sentences: joined
 * there too, held-out folds 0-2 lost cue and content exact matches that joining at run time alone
 * gains (whole attribution +13 / +8 / +15 matches, cue and content exact none lost).
 *
 * A quote that closes on "?" or "!" ends the reader's sentence also before a capital: "“Why
 * should anyone believe her?” | Rubio said." Such a sentence is read with the one before when a
 * verb of saying stands among its first words, before any punctuation: its cue's only content is
 * the quote.
 */
import type { Doc, Sentence, Token } from '../types.js';

const LOWER = /^\p{Ll}/u;

const NO_WORDS: ReadonlySet<string> = new Set();

/** Closing quote marks a reader's sentence can end on. */
const CLOSING = new Set(['"', '”', "''", '»', '’']);

/** How far from the cut a parenthesis may open or close, in tokens ("(D-N. | Y.)"). */
const PAREN_REACH = 5;

/** How many words after such a quote a verb of saying may stand ("Sen. Marco Rubio of Florida said"). */
const SAY_WITHIN = 6;

/** Whether a parenthesis opens among the last few tokens of sentence s and stays open to its end. */
function openParenthesis(tokens: readonly Token[], s: Sentence): boolean {
  for (let i = s.last - 1; i >= s.first && i >= s.last - PAREN_REACH; i--) {
    if (tokens[i]!.norm === ')') return false;
    if (tokens[i]!.norm === '(') return true;
  }
  return false;
}

/** Whether a closing parenthesis comes among the first few tokens of sentence s. */
function closesSoon(tokens: readonly Token[], s: Sentence): boolean {
  for (let i = s.first; i < s.last && i < s.first + PAREN_REACH; i++) if (tokens[i]!.norm === ')') return true;
  return false;
}

/** Whether sentence s goes on the one before it; `says` holds verbs of saying. */
function goesOn(tokens: readonly Token[], s: Sentence, before: Sentence, says: ReadonlySet<string>): boolean {
  const t = tokens[s.first];
  if (!t || s.para !== before.para) return false;
  if (t.norm === ',' || t.norm === ';' || LOWER.test(t.text)) return true;
  // "Sen. Anna Berg (D-N. | Y.) said": cut inside a parenthesis the next few words close
  if (openParenthesis(tokens, before) && closesSoon(tokens, s)) return true;
  // "“…?” Rubio said."
  const mark = tokens[before.last - 1];
  const end = tokens[before.last - 2];
  if (!mark || !end || !CLOSING.has(mark.text) || (end.text !== '?' && end.text !== '!') || mark.start !== end.end) return false;
  for (let i = s.first; i < Math.min(s.last, s.first + SAY_WITHIN); i++) {
    const w = tokens[i]!;
    if (w.pos === 'PUNCT') return false;
    if (w.pos === 'VERB' && says.has(w.norm)) return true;
  }
  return false;
}

/**
 * The document with such sentences joined: new token objects (sent renumbered) and sentences where
 * any were joined, the document itself otherwise. Spans and token indices are unchanged.
 */
export function joinedSentences(doc: Doc, says: ReadonlySet<string> = NO_WORDS): Doc {
  const { tokens, sentences } = doc;
  let joins = 0;
  for (let k = 1; k < sentences.length; k++) if (goesOn(tokens, sentences[k]!, sentences[k - 1]!, says)) joins++;
  if (joins === 0) return doc;
  const renumber = new Int32Array(sentences.length);
  const out: Sentence[] = [];
  sentences.forEach((s, k) => {
    const prev = out[out.length - 1];
    if (k > 0 && prev && goesOn(tokens, s, sentences[k - 1]!, says)) {
      prev.last = s.last;
      prev.end = s.end;
    } else out.push({ ...s });
    renumber[k] = out.length - 1;
  });
  // a literal in the reader's field order keeps the tokens' one object shape (the taggers' loops
  // read them), and an array filled by push keeps one elements kind: Array.prototype.map gives a
  // packed array while this is interpreted and a holey one once it is optimised, and every loop
  // over the tokens then lost its optimised code ("wrong map") on the first joined article
  const copy: Token[] = [];
  for (const t of tokens) copy.push({ i: t.i, start: t.start, end: t.end, text: t.text, norm: t.norm, pos: t.pos, sent: renumber[t.sent] ?? t.sent, para: t.para, spaceBefore: t.spaceBefore });
  return { ...doc, tokens: copy, sentences: out };
}
