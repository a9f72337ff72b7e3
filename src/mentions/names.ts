/**
 * Names: the KB gazetteer (longest alias match) merged with the trained recogniser for names the KB
 * does not know. The KB span wins where they overlap; the model may extend a KB span of the same
 * class ("Russian Ministry of Defense" around "Ministry of Defense") or add names of its own.
 */
import type { Doc, EntityType, Token } from '../types.js';
import type { Kb, KbEntry } from '../kb/index.js';
import { aliasKey, sameCase } from '../kb/index.js';
import type { NerModel, NerClass } from './ner/model.js';
import type { MentionLexicon } from './lexicon.js';
import { isTitleCase } from './ner/features.js';
import type { Draft } from './draft.js';

const UPPER_START = /^\p{Lu}/u;

/** Printable ASCII without space (a word as the tokeniser cuts it). */
function plainAscii(s: string): boolean {
  for (let k = 0; k < s.length; k++) {
    const c = s.charCodeAt(k);
    if (c < 0x21 || c > 0x7e) return false;
  }
  return true;
}

/** The alias keys of all tokens; for ASCII words aliasKey() only drops dots, so skip the rest. */
function tokenKeys(tokens: readonly Token[]): string[] {
  return tokens.map((t) => {
    const n = t.norm;
    if (!plainAscii(n)) return aliasKey(t.text);
    return n.indexOf('.') < 0 ? n : n.replace(/\./g, '');
  });
}

function entryType(e: KbEntry): EntityType | null {
  return e.type === 'CONFLICT' ? null : e.type;
}

/** Whether the written words carry the alias's capitals ("Kursk Oblast" yes, "kursk oblast" no). */
function capsAgree(surface: string, alias: string): boolean {
  const sw = surface.split(/\s+/);
  const aw = alias.split(/\s+/);
  if (sw.length !== aw.length) return UPPER_START.test(surface) || !UPPER_START.test(alias);
  for (let k = 0; k < aw.length; k++) if (UPPER_START.test(aw[k]!) && !UPPER_START.test(sw[k]!)) return false;
  return true;
}

/** Entries whose alias the surface is, with the case rules of the KB and the capitals of the alias. */
export function kbLookup(kb: Kb, surface: string): KbEntry[] {
  const hits = kb.aliases.get(aliasKey(surface));
  if (!hits) return [];
  const out: KbEntry[] = [];
  for (const h of hits) {
    if (h.caseSensitive ? !sameCase(surface, h.alias) : !capsAgree(surface, h.alias)) continue;
    const e = kb.get(h.id);
    if (e && entryType(e) && !out.includes(e)) out.push(e);
  }
  return out;
}

/**
 * Word-level prefixes of every alias key, so a match grows token by token and stops as soon as no
 * alias can start that way. Built once per KB.
 */
interface AliasIndex {
  prefixes: ReadonlySet<string>;
  /** Keys with an alias written in lower case ("the Kremlin"): the only ones a lower-case word may start. */
  lowerOk: ReadonlySet<string>;
  /** First words of those keys. */
  lowerFirst: ReadonlySet<string>;
  /** Every word of every alias key: a token outside it never extends a match across a space. */
  words: ReadonlySet<string>;
  /**
   * Bit filters over wordHash() of firstWords and of words: most tokens are in neither, and a bit
   * read from these small tables (L2-resident) spares the look-up in the big sets, which missed
   * the caches on every token.
   */
  firstBits: Uint32Array;
  wordBits: Uint32Array;
}

const FILTER_BITS = 19;
const FILTER_MASK = (1 << FILTER_BITS) - 1;

/** FNV-1a of a key, for the bit filters. */
function wordHash(s: string): number {
  let h = 0x811c9dc5;
  for (let k = 0; k < s.length; k++) h = Math.imul(h ^ s.charCodeAt(k), 0x01000193);
  return h >>> 0;
}

function bitFilter(keys: Iterable<string>): Uint32Array {
  const bits = new Uint32Array((FILTER_MASK + 1) >>> 5);
  for (const k of keys) {
    const h = wordHash(k) & FILTER_MASK;
    bits[h >>> 5] = (bits[h >>> 5]! | (1 << (h & 31))) >>> 0;
  }
  return bits;
}

const inFilter = (bits: Uint32Array, h: number): boolean => ((bits[(h & FILTER_MASK) >>> 5]! >>> (h & 31)) & 1) === 1;

const aliasIndexes = new WeakMap<Kb, AliasIndex>();

