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
import { aliasTrie, IS_ALIAS, LOWER_OK, type AliasTrie } from './alias-trie.js';

const UPPER_START = /^\p{Lu}/u;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const LETTER = /\p{L}/u;
const ENDS_IN_S = /s$/i;

/** Printable ASCII without space (a word as the tokeniser cuts it). */
function plainAscii(s: string): boolean {
  for (let k = 0; k < s.length; k++) {
    const c = s.charCodeAt(k);
    if (c < 0x21 || c > 0x7e) return false;
  }
  return true;
}

/** The alias key of a token; for ASCII words aliasKey() only drops dots, so skip the rest. */
function tokenKey(t: Token): string {
  const n = t.norm;
  if (!plainAscii(n)) return aliasKey(t.text);
  return n.indexOf('.') < 0 ? n : n.replace(/\./g, '');
}

/** TokenWords ids: not looked up yet; a key with a space in it (stepped word by word). */
const UNSEEN = -3;
const SPACED = -2;

/**
 * The alias keys of a document's tokens and their word ids in the trie. An id is looked up (in
 * the big word map) at most once per token, and only for the tokens a match may start or grow by.
 */
class TokenWords {
  readonly keys: string[];
  private readonly ids: Int32Array;

  constructor(
    readonly trie: AliasTrie,
    tokens: readonly Token[],
  ) {
    this.keys = new Array<string>(tokens.length);
    for (let i = 0; i < tokens.length; i++) this.keys[i] = tokenKey(tokens[i]!);
    this.ids = new Int32Array(tokens.length).fill(UNSEEN);
  }

  /** The trie word id of token i's key: -1 for none, SPACED for a key of several words. */
  id(i: number): number {
    let id = this.ids[i]!;
    if (id === UNSEEN) {
      const key = this.keys[i]!;
      id = this.ids[i] = key.indexOf(' ') >= 0 ? SPACED : this.trie.wordId(key);
    }
    return id;
  }

