/**
 * Where a source's words end and begin, as PolNeAR marks them. The role tagger finds the source's
 * run; its edges sometimes carry words that are not the speaker's description:
 *
 * - a relative pronoun the run ended on opens the clause that holds the cue, and is not the
 *   speaker: "Bernie Sanders, who | said …" → "Bernie Sanders";
 * - a day or a clause adverb after the name belongs to the clause: "the Kentucky Republican
 *   on Tuesday", "Fields later";
 * - a dateline or a headline label before the name is not the speaker: "MACAU (Reuters) – Top
 *   Republican Party donor Sheldon Adelson", "WASHINGTON — The Obama administration", "The
 *   Latest: Mourners" (the dateline of capitals alone: held-out source exact +1 / +1 / +3 and
 *   +1 / 0 / +3, fourteenth session);
 * - the word that opens the source's clause is not the speaker's: "which | officials said", "as |
 *   the tabloid noted", "that | prosecutors said" (not a determiner "that"; held-out source exact
 *   +4 / +4 / +6 and +4 / +2 / +5, fourteenth session);
 * - a run that stops on an apposition's first word ("Ben Carson, the | only doctor on stage, was")
 *   goes back to the name, and the apposition is then taken whole or left out (withApposition);
 *   one that stops inside it goes on to its comma before the cue (withinApposition);
 * - a day after a participle stays ("a poll released Sunday"): it dates the poll, not the speech.
 *
 * Each only narrows the span, never below one word. Held-out folds 3 / 4 of PolNeAR train: source
 * exact +14 / +14 matches, whole attribution +3 / 0. Tried there and left out: cutting a source
 * after its cue at its first comma (−80 / −67: "said Sen. Smith, R-Ky." and the like lose their
 * speaker) and cutting at an age after the name ("Mona Lamberson, 59, of …": −7 / −2, PolNeAR
 * marks ages both ways).
 */
import type { Range, Token } from '../types.js';
import { DASHES, DAYS, phraseStartingAt } from './phrases.js';

const RELATIVE = new Set(['who', 'which', 'that', 'whose', 'whom']);
/** Adverbs that, after a name, belong to the clause ("Fields later tweeted"). */
const CLAUSE_ADVERBS = new Set(['later', 'also', 'then', 'previously', 'earlier', 'again', 'once', 'now', 'still', 'too', 'first', 'recently', 'since', 'subsequently']);
/** Prepositions that open an adjunct of place or time after a comma ("Berg, in Oslo,"). */
const ADJUNCT_PREPS = new Set(['in', 'at', 'during', 'on', 'from', 'after', 'before', 'while']);
/** Participles after a comma that go on describing the speaker ("The dock unions, including the crane drivers'"). */
const NOT_ADJUNCT = new Set(['including', 'according', 'representing', 'leading', 'ranking', 'acting', 'managing', 'founding', 'outgoing', 'incoming', 'presiding', 'governing']);

/** How far a party-and-state tag's parenthesis may lie from the source's edge, in tokens ("(D-N.Y.)"). */
const PARTY_REACH = 6;

/**
 * A name's party-and-state tag in parentheses goes with it, as PolNeAR marks it: "Sen. Bernie
 * Sanders (I-Vt" ends at the closing parenthesis, and a run that holds only the tag ("I-Vt", "Y.")
 * starts at the name before it. Only a parenthesis of a few tokens (PARTY_REACH) right after a name.
 */
function withParty(tokens: readonly Token[], a: number, b: number, cueFirst: number): [number, number] {
  // an opening parenthesis before or inside the run that the run does not close
  let open = -1;
  for (let i = Math.max(0, a - PARTY_REACH); i < b; i++) {
    const n = tokens[i]!.norm;
    if (n === '(') open = i;
    else if (n === ')') open = -1;
  }
  if (open < 1 || tokens[open - 1]!.pos !== 'PROPN') return [a, b];
  let close = -1;
  for (let i = Math.max(b, open + 1); i < tokens.length && i <= open + PARTY_REACH; i++) {
    if (tokens[i]!.norm === ')') {
      close = i;
      break;
    }
    if (tokens[i]!.norm === '(') break;
  }
  // never across the cue ("Lopez (Berg said) …")
  if (close < 0 || (b <= cueFirst && close >= cueFirst) || (a >= cueFirst && open < cueFirst)) return [a, b];
  if (open < a) {
    // the run held only the tag: the name before the parenthesis, back over its capitalised words
    a = open - 1;
    while (a > 0 && tokens[a - 1]!.pos === 'PROPN' && tokens[a - 1]!.sent === tokens[open]!.sent) a--;
  }
  return [a, close + 1];
}

