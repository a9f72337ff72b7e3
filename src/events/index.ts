/**
 * Stage 6, events: who did what to whom, where and when (CAMEO). Actors come from the entities
 * layer (KB codes, dated roles first) and, for names the KB lacks, from the Phoenix actor
 * dictionaries; verbs and agents from PETRARCH's CAMEO.2.0 and Phoenix agents (data/petrarch/).
 * Only sentences with a dictionary verb and an actor are coded. Each event carries the attribution
 * whose content it sits in, so a reported event is not asserted by the article.
 */
// English only: the package's root also loads fifteen other locales (~100 ms of every thread's start)
import * as chrono from 'chrono-node/en';
import type { Doc, Entity, Span, WireEvent } from '../types.js';
import { span } from '../types.js';
import type { Resources } from '../resources.js';
import { DATA_DIR } from '../data-dir.js';
import { join } from 'node:path';
import { cameoInfo } from './cameo.js';
import { CLOSED_CLASS, codeSentence, type CodedEvent, type CoderOptions } from './coder.js';
import { findDiscardWords } from './dict/discards.js';
import type { ActorHit } from './groups.js';
import { findDictAgents, loadRuntimeLexicon, type Lexicon } from './lexicon.js';
import { gatesOf, storyDiscarded, tokenActors } from './gates.js';
import { lexemesOf } from './lexemes.js';
import { nounLexicon } from './nominal.js';
import { sentenceWords, type Word } from './words.js';
import { RangeIndex, countBefore } from '../text/ranges.js';

/** An event as the report carries it, with the fields wiretrace adds to `wiretrace.report/1`. */
export interface CodedWireEvent extends WireEvent {
  quadClass: number;
  /** 'asserted', or 'future' ("will visit") / 'modal' ("may send"): not (yet) a fact. */
  modality: 'asserted' | 'future' | 'modal';
  /** The verb that carries the event. */
  verb: Span;
}

export { RUNTIME_DICTS } from './lexicon.js';

let lexicon: Lexicon | null = null;
/** The runtime dictionaries (precompiled JSON, else the raw files); read once, at the first article. */
export function runtimeLexicon(): Lexicon {
  lexicon ??= loadRuntimeLexicon(join(DATA_DIR, 'petrarch'));
  return lexicon;
}

/**
 * Reusable zeroed Int32 buffers (typed arrays are slow to allocate, and the stage runs on one
 * thread: each buffer is used by one article at a time and zeroed before use).
 */
const buffers = new Map<string, Int32Array>();
function scratch(name: string, n: number): Int32Array {
  let b = buffers.get(name);
  if (!b || b.length < n) {
    b = new Int32Array(Math.max(n, 2 * (b?.length ?? 0), 1024));
    buffers.set(name, b);
  }
  b.fill(0, 0, n);
  return b;
}

const CAMEO_CODE = /^(?:[A-Z]{3})+$/;

function dateNumber(iso: string | null): number | null {
  return iso && /^\d{4}-\d{2}-\d{2}/.test(iso) ? Number(iso.slice(0, 10).replace(/-/g, '')) : null;
}

/** The CAMEO code of an entity on the article's date: dated KB roles first, then its codes. */
function entityCode(e: Entity, res: Resources, published: string | null): string | null {
  if (!e.kb) return null;
  const entry = res.kb.get(e.kb.id);
  const codes = entry ? res.kb.codesOn(entry, published) : e.kb.codes;
  const own = codes.find((c) => CAMEO_CODE.test(c));
  if (own) return own;
  // a post held on the date: its country plus the sector ("deputy-defence-minister", RUS -> RUSGOVMIL)
  const role = entry ? res.kb.rolesOn(entry, published).find((r) => CAMEO_CODE.test(r.org)) : undefined;
  if (role) return role.org + (/defen[cs]e/.test(role.role) ? 'GOVMIL' : /chief-of-staff|commander/.test(role.role) ? 'MIL' : 'GOV');
  // a city or region stands for its country, as in the Phoenix dictionaries (PYONGYANG -> PRK)
  if ((e.type === 'GPE' || e.type === 'LOC') && e.kb.country && CAMEO_CODE.test(e.kb.country)) return e.kb.country;
  return null;
}

