/**
 * vague-source: claims whose source the reader cannot check. Three shapes, each found on the
 * sentence's tokens (so they are caught whether or not the attribution stage made an attribution):
 *   unnamed sources   "Analysts suggest", "sources said", "a person familiar with the talks said"
 *   agentless passive "has been interpreted as", "is believed to", "it is said that" (no "by …")
 *   evidentials       "reportedly", "allegedly", "according to reports"
 * A named affiliation ("analysts at RUSI", "Reuters sources") is a source, not a vague one.
 */
import type { Token } from '../types.js';
import { aliasKey } from '../kb/normalise.js';
import { q, tokensOfSentence, type CheckContext, type FindingDraft } from './context.js';

export const RULE = 'vague-source';

const AUX = new Set(['has', 'have', 'had', 'will', 'would', 'may', 'might', 'could', 'can', 'should', 'must']);

type VagueLexicon = CheckContext['lex']['vague'];
const startersCache = new WeakMap<VagueLexicon, ReadonlySet<string>>();
/**
 * Every word a finding can be anchored on (a report phrase's first word, a source noun, a passive
 * participle, an evidential adverb): one look-up per token instead of six, since most tokens are none.
 */
function startersOf(v: VagueLexicon): ReadonlySet<string> {
  let s = startersCache.get(v);
  if (!s) {
    s = new Set([
      ...v.unnamedReportPhrases.keys(),
      ...v.unnamedNouns,
      ...v.modifiedOnlyNouns,
      ...v.singularNouns,
      ...v.agentlessPassives.keys(),
      ...v.evidentialAdverbs,
    ]);
    startersCache.set(v, s);
  }
  return s;
}

export function vagueSource(ctx: CheckContext): FindingDraft[] {
  const out: FindingDraft[] = [];
  const taken: [number, number][] = [];
  const add = (toks: readonly Token[], a: number, b: number, severity: 'medium' | 'low', message: (p: string) => string): void => {
    const start = toks[a]!.start;
    const end = toks[b - 1]!.end;
    if (taken.some(([s, e]) => start < e && end > s)) return;
    taken.push([start, end]);
    const text = ctx.text.slice(start, end);
    out.push({ rule: RULE, severity, message: message(text), evidence: [{ start, end, text }] });
  };
  const starters = startersOf(ctx.lex.vague);
  for (let si = 0; si < ctx.doc.sentences.length; si++) {
    const toks = tokensOfSentence(ctx, si);
    for (let i = 0; i < toks.length; i++) {
      if (!starters.has(toks[i]!.norm)) continue;
      const phrase = reportPhrase(ctx, toks, i);
      if (phrase > 0) {
        add(toks, i, i + phrase, 'medium', (p) => `${q(p)} does not say whose reports or which sources; the reader cannot check them.`);
        continue;
      }
      const unnamed = unnamedSource(ctx, toks, i);
      if (unnamed) {
        add(toks, unnamed[0], unnamed[1], 'medium', (p) => `The claim rests on unnamed sources (${q(p)}): the article does not name them or say where they work.`);
        continue;
      }
      const passive = agentlessPassive(ctx, toks, i);
      if (passive) {
        add(toks, passive[0], passive[1], 'low', (p) => `${q(p)} does not say by whom: the reading is given no named source.`);
        continue;
      }
      if (ctx.lex.vague.evidentialAdverbs.has(toks[i]!.norm)) {
        add(toks, i, i + 1, 'low', (p) => `${q(p)} passes on a claim without saying who made it.`);
      }
    }
  }
  return out;
}

/** "according to reports", "according to unconfirmed reports" …: the length in tokens, or 0. */
function reportPhrase(ctx: CheckContext, toks: readonly Token[], i: number): number {
  const phrases = ctx.lex.vague.unnamedReportPhrases.get(toks[i]!.norm);
  if (!phrases) return 0;
  for (const p of phrases) {
    if (p.every((w, k) => toks[i + k]?.norm === w)) {
      // "according to reports by the BBC" names them.
      const after = toks[i + p.length];
      if (after && (after.norm === 'by' || after.norm === 'from' || after.norm === 'in') && isNamed(ctx, toks[i + p.length + 1], toks[i + p.length + 2])) return 0;
      return p.length;
    }
  }
  return 0;
}

/** A proper name that is not just a nationality ("Western", "Ukrainian"): a named affiliation. */
function isNamed(ctx: CheckContext, t: Token | undefined, t2?: Token): boolean {
  if (!t) return false;
  if (t.norm === 'the' && t2) return isNamed(ctx, t2);
  if (t.pos !== 'PROPN') return false;
  return !isNationality(ctx, t);
}

/** "Russian", "Chinese", "Israeli": from the KB's adjectives, else by the usual English endings. */
function isNationality(ctx: CheckContext, t: Token): boolean {
  if (ctx.kb.adjectives.has(t.norm) || ctx.kb.adjectives.has(aliasKey(t.text))) return true;
  return t.text !== t.text.toUpperCase() && /(an|ese|ish|i)$/.test(t.norm);
}

