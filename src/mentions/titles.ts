/**
 * Titles: role phrases ("Deputy Defense Minister", "press secretary", "General") found with the
 * role vocabulary, resolved to a role key, a rank, a deputy flag and the country or organisation
 * the words name ("Russian …", "North Korea’s …", "Putin’s …"). A title right before a person's
 * name, or in apposition to it ("…’s press secretary, Dmitry Peskov," / "Dmitry Peskov, the Kremlin
 * spokesman,"), is attached to that name; every title is also a mention of its own.
 */
import type { Doc, Token } from '../types.js';
import type { Kb, KbEntry } from '../kb/index.js';
import type { MentionLexicon, TitlePiece } from './lexicon.js';
import type { Draft, TitleDraft } from './draft.js';
import { kbLookup } from './names.js';
import { countBefore } from '../text/ranges.js';

interface Piece {
  first: number;
  last: number;
  piece: TitlePiece;
}

const DETERMINERS = new Set(['the', 'a', 'an']);
const UPPER_START = /^\p{Lu}/u;
const DEPUTY_ROLE = /^(deputy|vice)-/;
const CLOSERS = new Set([',', '.', ';', ':', ')', '"', "'", '-']);

/** The country or organisation a KB entry stands for when it qualifies a role. */
function orgOf(kb: Kb, entry: KbEntry | undefined, date: string | null): string | null {
  if (!entry) return null;
  if (entry.type === 'GPE' && entry.place === 'country') return entry.iso3 ?? entry.country ?? entry.id;
  if (entry.type === 'PERSON') {
    const roles = kb.rolesOn(entry, date);
    const r = roles[0] ?? entry.roles?.[0];
    return r ? r.org : entry.country ?? null;
  }
  if (entry.type === 'ORG' && (entry.orgKind === 'igo' || !entry.country)) return entry.id;
  return entry.country ?? entry.iso3 ?? null;
}

export function findTitles(doc: Doc, kb: Kb, lex: MentionLexicon, names: readonly Draft[], adjectives: readonly Draft[]): Draft[] {
  const { tokens, article } = doc;
  const date = article.published;
  const inName = new Int32Array(tokens.length).fill(-1);
  names.forEach((m, k) => {
    for (let i = m.first; i < m.last; i++) inName[i] = k;
  });
  const nameAt = (i: number): Draft | undefined => (i < tokens.length && inName[i]! >= 0 ? names[inName[i]!] : undefined);
  const adjEnding = new Map<number, Draft>(adjectives.map((a) => [a.last, a]));
  const out: Draft[] = [];

  for (const s of doc.sentences) {
    let i = s.first;
    while (i < s.last) {
      if (inName[i]! >= 0 || !lex.titles.startsAt(tokens, i)) {
        i++;
        continue;
      }
      const pieces: Piece[] = [];
      let j = i;
      for (;;) {
        let limit = j;
        while (limit < s.last && inName[limit]! < 0 && limit < j + 12) limit++;
        const hit = lex.titles.match(tokens, j, limit);
        if (!hit) break;
        pieces.push({ first: j, last: hit[0], piece: hit[1] });
        j = hit[0];
      }
      if (pieces.length === 0) {
        i++;
        continue;
      }
      const after = nameAt(j);
      const beforePerson = after !== undefined && after.type === 'PERSON' && after.first === j;
      // ranks and honorifics count only in front of a name ("General No Gwansik", not "in general")
      let chain = pieces;
      if (!beforePerson) {
        let a = 0;
        while (a < chain.length && chain[a]!.piece.kind !== 'role' && chain[a]!.piece.kind !== 'modifier') a++;
        let b = chain.length;
        while (b > a && chain[b - 1]!.piece.kind !== 'role') b--;
        chain = chain.slice(a, b);
      }
      const firstRole = chain.find((p) => p.piece.kind === 'role');
      const rankPiece = chain.find((p) => p.piece.kind === 'rank' || p.piece.kind === 'honorific');
      if (!firstRole && !(beforePerson && rankPiece)) {
        i = j;
        continue;
      }
      const cFirst = chain[0]!.first;
      const cLast = chain[chain.length - 1]!.last;
      const phrase = resolvePhrase(doc, kb, chain, cFirst, cLast, nameAt, adjEnding, date, lex.titles);
      const mention: Draft = {
        id: '',
        kind: 'title',
        type: 'PERSON',
        first: cFirst,
        last: cLast,
        sent: tokens[cFirst]!.sent,
        start: tokens[cFirst]!.start,
        end: tokens[cLast - 1]!.end,
        kb: phrase.role && phrase.org ? kb.holdersOf(phrase.role, phrase.org, date).map((h) => h.id) : [],
        possessive: tokens[cLast]?.norm === "'s",
        via: 'pattern:title',
        title: phrase,
      };
      const holder = beforePerson ? after : appositionHolder(tokens, s.last, phrase, cLast, nameAt);
      if (holder) {
        if (!holder.title) holder.title = phrase;
        mention.via = beforePerson ? 'pattern:title-name' : 'pattern:apposition';
      } else if (cFirst > s.first && DETERMINERS.has(tokens[cFirst - 1]!.norm) && phrase.start === tokens[cFirst]!.start) {
        // a standalone description reads with its article: "the defence minister"
        mention.first = cFirst - 1;
        mention.start = tokens[cFirst - 1]!.start;
      }
      out.push(mention);
      i = cLast;
    }
  }
  return out;
}

