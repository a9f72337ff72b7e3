/**
 * Events named by nouns rather than verbs, which PETRARCH's verb dictionary cannot see: "Russia's
 * gratitude toward North Korea's military assistance", "for meetings with X", "the deployment of
 * X troops to Y", and troops moved by a passive verb ("troops being dispatched to Russia"). Actors
 * come from possessives and prepositions; a noun with no actor of its own takes the source of the
 * clause's verb event ("travelled to Pyongyang for meetings with …"); aid that is thanked for goes
 * from the thanked to the thankful. Word lists: data/events/nouns.json.
 */
import { readDataJson } from '../data-dir.js';
import type { ActorHit, Group, Member, WordMarks } from './groups.js';
import type { Word } from './words.js';

export interface NounEntry {
  code: string;
  /** Prepositions that introduce the target ("gratitude toward X", "meetings with X"). */
  targets: string[];
  /** "grateful": the subject of "be" is the source. */
  adjective?: boolean;
  /** A family whose code a modifier refines ("military aid" -> 072). */
  kind?: string;
  /** The moved thing must be of this sector ("deployment of troops"), coded with its owner. */
  theme?: string;
}

export interface NounLexicon {
  nouns: Record<string, NounEntry>;
  refine: Record<string, Record<string, string>>;
  movement: { code: string; targets: string[]; theme: string; verbs: string[] };
  notTargets: string[];
}

let shipped: NounLexicon | null = null;
export function nounLexicon(): NounLexicon {
  shipped ??= readDataJson<NounLexicon>('events/nouns.json');
  return shipped;
}

/** An event the nominal pass found (same shape as the coder's, minus the pattern). */
export interface NominalEvent {
  code: string;
  source: Member;
  target: Member;
  at: number;
  from: number;
  to: number;
}

/** What the nominal pass needs from the coder's view of a sentence. */
export interface NominalInput {
  words: readonly Word[];
  groups: readonly Group[];
  actors: readonly ActorHit[];
  limit: number;
  /** Sources of verb events already coded, by the verb's word index. */
  verbSources: { at: number; source: Member }[];
  /** Word indexes of verbs (nouns are not read there). */
  verbAt: WordMarks;
  isPassive: (at: number) => boolean;
}

const STOP = new Set([',', ';', ':', 'WHO', 'WHICH', 'THAT', 'WHILE', 'BUT', '.']);
const BE = new Set(['IS', 'ARE', 'WAS', 'WERE', 'BE', 'BEEN', "'S", "'RE", 'REMAIN', 'REMAINS']);
const GRATITUDE = '051';

const realOf = (g: Group | undefined): Member | null => g?.members.find((m) => m.real) ?? null;

/**
 * The actor of a group that names an event ("North Korea's military assistance"): the actor
 * itself (PRK), not the group's code with the event's modifier read as an agent (PRKMIL).
 */
function actorOf(inp: NominalInput, g: Group | undefined, lex: NounLexicon): Member | null {
  if (!g) return null;
  let names = false;
  for (let k = g.start; k < g.end && !names; k++) names = lex.nouns[inp.words[k]!.up] !== undefined;
  if (!names) return realOf(g);
  const a = inp.actors.find((x) => x.start >= g.start && x.end <= g.end && x.codes.length > 0);
  return a ? { code: a.codes[0]!, entity: a.entity, real: true, start: g.start, end: g.end } : realOf(g);
}

function groupAt(inp: NominalInput, i: number): Group | undefined {
  return inp.groups.find((g) => g.start <= i && i < g.end);
}

/** The first group starting within a few words after `from`, before a comma, verb or clause word. */
function groupAfter(inp: NominalInput, from: number, reach: number, not: readonly string[]): Group | undefined {
  for (let k = from; k < Math.min(inp.limit, from + reach); k++) {
    const w = inp.words[k]!;
    if (STOP.has(w.up) || inp.verbAt.has(k)) return undefined;
    // a group may start before the preposition ("and the deployment of X troops" is one list item)
    const g = inp.groups.find((x) => x.start === k || (x.start < k && k < x.end && inp.actors.some((a) => a.start >= k && a.end <= x.end)));
    if (g && g.members.some((m) => m.real)) {
      for (let j = g.start; j < g.end; j++) if (not.includes(inp.words[j]!.up)) return undefined;
      return g;
    }
  }
  return undefined;
}

/** The target after a noun: one of its prepositions within the next words, then a group. */
function targetAfter(inp: NominalInput, i: number, preps: readonly string[], not: readonly string[]): Group | undefined {
  for (let k = i + 1; k < Math.min(inp.limit, i + 5); k++) {
    const w = inp.words[k]!;
    if (STOP.has(w.up) || inp.verbAt.has(k)) return undefined;
    if (preps.includes(w.up)) return groupAfter(inp, k + 1, 5, not);
  }
  return undefined;
}

function ofThemeSector(m: Member | null, theme: string | undefined): boolean {
  return !theme || (m !== null && m.code.endsWith(theme));
}