export function eventsStage(doc: Doc, res: Resources): Doc {
  const text = doc.article.text;
  if (doc.sentences.length === 0) return { ...doc, events: [] };
  const lex = runtimeLexicon();
  const published = doc.article.published;
  const date = dateNumber(published);
  const gate = gatesOf(lex);
  const lexemes = lexemesOf(lex);
  if (storyDiscarded(doc.tokens, 4000, gate)) return { ...doc, events: [] };

  // entity mentions by first token, with their codes
  const byTok = new Map<number, { last: number; code: string; entity: string }>();
  const codeOf = new Map<string, string>();
  const places: { first: number; last: number; entity: Entity }[] = [];
  for (const e of doc.entities) {
    const code = entityCode(e, res, published);
    if (code) codeOf.set(e.id, code);
    for (const m of e.mentions) {
      if (code) byTok.set(m.first, { last: m.last, code, entity: e.id });
      // a place the gazetteer knows, with coordinates where it has them (regions have none yet)
      if ((e.type === 'GPE' || e.type === 'LOC') && e.kb && m.kind === 'name') places.push({ first: m.first, last: m.last, entity: e });
    }
  }
  // in text order, so an event finds the places of its sentence by a search (no two share a first token)
  places.sort((a, b) => a.first - b.first);
  // attributions by position, so each look-up is a binary search, not a scan (long articles stay linear)
  const cues = new RangeIndex(doc.attributions.map((a, k) => ({ start: a.cue.start, end: a.cue.end, value: k })));
  const contents = new RangeIndex(doc.attributions.flatMap((a, k) => a.content.map((c) => ({ start: c.start, end: c.end, value: k }))));
  /** The first attribution (in report order) whose ranges hold `pos`. */
  const firstAt = (index: RangeIndex<number>, pos: number, ok: (k: number) => boolean = () => true): number | null => {
    let best: number | null = null;
    for (const r of index.overlapping(pos, pos + 1)) if ((best === null || r.value < best) && ok(r.value)) best = r.value;
    return best;
  };
  const cueAt = (start: number): string | null => {
    const k = firstAt(cues, start);
    return k === null ? null : doc.attributions[k]!.id;
  };
  const inContent = (pos: number): string | null => {
    const k = firstAt(contents, pos);
    return k === null ? null : doc.attributions[k]!.id;
  };

  // the speaker of a reported statement is not an actor of the events it reports: its mentions
  // inside a source span are dropped ("Peskov stated, underscoring …")
  const sources = new RangeIndex(doc.attributions.flatMap((a) => (a.source ? [{ start: a.source.start, end: a.source.end, value: a }] : [])));
  // (deleting the entry being visited is safe in a Map's for-of)
  for (const first of byTok.keys()) {
    const at = doc.tokens[first]!.start;
    if (sources.overlapping(at, at + 1).length > 0) byTok.delete(first);
  }
  /** "we"/"I" inside a statement: its speaker, when the speaker has a code. */
  const speakerAt = (pos: number): { code: string; entity: string } | null => {
    const codeFor = (k: number): string | undefined => {
      const id = doc.attributions[k]!.source?.entity;
      return id ? codeOf.get(id) : undefined;
    };
    const k = firstAt(contents, pos, (x) => codeFor(x) !== undefined);
    if (k === null) return null;
    return { code: codeFor(k)!, entity: doc.attributions[k]!.source!.entity! };
  };
  // per token, 1 + the index of the attribution whose content it sits in (0: none)
  const regionOf = scratch('region', doc.tokens.length);
  doc.attributions.forEach((a, k) => {
    for (const c of a.content) {
      let lo = 0;
      let hi = doc.tokens.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (doc.tokens[mid]!.start < c.start) lo = mid + 1;
        else hi = mid;
      }
      for (let t = lo; t < doc.tokens.length && doc.tokens[t]!.start < c.end; t++) if (regionOf[t] === 0) regionOf[t] = k + 1;
    }
  });
  // tokens inside a coded entity mention: the dictionaries do not read them again
  const takenTok = scratch('taken', doc.tokens.length);
  for (const [first, m] of byTok) takenTok.fill(1, first, m.last);
  const isTaken = (t: number): boolean => takenTok[t] === 1;

  // the coder's options, made once: they read the sentence being coded
  let sentWords: readonly Word[] = [];
  const coderOptions: CoderOptions = {
    skipVerb: (i) => cueAt(sentWords[i]!.start) !== null,
    strictSubjects: true,
    nouns: nounLexicon(),
    region: (i) => regionOf[sentWords[i]!.tok] ?? 0,
  };

  const events: CodedWireEvent[] = [];
  for (const s of doc.sentences) {
    if (s.last - s.first < 3 || s.last - s.first > 160) continue;
    // cheap gates, cheapest first: an actor (a coded entity, "we"/"I", or a Phoenix phrase), then a
    // dictionary verb or event noun among the words
    let entity = false;
    for (let t = s.first; t < s.last && !entity; t++) {
      if (takenTok[t] === 1) entity = true;
      else {
        const norm = doc.tokens[t]!.norm;
        if (norm === 'we' || norm === 'i') entity = true;
      }
    }
    const dict = tokenActors(doc.tokens, s.first, s.last, gate, lex, date, isTaken, lexemes);
    if (!entity && dict.length === 0) continue;
    const words = sentenceWords(doc.tokens, s.first, s.last, lexemes);
    if (words.length < 3 || words.length > 120) continue;
    if (!words.some((w) => !CLOSED_CLASS.has(w.pos) && (w.lx!.forms !== undefined || w.lx!.eventNoun))) continue;
    // token -> word index (a word may join several tokens: "anti-" + "war")
    const wordOf = scratch('wordOf', s.last - s.first + 1);
    for (let k = 0; k < words.length; k++) {
      const to = k + 1 < words.length ? words[k + 1]!.tok : s.last;
      for (let t = words[k]!.tok; t < to; t++) wordOf[t - s.first] = k;
    }
    wordOf[s.last - s.first] = words.length;
    const taken = scratch('takenWord', words.length);
    const actors: ActorHit[] = [];
    for (let i = 0; i < words.length; i++) {
      const m = byTok.get(words[i]!.tok);
      if (!m) continue;
      let end = i + 1;
      while (end < words.length && words[end]!.tok < m.last) end++;
      actors.push({ start: i, end, codes: [m.code], entity: m.entity });
      for (let k = i; k < end; k++) taken[k] = 1;
      i = end - 1;
    }
    for (let i = 0; i < words.length; i++) {
      const w = words[i]!;
      if ((w.up !== 'WE' && w.up !== 'I') || taken[i]) continue;
      const who = speakerAt(w.start);
      if (who) {
        actors.push({ start: i, end: i + 1, codes: [who.code], entity: who.entity });
        taken[i] = 1;
      }
    }
    for (const h of dict) {
      const start = wordOf[h.first - s.first]!;
      const end = Math.max(start + 1, wordOf[h.last - 1 - s.first]! + 1);
      actors.push({ start, end, codes: h.codes, entity: null });
      for (let k = start; k < end; k++) taken[k] = 1;
    }
    if (actors.length === 0) continue;
    sortByStart(actors);
    if (findDiscardWords(words, lex.discards)) continue;
    const agents = findDictAgents(words, lex.agents, taken);
    sentWords = words;
    const coded = codeSentence(words, actors, agents, lex.verbs, coderOptions);
    for (const e of coded) events.push(toWireEvent(e, words, doc, places, events.length, inContent));
  }
  return { ...doc, events };
}

