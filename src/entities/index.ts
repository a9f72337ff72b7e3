/**
 * Stage 4, entities: mentions grouped into entities (coreference) and linked to the knowledge base.
 *
 * The recipe, in passes over the mentions in text order:
 *   1. names the KB knows, and multi-word names, found entities (KB id or full name is the key);
 *   2. single-word names join the entity whose name they shorten ("Peskov" -> "Dmitry Peskov"),
 *      else a KB person with that unique surname, else their own entity;
 *      ambiguous short place names ("Korea") take the reading the article is about;
 *   3. adjectives join their country; title phrases join the person they describe, or the KB
 *      holder of the post on the article's date ("the Kremlin spokesman" -> Dmitry Peskov);
 *   4. pronouns and nominals join the nearest compatible entity before them.
 */
import type { Doc, Entity, EntityType, KbRef, Mention } from '../types.js';
import type { Resources } from '../resources.js';
import type { Kb, KbEntry } from '../kb/index.js';
import { aliasKey } from '../kb/index.js';
import { surnameIndex } from './surnames.js';
import { AMBIGUOUS_PLACES } from './ambiguous.js';
import { countBefore } from '../text/ranges.js';

interface Draft {
  key: string;
  type: EntityType;
  kb: KbEntry | null;
  name: string;
  mentions: Mention[];
  /** Lower-cased words of the longest name, for surname matching. */
  words: string[];
}

/** A name mention's alias key and its words, worked out once: every pass reads them. */
interface NameKey {
  key: string;
  words: string[];
}

/** How far back (in sentences) a pronoun or nominal looks for its antecedent. */
const PRONOUN_WINDOW = 3;

const KB_TYPE: Record<string, EntityType | undefined> = {
  PERSON: 'PERSON',
  ORG: 'ORG',
  GPE: 'GPE',
  LOC: 'LOC',
  GROUP: 'GROUP',
};

/** AMBIGUOUS_PLACES as a map: asked once per single-word name, with words no object key should be. */
const AMBIGUOUS = new Map<string, readonly string[]>(Object.entries(AMBIGUOUS_PLACES));