export function nominalEvents(inp: NominalInput, lex: NounLexicon): NominalEvent[] {
  const out: NominalEvent[] = [];
  const { words } = inp;
  // the loop holds no closure over `i` (each pass would allocate a context): the work is in nounEvent
  for (let i = 0; i < inp.limit; i++) {
    const w = words[i]!;
    if (w.lx && !w.lx.eventNoun) continue;
    if (inp.verbAt.has(i)) {
      const mv = lex.movement;
      if (mv.verbs.includes(w.up)) moved(inp, i, lex, out);
      continue;
    }
    const n = lex.nouns[w.up];
    if (!n || w.pos === 'VERB' || w.pos === 'AUX') continue;
    nounEvent(inp, i, n, lex, out);
  }
  return out;
}

/** The event of the noun at word `i`, if it has both sides. */
function nounEvent(inp: NominalInput, i: number, n: NounEntry, lex: NounLexicon, out: NominalEvent[]): void {
  const { words } = inp;
  let code = n.code;
  for (let k = i - 1; k >= Math.max(0, i - 3); k--) {
    const r = n.kind ? lex.refine[n.kind]?.[words[k]!.up] : undefined;
    if (r) code = r;
  }
  // the source: a possessor or modifier in the noun's own phrase, "of"/"by" after it, the
  // subject of "be" for an adjective, else the source of the clause's verb event
  let src: Member | null = null;
  const own = groupAt(inp, i);
  if (own && inp.actors.some((a) => a.start >= own.start && a.end <= i)) src = actorOf(inp, own, lex);
  let after = i + 1;
  if (!src && (words[i + 1]?.up === 'OF' || words[i + 1]?.up === 'BY')) {
    const g = groupAfter(inp, i + 2, 4, lex.notTargets);
    if (g && ofThemeSector(realOf(g), n.theme)) {
      src = realOf(g);
      after = g.end;
    }
  }
  if (!src && n.adjective && BE.has(words[i - 1]?.up ?? '')) {
    const g = [...inp.groups].reverse().find((x) => x.end <= i - 1 && x.end >= i - 3);
    src = realOf(g);
  }
  if (n.theme && !ofThemeSector(src, n.theme)) return;
  let tgt = actorOf(inp, targetAfter(inp, after - 1, n.targets, lex.notTargets), lex);
  // aid thanked for ("grateful to X for their aid"): from the thanked to the thankful
  if (n.kind === 'aid') {
    const thanks = out.find((e) => e.code === GRATITUDE && e.at < i && !hasStop(words, e.at, i));
    if (thanks) {
      tgt ??= thanks.source;
      if (!src || src.code === tgt.code) src = thanks.target;
    }
  }
  if (!src) src = [...inp.verbSources].reverse().find((v) => v.at < i && !hasStop(words, v.at, i))?.source ?? null;
  // an event noun needs both sides: "Russia's gratitude has taken a turn" thanks no one
  if (!src || !src.real || !tgt || tgt.code === src.code) return;
  out.push({ code, source: src, target: tgt, at: i, from: Math.min(src.start, i), to: Math.max(i + 1, tgt?.end ?? 0) });
}

/** A comma or clause word between two word indexes. */
function hasStop(words: readonly Word[], a: number, b: number): boolean {
  for (let k = a + 1; k < b; k++) if (STOP.has(words[k]!.up)) return true;
  return false;
}

/**
 * Troops moved by a verb: "X sent troops to Y", "troops (reportedly) being dispatched to Y". The
 * owner of bare troops is the nearest earlier actor of the same sector in the sentence ("North
 * Korean military activity, with thousands of troops being dispatched").
 */
function moved(inp: NominalInput, i: number, lex: NounLexicon, out: NominalEvent[]): void {
  const mv = lex.movement;
  const passive = inp.isPassive(i);
  let theme: Group | undefined;
  let owner: Member | null = null;
  if (passive) {
    theme = [...inp.groups].reverse().find((g) => g.end <= i && g.end >= i - 4);
  } else {
    theme = inp.groups.find((g) => g.start > i && g.start <= i + 4);
    owner = realOf([...inp.groups].reverse().find((g) => g.end <= i && g.end >= i - 4));
  }
  const m = theme?.members[0];
  if (!theme || !m || !m.code.endsWith(mv.theme)) return;
  if (m.real && (passive || !owner)) owner = m;
  if (!owner) {
    const before = [...inp.groups].reverse().find((g) => g.end <= theme.start && g.members.some((x) => x.real && x.code.endsWith(mv.theme)));
    owner = realOf(before);
  }
  if (!owner) return;
  const tgt = realOf(targetAfter(inp, passive ? i : theme.end - 1, mv.targets, lex.notTargets));
  if (!tgt || tgt.code.slice(0, 3) === owner.code.slice(0, 3)) return;
  out.push({ code: mv.code, source: owner, target: tgt, at: i, from: Math.min(theme.start, i), to: Math.max(i + 1, tgt?.end ?? 0) });
}