function aliasIndex(kb: Kb): AliasIndex {
  let index = aliasIndexes.get(kb);
  if (!index) {
    const prefixes = new Set<string>();
    const lowerOk = new Set<string>();
    for (const [key, hits] of kb.aliases) {
      for (let k = key.indexOf(' '); k > 0; k = key.indexOf(' ', k + 1)) prefixes.add(key.slice(0, k));
      prefixes.add(key);
      if (hits.some((h) => !h.caseSensitive && !UPPER_START.test(h.alias))) lowerOk.add(key);
    }
    const lowerFirst = new Set([...lowerOk].map((k) => k.split(' ')[0]!));
    const words = new Set<string>();
    for (const key of kb.aliases.keys()) for (const w of key.split(' ')) words.add(w);
    index = { prefixes, lowerOk, lowerFirst, words, firstBits: bitFilter(kb.firstWords), wordBits: bitFilter(words) };
    aliasIndexes.set(kb, index);
  }
  return index;
}

/** KB names in one sentence, longest match first, left to right. */
/** Per token: 1 when its key is the first word of some alias. */
function firstWordFlags(kb: Kb, keys: readonly string[]): Uint8Array {
  const { firstBits } = aliasIndex(kb);
  const out = new Uint8Array(keys.length);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    if (inFilter(firstBits, wordHash(key)) && kb.firstWords.has(key)) out[i] = 1;
  }
  return out;
}

/** Whether a key may be a word of an alias (a key holding a space is left to the strings). */
function aliasWord(index: AliasIndex, key: string): boolean {
  return (inFilter(index.wordBits, wordHash(key)) && index.words.has(key)) || key.indexOf(' ') >= 0;
}

function kbNames(doc: Doc, kb: Kb, lex: MentionLexicon, keys: readonly string[], firstWord: Uint8Array, first: number, last: number): Draft[] {
  const { tokens, article } = doc;
  const index = aliasIndex(kb);
  const { prefixes, lowerOk, lowerFirst } = index;
  const out: Draft[] = [];
  let i = first;
  while (i < last) {
    const t = tokens[i]!;
    let key = keys[i]!;
    const c0 = t.text.charCodeAt(0);
    const lowerStart = c0 < 128 ? !(c0 >= 65 && c0 <= 90) : !UPPER_START.test(t.text);
    if (!firstWord[i] || (lowerStart && !lowerFirst.has(key)) || !/[\p{L}\p{N}]/u.test(t.text)) {
      i++;
      continue;
    }
    // grow the key a token at a time while some alias still starts this way
    const ends: number[] = [];
    for (let e = i + 1; ; e++) {
      if (kb.aliases.has(key) && (!lowerStart || lowerOk.has(key))) ends.push(e);
      if (e >= last) break;
      const next = tokens[e]!;
      // key + ' ' + a word no alias has is no prefix of any alias
      if (next.spaceBefore && !aliasWord(index, keys[e]!)) break;
      const nk = key + (next.spaceBefore ? ' ' : '') + keys[e]!;
      if (!prefixes.has(nk) && !(!next.spaceBefore && prefixes.has(key + ' ' + keys[e]!))) {
        // "U.S." and "US" meet: dots are dropped by the key, so a lone "." adds nothing
        if (next.norm === '.' && !next.spaceBefore) continue;
        break;
      }
      key = prefixes.has(nk) ? nk : key + ' ' + keys[e]!;
    }
    let found: Draft | null = null;
    for (let k = ends.length - 1; k >= 0 && !found; k--) {
      const e = ends[k]!;
      const endTok = tokens[e - 1]!;
      if (e < last && !tokens[e]!.spaceBefore && /\p{L}/u.test(tokens[e]!.text[0] ?? '')) continue; // never cut a word
      if (!/[\p{L}\p{N}]/u.test(endTok.text)) continue;
      if (e - i === 1 && lex.notNames.has(t.norm)) continue;
      const entries = kbLookup(kb, article.text.slice(t.start, endTok.end));
      // "the Kremlin", "The European Union": the article is not part of the name, as CoreNLP tags it
      const from = e - i > 1 && t.norm === 'the' ? i + 1 : i;
      if (entries.length) found = draftName(doc, from, e, entryType(entries[0]!)!, entries.map((x) => x.id), 'kb');
    }
    if (found) {
      out.push(found);
      i = found.last;
    } else i++;
  }
  return out;
}

export function draftName(doc: Doc, first: number, last: number, type: EntityType, kb: string[], via: string): Draft {
  const { tokens } = doc;
  const next = tokens[last];
  const lastTok = tokens[last - 1]!;
  let possessive = !!next && next.sent === lastTok.sent && (next.norm === "'s" || (next.norm === "'" && /s$/i.test(lastTok.text)));
  let end = lastTok.end;
  // the tokenizer sometimes keeps the ’s on the word ("Trump's"): the name stops before it
  if (lastTok.norm.length > 2 && lastTok.norm.endsWith("'s")) {
    end -= 2;
    possessive = true;
  }
  return {
    kind: 'name',
    type,
    first,
    last,
    sent: tokens[first]!.sent,
    start: tokens[first]!.start,
    end,
    kb,
    possessive,
    via,
  };
}