/** Whether token t lies outside every range of `ranges` (a frame's content). */
export function outside(t: Token, ranges: readonly Range[]): boolean {
  for (const r of ranges) if (t.end > r.start && t.start < r.end) return false;
  return true;
}

/** Whether token i is a piece of a hyphenated word: a hyphen with no space on either side, or a word right after one ("longest-serving"). */
function hyphenPiece(tokens: readonly Token[], i: number): boolean {
  const t = tokens[i]!;
  const prev = tokens[i - 1];
  if (t.norm === '-') return t.start === prev?.end && tokens[i + 1]?.start === t.end;
  return prev?.norm === '-' && prev.end === t.start;
}

/** Words that open an apposition describing the speaker: "Anna Berg, a spokeswoman for the port,". */
const APPOSITION_OPENERS = new Set(['a', 'an', 'the', 'his', 'her', 'their', 'its', 'our', 'my', 'another', 'one', 'then', 'former', 'now']);
/** The longest apposition taken in (tokens between the commas). */
const APPOSITION_REACH = 24;

/**
 * A source that ends at a name before its cue, where an apposition between two commas stands between
 * them, takes the apposition in: "Anna Berg | , a spokeswoman for the port, | said" → "Anna Berg, a
 * spokeswoman for the port". PolNeAR marks it so in 345 of 357 such train sources (and an age, "Tom
 * Reed, 54,", in 43 of 50); a relative clause ("Berg, who …,") goes both ways (96 / 86) and is left
 * as the tagger found it. Only an apposition that opens with a determiner, a possessive, a number or
 * a name's possessive, holds no quote, parenthesis, verb or further comma (after an age, one more
 * apposition: "Tom Reed, 54, a retired welder,"), and ends in the comma right before the cue.
 * `content`: the frame's content, which an apposition never takes from.
 */
function withApposition(tokens: readonly Token[], a: number, b: number, cueFirst: number, content: readonly Range[]): number {
  if (b >= cueFirst - 2 || tokens[b]!.norm !== ',' || tokens[cueFirst - 1]!.norm !== ',' || cueFirst - 1 - b > APPOSITION_REACH) return b;
  if (!nameEnd(tokens[b - 1]!)) return b;
  let k = b + 1;
  // an age first: ", 54,"
  if (tokens[k]!.pos === 'NUM' && tokens[k + 1]?.norm === ',') {
    if (k + 1 === cueFirst - 1) return outside(tokens[k]!, content) ? cueFirst - 1 : b;
    k += 2;
  }
  if (!opensApposition(tokens, k) && tokens[k]!.pos !== 'NUM') return b;
  for (let i = k; i < cueFirst - 1; i++) if (tokens[i]!.norm === ',' || !appositionWord(tokens, i, content)) return b;
  return a < b ? cueFirst - 1 : b;
}

/** Whether t can end the name an apposition describes. */
const nameEnd = (t: Token): boolean => t.pos === 'PROPN' || t.pos === 'NOUN';

