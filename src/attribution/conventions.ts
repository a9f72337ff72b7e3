/**
 * Where PolNeAR's annotators draw a frame's edges, read in the output once the frames are chosen
 * (docs/attribution.md, "Thirteenth session, PolNeAR's conventions", and the fourteenth's): each rule follows a choice
 * the annotators make one way far more often than the other in train's gold, where the taggers
 * or the rule frames make it the other way. None changes which frames the classifier judges
 * (except endBeforeParticiples, which runs before the outermost-only filter).
 */
import type { Range, Token } from '../types.js';
import { isQuoteMark, type Frame } from './frames.js';
import { participleFrame } from './nested.js';
import type { TokRange } from './phrases.js';
import { RangeIndex } from '../text/ranges.js';

/** A possessive right after a name: "Ukraine's", "Reuters'". */
export const POSSESSIVE = /^['’]s?(?![\p{L}\p{N}])/u;

/** The first token from `from` on that starts at or after character `at` (a content's first token, searched from its cue). */
export function tokenAt(tokens: readonly Token[], from: number, at: number): number {
  let i = from;
  while (i < tokens.length && tokens[i]!.start < at) i++;
  return i;
}

/** Verbs that give something a name in quotes ("called the plan “a disaster”"). */
const NAMING = new Set(['call', 'calls', 'called', 'calling', 'describe', 'describes', 'described', 'describing', 'dub', 'dubs', 'dubbed', 'dubbing', 'label', 'labels', 'labeled', 'labelled', 'labeling', 'labelling', 'brand', 'brands', 'branded', 'branding', 'term', 'terms', 'termed']);
/** The most words a named object may have between its verb and the quote ("the governor's handling of the storm"). */
const NAMED_MAX = 8;
const OPENING_QUOTE = /^(?:["“‘«]|'')/;

/**
 * The thing a naming verb names, taken into a content that starts at the quote: "called | the plan
 * | “a disaster”" → "the plan “a disaster”", "described | the crowd as | “peaceful”". PolNeAR's
 * annotators put the object in the content in 242 of the 253 train attributions of these verbs
 * whose content holds a quote; the quote-bounded rule frames (and at times the tagger) leave it out.
 * Only a short run of words without a verb, a clause break or the frame's source, right after the cue.
 */
export function namedObject(tokens: readonly Token[], text: string, f: Frame, content: Range[]): Range[] {
  const verb = tokens[f.cue.last - 1]!;
  const first = content[0];
  if (!first || verb.pos !== 'VERB' || !NAMING.has(verb.norm) || first.start < verb.end) return content;
  if (!OPENING_QUOTE.test(text.slice(first.start, first.start + 2))) return content;
  const from = f.cue.last;
  const to = tokenAt(tokens, from, first.start);
  if (to === from || to - from > NAMED_MAX || tokens[to]?.start !== first.start) return content;
  if (f.source && f.source[0] < to && f.source[1] > from) return content;
  for (let i = from; i < to; i++) {
    const t = tokens[i]!;
    if (t.pos === 'VERB' || t.pos === 'AUX' || (t.pos === 'PUNCT' && !POSSESSIVE.test(t.text) && t.text !== '-')) return content;
  }
  return [{ start: tokens[from]!.start, end: first.end }, ...content.slice(1)];
}

/**
 * "Cruz said that there is “only one …,” | adding that …": a frame whose cue is a participle of
 * saying after a comma or dash (nested.ts participleFrame) ends the content of an earlier frame of
 * its sentence that ran over it, at the comma; without a source of its own it speaks for that
 * frame's source. Contents changed in place.
 */
export function endBeforeParticiples(tokens: readonly Token[], frames: Frame[]): void {
  if (!frames.some((f) => participleFrame(tokens, f))) return;
  // the frames of each sentence in cue order: a participle is tried against the few before it (a
  // sentence of thousands of frames stays linear)
  const bySentence = new Map<number, Frame[]>();
  for (const f of frames) {
    const s = tokens[f.cue.first]!.sent;
    const list = bySentence.get(s);
    if (list) list.push(f);
    else bySentence.set(s, [f]);
  }
  for (const list of bySentence.values()) {
    if (list.length < 2) continue;
    list.sort((x, y) => x.cue.first - y.cue.first);
    for (let q = 1; q < list.length; q++) {
      const b = list[q]!;
      if (!participleFrame(tokens, b)) continue;
      // the comma or dash before it (participleFrame found one, quote marks between at most)
      let k = b.cue.first - 1;
      while (k > 0 && isQuoteMark(tokens[k]!)) k--;
      if (k < 1) continue;
      const cut = tokens[k]!.start;
      // a quote that closes after the comma ("…,” adding") keeps its mark
      const end = isQuoteMark(tokens[b.cue.first - 1]!) ? tokens[b.cue.first - 1]!.end : tokens[k - 1]!.end;
      for (let p = q - 1; p >= 0 && p >= q - PARTICIPLE_REACH; p--) {
        const a = list[p]!;
        if (a.cue.first >= b.cue.first) continue;
        const at = a.content.findIndex((r) => r.start < cut && r.end > cut);
        if (at < 0) continue;
        a.content = [...a.content.slice(0, at), { start: a.content[at]!.start, end }];
        a.endRun = undefined;
        b.source ??= a.source;
      }
    }
  }
}

/** How many frames before a participle's (in its sentence) may have run over it. */
const PARTICIPLE_REACH = 8;

/**
 * Words after a content's end that go on with it ("…, including …", "… and that …"): PolNeAR's
 * annotators take what follows into the content far more often than they stop before it (in train:
 * ", including" 85 against 13, ", such as" 22 / 1, ", especially" 16 / 1, " and that" 71 / 4,
 * ", or" 32 / 4, ", like" 18 / 3, ", particularly" 16 / 4).
 */
const GOES_ON = /^(?:, (?:including|such as|especially|particularly|or|like|and that)| and that)\b/;
const SENTENCE_END = new Set(['.', '!', '?']);
/** The most tokens a content may go on by (a longer rest of the sentence is left as it was). */
const GOES_ON_MAX = 80;

/**
 * A content that stops before such words runs on to the end of its sentence, where no other
 * frame's cue and no quote it is not in lies on the way. Contents changed in place, in the output.
 */
export function goingOn(tokens: readonly Token[], text: string, inQuote: Int32Array, frames: readonly Frame[]): void {
  // the frames' cues by position, built for the first content that may go on (most articles have none)
  let cueAt: RangeIndex<number> | undefined;
  for (const f of frames) {
    const last = f.content[f.content.length - 1];
    if (!last || last.end <= tokens[f.cue.last - 1]!.end || !GOES_ON.test(text.slice(last.end, last.end + 16))) continue;
    cueAt ??= new RangeIndex(frames.map((g, k) => ({ start: tokens[g.cue.first]!.start, end: tokens[g.cue.last - 1]!.end, value: k })));
    let k = tokenAt(tokens, f.cue.last, last.end);
    const sent = tokens[k]?.sent;
    if (sent === undefined) continue;
    let end = -1;
    let blocked = false;
    const stop = k + GOES_ON_MAX;
    for (; k < tokens.length && tokens[k]!.sent === sent && !blocked; k++) {
      const t = tokens[k]!;
      if (k >= stop || cueAt.overlapping(t.start, t.end).length > 0 || t.norm === ';' || (inQuote[k]! >= 0 && inQuote[k] !== inQuote[k - 1])) blocked = true;
      else if (!SENTENCE_END.has(t.norm)) end = t.end;
    }
    if (!blocked && end > last.end) last.end = end;
  }
}

/** A quoted title of a few capitalised words ("“Meet the Press.”", "''Morning Joe,''"): words parted by spaces or commas, so that a run of capitals is read one way only (no backtracking over its splits). */
const QUOTED_TITLE = /^(?:''|["“‘'])\s*(?:\p{Lu}[\p{L}\p{N}’'&.-]*|of|the|and|with|on|in|a|to|for)(?:[ ,]+(?:\p{Lu}[\p{L}\p{N}’'&.-]*|of|the|and|with|on|in|a|to|for)){0,5}[,.]?\s*(?:''|["”’'])[.,]?$/u;
/** The longest text read as a show's title. */
const TITLE_MAX = 80;
/** What comes before a show's title: "on", "told", "to", "with", then at most a network's name ("on CNN's “State of the Union”"). */
const BEFORE_TITLE = /\b(?:on|told|to|with)\s+(?:(?:\p{Lu}[\p{L}.]*)(?:['’]s)?\s+){0,3}$/u;

/**
 * "… ,” Berg told “Morning Joe.”", "said on CNN's “State of the Union”": the show's title in quotes
 * is where the words were said, not more of them; a content of more than one piece drops it.
 */
export function withoutShowTitle(text: string, content: Range[]): Range[] {
  if (content.length < 2) return content;
  const kept = content.filter((r) => !(r.end - r.start <= TITLE_MAX && QUOTED_TITLE.test(text.slice(r.start, r.end)) && BEFORE_TITLE.test(text.slice(Math.max(0, r.start - 40), r.start))));
  return kept.length > 0 ? kept : content;
}

/** Relative pronouns that PolNeAR marks as the source of a cue in their clause. */
const RELATIVE = new Set(['who', 'which', 'that']);

/**
 * A cue in a relative clause speaks through its pronoun: "voters who | said …", "Berg, who |
 * has argued …" → "who" (PolNeAR's annotators mark the pronoun alone as the source). The pronoun
 * right before the cue (auxiliaries and adverbs between), at the end of the source run or after it.
 */
export function relativeSource(tokens: readonly Token[], src: TokRange, cueFirst: number): TokRange | null {
  let j = cueFirst - 1;
  while (j >= src[0] && (tokens[j]!.pos === 'AUX' || tokens[j]!.pos === 'ADV')) j--;
  if (j < src[0] || j < src[1] - 1 || !RELATIVE.has(tokens[j]!.norm)) return null;
  // "that" only after a noun or a comma (not "said that", "so that")
  const prev = tokens[j - 1];
  if (tokens[j]!.norm === 'that' && !(prev && (prev.pos === 'NOUN' || prev.pos === 'PROPN' || prev.norm === ','))) return null;
  return j === src[0] && src[1] === j + 1 ? null : [j, j + 1];
}

/** A live blog's time stamp run into the name after it ("February 6, 2016 9:23PMRubio"). */
const STAMP = /^[^\n]*?\d[AP]M(?=\p{Lu})/u;

/** A source's start moved past a time stamp glued to the speaker's name ("2016 9:23PM | Rubio"), before `end`. */
export function afterStamp(text: string, start: number, end: number): number {
  const m = STAMP.exec(text.slice(start, end));
  return m ? start + m[0].length : start;
}

/** Parts of speech of the words before a cue's head in its verb group ("has also | talked"). */
const VERB_GROUP_WORD = new Set(['AUX', 'ADV', 'PART']);

/** Words after "for", "over", "at" … that tell how long or how much, not what the cue takes. */
const DURATION = new Set(['decades', 'years', 'months', 'weeks', 'days', 'hours', 'minutes', 'ages', 'least', 'most']);

/** Prepositions that PolNeAR puts in the cue before the content they take ("talked about | the plan"). */
const CUE_PREPOSITIONS = new Set(['about', 'for', 'of', 'on', 'with', 'against', 'over', 'at', 'to']);

/**
 * A content that opens with a preposition right after its cue gives the preposition to the cue:
 * "talked | about the plan" → "talked about | the plan", "pointed | to his record" → "pointed to |
 * his record". PolNeAR's annotators put it in the cue for about, for, of, on, with, against, over
 * and at (train: 461 / 25, 392 / 25, 406 / 15, 334 / 16, 95 / 10, 106 / 0, 52 / 1, 85 / 12), and
 * "to" before a noun phrase ("according to", "referring to": 38 / 3); before a verb "to" opens
 * the content ("declined | to comment": 40 / 1) and stays there. Returns the cue's new last token
 * (exclusive) and the content, or null where nothing moves. Only a preposition outside quotes,
 * with more of the content after it.
 */
export function prepositionInCue(tokens: readonly Token[], f: Frame, content: readonly Range[]): { last: number; content: Range[] } | null {
  const first = content[0];
  const k = f.cue.last;
  const p = tokens[k];
  const next = tokens[k + 1];
  if (!first || !p || !next || p.start !== first.start || p.pos !== 'ADP' || !CUE_PREPOSITIONS.has(p.norm)) return null;
  if (next.start >= first.end || isQuoteMark(next) || p.sent !== next.sent) return null;
  if (p.norm === 'to' && (next.pos === 'VERB' || next.pos === 'AUX')) return null;
  // "has said for | decades", "at | least": a time or an amount, not what the cue takes
  if (next.pos === 'NUM' || DURATION.has(next.norm)) return null;
  const head = tokens[k - 1]!;
  if (head.pos !== 'VERB' && head.pos !== 'NOUN' && head.pos !== 'ADJ') return null;
  // one word of content in the cue, its verb group aside: "revealed deep anxiety | over …" is
  // already longer than most such cues are marked
  for (let i = f.cue.first; i < k - 1; i++) if (!VERB_GROUP_WORD.has(tokens[i]!.pos)) return null;
  return { last: k + 1, content: [{ start: next.start, end: first.end }, ...content.slice(1)] };
}