/** A stable sort by start, in place: a sentence has a few actors, mostly in order already. */
function sortByStart(actors: ActorHit[]): void {
  for (let i = 1; i < actors.length; i++) {
    const a = actors[i]!;
    let j = i - 1;
    while (j >= 0 && actors[j]!.start > a.start) {
      actors[j + 1] = actors[j]!;
      j--;
    }
    actors[j + 1] = a;
  }
}

function toWireEvent(
  e: CodedEvent,
  words: readonly Word[],
  doc: Doc,
  places: { first: number; last: number; entity: Entity }[],
  n: number,
  inContent: (pos: number) => string | null,
): CodedWireEvent {
  const text = doc.article.text;
  const info = cameoInfo(e.code);
  const verbStart = words[e.verbStart]!.start;
  const first = words[e.from]!;
  const last = words[Math.max(e.from, e.to - 1)]!;
  const sentFirst = words[0]!;
  const sentLast = words[words.length - 1]!;
  return {
    id: `v${n + 1}`,
    code: e.code,
    label: info.label,
    goldstein: info.goldstein,
    quadClass: info.quadClass,
    actor1: { entity: e.source?.entity ?? null, code: e.source?.code ?? null },
    actor2: { entity: e.target?.entity ?? null, code: e.target?.code ?? null },
    location: locate(e, words, places),
    date: resolveDate(text.slice(sentFirst.start, sentLast.end), doc.article.published),
    evidence: span(text, first.start, last.end),
    attribution: inContent(verbStart),
    modality: e.modality,
    verb: span(text, verbStart, words[e.verbEnd - 1]!.end),
  };
}

