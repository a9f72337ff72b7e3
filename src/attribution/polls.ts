/**
 * Findings that rest on a poll: "In a Harbour Register poll last month, the mayor had a 10-point
 * lead", "the ferry operator fell to 10 percent in the latest Coastal Radio poll". PolNeAR marks these as
 * attributions whose cue is "in", whose source is the poll and whose content is the finding (67 in
 * its train split); the cue tagger, reading "in" as a preposition like any other, finds almost none
 * of them (on a held-out fifth of train "in" was the word most often in a missed cue). For a
 * fact-checker they matter: a claim that rests on a poll should say which.
 *
 * The rule: "in" (outside quotes) before a noun phrase of at most a dozen tokens, without a verb,
 * another preposition than "of" or a clause break, whose head is poll(s), survey(s) or polling;
 * not polls in general ("in the polls", "in recent national polls").
 *   - At the front of its sentence ("In X, finding."): the source runs to the comma (through a
 *     participle's phrase: "In the poll, conducted in May, …"), and the content is the rest of the
 *     sentence.
 *   - Elsewhere ("finding in X"): the source ends at the poll word, and the content is the clause
 *     before "in": from the latest comma, semicolon or spaced dash (or the sentence's start) after
 *     which a subject and a verb come, less a leading connective ("but", "although", "as" …); not
 *     a relative clause ("… who is battling Berg for the top spot in many polls").
 * Each "in" costs a dozen tokens' look ahead and at most CLAUSE_MAX back, so a huge sentence stays
 * linear.
 */
import type { Range, Sentence, Token } from '../types.js';
import { ruleFrame, type Frame } from './frames.js';

const POLL = new Set(['poll', 'polls', 'survey', 'surveys', 'polling']);
/** Tokens that end the noun phrase after "in" before any poll word. */
const NP_BREAK = new Set([',', ';', ':', '.', '!', '?', '-', '--', '(', ')', '"', "'", 'and', 'but', 'or', 'that', 'which', 'who']);
/** "in part because of the straw poll", "in turn": no poll of their own. */
const NOT_POLL_NP = new Set(['part', 'turn', 'order', 'addition', 'spite', 'response']);
/** Where a clause before "in" may start: after one of these (a hyphen only with a space before it: not "24-point"). */
const CLAUSE_BREAK = new Set([',', ';', '-', '--', ':']);
const isBreak = (t: Token): boolean => CLAUSE_BREAK.has(t.norm) && (t.norm !== '-' || t.spaceBefore);
/** Parts of speech a finding may open with: its subject ("he", "the mayor", "40 percent of …"). */
const SUBJECT = new Set(['PRON', 'PROPN', 'NOUN', 'DET', 'NUM', 'ADJ']);
/** Words that open a relative clause, not a finding ("… who is battling Berg for the top spot in many polls"). */
const RELATIVE = new Set(['who', 'which', 'where', 'when', 'that', 'whose', 'whom', 'what']);
/** Words that open a clause and are not part of the finding ("But he fell to 10 percent …"). */
const CONNECTIVE = new Set(['but', 'and', 'or', 'although', 'though', 'as', 'while', 'because', 'so', 'that', 'yet', 'since', 'whereas', 'when', 'if', 'why', 'how']);
const VERBISH = new Set(['VERB', 'AUX']);
const NP_MAX = 12;
/** The farthest back a finding before "in" may start, in tokens. */
const CLAUSE_MAX = 80;
const UPPER = /^\p{Lu}/u;

/** How a poll frame was made (`Frame.via`): the stage keeps its source whole and the frame classifier does not judge it. */
export const POLL_VIA = 'poll';

/** The poll frames of an article, read by rule (`via: POLL_VIA`). */
export function pollFrames(tokens: readonly Token[], sentences: readonly Sentence[], inQuote: Int32Array): Frame[] {
  const out: Frame[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.norm !== 'in' || inQuote[i]! >= 0) continue;
    const s = sentences[t.sent];
    if (!s) continue;
    const head = pollHead(tokens, i, s.last);
    if (head < 0 || generic(tokens, i + 1, head)) continue;
    const f = atFront(tokens, s, i) ? frontFrame(tokens, s, i, head) : afterFrame(tokens, s, i, head);
    if (f) out.push(f);
  }
  return out;
}