/** Role, rank, deputy flag and org of a chain, with the qualifier in front of it when there is one. */
function resolvePhrase(
  doc: Doc,
  kb: Kb,
  chain: Piece[],
  cFirst: number,
  cLast: number,
  nameAt: (i: number) => Draft | undefined,
  adjEnding: ReadonlyMap<number, Draft>,
  date: string | null,
  titles: MentionLexicon['titles'],
): TitleDraft {
  const { tokens, article } = doc;
  let role: string | null = null;
  let rank: string | null = null;
  let deputy = false;
  for (const p of chain) {
    if (p.piece.kind === 'role' && role === null) role = p.piece.role;
    if ((p.piece.kind === 'rank' || p.piece.kind === 'honorific') && rank === null) {
      rank = article.text.slice(tokens[p.first]!.start, tokens[p.last - 1]!.end);
    }
    if (p.piece.kind === 'modifier' && p.piece.deputy) deputy = true;
  }
  if (role && DEPUTY_ROLE.test(role)) deputy = true;
  // the qualifier: "Russian", "North Korea’s", "Putin’s", "Kremlin" right before the chain
  let start = tokens[cFirst]!.start;
  let org: string | null = null;
  let ofDraft: Draft | undefined;
  const adj = adjEnding.get(cFirst);
  const possessor = cFirst >= 2 && tokens[cFirst - 1]!.norm === "'s" ? nameAt(cFirst - 2) : undefined;
  const attributive = nameAt(cFirst - 1);
  if (adj) {
    org = orgOf(kb, kb.get(adj.kb[0] ?? ''), date);
    start = adj.start;
  } else if (possessor && possessor.possessive) {
    org = orgOf(kb, kb.get(possessor.kb[0] ?? ''), date);
    ofDraft = possessor;
    start = possessor.start;
  } else if (attributive && attributive.type !== 'PERSON' && attributive.last === cFirst) {
    org = orgOf(kb, kb.get(attributive.kb[0] ?? ''), date);
    start = attributive.start;
    // the name may be part of the role's own words: "Kremlin spokesman", "White House press secretary"
    const from = tokens[attributive.first]!.norm === 'the' ? attributive.first + 1 : attributive.first;
    const whole = titles.match(tokens, from, cLast);
    if (whole && whole[0] === cLast && whole[1].kind === 'role') role = whole[1].role;
  }
  if (org === null) {
    // a name inside the role words: "Kremlin spokesman", "White House press secretary"
    for (let i = cFirst; i < cLast && org === null; i++) {
      if (UPPER_START.test(tokens[i]!.text)) org = orgOf(kb, kbLookup(kb, tokens[i]!.text)[0], date);
    }
  }
  const end = tokens[cLast - 1]!.end;
  return { start, end, role, org, rank, deputy, text: article.text.slice(start, end), ofDraft };
}

/** The index of the token that starts at `start`, or -1 (a search: tokens are in text order). */
function tokenStartingAt(tokens: readonly Token[], start: number): number {
  const k = countBefore(tokens.length, (i) => tokens[i]!.start < start);
  return k < tokens.length && tokens[k]!.start === start ? k : -1;
}

/**
 * The person a title stands in apposition to: "…’s press secretary, Dmitry Peskov," (title, comma,
 * name, then punctuation) or "Dmitry Peskov, the Kremlin spokesman," (name, comma, title).
 */
function appositionHolder(
  tokens: readonly Token[],
  sentLast: number,
  phrase: TitleDraft,
  cLast: number,
  nameAt: (i: number) => Draft | undefined,
): Draft | null {
  // title, name
  if (tokens[cLast]?.norm === ',' && cLast + 1 < sentLast) {
    const m = nameAt(cLast + 1);
    if (m && m.type === 'PERSON' && m.first === cLast + 1) {
      const after = tokens[m.last + (m.possessive ? 1 : 0)];
      if (!after || m.last >= sentLast || CLOSERS.has(after.norm)) return m;
    }
  }
  // name, the title
  let k = tokenStartingAt(tokens, phrase.start);
  if (k < 0) return null;
  if (k > 0 && DETERMINERS.has(tokens[k - 1]!.norm)) k--;
  if (k >= 2 && tokens[k - 1]!.norm === ',') {
    const m = nameAt(k - 2);
    const after = tokens[cLast];
    if (m && m.type === 'PERSON' && m.last === k - 1 && !m.possessive && (!after || cLast >= sentLast || CLOSERS.has(after.norm))) return m;
  }
  return null;
}
