/**
 * The smaller kinds: country adjectives and demonyms ("Russian", "North Korean"), pronouns, and
 * nominal descriptions that stand for an organisation or group ("the Kremlin", "officials").
 */
import type { Doc } from '../types.js';
import type { Kb } from '../kb/index.js';
import { aliasKey } from '../kb/index.js';
import type { MentionLexicon } from './lexicon.js';
import type { Draft } from './draft.js';
import { startsUpper } from './names.js';

/** Regex literals stay out of the loops: each evaluation of one makes a new RegExp object. */
const UPPER_START = /^\p{Lu}/u;

function draft(doc: Doc, first: number, last: number, d: Pick<Draft, 'kind' | 'type' | 'kb' | 'via'>): Draft {
  const t = doc.tokens;
  const f = t[first]!;
  // the fields in the order of every other draft (names.ts draftName): one object shape for all mentions
  return { id: '', kind: d.kind, type: d.type, first, last, sent: f.sent, start: f.start, end: t[last - 1]!.end, kb: d.kb, possessive: t[last]?.norm === "'s", via: d.via, title: undefined };
}

/** Every leading piece of every adjective key ("n", "no", … "north korean"), per KB. */
const adjectivePrefixes = new WeakMap<Kb, Set<string>>();

function prefixesOf(kb: Kb): Set<string> {
  let set = adjectivePrefixes.get(kb);
  if (!set) {
    set = new Set<string>();
    for (const key of kb.adjectives.keys()) for (let k = 1; k <= key.length; k++) set.add(key.slice(0, k));
    adjectivePrefixes.set(kb, set);
  }
  return set;
}

/**
 * Whether no adjective key can start with this token. For a word of printable ASCII without dots
 * or backquotes, aliasKey() of any text starting with it starts with the word in lower case.
 */
function startsNoAdjective(prefixes: ReadonlySet<string>, text: string): boolean {
  for (let k = 0; k < text.length; k++) {
    const c = text.charCodeAt(k);
    if (c < 0x21 || c > 0x7e || c === 0x2e || c === 0x60) return false; // not sure: ask aliasKey()
  }
  return !prefixes.has(text.toLowerCase());
}

/** "Russian", "North Korean", "Ukrainians": capitalised adjectives of countries in the KB, outside names. */
export function findAdjectives(doc: Doc, kb: Kb, taken: Uint8Array): Draft[] {
  const { tokens, article } = doc;
  const out: Draft[] = [];
  if (kb.adjectives.size === 0) return out;
  const prefixes = prefixesOf(kb);
  for (const s of doc.sentences) {
    let i = s.first;
    while (i < s.last) {
      const t = tokens[i]!;
      if (taken[i] || !startsUpper(t.text) || startsNoAdjective(prefixes, t.text)) {
        i++;
        continue;
      }
      let hit: [number, string] | null = null;
      for (let e = Math.min(s.last, i + 3); e > i && !hit; e--) {
        let free = true;
        for (let k = i; k < e; k++) if (taken[k]) free = false;
        if (!free) continue;
        const id = kb.adjectives.get(aliasKey(article.text.slice(t.start, tokens[e - 1]!.end)));
        if (id) hit = [e, id];
      }
      if (hit) {
        out.push(draft(doc, i, hit[0], { kind: 'adjective', type: 'GPE', kb: [hit[1]], via: 'kb:adjective' }));
        i = hit[0];
      } else i++;
    }
  }
  return out;
}

/** Personal pronouns; first-person plural ones (a speaker's "we") as GROUP. */
export function findPronouns(doc: Doc, lex: MentionLexicon): Draft[] {
  const out: Draft[] = [];
  for (const t of doc.tokens) {
    const type = lex.pronouns.get(t.norm);
    if (type) out.push(draft(doc, t.i, t.i + 1, { kind: 'pronoun', type, kb: [], via: 'pronoun' }));
    // "us" in capitals is the country; "US"/"U.S." never reach here as pronouns
    else if (lex.firstPersonPlural.has(t.norm) && t.text !== 'US') {
      out.push(draft(doc, t.i, t.i + 1, { kind: 'pronoun', type: 'GROUP', kb: [], via: 'pronoun:first-person' }));
    }
  }
  return out;
}

/** "the Kremlin", "the ministry", "officials", "intelligence agencies" where no name covers them. */
export function findNominals(doc: Doc, lex: MentionLexicon, taken: Uint8Array): Draft[] {
  const { tokens } = doc;
  const out: Draft[] = [];
  for (const s of doc.sentences) {
    let i = s.first;
    while (i < s.last) {
      const hit = taken[i] ? null : lex.nominals.match(tokens, i, s.last);
      if (!hit) {
        i++;
        continue;
      }
      const [e, entry] = hit;
      let free = true;
      for (let k = i; k < e; k++) if (taken[k]) free = false;
      const hasThe = i > s.first && tokens[i - 1]!.norm === 'the';
      // "the ministry" but not "a ministry"; bare plurals ("officials said") need no article
      // "the military-political sphere" is no mention of the military
      const compound = e < s.last && !tokens[e]!.spaceBefore && tokens[e]!.norm === '-';
      if (free && !compound && (hasThe || !entry.determiner) && !(e < s.last && UPPER_START.test(tokens[e]!.text) && entry.determiner)) {
        const first = hasThe ? i - 1 : i;
        out.push(draft(doc, first, e, { kind: 'nominal', type: entry.type, kb: [], via: 'nominal' }));
      }
      i = e;
    }
  }
  return out;
}