export function entitiesStage(doc: Doc, res: Resources): Doc {
  const { kb } = res;
  const { mentions } = doc;
  const date = doc.article.published;
  const drafts: Draft[] = [];
  const byKey = new Map<string, Draft>();
  const text = doc.article.text;
  // per mention (by its place in doc.mentions): its entity, and for names the alias key
  const owner: (Draft | undefined)[] = new Array(mentions.length).fill(undefined);
  const nameKeys: (NameKey | undefined)[] = new Array(mentions.length).fill(undefined);
  const names: number[] = [];
  mentions.forEach((m, k) => {
    if (m.kind !== 'name') return;
    names.push(k);
    const key = aliasKey(text.slice(m.start, m.end));
    nameKeys[k] = { key, words: key.split(' ') };
  });

  const add = (key: string, type: EntityType, entry: KbEntry | null, k: number): Draft => {
    let d = byKey.get(key);
    if (!d) {
      const m = mentions[k]!;
      d = { key, type, kb: entry, name: entry?.name ?? text.slice(m.start, m.end), mentions: [], words: [] };
      byKey.set(key, d);
      drafts.push(d);
    }
    join(d, k);
    return d;
  };
  /** Pass 2's index of the multi-word names, which learns each mention joined to one of them. */
  let wordIndex: WordIndex | null = null;
  const join = (d: Draft, k: number): void => {
    if (owner[k]) return;
    const m = mentions[k]!;
    d.mentions.push(m);
    owner[k] = d;
    wordIndex?.joined(d, m.start);
    const nk = nameKeys[k];
    if (nk && nk.words.length > d.words.length) {
      d.words = nk.words;
      if (!d.kb) d.name = text.slice(m.start, m.end);
    }
  };

  // Pass 1: KB-linked names and multi-word names.
  for (const k of names) {
    const m = mentions[k]!;
    const entry = chooseKbEntry(kb, m, byKey);
    if (entry) {
      const type = KB_TYPE[entry.type];
      if (type) add(entry.id, type, entry, k);
      continue;
    }
    const { key, words } = nameKeys[k]!;
    if (words.length < 2) continue;
    const same = m.type === 'PERSON' ? findByFullName(drafts, words) : byKey.get(`name:${m.type}:${key}`);
    if (same) join(same, k);
    else add(`name:${m.type}:${key}`, m.type, null, k);
  }
  // Pass 2: single-word names.
  let adjectiveCounts: Map<string, number> | undefined;
  const words = (wordIndex = new WordIndex(drafts));
  for (const k of names) {
    if (owner[k]) continue;
    const m = mentions[k]!;
    const word = nameKeys[k]!.key;
    const ambiguous = AMBIGUOUS.get(word);
    if (ambiguous && (m.type === 'GPE' || m.type === 'LOC')) {
      adjectiveCounts ??= countAdjectives(mentions);
      const pick = mostSalient(ambiguous, byKey, adjectiveCounts) ?? null;
      const entry = pick ? kb.get(pick) : undefined;
      if (entry) {
        add(entry.id, 'GPE', entry, k);
        continue;
      }
    }
    const partOf = words.nearest(m.type, word, m.start);
    if (partOf) {
      join(partOf, k);
      continue;
    }
    if (m.type === 'PERSON') {
      const person = surnameIndex(kb).get(word);
      if (person) {
        add(person.id, 'PERSON', person, k);
        continue;
      }
    }
    const same = byKey.get(`name:${m.type}:${word}`);
    if (same) join(same, k);
    else add(`name:${m.type}:${word}`, m.type, null, k);
  }
  wordIndex = null;
  // Pass 3: adjectives and titles.
  const titled = titledSpans(mentions, names);
  for (let k = 0; k < mentions.length; k++) {
    if (owner[k]) continue;
    const m = mentions[k]!;
    if (m.kind === 'adjective') {
      const entry = m.kb[0] ? kb.get(m.kb[0]) : undefined;
      if (entry) add(entry.id, 'GPE', entry, k);
    } else if (m.kind === 'title') {
      const person = personDescribedBy(m, titled, owner);
      if (person) {
        join(person, k);
        continue;
      }
      const holder = titleHolder(m, kb, date);
      if (holder) add(holder.id, 'PERSON', holder, k);
    }
  }
  // Pass 4: pronouns and nominals, to the nearest compatible entity before them.
  const ordered: { m: Mention; d: Draft }[] = [];
  for (let k = 0; k < mentions.length; k++) {
    const d = owner[k];
    if (d) ordered.push({ m: mentions[k]!, d });
  }
  for (let k = 0; k < mentions.length; k++) {
    if (owner[k]) continue;
    const m = mentions[k]!;
    if (m.kind !== 'pronoun' && m.kind !== 'nominal') continue;
    if (m.kind === 'nominal' && m.kb[0]) {
      const entry = kb.get(m.kb[0]);
      const type = entry ? KB_TYPE[entry.type] : undefined;
      if (entry && type) {
        add(entry.id, type, entry, k);
        continue;
      }
    }
    const ante = antecedent(m, ordered, text);
    if (ante) join(ante, k);
  }

  // entities in the order of their first mention; each one's mentions in text order
  const firsts = drafts.map((d) => {
    let first = Infinity;
    for (const m of d.mentions) if (m.start < first) first = m.start;
    return { d, first };
  });
  firsts.sort((a, b) => a.first - b.first);
  const entities: Entity[] = firsts.map(({ d }, i) => ({
    id: `e${i + 1}`,
    name: d.name,
    type: d.type,
    kb: d.kb ? kbRef(d.kb) : null,
    mentions: d.mentions.sort((a, b) => a.start - b.start),
  }));
  return { ...doc, entities };
}

/**
 * The KB reading of a name: one already in the article first, then one of the mention's type;
 * among places a country before a city before a region of the same name ("Ankara" is the city,
 * "Ankara Province" says so when it means the province), then the larger population.
 */
function chooseKbEntry(kb: Kb, m: Mention, byKey: ReadonlyMap<string, Draft>): KbEntry | undefined {
  let best: KbEntry | undefined;
  let bestScore = -Infinity;
  for (const id of m.kb) {
    const e = kb.get(id);
    if (e === undefined || e.type === 'CONFLICT') continue;
    if (byKey.has(e.id)) return e;
    const score =
      (KB_TYPE[e.type] === m.type ? 100 : 0) + PLACE_RANK[e.place ?? 'none']! * 10 + Math.log10(1 + (e.population ?? 0)) / 10;
    if (score > bestScore) {
      best = e;
      bestScore = score;
    }
  }
  return best;
}

