/**
 * Where a source's words end and begin, as PolNeAR marks them. The role tagger finds the source's
 * run; its edges sometimes carry words that are not the speaker's description:
 *
 * - a relative pronoun the run ended on opens the clause that holds the cue, and is not the
 *   speaker: "Bernie Sanders, who | said …" → "Bernie Sanders";
 * - a day or a clause adverb after the name belongs to the clause: "the Kentucky Republican
 *   on Tuesday", "Fields later";
 * - a dateline or a headline label before the name is not the speaker: "MACAU (Reuters) – Top
 *   Republican Party donor Sheldon Adelson", "The Latest: Mourners".
 *
 * Each only narrows the span, never below one word. Held-out folds 3 / 4 of PolNeAR train: source
 * exact +14 / +14 matches, whole attribution +3 / 0. Tried there and left out: cutting a source
 * after its cue at its first comma (−80 / −67: "said Sen. Smith, R-Ky." and the like lose their
 * speaker) and cutting at an age after the name ("Mona Lamberson, 59, of …": −7 / −2, PolNeAR
 * marks ages both ways).
 */
import type { Token } from '../types.js';

const RELATIVE = new Set(['who', 'which', 'that', 'whose', 'whom']);
const DAYS = new Set(['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'yesterday', 'today', 'tonight']);
/** Adverbs that, after a name, belong to the clause ("Fields later tweeted"). */
const CLAUSE_ADVERBS = new Set(['later', 'also', 'then', 'previously', 'earlier', 'again', 'once', 'now', 'still', 'too', 'first', 'recently', 'since', 'subsequently']);
const DASHES = new Set(['-', '–', '—', '--']);

/** The source's token range [first, last) with its edges trimmed; `cueFirst` is where the cue starts. */
export function trimSource(tokens: readonly Token[], first: number, last: number, cueFirst: number): [number, number] {
  let a = first;
  let b = last;
  if (b - a >= 3 && RELATIVE.has(tokens[b - 1]!.norm) && tokens[b - 2]!.norm === ',') b -= 2;
  while (b - a >= 2) {
    const t = tokens[b - 1]!;
    if (DAYS.has(t.norm)) {
      b--;
      if (b - a >= 2 && tokens[b - 1]!.norm === 'on') b--;
    } else if (t.pos === 'ADV' && CLAUSE_ADVERBS.has(t.norm)) b--;
    else break;
  }
  if (a < cueFirst) {
    // "MACAU (Reuters) – X", "The Latest: X": the speaker starts after the label
    for (let i = a; i < b - 1 && i < a + 8; i++) {
      const n = tokens[i]!.norm;
      if (n === ':' || (DASHES.has(n) && i > a && tokens[i - 1]!.norm === ')')) a = i + 1;
    }
  }
  return b > a ? [a, b] : [first, last];
}