function modelType(cls: NerClass, lastTok: Token, lex: MentionLexicon): EntityType {
  if (cls === 'PER') return 'PERSON';
  if (cls === 'ORG') return 'ORG';
  return lex.locationHeads.has(lastTok.norm) ? 'LOC' : 'GPE';
}

const capital = (t: Token | undefined): boolean => !!t && UPPER_START.test(t.text);

/**
 * A title written in front of capitalised words makes them a person's name, whatever the model
 * thought: "Defense Minister General No Gwansik", "Army General Ri Il Hwan". The words after the
 * title (up to four, capitalised) become a PERSON name and any model guess across them gives way.
 * A KB name there wins; a single everyday word after a bare rank stays as the model read it
 * ("General Motors" is not General Motors the person).
 */
function personsAfterTitles(doc: Doc, lex: MentionLexicon, ner: NerModel, merged: Draft[], first: number, last: number): void {
  const { tokens } = doc;
  const covering = (i: number): Draft | undefined => merged.find((m) => m.first <= i && i < m.last);
  let i = first;
  while (i < last) {
    if (!lex.titles.startsAt(tokens, i)) {
      i++;
      continue;
    }
    const at = covering(i);
    if (at && at.via !== 'model') {
      i = at.last;
      continue;
    }
    let j = i;
    let roleOrHonorific = false;
    let titled = false;
    for (;;) {
      const hit = lex.titles.match(tokens, j, last);
      if (!hit) break;
      if (hit[1].kind !== 'rank' && hit[1].kind !== 'modifier') roleOrHonorific = true;
      if (hit[1].kind !== 'modifier') titled = true;
      j = hit[0];
    }
    // "New York Post": a modifier alone ("new", "former") is no title
    if (j === i || !titled || !capital(tokens[j - 1])) {
      i = Math.max(j, i + 1);
      continue;
    }
    let k = j;
    while (k < last && k < j + 4 && (capital(tokens[k]) || (!tokens[k]!.spaceBefore && k > j && tokens[k - 1]!.norm === '-'))) {
      if (lex.notNames.has(tokens[k]!.norm) || lex.titles.match(tokens, k, k + 1)) break;
      k++;
    }
    while (k > j && tokens[k - 1]!.norm === '-') k--;
    const words = k - j;
    const lastWord = tokens[k - 1];
    const model = covering(j);
    const kbThere = merged.some((m) => m.via !== 'model' && m.first < k && j < m.last);
    const plausible = words > 0 && lastWord !== undefined && !ner.commonLower.has(lastWord.norm);
    const modelOrg = model && model.via === 'model' && model.type !== 'PERSON' && model.first <= i && words === 1 && !roleOrHonorific;
    if (plausible && !kbThere && !modelOrg && !(model && model.type === 'PERSON' && model.first === j && model.last === k)) {
      for (let m = merged.length - 1; m >= 0; m--) {
        const d = merged[m]!;
        if (d.via === 'model' && d.first < k && i < d.last) merged.splice(m, 1);
      }
      merged.push(draftName(doc, j, k, 'PERSON', [], 'pattern:title-name'));
    }
    i = Math.max(k, i + 1);
  }
}

/**
 * A surname alone names the person named in full elsewhere in the article ("Peskov stated" after
 * "Dmitry Peskov"), with that person's KB candidates.
 */
function addSurnames(doc: Doc, names: Draft[]): void {
  const { tokens } = doc;
  const people = new Map<string, Draft>();
  const taken = new Uint8Array(tokens.length);
  for (const m of names) {
    for (let i = m.first; i < m.last; i++) taken[i] = 1;
    if (m.type === 'PERSON' && m.last - m.first > 1 && capital(tokens[m.last - 1])) people.set(tokens[m.last - 1]!.norm, m);
  }
  if (people.size === 0) return;
  for (const t of tokens) {
    if (taken[t.i] || !capital(t)) continue;
    // "the Trump campaign", "Clinton supporters": the surname as an attribute is no mention of the person
    const next = tokens[t.i + 1];
    const prev = tokens[t.i - 1];
    if ((next && next.sent === t.sent && (next.pos === 'NOUN' || next.pos === 'PROPN')) || (prev && prev.sent === t.sent && (prev.pos === 'DET' || prev.pos === 'ADJ'))) continue;
    const full = people.get(t.norm);
    if (full && !isTitleCase(tokens, doc.sentences[t.sent]!.first, doc.sentences[t.sent]!.last)) {
      names.push(draftName(doc, t.i, t.i + 1, 'PERSON', full.kb, 'pattern:surname'));
    }
  }
  names.sort((x, y) => x.start - y.start);
}