const PLACE_RANK: Record<string, number> = { country: 3, city: 2, region: 1, area: 0, none: 0 };

function findByFullName(drafts: readonly Draft[], words: string[]): Draft | undefined {
  const last = words[words.length - 1]!;
  const first = words[0]!;
  return drafts.find((d) => {
    if (d.type !== 'PERSON' || d.words.length < 2) return false;
    if (d.words[d.words.length - 1] !== last) return false;
    const f = d.words[0]!;
    return f === first || f[0] === first[0];
  });
}

/** The last of `sorted` (ascending) below `at`, or -1. */
function lastBelow(sorted: readonly number[], at: number): number {
  const k = countBefore(sorted.length, (i) => sorted[i]! < at);
  return k > 0 ? sorted[k - 1]! : -1;
}

/**
 * Pass 2's view of the multi-word entities found in pass 1: by type and word, in the order they were
 * found, each with its mention starts in text order (pass 1's, then those pass 2 joins to it, which
 * come in text order). Pass 2 adds no multi-word entity, so this is built once, and each single-word
 * name costs a few searches instead of a walk over every mention of every entity.
 */
class WordIndex {
  private readonly byWord = new Map<string, Draft[]>();
  private readonly found = new Map<Draft, { pass1: number[]; pass2: number[] }>();

  constructor(drafts: readonly Draft[]) {
    for (const d of drafts) {
      if (d.words.length <= 1) continue;
      for (const w of new Set(d.words)) {
        const key = `${d.type}\u0000${w}`;
        const list = this.byWord.get(key);
        if (list) list.push(d);
        else this.byWord.set(key, [d]);
      }
      this.found.set(d, { pass1: d.mentions.map((m) => m.start).sort((a, b) => a - b), pass2: [] });
    }
  }

  /** A mention joined `d` in pass 2. */
  joined(d: Draft, start: number): void {
    this.found.get(d)?.pass2.push(start);
  }

  /**
   * Of the multi-word entities of this type with this word in their name, the one mentioned last
   * before `at` ("Kim" after "Kim Yo Jong" is her), else the first one.
   */
  nearest(type: EntityType, word: string, at: number): Draft | undefined {
    const list = this.byWord.get(`${type}\u0000${word}`);
    if (!list) return undefined;
    let best: Draft | undefined;
    let bestAt = -1;
    for (const d of list) {
      const f = this.found.get(d)!;
      const last = Math.max(lastBelow(f.pass1, at), lastBelow(f.pass2, at));
      if (last > bestAt) {
        best = d;
        bestAt = last;
      }
    }
    return best ?? list[0];
  }
}

/** Adjective mentions per KB id ("Korean" for KOR), counted once per article. */
function countAdjectives(mentions: readonly Mention[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const m of mentions) if (m.kind === 'adjective' && m.kb[0] !== undefined) counts.set(m.kb[0], (counts.get(m.kb[0]) ?? 0) + 1);
  return counts;
}

/** Of the KB readings of an ambiguous name, the one the article mentions most. */
function mostSalient(ids: readonly string[], byKey: ReadonlyMap<string, Draft>, adjectives: ReadonlyMap<string, number>): string | undefined {
  let best: string | undefined;
  let bestCount = 0;
  for (const id of ids) {
    const count = (byKey.get(id)?.mentions.length ?? 0) + (adjectives.get(id) ?? 0);
    if (count > bestCount) {
      best = id;
      bestCount = count;
    }
  }
  return best;
}

/**
 * The stretch of text each titled person name covers with its title (from the title's start to the
 * later of its end and the name's start), sorted by start; a title mention inside one belongs to
 * that person. Built once per article, searched per title.
 */
interface TitledSpans {
  from: Int32Array;
  to: Int32Array;
  /** Index into `names` of each span (the first such name wins, as in text order). */
  rank: Int32Array;
  /** Mention index of each span. */
  k: Int32Array;
  longest: number;
}

