/**
 * temporal-claim: "the war enters its ninth year", "three years into the war", "the 10th
 * anniversary of …" about a conflict the KB dates, checked against the publication date. A conflict
 * may be counted from more than one start (2014, or the 2022 invasion): the claim stands if any
 * count fits, and the message gives every count. Without a date the claim is reported unchecked.
 */
import type { Span, Token } from '../types.js';
import type { Kb, KbEntry } from '../kb/index.js';
import { dateFirst, dateLast } from '../kb/dates.js';
import { aliasKey } from '../kb/normalise.js';
import { q, tokensOfSentence, type CheckContext, type FindingDraft } from './context.js';

export const RULE = 'temporal-claim';

type Kind = 'ordinal' | 'count' | 'anniversary';

interface Claim {
  kind: Kind;
  n: number;
  /** Token range [first, last) of the claim's words. */
  first: number;
  last: number;
  /** Where the event must be named: before "its Nth year", right after "of"/"into"/"since". */
  side: 'before' | 'after';
}

interface EventHit {
  entries: KbEntry[];
  first: number;
  last: number;
}

const YEAR_MS = 365.2425 * 86400000;

export function temporalClaim(ctx: CheckContext): FindingDraft[] {
  const out: FindingDraft[] = [];
  const { doc } = ctx;
  // The headline and the body often make the same claim: one finding, with both as evidence.
  const byClaim = new Map<string, FindingDraft>();
  for (let si = 0; si < doc.sentences.length; si++) {
    const toks = tokensOfSentence(ctx, si);
    for (const claim of findClaims(ctx, toks)) {
      const ev = nearestEvent(ctx, toks, claim);
      if (!ev) continue;
      const f = judge(ctx, claim, ev, toks);
      if (!f) continue;
      const key = `${claim.kind}|${claim.n}|${ev.entries.map((e) => e.id).join(' ')}`;
      const seen = byClaim.get(key);
      if (seen) seen.evidence.push(...f.evidence);
      else {
        byClaim.set(key, f);
        out.push(f);
      }
    }
  }
  return out;
}

function numberOf(ctx: CheckContext, t: Token | undefined, ordinal: boolean): number | null {
  if (!t) return null;
  const w = t.norm;
  const map = ordinal ? ctx.lex.temporal.ordinals : ctx.lex.temporal.cardinals;
  const v = map.get(w);
  if (v !== undefined) return v;
  const m = ordinal ? /^(\d{1,3})(st|nd|rd|th)$/.exec(w) : /^(\d{1,3})$/.exec(w);
  return m ? Number(m[1]) : null;
}

function followedBy(toks: readonly Token[], i: number, phrase: readonly string[]): boolean {
  return phrase.every((w, k) => toks[i + k]?.norm === w);
}

type TemporalLexicon = CheckContext['lex']['temporal'];
const unitStartsCache = new WeakMap<TemporalLexicon, ReadonlySet<number>>();
/** First character codes of the words a claim's number comes before (-1: the empty word). */
function unitStarts(t: TemporalLexicon): ReadonlySet<number> {
  let s = unitStartsCache.get(t);
  if (!s) {
    s = new Set([...t.yearWords, ...t.anniversaryWords, 'decade', 'decades'].map((w) => (w.length > 0 ? w.charCodeAt(0) : -1)));
    unitStartsCache.set(t, s);
  }
  return s;
}