  /** trie.step(node, keys[i]). */
  step(node: number, i: number): number {
    if (node < 0) return -1;
    const id = this.id(i);
    if (id === SPACED) return this.trie.step(node, this.keys[i]!);
    return id < 0 ? -1 : this.trie.child(node, id);
  }
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

/** Whether the text starts with a capital letter (UPPER_START, asked only beyond ASCII). */
export function startsUpper(s: string): boolean {
  const c0 = s.charCodeAt(0);
  return c0 < 128 ? c0 >= 65 && c0 <= 90 : UPPER_START.test(s);
}

/** Whether a token does not start with a capital (it may then start only a lower-case alias). */
function lowerStartOf(t: Token): boolean {
  return !startsUpper(t.text);
}

/**
 * Per token: 1 when an alias may start with it: its key is the first word of some alias, of one
 * written in lower case when the token is (a small set, so most tokens never reach the big one).
 */
function startFlags(tokens: readonly Token[], words: TokenWords): Uint8Array {
  const { trie, keys } = words;
  const out = new Uint8Array(keys.length);
  for (let i = 0; i < keys.length; i++) {
    if (lowerStartOf(tokens[i]!)) {
      if (trie.lowerFirst.has(keys[i]!)) out[i] = 1;
      continue;
    }
    // a word that starts some alias key (a key of several words starts none: trie.startsAlias)
    const id = words.id(i);
    if (id >= 0 && trie.child(0, id) >= 0) out[i] = 1;
  }
  return out;
}

/** KB names in one sentence, longest match first, left to right. */
function kbNames(doc: Doc, kb: Kb, lex: MentionLexicon, words: TokenWords, mayStart: Uint8Array, first: number, last: number): Draft[] {
  const { tokens, article } = doc;
  const { trie, keys } = words;
  const { flags } = trie;
  const out: Draft[] = [];
  const ends: number[] = [];
  let i = first;
  while (i < last) {
    const t = tokens[i]!;
    if (!mayStart[i] || !LETTER_OR_DIGIT.test(t.text)) {
      i++;
      continue;
    }
    const lowerStart = lowerStartOf(t);
    // grow the key a token at a time while some alias still starts this way: the next word with a
    // space, or glued on ("al-Qaeda"), else the glued word as a word of its own
    let node = words.step(0, i);
    ends.length = 0;
    for (let e = i + 1; ; e++) {
      const f = flags[node]!;
      if (f & IS_ALIAS && (!lowerStart || f & LOWER_OK)) ends.push(e);
      if (e >= last) break;
      const next = tokens[e]!;
      let grown = next.spaceBefore ? words.step(node, e) : trie.glue(node, keys[e]!);
      if (grown < 0 && !next.spaceBefore) grown = words.step(node, e);
      if (grown < 0) {
        // "U.S." and "US" meet: dots are dropped by the key, so a lone "." adds nothing
        if (next.norm === '.' && !next.spaceBefore) continue;
        break;
      }
      node = grown;
    }
    let found: Draft | null = null;
    for (let k = ends.length - 1; k >= 0 && !found; k--) {
      const e = ends[k]!;
      const endTok = tokens[e - 1]!;
      if (e < last && !tokens[e]!.spaceBefore && LETTER.test(tokens[e]!.text[0] ?? '')) continue; // never cut a word
      if (!LETTER_OR_DIGIT.test(endTok.text)) continue;
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
  let possessive = !!next && next.sent === lastTok.sent && (next.norm === "'s" || (next.norm === "'" && ENDS_IN_S.test(lastTok.text)));
  let end = lastTok.end;
  // the tokenizer sometimes keeps the ’s on the word ("Trump's"): the name stops before it
  if (lastTok.norm.length > 2 && lastTok.norm.endsWith("'s")) {
    end -= 2;
    possessive = true;
  }
  return {
    id: '',
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
    title: undefined,
  };
}

function modelType(cls: NerClass, lastTok: Token, lex: MentionLexicon): EntityType {
  if (cls === 'PER') return 'PERSON';
  if (cls === 'ORG') return 'ORG';
  return lex.locationHeads.has(lastTok.norm) ? 'LOC' : 'GPE';
}

const capital = (t: Token | undefined): boolean => !!t && startsUpper(t.text);

/** The first name of the list that covers token i. */
function covering(names: readonly Draft[], i: number): Draft | undefined {
  for (const m of names) if (m.first <= i && i < m.last) return m;
  return undefined;
}

/**
 * A title written in front of capitalised words makes them a person's name, whatever the model
 * thought: "Defense Minister General No Gwansik", "Army General Ri Il Hwan". The words after the
 * title (up to four, capitalised) become a PERSON name and any model guess across them gives way.
 * A KB name there wins; a single everyday word after a bare rank stays as the model read it
 * ("General Motors" is not General Motors the person).
 */
function personsAfterTitles(doc: Doc, lex: MentionLexicon, ner: NerModel, merged: Draft[], first: number, last: number): void {
  const { tokens } = doc;
  let i = first;
  while (i < last) {
    if (!lex.titles.startsAt(tokens, i)) {
      i++;
      continue;
    }
    const at = covering(merged, i);
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
    const [k, words] = nameAfterTitle(tokens, lex, j, last);
    const lastWord = tokens[k - 1];
    const model = covering(merged, j);
    let kbThere = false;
    for (const m of merged) if (m.via !== 'model' && m.first < k && j < m.last) kbThere = true;
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
 * The capitalised name that starts at token j after a title: [end token, words]. Up to four words;
 * a hyphenated word is one ("Holtz-Eakin", "Park Geun-hye"), and particles between capitalised
 * words belong to it ("Bill de Blasio"). It stops at a word that is never a name, at another title,
 * and at a word that heads an organisation: "Justice Department" is no person called Department.
 */
function nameAfterTitle(tokens: readonly Token[], lex: MentionLexicon, j: number, last: number): [number, number] {
  let k = j;
  let words = 0;
  while (k < last) {
    const t = tokens[k]!;
    if (k > j && !t.spaceBefore) {
      // the pieces of a hyphenated word: "-" glued to a letter on both sides, and what follows it
      const letterNext = k + 1 < last && !tokens[k + 1]!.spaceBefore && LETTER.test(tokens[k + 1]!.text[0] ?? '');
      if ((t.norm === '-' && letterNext) || (tokens[k - 1]!.norm === '-' && LETTER.test(t.text[0] ?? ''))) {
        k++;
        continue;
      }
      break;
    }
    if (words === 4) break;
    if (!capital(t)) {
      // "de", "von der": only between capitalised words of the name
      let p = k;
      while (p < last && p < k + 2 && tokens[p]!.spaceBefore && lex.nameParticles.has(tokens[p]!.norm)) p++;
      if (p === k || p >= last || words === 0 || !capital(tokens[p])) break;
      k = p;
      continue;
    }
    if (lex.notNames.has(t.norm) || lex.titles.match(tokens, k, k + 1) || lex.nominals.match(tokens, k, k + 1)?.[1].type === 'ORG') break;
    words++;
    k++;
  }
  return [k, words];
}

/**
 * A surname alone names the person named in full elsewhere in the article ("Peskov stated" after
 * "Dmitry Peskov"), with that person's KB candidates.
 */
function addSurnames(doc: Doc, names: Draft[]): void {
  const { tokens } = doc;
  /** Per surname: the full name, and the token of the surname in it. */
  const people = new Map<string, [Draft, number]>();
  const taken = new Uint8Array(tokens.length);
  for (const m of names) {
    for (let i = m.first; i < m.last; i++) taken[i] = 1;
    if (m.type !== 'PERSON' || m.last - m.first < 2) continue;
    // "Joseph R. Biden Jr.": the surname is Biden, not Jr. nor an initial
    let s = m.last - 1;
    while (s > m.first && NOT_SURNAME.test(tokens[s]!.text)) s--;
    if (s > m.first && capital(tokens[s])) people.set(tokens[s]!.norm, [m, s]);
  }
  if (people.size === 0) return;
  for (const t of tokens) {
    if (taken[t.i] || !capital(t)) continue;
    const found = people.get(t.norm);
    if (!found) continue;
    const [full, s] = found;
    // the full name again where the model missed it ("Mark Cuban"): the whole of it, not the surname
    let from = t.i;
    const before = s - full.first;
    if (t.i - before >= 0 && tokens[t.i - before]!.sent === t.sent) {
      let same = true;
      for (let q = 0; q < before && same; q++) same = !taken[t.i - before + q] && tokens[t.i - before + q]!.norm === tokens[full.first + q]!.norm;
      if (same) from = t.i - before;
    }
    // "the Trump campaign", "Clinton supporters": the surname as an attribute is no mention of the person
    const next = tokens[t.i + 1];
    const prev = tokens[from - 1];
    if ((next && next.sent === t.sent && (next.pos === 'NOUN' || next.pos === 'PROPN')) || (prev && prev.sent === t.sent && (prev.pos === 'DET' || prev.pos === 'ADJ'))) continue;
    if (!isTitleCase(tokens, doc.sentences[t.sent]!.first, doc.sentences[t.sent]!.last)) {
      names.push(draftName(doc, from, t.i + 1, 'PERSON', full.kb, 'pattern:surname'));
    }
  }
  sortByStart(names);
}

/** Ends of personal names that are no surname: initials ("R."), generations ("Jr.", "III"). */
const NOT_SURNAME = /^(?:\p{L}\.|Jr\.?|Sr\.?|II|III|IV)$/u;

/**
 * One name, one type within an article: a model guess that repeats the surname of a person named
 * in full ("Machado" after "Alicia Machado") is that person; otherwise the type most often given to
 * the same words wins. KB names keep their KB type.
 */
function harmoniseTypes(doc: Doc, names: Draft[]): void {
  const surnames = new Set<string>();
  const votes = new Map<string, Map<EntityType, number>>();
  const key = (m: Draft): string => lowerSurface(doc, m);
  for (const m of names) {
    if (m.type === 'PERSON' && m.last - m.first > 1) surnames.add(doc.tokens[m.last - 1]!.norm);
    if (m.via !== 'model') continue;
    const k = key(m);
    const v = votes.get(k) ?? new Map<EntityType, number>();
    v.set(m.type, (v.get(m.type) ?? 0) + (m.last - m.first > 1 ? 1 : 0.9));
    votes.set(k, v);
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
  /** Names outside Title Case sentences, for the headline check at the end. */
  const body: Draft[] = [];
  const words = new TokenWords(aliasTrie(kb), tokens);
  const mayStart = startFlags(tokens, words);
  for (const s of doc.sentences) {
    const titleCase = isTitleCase(tokens, s.first, s.last);
    const merged = kbNames(doc, kb, lex, words, mayStart, s.first, s.last);
    const kbSpans = new KbSpans(merged);
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
      const overlapping = kbSpans.overlapping(a, sp.last);
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
    sortByStart(merged);
    for (const m of merged) {
      if (titleCase && m.via === 'model') headline.push(m);
      else {
        out.push(m);
        if (!titleCase) body.push(m);
      }
    }
  }
  addSurnames(doc, out);
  harmoniseTypes(doc, out);
  // In a Title Case headline every word has a capital, so a model guess stands only when the body
  // names it too, or when none of its words is an everyday word ("Heroic Aid" is not a name).
  let bodyNames: Set<string> | null = null;
  for (const m of headline) {
    let everyday = false;
    for (let i = m.first; i < m.last; i++) if (ner.commonLower.has(tokens[i]!.norm)) everyday = true;
    if (!everyday) {
      out.push(m);
      continue;
    }
    bodyNames ??= new Set(body.map((b) => lowerSurface(doc, b)));
    if (bodyNames.has(lowerSurface(doc, m))) out.push(m);
  }
  return sortByStart(out);
}

/** The words of a name as the key of "the same name": its normalised text in lower case. */
function lowerSurface(doc: Doc, m: Draft): string {
  return doc.norm.slice(m.start, m.end).toLowerCase();
}

/** The empty answer of KbSpans.overlapping, shared: almost every span of the name model overlaps no KB name. */
const NONE: readonly Draft[] = Object.freeze([]);

/**
 * A sentence's KB names, for the model's spans to ask which of them they overlap. The spans come
 * in text order and do not overlap one another, so a KB name a span takes over (spliced out of the
 * merged list) lies inside that span and no later span can ask for it. Scanning the merged list for
 * every span made a sentence of thousands of names quadratic (a 1.2 MB list "Berg, Berg, …" took
 * 95 s); here the names are sorted by their first token and a query starts from a binary search.
 */
class KbSpans {
  private readonly names: Draft[];
  /** The longest name, in tokens: a name overlapping [a, b) starts at a - longest + 1 or later. */
  private readonly longest: number;

  constructor(merged: readonly Draft[]) {
    this.names = merged.filter((k) => k.via === 'kb').sort((x, y) => x.first - y.first || x.last - y.last);
    let longest = 0;
    for (const k of this.names) longest = Math.max(longest, k.last - k.first);
    this.longest = longest;
  }

  /** The KB names that overlap tokens [a, b), by their first token. */
  overlapping(a: number, b: number): readonly Draft[] {
    const { names } = this;
    let lo = 0;
    let hi = names.length;
    const from = a - this.longest;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (names[mid]!.first <= from) lo = mid + 1;
      else hi = mid;
    }
    let out: Draft[] | null = null;
    for (let k = lo; k < names.length && names[k]!.first < b; k++) if (a < names[k]!.last) (out ??= []).push(names[k]!);
    return out ?? NONE;
  }
}

/**
 * The names in text order (a stable sort, as before); most lists come in order already, and
 * Array.prototype.sort copies even those.
 */
function sortByStart(names: Draft[]): Draft[] {
  for (let k = 1; k < names.length; k++) {
    if (names[k]!.start < names[k - 1]!.start) return names.sort((x, y) => x.start - y.start);
  }
  return names;
}