function titledSpans(mentions: readonly Mention[], names: readonly number[]): TitledSpans {
  const rows: Array<[number, number, number, number]> = [];
  names.forEach((k, rank) => {
    const n = mentions[k]!;
    if (n.type === 'PERSON' && n.title) rows.push([n.title.start, Math.max(n.title.end, n.start), rank, k]);
  });
  rows.sort((a, b) => a[0] - b[0] || a[2] - b[2]);
  let longest = 0;
  for (const r of rows) longest = Math.max(longest, r[1] - r[0]);
  return {
    from: Int32Array.from(rows, (r) => r[0]),
    to: Int32Array.from(rows, (r) => r[1]),
    rank: Int32Array.from(rows, (r) => r[2]),
    k: Int32Array.from(rows, (r) => r[3]),
    longest,
  };
}

/** A title phrase attached to a person name ("Defense Minister General No Gwansik") belongs to that person. */
function personDescribedBy(t: Mention, spans: TitledSpans, owner: readonly (Draft | undefined)[]): Draft | undefined {
  // spans starting at or before the title, back as far as the longest span reaches
  const lo = countBefore(spans.from.length, (i) => spans.from[i]! <= t.start);
  let best = -1;
  for (let i = lo - 1; i >= 0 && spans.from[i]! >= t.start - spans.longest; i--) {
    if (t.end <= spans.to[i]! && (best < 0 || spans.rank[i]! < spans.rank[best]!)) best = i;
  }
  return best < 0 ? undefined : owner[spans.k[best]!];
}

/** The KB person who held the post a bare title names, when the text says whose post it is. */
function titleHolder(t: Mention, kb: Kb, date: string | null): KbEntry | undefined {
  const title = t.title;
  const role = title?.role;
  if (!title || !role) return undefined;
  const org = title.org;
  if (!org) return undefined;
  const holders = kb.holdersOf(role, org, date);
  if (holders.length !== 1) return undefined;
  return kb.get(holders[0]!.id);
}

/** The number of mentions in `ordered` (in text order) that start before `start`. */
function mentionsBefore(ordered: readonly { m: Mention }[], start: number): number {
  return countBefore(ordered.length, (i) => ordered[i]!.m.start < start);
}

function antecedent(m: Mention, ordered: readonly { m: Mention; d: Draft }[], text: string): Draft | undefined {
  if (m.kind === 'pronoun' && m.type !== 'PERSON') return thingAntecedent(m, ordered, text);
  const wantPerson = m.type === 'PERSON';
  // back from the last mention before this one (a search, not a walk from the article's end)
  for (let i = mentionsBefore(ordered, m.start) - 1; i >= 0; i--) {
    const { m: a, d } = ordered[i]!;
    if (m.sent - a.sent > PRONOUN_WINDOW) break;
    if (wantPerson ? d.type === 'PERSON' : d.type === m.type || (m.type === 'ORG' && d.type === 'GPE')) return d;
  }
  return undefined;
}

/**
 * "its" stands for the sentence's topic far more often than for the nearest name
 * ("North Korea's involvement in Russia's campaigns … to bolster its relationship"): take the first
 * organisation, place or group earlier in the same sentence. Bare "it", "they" and "their" are left
 * alone: they name events, things and several actors at once as often as one actor.
 */
function thingAntecedent(m: Mention, ordered: readonly { m: Mention; d: Draft }[], text: string): Draft | undefined {
  const word = text.slice(m.start, m.end).toLowerCase();
  if (word !== 'its') return undefined;
  // the mentions before it in its sentence, from the sentence's first (text order is sentence order)
  let i = mentionsBefore(ordered, m.start) - 1;
  while (i >= 0 && ordered[i]!.m.sent === m.sent) i--;
  for (i++; i < ordered.length; i++) {
    const { m: a, d } = ordered[i]!;
    if (a.sent !== m.sent || a.start >= m.start) break;
    if (a.kind === 'adjective' || d.type === 'PERSON') continue;
    return d;
  }
  return undefined;
}

export function kbRef(e: KbEntry): KbRef {
  // every field, the optional facts undefined where the entry has none (a report's JSON leaves them
  // out): one object shape for all references, where adding only the present ones made five
  return {
    id: e.id,
    codes: e.codes,
    roles: (e.roles ?? []).map((r) => ({ title: r.title, role: r.role, org: r.org, from: r.from, to: r.to })),
    country: e.country,
    parent: e.parent,
    lat: e.lat,
    lon: e.lon,
  };
}
