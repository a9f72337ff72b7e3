/**
 * headline-misattribution: the headline gives a quotation to one person, the body gives the same
 * (or nearly the same) words to someone else. Says how the two relate when the article or the KB
 * knows ("his press secretary"), because that is usually how the slip happened.
 */
import type { Entity, Mention, SourceSpan } from '../types.js';
import { aliasKey } from '../kb/normalise.js';
import { displayName, orgName, possessive, sentenceAt, sourceEntity, surname, type CheckContext, type FindingDraft } from './context.js';
import { bodyQuotes, headlineQuotes, rankMatches, type Quote } from './quotes.js';
import { sameWords } from './quote-align.js';

export const RULE = 'headline-misattribution';

const PRONOUNS = new Set(['he', 'she', 'they', 'it', 'we', 'i', 'him', 'her', 'them']);

/** Whether two sources are the same speaker: same entity, else the same surname. */
export function sameSpeaker(ctx: CheckContext, a: SourceSpan, b: SourceSpan): boolean | null {
  const ea = sourceEntity(ctx, a);
  const eb = sourceEntity(ctx, b);
  if (ea && eb) return ea.id === eb.id;
  const an = displayName(ctx, a);
  const bn = displayName(ctx, b);
  if (PRONOUNS.has(an.toLowerCase()) || PRONOUNS.has(bn.toLowerCase())) return null;
  return surnameKey(an) === surnameKey(bn);
}

function surnameKey(name: string): string {
  return aliasKey(surname(name.replace(/['\u2019]s$/i, '')));
}

export function headlineMisattribution(ctx: CheckContext): FindingDraft[] {
  const out: FindingDraft[] = [];
  const heads = headlineQuotes(ctx);
  if (heads.length === 0) return out;
  const body = bodyQuotes(ctx).filter((q) => q.source !== null);
  for (const head of heads) {
    const a = head.source;
    if (!a || head.words.length < 3) continue;
    const matches = rankMatches(head, body).filter((m) => sameWords(head.words, m.sim));
    if (matches.length === 0) continue;
    // Any body quote giving these words to the headline's speaker settles it.
    const verdicts = matches.map((m) => sameSpeaker(ctx, a, m.quote.source!));
    if (verdicts.some((v) => v !== false)) continue;
    const best = matches[0]!.quote;
    out.push(finding(ctx, head, a, best, best.source!));
  }
  return out;
}

function finding(ctx: CheckContext, head: Quote, a: SourceSpan, body: Quote, b: SourceSpan): FindingDraft {
  const aName = displayName(ctx, a);
  const bName = displayName(ctx, b);
  const rel = relation(ctx, a, b, surname(aName));
  const who = rel ? `${bName}, ${rel}` : bName;
  return {
    rule: RULE,
    severity: 'high',
    message: `The headline puts these words in ${possessive(aName)} mouth; the body attributes them to ${who}.`,
    evidence: [a, ...head.spans, b, ...body.spans].map((s) => ({ start: s.start, end: s.end, text: s.text })),
  };
}

/**
 * How B relates to A, as words to put after B's name: the article's own ("Putin's press secretary,
 * Peskov" -> "Putin's press secretary"), else the KB's roles on the date.
 */
function relation(ctx: CheckContext, a: SourceSpan, b: SourceSpan, aShort: string): string | null {
  const ea = sourceEntity(ctx, a);
  const eb = sourceEntity(ctx, b);
  if (ea && eb) {
    const fromText = appositionRole(ctx, ea, eb);
    if (fromText) return `${possessive(aShort)} ${fromText}`;
  }
  return kbRelation(ctx, ea, eb, aShort);
}

/**
 * "A's <role>, B" or "B, A's <role>" in one sentence: the role words between A's possessive and B
 * (or after A's possessive up to punctuation), kept only when short and lower-case.
 */
function appositionRole(ctx: CheckContext, ea: Entity, eb: Entity): string | null {
  const { doc } = ctx;
  const names = (e: Entity): Mention[] => e.mentions.filter((m) => m.kind === 'name' || m.kind === 'title');
  for (const mb of names(eb)) {
    if (mb.title) {
      // The mention stage already read the role phrase; it names A when A's mention lies inside it.
      const t = mb.title;
      const inside = ea.mentions.some((ma) => ma.id === t.of || (ma.start >= t.start && ma.end <= t.end));
      if (inside && t.role) return ctx.lex.officials.roleLabels.get(t.role) ?? null;
    }
    const sb = sentenceAt(doc, mb.start);
    for (const ma of ea.mentions) {
      if (!ma.possessive || sentenceAt(doc, ma.start) !== sb) continue;
      if (ma.end <= mb.start) {
        const words = roleWords(ctx, ma.last, mb.first);
        if (words) return words;
      } else if (mb.end <= ma.start) {
        const between = doc.tokens.slice(mb.last, ma.first).map((t) => t.norm);
        if (between.length === 1 && between[0] === ',') {
          const words = roleWords(ctx, ma.last, doc.sentences[sb]?.last ?? ma.last);
          if (words) return words;
        }
      }
    }
  }
  return null;
}

/** Lower-case nouns/adjectives from token `from` up to `to` or the first punctuation: "press secretary". */
function roleWords(ctx: CheckContext, from: number, to: number): string | null {
  const toks = ctx.doc.tokens;
  let i = from;
  if (toks[i] && /^'s?$/.test(toks[i]!.norm)) i++;
  const words: string[] = [];
  for (; i < to && i < toks.length; i++) {
    const t = toks[i]!;
    if (t.pos === 'PUNCT') break;
    if (!(t.pos === 'NOUN' || t.pos === 'ADJ') || t.text !== t.text.toLowerCase()) return null;
    words.push(t.text);
    if (words.length > 4) return null;
  }
  return words.length > 0 ? words.join(' ') : null;
}

const HEAD_ROLES = new Set(['head-of-state', 'head-of-government']);

/**
 * From the KB: B serves the country or organisation A heads ("Putin's press secretary"), or B simply
 * holds a post there ("Russia's foreign minister").
 */
function kbRelation(ctx: CheckContext, ea: Entity | undefined, eb: Entity | undefined, aShort: string): string | null {
  const ka = ea?.kb ? ctx.kb.get(ea.kb.id) : undefined;
  const kbb = eb?.kb ? ctx.kb.get(eb.kb.id) : undefined;
  if (!ka || !kbb) return null;
  const aRoles = ctx.kb.rolesOn(ka, ctx.asOf).filter((r) => r.role !== 'phoenix');
  const headed = new Set(aRoles.filter((r) => HEAD_ROLES.has(r.role)).map((r) => r.org));
  const aOrgs = new Set(aRoles.map((r) => r.org));
  const bRoles = ctx.kb.rolesOn(kbb, ctx.asOf).filter((r) => r.role !== 'phoenix' && aOrgs.has(r.org));
  const label = (role: string, title: string): string => ctx.lex.officials.roleLabels.get(role) ?? title;
  const serving = bRoles.find((r) => headed.has(r.org) && !HEAD_ROLES.has(r.role));
  if (serving) return `${possessive(aShort)} ${label(serving.role, serving.title)}`;
  const other = bRoles[0];
  return other ? `${possessive(orgName(ctx, other.org))} ${label(other.role, other.title)}` : null;
}