/** The last poll word of the noun phrase after "in" at i, or -1. */
function pollHead(tokens: readonly Token[], i: number, end: number): number {
  let head = -1;
  for (let j = i + 1; j < end && j <= i + NP_MAX; j++) {
    const w = tokens[j]!;
    // a capitalised "verb" is a name the tagger misread ("a Harbour Register poll")
    if (NP_BREAK.has(w.norm) || (VERBISH.has(w.pos) && !UPPER.test(w.text)) || (w.pos === 'ADP' && w.norm !== 'of')) break;
    if (j === i + 1 && NOT_POLL_NP.has(w.norm)) break;
    if (POLL.has(w.norm) && w.pos === 'NOUN') head = j;
  }
  return head;
}

/**
 * "in the polls", "in recent national polls": polls in general, not one that can be named; such
 * findings are the writer's own reading (PolNeAR's annotators rarely marked them).
 */
function generic(tokens: readonly Token[], from: number, head: number): boolean {
  if (tokens[head]!.norm !== 'polls' && tokens[head]!.norm !== 'surveys') return false;
  for (let k = from; k < head; k++) if (tokens[k]!.pos !== 'DET' && tokens[k]!.pos !== 'ADJ') return false;
  return true;
}

/** "In …" opening its sentence, or after a connective that does ("But in a poll released …"). */
function atFront(tokens: readonly Token[], s: Sentence, i: number): boolean {
  return i === s.first || (i === s.first + 1 && CONNECTIVE.has(tokens[s.first]!.norm));
}

/** "In X, finding.": the source up to the comma, the content the rest of the sentence. */
function frontFrame(tokens: readonly Token[], s: Sentence, i: number, head: number): Frame | null {
  let comma = -1;
  for (let j = head + 1; j < s.last && j <= head + NP_MAX; j++) {
    if (tokens[j]!.norm === ',') {
      comma = j;
      break;
    }
    if (isBreak(tokens[j]!) || tokens[j]!.norm === '.') return null;
  }
  if (comma < 0) return null;
  // "In the new Coastal Radio poll, conducted May 11-13, 40 percent …": the source takes the participle's phrase
  if (tokens[comma + 1]?.pos === 'VERB' && /(ed|en)$/.test(tokens[comma + 1]!.norm)) {
    for (let j = comma + 2; j < s.last && j <= comma + NP_MAX; j++) {
      if (tokens[j]!.norm === ',') {
        comma = j;
        break;
      }
    }
  }
  if (!opensFinding(tokens[comma + 1]!)) return null;
  let last = s.last - 1;
  while (last > comma && /^[.!?]$/.test(tokens[last]!.norm)) last--;
  if (last - comma < 3 || !hasVerb(tokens, comma + 1, last + 1)) return null;
  const content: Range = { start: tokens[comma + 1]!.start, end: tokens[last]!.end };
  return ruleFrame({ first: i, last: i + 1, sourceAfter: true }, [i + 1, comma], [content], POLL_VIA);
}

/** "finding in X": the source the noun phrase, the content the clause before "in". */
function afterFrame(tokens: readonly Token[], s: Sentence, i: number, head: number): Frame | null {
  // the latest break after which a subject and a verb come before "in", else the sentence's start
  // (one pass back, at most CLAUSE_MAX tokens: `verb` says whether a verb lies between j and "in")
  let from = -1;
  let verb = false;
  for (let j = i - 1; j >= s.first && j >= i - CLAUSE_MAX && from < 0; j--) {
    const t = tokens[j]!;
    const start = j === s.first && !isBreak(t);
    if (start) verb ||= VERBISH.has(t.pos);
    if (start || isBreak(t)) {
      let k = start ? j : j + 1;
      while (k < i && CONNECTIVE.has(tokens[k]!.norm)) k++;
      if (verb && i - k >= 2 && opensFinding(tokens[k]!)) from = k;
    }
    verb ||= VERBISH.has(t.pos);
  }
  if (from < 0) return null;
  const content: Range = { start: tokens[from]!.start, end: tokens[i - 1]!.end };
  return ruleFrame({ first: i, last: i + 1, sourceAfter: true }, [i + 1, head + 1], [content], POLL_VIA);
}

function opensFinding(t: Token): boolean {
  return SUBJECT.has(t.pos) && !RELATIVE.has(t.norm);
}

function hasVerb(tokens: readonly Token[], from: number, to: number): boolean {
  for (let k = from; k < to; k++) if (VERBISH.has(tokens[k]!.pos)) return true;
  return false;
}