/** The most specific place the sentence puts the event in: after the verb, not one of its actors. */
function locate(e: CodedEvent, words: readonly Word[], places: { first: number; last: number; entity: Entity }[]): WireEvent['location'] {
  const firstTok = words[0]!.tok;
  const lastTok = words[words.length - 1]!.tok;
  const verbTok = words[e.verbStart]!.tok;
  // the target may be the place itself ("travelled to Pyongyang"); the source is not where it acts
  const cands: typeof places = [];
  for (let k = countBefore(places.length, (i) => places[i]!.first < firstTok); k < places.length && places[k]!.first <= lastTok; k++) {
    if (places[k]!.entity.id !== e.source?.entity) cands.push(places[k]!);
  }
  if (cands.length === 0) return null;
  const rank = (p: { first: number; entity: Entity }): number => {
    const id = p.entity.kb?.id ?? '';
    const specific = id.startsWith('city:') ? 0 : id.startsWith('region:') || id.startsWith('place:') ? 1 : 2;
    return specific * 1000 + (p.first >= verbTok ? 0 : 500) + Math.abs(p.first - verbTok);
  };
  const best = [...cands].sort((a, b) => rank(a) - rank(b))[0]!;
  const kb = best.entity.kb!;
  return { name: best.entity.name, country: kb.country ?? (kb.id.startsWith('country:') ? kb.id.slice(8) : null), lat: kb.lat ?? null, lon: kb.lon ?? null };
}

/** A date the sentence gives ("last week", "on Tuesday"), resolved against publication; else null. */
const DATEISH = /\b(?:yesterday|today|tonight|tomorrow|last|next|ago|earlier|later|week|month|year|mon|tues|wednes|thurs|fri|satur|sun)(?:day)?s?\b|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d|\b\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)|\b(?:19|20)\d\d\b/i;
const dateCache = new Map<string, string | null>();

function resolveDate(sentence: string, published: string | null): string | null {
  if (!published || !DATEISH.test(sentence)) return null;
  const key = `${published}\u0000${sentence}`;
  const cached = dateCache.get(key);
  if (cached !== undefined) return cached;
  if (dateCache.size > 512) dateCache.clear();
  const value = resolveDateNow(sentence, published);
  dateCache.set(key, value);
  return value;
}

function resolveDateNow(sentence: string, published: string): string | null {
  const ref = new Date(`${published.slice(0, 10)}T12:00:00Z`);
  if (Number.isNaN(ref.getTime())) return null;
  const hit = chrono.parse(sentence, ref)[0];
  if (!hit) return null;
  const d = hit.start.date();
  return d.toISOString().slice(0, 10);
}