/**
 * One name, one type within an article: a model guess that repeats the surname of a person named
 * in full ("Machado" after "Alicia Machado") is that person; otherwise the type most often given to
 * the same words wins. KB names keep their KB type.
 */
function harmoniseTypes(doc: Doc, names: Draft[]): void {
  const surnames = new Set<string>();
  const votes = new Map<string, Map<EntityType, number>>();
  const key = (m: Draft): string => doc.norm.slice(m.start, m.end).toLowerCase();
  for (const m of names) {
    if (m.type === 'PERSON' && m.last - m.first > 1) surnames.add(doc.tokens[m.last - 1]!.norm);
    if (m.via !== 'model') continue;
    const v = votes.get(key(m)) ?? new Map<EntityType, number>();
    v.set(m.type, (v.get(m.type) ?? 0) + (m.last - m.first > 1 ? 1 : 0.9));
    votes.set(key(m), v);
  }
  for (const m of names) {
    if (m.via !== 'model') continue;
    if (m.last - m.first === 1 && surnames.has(doc.tokens[m.first]!.norm)) {
      m.type = 'PERSON';
      continue;
    }
    let best: EntityType = m.type;
    let bestN = 0;
    for (const [t, n] of votes.get(key(m)) ?? []) {
      if (n > bestN) {
        best = t;
        bestN = n;
      }
    }
    m.type = best;
  }
}

const SAME_CLASS: Record<EntityType, string> = { PERSON: 'P', ORG: 'O', GROUP: 'O', GPE: 'L', LOC: 'L' };

/** Names in the document: KB matches and model spans, merged; headline guesses checked against the body. */
export function findNames(doc: Doc, kb: Kb, ner: NerModel, lex: MentionLexicon): Draft[] {
  const { tokens } = doc;
  const out: Draft[] = [];
  const headline: Draft[] = [];
  const bodyNames = new Set<string>();
  const keys = tokenKeys(tokens);
  const firstWord = firstWordFlags(kb, keys);
  for (const s of doc.sentences) {
    const titleCase = isTitleCase(tokens, s.first, s.last);
    const fromKb = kbNames(doc, kb, lex, keys, firstWord, s.first, s.last);
    const merged: Draft[] = [...fromKb];
    for (const sp of ner.decodeSentence(tokens, s.first, s.last, titleCase)) {
      let a = sp.first;
      // a title in front of a person's name is the title's, not the name's ("General No Gwansik")
      if (sp.cls === 'PER') {
        while (a < sp.last - 1) {
          const hit = lex.titles.match(tokens, a, sp.last - 1);
          if (!hit) break;
          a = hit[0];
        }
      }
      const type = modelType(sp.cls, tokens[sp.last - 1]!, lex);
      const overlapping = merged.filter((k) => k.via === 'kb' && k.first < sp.last && a < k.last);
      if (overlapping.length === 0) {
        merged.push(draftName(doc, a, sp.last, type, [], 'model'));
        continue;
      }
      // a longer model name around KB names wins ("New York Post" around "New York"); it keeps the
      // KB candidates only when it names the same kind of thing and is not a person ("Donald Trump Jr.")
      if (!overlapping.every((k) => a <= k.first && k.last <= sp.last && sp.last - a > k.last - k.first)) continue;
      const only = overlapping.length === 1 ? overlapping[0]! : null;
      const same = only !== null && SAME_CLASS[only.type] === SAME_CLASS[type] && type !== 'PERSON';
      for (const k of overlapping) merged.splice(merged.indexOf(k), 1);
      merged.push(draftName(doc, a, sp.last, same ? only.type : type, same ? only.kb : [], same ? 'kb+model' : 'model'));
    }
    if (!titleCase) personsAfterTitles(doc, lex, ner, merged, s.first, s.last);
    merged.sort((x, y) => x.start - y.start);
    for (const m of merged) {
      if (titleCase && m.via === 'model') headline.push(m);
      else {
        out.push(m);
        if (!titleCase) bodyNames.add(doc.norm.slice(m.start, m.end).toLowerCase());
      }
    }
  }
  addSurnames(doc, out);
  harmoniseTypes(doc, out);
  // In a Title Case headline every word has a capital, so a model guess stands only when the body
  // names it too, or when none of its words is an everyday word ("Heroic Aid" is not a name).
  for (const m of headline) {
    const surface = doc.norm.slice(m.start, m.end).toLowerCase();
    let everyday = false;
    for (let i = m.first; i < m.last; i++) if (ner.commonLower.has(tokens[i]!.norm)) everyday = true;
    if (bodyNames.has(surface) || !everyday) out.push(m);
  }
  return out.sort((x, y) => x.start - y.start);
}