function findClaims(ctx: CheckContext, toks: readonly Token[]): Claim[] {
  const t = ctx.lex.temporal;
  const out: Claim[] = [];
  const isRepeat = (i: number): boolean => t.repeatMarkers.some((p) => followedBy(toks, i, p));
  const starts = unitStarts(t);
  for (let i = 0; i < toks.length; i++) {
    const next = toks[i + 1]?.norm ?? '';
    // a character code test first: most words are no "year", "decade" or "anniversary"
    if (!starts.has(next.length > 0 ? next.charCodeAt(0) : -1)) continue;
    // Every claim has "year(s)", "decade(s)" or "anniversary" right after its number.
    if (!t.yearWords.has(next) && !t.anniversaryWords.has(next) && next !== 'decade' && next !== 'decades') continue;
    const ord = numberOf(ctx, toks[i], true);
    if (ord !== null && t.yearWords.has(next) && !isRepeat(i + 2)) {
      const det = toks[i - 1]?.norm ?? '';
      const lead = toks[i - 2]?.norm ?? '';
      const ofEvent = toks[i + 2]?.norm === 'of';
      if (ofEvent && t.possessives.has(det)) {
        out.push({ kind: 'ordinal', n: ord, first: i - 1, last: i + 3, side: 'after' });
      } else if (t.possessives.has(det) && det !== 'the' && (t.ordinalYearLeads.has(lead) || lead === 'for')) {
        out.push({ kind: 'ordinal', n: ord, first: i - 2, last: i + 2, side: 'before' });
      }
    } else if (ord !== null && t.anniversaryWords.has(next) && toks[i + 2]?.norm === 'of') {
      out.push({ kind: 'anniversary', n: ord, first: Math.max(0, i - 1), last: i + 3, side: 'after' });
    }
    // "three years into", "a decade of", "two decades after"
    const unit = next === 'year' || next === 'years' ? 1 : next === 'decade' || next === 'decades' ? 10 : 0;
    if (unit > 0 && t.countLinks.has(toks[i + 2]?.norm ?? '')) {
      const w = toks[i]!.norm;
      const n = w === 'a' || w === 'an' ? 1 : numberOf(ctx, toks[i], false);
      if (n !== null) out.push({ kind: 'count', n: n * unit, first: i, last: i + 3, side: 'after' });
    }
  }
  return out;
}

/** Conflicts the KB knows, named in the sentence, nearest to the claim (within a few words). */
function nearestEvent(ctx: CheckContext, toks: readonly Token[], claim: Claim): EventHit | null {
  const kb = ctx.kb;
  const max = ctx.lex.temporal.maxWordsToEvent;
  let best: EventHit | null = null;
  let bestDist = Infinity;
  // Only where the event may stand: a few words before the claim, or right after it.
  const idx = conflictsOf(kb);
  const from = claim.side === 'before' ? Math.max(0, claim.first - max - idx.maxTokens) : claim.last;
  const to = claim.side === 'before' ? claim.first : Math.min(toks.length, claim.last + 2);
  for (let i = from; i < to; i++) {
    if (!idx.firstWords.has(toks[i]!.norm)) continue;
    for (let j = Math.min(toks.length, i + idx.maxTokens) - 1; j >= i; j--) {
      const surface = ctx.text.slice(toks[i]!.start, toks[j]!.end);
      const entries = kb.lookup(surface).filter((e) => e.type === 'CONFLICT' && e.start);
      if (entries.length === 0) continue;
      // "X enters its Nth year": X comes before, a few words back; "N years into X": X follows at once.
      const ok = claim.side === 'before' ? j < claim.first && claim.first - j <= max : i >= claim.last && i - claim.last <= 1;
      const dist = claim.side === 'before' ? claim.first - j : i - claim.last;
      if (ok && dist < bestDist) {
        bestDist = dist;
        best = { entries: withRelated(ctx, entries), first: i, last: j + 1 };
      }
      break;
    }
  }
  return best ?? genericEvent(ctx, toks, claim, from, to);
}

/**
 * "the war entered its seventh year": a generic noun right by the claim stands for the conflicts,
 * ongoing on the date, all of whose parties the article names (Russia and Ukraine -> their war).
 */
function genericEvent(ctx: CheckContext, toks: readonly Token[], claim: Claim, from: number, to: number): EventHit | null {
  const nouns = ctx.lex.temporal.genericEventNouns;
  let at = -1;
  for (let i = from; i < to; i++) {
    if (nouns.has(toks[i]!.norm) && toks[i - 1]?.norm === 'the') at = i;
    if (at >= 0 && claim.side === 'after') break;
  }
  if (at < 0) return null;
  const named = new Set<string>();
  for (const e of ctx.doc.entities) if (e.kb) named.add(e.kb.id);
  const ongoing = (e: KbEntry): boolean => !!e.start && dateFirst(e.start) <= ctx.asOf && (!e.end || dateLast(e.end) >= ctx.asOf);
  const entries = conflictsOf(ctx.kb).entries.filter((e) => (e.parties?.length ?? 0) >= 2 && e.parties!.every((p) => named.has(p)) && ongoing(e));
  if (entries.length === 0) return null;
  return { entries: withRelated(ctx, entries), first: at - 1, last: at + 1 };
}

/**
 * The conflict and its parts or whole ("the war in Ukraine" and the 2022 full-scale invasion): linked
 * by `parent`, or fought by the same parties and both still going on the date.
 */