/** Token range of an unnamed source followed by a saying verb, or null. */
function unnamedSource(ctx: CheckContext, toks: readonly Token[], i: number): [number, number] | null {
  const v = ctx.lex.vague;
  const t = toks[i]!;
  const plural = v.unnamedNouns.has(t.norm);
  const modifiedOnly = v.modifiedOnlyNouns.has(t.norm);
  if (!plural && !modifiedOnly && !v.singularNouns.has(t.norm)) return null;
  // A singular one needs "a"/"one"/"another", perhaps with modifiers between: "a senior Western official".
  let det = i - 1;
  while (det >= 0 && det >= i - 3 && (v.genericModifiers.has(toks[det]!.norm) || isNationality(ctx, toks[det]!))) det--;
  const singular = v.singularNouns.has(t.norm) && det >= 0 && v.singularDeterminers.has(toks[det]!.norm);
  if (!plural && !singular && !modifiedOnly) return null;
  const next = toks[i + 1];
  if (!next) return null;
  const loose = v.looseModifiers.has(next.norm) || (next.norm === ',' && v.looseModifiers.has(toks[i + 2]?.norm ?? ''));
  if (modifiedOnly && !plural && !singular && !loose) return null;
  // "some"/"many"/"others" are sources only on their own ("Some argue"), not as determiners ("some analysts").
  if (plural && (t.norm === 'some' || t.norm === 'many' || t.norm === 'others') && next.pos !== 'VERB') return null;
  // Words before it: "Western", "Ukrainian", "senior" leave it unnamed; a name ("RUSI analysts",
  // "Kremlin sources", "Russia's analysts") is an affiliation.
  let first = singular ? det : i;
  for (let k = first - 1; k >= 0 && k >= i - 4; k--) {
    const p = toks[k]!;
    if (v.genericModifiers.has(p.norm) || isNationality(ctx, p) || (p.pos === 'ADJ' && !isNamed(ctx, p))) {
      first = k;
      continue;
    }
    if (p.norm === "'s" || isNamed(ctx, p)) return null;
    break;
  }
  // "analysts at the Royal United Services Institute" names them.
  if (v.affiliationPrepositions.has(next.norm) && isNamed(ctx, toks[i + 2], toks[i + 3])) return null;
  const accordingTo = toks[first - 2]?.norm === 'according' && toks[first - 1]?.norm === 'to';
  // "people familiar with the matter", "a source close to the Kremlin", "an official, speaking on
  // condition of anonymity,": read on to the verb (or, after "according to", to the end of the phrase).
  if (loose) {
    let k = i + 1;
    while (k < toks.length && k <= i + 12 && !v.sayingVerbs.has(toks[k]!.norm) && !(accordingTo && /^[,.;:]$/.test(toks[k]!.norm) && k > i + 2)) {
      // A quote mark or the end of a clause: the verb further on is someone else's.
      if (/^['".;:!?]$/.test(toks[k]!.norm)) return accordingTo && k > i + 2 ? [first - 2, k] : null;
      k++;
    }
    if (k >= toks.length || k > i + 12) return accordingTo && k > i + 2 ? [first - 2, Math.min(k, toks.length)] : null;
    return accordingTo ? [first - 2, k] : [first, k + 1];
  }
  if (accordingTo) return [first - 2, i + 1];
  let j = i + 1;
  while (j < toks.length && j <= i + 3 && v.betweenWords.has(toks[j]!.norm)) j++;
  const verb = toks[j];
  if (!verb || !v.sayingVerbs.has(verb.norm)) return null;
  // "point" only as "point out".
  if (verb.norm.startsWith('point') && toks[j + 1]?.norm !== 'out') return null;
  return [first, j + 1];
}

/** "has been interpreted as", "is believed to", "it is said that" with no "by" after: token range, or null. */
function agentlessPassive(ctx: CheckContext, toks: readonly Token[], i: number): [number, number] | null {
  const v = ctx.lex.vague;
  const next = v.agentlessPassives.get(toks[i]!.norm);
  if (!next) return null;
  // A form of "be" before the participle, adverbs allowed between.
  let k = i - 1;
  while (k >= 0 && v.passiveAdverbs.has(toks[k]!.norm)) k--;
  if (k < 0 || !v.beForms.has(toks[k]!.norm)) return null;
  const aux = (w: string): boolean => v.beForms.has(w) || v.passiveAdverbs.has(w) || AUX.has(w);
  while (k > 0 && aux(toks[k - 1]!.norm)) k--;
  const after = toks[i + 1];
  const afterNorm = after ? after.norm : '.';
  if (next.size > 0 && !next.has(afterNorm)) return null;
  // An agent anywhere in the next few words: "was described as reckless by the minister".
  for (let j = i + 1; j < toks.length && j <= i + 8; j++) if (toks[j]!.norm === 'by') return null;
  const end = after && next.has(afterNorm) && after.pos !== 'PUNCT' ? i + 2 : i + 1;
  return [k, end];
}