/** Whether token k opens an apposition: a determiner or possessive (APPOSITION_OPENERS), or a name's possessive ("Berg's deputy"). */
function opensApposition(tokens: readonly Token[], k: number): boolean {
  const w = tokens[k];
  return w !== undefined && (APPOSITION_OPENERS.has(w.norm) || (w.pos === 'PROPN' && /^['’]s$/.test(tokens[k + 1]?.norm ?? '')));
}

/** Whether token i may stand inside an apposition: no verb, quote, parenthesis or other punctuation (the pieces of a hyphenated word may), and outside the content. */
function appositionWord(tokens: readonly Token[], i: number, content: readonly Range[]): boolean {
  const t = tokens[i]!;
  if (!outside(t, content)) return false;
  // the pieces of a hyphenated word, whatever their parts of speech ("longest-serving")
  if (t.norm === '-') return hyphenPiece(tokens, i);
  if (hyphenPiece(tokens, i)) return true;
  return t.pos !== 'VERB' && t.pos !== 'AUX' && t.pos !== 'PUNCT';
}

/**
 * Before its cue, a source run that stops inside an apposition ("Trump, a Republican front-runner |
 * in the presidential race, | has promised") goes on to the apposition's closing comma right
 * before the cue, where the words on the way may stand in an apposition (withApposition's limits).
 */
function withinApposition(tokens: readonly Token[], a: number, b: number, cueFirst: number, content: readonly Range[]): number {
  if (b >= cueFirst - 1 || tokens[cueFirst - 1]!.norm !== ',' || cueFirst - 1 - b > APPOSITION_REACH) return b;
  // the apposition's opening comma, inside the run
  let c = b - 1;
  while (c > a && tokens[c]!.norm !== ',') c--;
  if (c <= a || !nameEnd(tokens[c - 1]!) || !opensApposition(tokens, c + 1)) return b;
  for (let i = c + 1; i < cueFirst - 1; i++) if (tokens[i]!.norm === ',' || !appositionWord(tokens, i, content)) return b;
  return cueFirst - 1;
}

/**
 * After its cue, a source that ends at a name before ", a spokeswoman for the port." takes the
 * apposition in, to the sentence's end or its next comma ("said Anna Berg, a spokeswoman for the
 * port."): PolNeAR marks it so in 334 of 381 such train sources. The same openers and the same
 * limits as before the cue (withApposition); an age alone (", 54.") is left out (30 against 17).
 */
function withTrailingApposition(tokens: readonly Token[], a: number, b: number, content: readonly Range[]): number {
  if (b >= tokens.length - 1 || tokens[b]!.norm !== ',' || !nameEnd(tokens[b - 1]!)) return b;
  const sent = tokens[b - 1]!.sent;
  let k = b + 1;
  if (tokens[k]!.pos === 'NUM' && tokens[k + 1]?.norm === ',') k += 2;
  if (tokens[k]?.sent !== sent || !opensApposition(tokens, k)) return b;
  // to the sentence's end or the next comma or semicolon
  let i = k;
  for (; i < tokens.length && i - b <= APPOSITION_REACH; i++) {
    const t = tokens[i]!;
    if (t.sent !== sent || t.norm === ',' || t.norm === '.' || t.norm === ';') break;
    if (!appositionWord(tokens, i, content)) return b;
  }
  return i - b > APPOSITION_REACH || a >= b ? b : i;
}

/**
 * Before its cue, a source run that stops inside the noun phrase it names goes on to the phrase's
 * end, where only nouns (and the pieces of a hyphenated word) stand between it and the cue or the
 * comma before the cue: "the port's longest | -serving pilot | , said", "The harbour | master | said".
 */
function withNounTail(tokens: readonly Token[], b: number, cueFirst: number, content: readonly Range[]): number {
  let end = cueFirst;
  if (tokens[end - 1]!.norm === ',') end--;
  if (end <= b) return b;
  for (let i = b; i < end; i++) {
    const t = tokens[i]!;
    if (!outside(t, content) || !(t.pos === 'NOUN' || t.pos === 'PROPN' || hyphenPiece(tokens, i))) return b;
  }
  return end;
}

/** Words that cannot end a noun phrase: they wait for its head ("The | pair of editorials", "Nuclear | proliferation experts"). */
const NO_HEAD = new Set(['DET', 'ADJ', 'NUM']);

/**
 * Before its cue, a source run that ends on a word that cannot end a noun phrase (a determiner, an
 * adjective, a number) goes on to the head of the phrase it opens ("The | pair of editorials |
 * argued", "Nuclear | proliferation experts | warned"), where that phrase ends before the cue.
 */
function withHead(tokens: readonly Token[], a: number, b: number, cueFirst: number, content: readonly Range[]): number {
  if (!NO_HEAD.has(tokens[b - 1]!.pos)) return b;
  const np = phraseStartingAt(tokens, a, cueFirst);
  if (!np || np[1] <= b || np[1] > cueFirst) return b;
  for (let i = b; i < np[1]; i++) if (!outside(tokens[i]!, content)) return b;
  return np[1];
}

/** Words that open a clause before its subject ("which officials said", "as the tabloid noted"). */
const CLAUSE_OPENERS = new Set(['which', 'where', 'what', 'why', 'as', 'because', 'when', 'while', 'whether', 'how', 'if', 'since']);

/** Whether tokens [a, i) are a dateline's place in capitals before its dash ("WASHINGTON —", "NEW YORK —"). */
function dateline(tokens: readonly Token[], a: number, i: number): boolean {
  if (i - a > 3) return false;
  for (let k = a; k < i; k++) {
    const t = tokens[k]!.text;
    if (t.length < 2 || t !== t.toUpperCase() || t === t.toLowerCase()) return false;
  }
  return true;
}

/** Whether text[from, to) holds a line break. */
function breakBetween(text: string, from: number, to: number): boolean {
  for (let k = from; k < to; k++) if (text.charCodeAt(k) === 10) return true;
  return false;
}

/**
 * The source's token range [first, last) with its edges trimmed; `cueFirst` is where the cue starts.
 * With the article's `text`, a source never runs across a line break: before its cue it starts after
 * the last one ("Harbour News Live 10:57PM⏎Port director Anna Berg | said"), after its cue it ends at the first.
 * (PolNeAR marks 2 of its 17,212 train sources across one.) With the frame's `content`, a run that
 * stopped short of its noun phrase or of an apposition goes on to it (withNounTail, withApposition,
 * withTrailingApposition), never into the content.
 */
export function trimSource(tokens: readonly Token[], first: number, last: number, cueFirst: number, text?: string, content?: readonly Range[]): [number, number] {
  let a = first;
  let b = last;
  // a run that stops on an apposition's first word ("Ben Carson, the | only doctor on stage, was"):
  // back to the name, so that the apposition is taken whole below or left out
  if (b - a >= 3 && b <= cueFirst && tokens[b - 2]!.norm === ',' && APPOSITION_OPENERS.has(tokens[b - 1]!.norm)) b -= 2;
  // with the frame's content: the apposition and the rest of a noun phrase the run stopped short of
  if (content && b < cueFirst) b = withinApposition(tokens, a, withApposition(tokens, a, withNounTail(tokens, withHead(tokens, a, b, cueFirst, content), cueFirst, content), cueFirst, content), cueFirst, content);
  else if (content && a > cueFirst) b = withTrailingApposition(tokens, a, b, content);
  if (text !== undefined) {
    // the gaps between the source's tokens, nearest the cue first
    if (a < cueFirst) {
      for (let i = b - 1; i > a; i--) {
        if (breakBetween(text, tokens[i - 1]!.end, tokens[i]!.start)) {
          a = i;
          break;
        }
      }
    } else {
      for (let i = a + 1; i < b; i++) {
        if (breakBetween(text, tokens[i - 1]!.end, tokens[i]!.start)) {
          b = i;
          break;
        }
      }
    }
  }
  [a, b] = withParty(tokens, a, b, cueFirst);
  if (b - a >= 3 && RELATIVE.has(tokens[b - 1]!.norm) && tokens[b - 2]!.norm === ',') b -= 2;
  // an adjunct after a comma tells where or how the speaker spoke: "Lopez, appearing on Radio Harbour
  // after the vote,", "Berg, in Oslo,", "The mayor, during a town hall meeting"
  for (let i = a + 1; i < b - 1; i++) {
    if (tokens[i]!.norm !== ',') continue;
    const w = tokens[i + 1]!;
    if ((w.pos === 'VERB' && w.norm.endsWith('ing') && !NOT_ADJUNCT.has(w.norm)) || ADJUNCT_PREPS.has(w.norm)) {
      b = i;
      break;
    }
  }
  while (b - a >= 2) {
    const t = tokens[b - 1]!;
    // "a poll released | Sunday": the day dates the participle's event, and stays with it
    if (DAYS.has(t.norm) && !(tokens[b - 2]!.pos === 'VERB' && b - 2 > a)) {
      b--;
      if (b - a >= 2 && tokens[b - 1]!.norm === 'on') b--;
    } else if (t.pos === 'ADV' && CLAUSE_ADVERBS.has(t.norm)) b--;
    else break;
  }
  // "… that | prosecutors said", "which | officials said", "as | the tabloid noted": the word that
  // opens the clause is not the speaker's (a determiner "that" is: "That official said")
  if (a < cueFirst && b - a >= 2 && (CLAUSE_OPENERS.has(tokens[a]!.norm) || (tokens[a]!.norm === 'that' && tokens[a]!.pos !== 'DET'))) a++;
  if (a < cueFirst) {
    // "MACAU (Reuters) – X", "The Latest: X": the speaker starts after the label
    for (let i = a; i < b - 1 && i < a + 8; i++) {
      const n = tokens[i]!.norm;
      if (n === ':' || (DASHES.has(n) && i > a && (tokens[i - 1]!.norm === ')' || dateline(tokens, a, i)))) a = i + 1;
    }
  }
  return b > a ? [a, b] : [first, last];
}