function withRelated(ctx: CheckContext, entries: KbEntry[]): KbEntry[] {
  const out = [...entries];
  const ids = new Set(entries.map((e) => e.id));
  const partyKey = (e: KbEntry): string => [...(e.parties ?? [])].sort().join(' ');
  const ongoing = (e: KbEntry): boolean => !e.end || dateLast(e.end) >= ctx.asOf;
  for (const e of conflictsOf(ctx.kb).entries) {
    if (!e.start || ids.has(e.id)) continue;
    const sameWar = (x: KbEntry): boolean => partyKey(x) !== '' && partyKey(x) === partyKey(e) && ongoing(x) && ongoing(e);
    const related = (e.parent && ids.has(e.parent)) || entries.some((x) => x.parent === e.id || sameWar(x));
    if (related) {
      out.push(e);
      ids.add(e.id);
    }
  }
  return out.sort((a, b) => (a.start ?? '').localeCompare(b.start ?? ''));
}

interface ConflictIndex {
  entries: KbEntry[];
  /** First word of every conflict name and alias (hyphens split words, as the tokenizer does). */
  firstWords: Set<string>;
  /** The longest name, in tokens. */
  maxTokens: number;
}

const conflictCache = new WeakMap<Kb, ConflictIndex>();

/** The KB's conflicts, indexed once per KB (the KB is frozen and shared by every article). */
function conflictsOf(kb: Kb): ConflictIndex {
  let idx = conflictCache.get(kb);
  if (!idx) {
    const entries = [...kb.entries.values()].filter((e) => e.type === 'CONFLICT');
    const firstWords = new Set<string>();
    let maxTokens = 1;
    for (const e of entries) {
      for (const a of [e.name, ...e.aliases]) {
        const parts = aliasKey(a).split(/(\s+|-|')/).filter((p) => p.trim() !== '');
        if (parts[0]) firstWords.add(parts[0]);
        maxTokens = Math.max(maxTokens, parts.length);
      }
    }
    idx = { entries, firstWords, maxTokens };
    conflictCache.set(kb, idx);
  }
  return idx;
}

function years(from: string, to: string): number {
  return (Date.parse(to) - Date.parse(from)) / YEAR_MS;
}

function fits(ctx: CheckContext, claim: Claim, f: number): boolean {
  const tol = ctx.lex.temporal.tolerance;
  if (claim.kind === 'ordinal') return f >= claim.n - 1 - tol.ordinal && f < claim.n + tol.ordinal;
  if (claim.kind === 'count') return f >= claim.n - tol.count && f < claim.n + 1;
  return Math.abs(f - claim.n) <= tol.anniversary;
}

export function ordinal(n: number): string {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
}

function judge(ctx: CheckContext, claim: Claim, ev: EventHit, toks: readonly Token[]): FindingDraft | null {
  const first = Math.max(0, Math.min(claim.first, ev.first));
  const last = Math.min(toks.length, Math.max(claim.last, ev.last));
  const phrase = ctx.text.slice(toks[first]!.start, toks[last - 1]!.end);
  const evidence: Span[] = [{ start: toks[first]!.start, end: toks[last - 1]!.end, text: phrase }];
  if (!ctx.published) {
    return {
      rule: RULE,
      severity: 'info',
      message: `The article says ${q(phrase)}, but it has no publication date, so the claim could not be checked (give one with --published).`,
      evidence,
    };
  }
  const date = ctx.published;
  const counts: string[] = [];
  for (const e of ev.entries) {
    const start = dateFirst(e.start!);
    const until = claim.kind === 'ordinal' && e.end && dateLast(e.end) < date ? dateLast(e.end) : date;
    const f = years(start, until);
    if (f < 0) continue;
    if (fits(ctx, claim, f)) return null;
    const n = claim.kind === 'ordinal' ? `in its ${ordinal(Math.floor(f) + 1)} year` : `${Math.floor(f)} years on`;
    counts.push(`counting from ${e.start} (${e.name}) it was ${n}`);
  }
  if (counts.length === 0) return null;
  return {
    rule: RULE,
    severity: 'medium',
    message: `The article says ${q(phrase)}, but on ${date} ${joinAnd(counts)}.`,
    evidence,
  };
}

function joinAnd(xs: string[]): string {
  return xs.length <= 1 ? xs.join('') : `${xs.slice(0, -1).join('; ')}; and ${xs[xs.length - 1]}`;
}
