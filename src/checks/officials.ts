/**
 * People the article gives a post ("North Korean Defence Minister General X"), checked against the
 * KB's dated roles on the publication date. Both role rules read these verdicts: a mismatch when the
 * KB knows who held the post, an unknown official when it knows neither the person nor the holder.
 */
import type { Entity, Mention, Span, TitlePhrase } from '../types.js';
import type { KbEntry, KbRoleEntry } from '../kb/index.js';
import { aliasKey } from '../kb/normalise.js';
import type { CheckContext } from './context.js';
import { compareNames } from './names.js';

export interface HolderMatch {
  entry: KbEntry;
  role: KbRoleEntry;
  /** How close the article's name is to this holder's (1 = same spelling skeleton). */
  score: number;
  sharesPart: boolean;
}

export interface OfficialVerdict {
  entity: Entity;
  mention: Mention;
  title: TitlePhrase;
  /** The name as the article writes it, ranks and titles stripped. */
  name: string;
  role: string;
  org: string;
  /** The KB entry for this person, when the article's name is one of its names. */
  person: KbEntry | null;
  /** The person's own records of this post at other times. */
  otherTerms: KbRoleEntry[];
  /** Who held the post on the date, by the KB (never the person). */
  holders: HolderMatch[];
  evidence: Span[];
}

const cache = new WeakMap<CheckContext, OfficialVerdict[]>();

/** Verdicts for titled people whose post is at odds with the KB or unknown to it; consistent ones are left out. */
export function officialVerdicts(ctx: CheckContext): OfficialVerdict[] {
  const hit = cache.get(ctx);
  if (hit) return hit;
  const out: OfficialVerdict[] = [];
  const seen = new Set<string>();
  for (const entity of ctx.doc.entities) {
    if (entity.type !== 'PERSON') continue;
    for (const m of entity.mentions) {
      const v = m.kind === 'name' && m.title ? verdict(ctx, entity, m, m.title) : null;
      if (!v) continue;
      const key = `${entity.id}|${v.role}|${v.org}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(v);
    }
  }
  cache.set(ctx, out);
  return out;
}

function verdict(ctx: CheckContext, entity: Entity, m: Mention, t: TitlePhrase): OfficialVerdict | null {
  const o = ctx.lex.officials;
  if (!t.role || !t.org) return null;
  // Deputies are many at once: "not in the KB" says nothing about them, so only single posts are checked.
  if (t.deputy && !t.role.startsWith('deputy')) return null;
  if (!o.singleHolderRoles.has(t.role)) return null;
  if (qualified(ctx, t)) return null;
  const name = bestName(ctx, entity, m);
  if (!name) return null;
  const person = kbPerson(ctx, entity, name);
  if (person && ctx.kb.rolesOn(person, ctx.asOf).some((r) => r.role === t.role && r.org === t.org)) return null;
  const otherTerms = person ? (person.roles ?? []).filter((r) => r.role === t.role && r.org === t.org) : [];
  const holders: HolderMatch[] = [];
  for (const h of ctx.kb.holdersOf(t.role, t.org, ctx.asOf)) {
    const entry = ctx.kb.get(h.id);
    if (!entry || entry === person) continue;
    let best = { score: 0, sharesPart: false };
    for (const n of [entry.name, ...entry.aliases]) {
      const c = compareNames(name, n);
      if (c.score > best.score || (c.score === best.score && c.sharesPart)) best = c;
    }
    holders.push({ entry, role: h.role, ...best });
  }
  holders.sort((a, b) => b.score - a.score);
  // The same name in another spelling scheme ("Ro Kwang Chol") is the holder: nothing to report.
  if (!person && holders[0] && holders[0].score >= 1) return null;
  return { entity, mention: m, title: t, name, role: t.role, org: t.org, person, otherTerms, holders, evidence: evidence(ctx, m, t) };
}

/** "former", "acting", "then-", "-elect" … in or just before the title: not about the present holder. */
function qualified(ctx: CheckContext, t: TitlePhrase): boolean {
  const q = ctx.lex.officials.titleQualifiers;
  const toks = ctx.doc.tokens;
  const first = toks.findIndex((k) => k.end > t.start);
  if (first < 0) return false;
  const from = Math.max(0, first - 3);
  for (let i = from; i < toks.length && toks[i]!.start < t.end; i++) {
    const w = toks[i]!.norm;
    if (q.has(w) || w.split('-').some((p) => q.has(p))) return true;
  }
  return false;
}

/** The fullest name the article gives this person, ranks and honorifics removed. */
function bestName(ctx: CheckContext, entity: Entity, m: Mention): string {
  let best = '';
  for (const x of [m, ...entity.mentions.filter((k) => k.kind === 'name')]) {
    let start = x.start;
    if (x.title && x.title.end > start && x.title.start <= start) start = Math.min(x.title.end, x.end);
    const words = ctx.text.slice(start, x.end).replace(/['\u2019]s$/, '').split(/\s+/).filter((w) => w.length > 0);
    while (words.length > 1 && ctx.lex.officials.nameNoise.has(words[0]!.toLowerCase())) words.shift();
    const name = words.join(' ');
    if (name.length > best.length) best = name;
  }
  return best;
}

/**
 * The KB person this is, if the article's name is one of theirs: a link made by the entity stage is
 * trusted only when the names agree (a link made from the title alone would hide the very mismatch
 * this rule looks for); otherwise a person with exactly this name.
 */
function kbPerson(ctx: CheckContext, entity: Entity, name: string): KbEntry | null {
  const agrees = (e: KbEntry): boolean =>
    [e.name, ...e.aliases].some((n) => aliasKey(n) === aliasKey(name) || compareNames(name, n).score >= 1);
  const linked = entity.kb ? ctx.kb.get(entity.kb.id) : undefined;
  if (linked && linked.type === 'PERSON' && agrees(linked)) return linked;
  return ctx.kb.lookup(name).find((e) => e.type === 'PERSON') ?? null;
}

function evidence(ctx: CheckContext, m: Mention, t: TitlePhrase): Span[] {
  const text = ctx.text;
  const mk = (a: number, b: number): Span => ({ start: a, end: b, text: text.slice(a, b) });
  const gap = Math.max(t.start, m.start) - Math.min(t.end, m.end);
  if (gap <= 2) return [mk(Math.min(t.start, m.start), Math.max(t.end, m.end))];
  return t.start < m.start ? [mk(t.start, t.end), mk(m.start, m.end)] : [mk(m.start, m.end), mk(t.start, t.end)];
}

/** The words for a post: "North Korea's defence minister". */
export function postName(ctx: CheckContext, role: string, org: string): string {
  const label = ctx.lex.officials.roleLabels.get(role) ?? role.replace(/-/g, ' ');
  const e = ctx.kb.get(org.includes(':') ? org : `country:${org}`);
  const name = e?.name ?? org;
  // "the United States", "the Netherlands": country names that take an article.
  const owner = /^(United |Republic |Democratic |Netherlands|Philippines|Bahamas|Gambia)/.test(name) ? `the ${name}` : name;
  return `${owner}${/s$/.test(owner) ? "'" : "'s"} ${label}`;
}

/** "on 2025-07-01" or "today (2026-…; the article has no publication date)". */
export function onDate(ctx: CheckContext): string {
  return ctx.published ? `on ${ctx.published}` : `today (${ctx.asOf}; the article gives no publication date)`;
}

export function termText(r: KbRoleEntry): string {
  return `${r.from ?? '?'} to ${r.to ?? 'now'}`;
}

