/**
 * unattributed-claim: a contested fact stated in the article's own voice. Deliberately narrow —
 * a noisy rule helps no one — it looks only at counts of troops or casualties ("2,000 troops",
 * "thousands of civilians") and at what a state intends ("Russia seeks to …", "in a bid to …"),
 * and only in body sentences that no attribution touches, with no hedge and no quotation.
 */
import type { Token } from '../types.js';
import { aliasKey } from '../kb/normalise.js';
import { inTitle, q, tokensOfSentence, type CheckContext, type FindingDraft } from './context.js';

export const RULE = 'unattributed-claim';

const ORG_KINDS_OF_STATE = new Set(['government', 'ministry', 'armed-forces', 'intelligence', 'military']);

export function unattributedClaim(ctx: CheckContext): FindingDraft[] {
  const out: FindingDraft[] = [];
  const { doc } = ctx;
  const u = ctx.lex.unattributed;
  doc.sentences.forEach((s, si) => {
    if (inTitle(doc, s) || ctx.attributedSentences.has(si)) return;
    const toks = tokensOfSentence(ctx, si);
    // Look for a claim first: most sentences have none, and the checks below cost more.
    const count = countClaim(ctx, toks);
    const found = count ?? intentClaim(ctx, toks);
    if (!found) return;
    if (toks.some((t) => u.attributionCues.has(t.norm) || u.hedges.has(t.norm) || ctx.lex.vague.evidentialAdverbs.has(t.norm))) return;
    const norm = doc.norm.slice(s.start, s.end);
    if (norm.includes('"') || /(^|\s)'|'(\s|[.,;:]|$)/.test(norm)) return;
    const start = toks[found[0]]!.start;
    const end = toks[found[1] - 1]!.end;
    const p = ctx.text.slice(start, end);
    out.push({
      rule: RULE,
      severity: 'low',
      message: count
        ? `A contested figure (${q(p)}) is stated as fact, and nothing in the sentence says who gives it.`
        : `What a state intends (${q(p)}) is stated as fact, and nothing in the sentence says who says so.`,
      evidence: [{ start, end, text: p }],
    });
  });
  return out;
}

function isCount(ctx: CheckContext, t: Token): boolean {
  if (ctx.lex.unattributed.numberWords.has(t.norm)) return true;
  const c = t.norm.charCodeAt(0);
  if (c < 48 || c > 57 || !/^\d[\d,.]*$/.test(t.norm)) return false;
  // Years are dates, not counts.
  return !/^(1[89]|20)\d\d$/.test(t.norm);
}

/** "2,000 troops", "thousands of North Korean soldiers": token range of number to noun, or null. */
function countClaim(ctx: CheckContext, toks: readonly Token[]): [number, number] | null {
  const nouns = ctx.lex.unattributed.countNouns;
  for (let i = 0; i < toks.length; i++) {
    if (!isCount(ctx, toks[i]!)) continue;
    for (let j = i + 1; j < toks.length && j <= i + 4; j++) {
      const t = toks[j]!;
      if (nouns.has(t.norm)) return [i, j + 1];
      const filler = t.norm === 'of' || t.norm === 'more' || t.norm === 'than' || t.pos === 'ADJ' || t.pos === 'PROPN' || t.pos === 'NUM' || t.norm === '-';
      if (!filler) break;
    }
  }
  return null;
}

/** An intent phrase in a sentence that names a state: token range of the phrase, or null. */
function intentClaim(ctx: CheckContext, toks: readonly Token[]): [number, number] | null {
  const intents = ctx.lex.unattributed.intentPhrases;
  for (let i = 0; i < toks.length; i++) {
    const ps = intents.get(toks[i]!.norm);
    if (!ps) continue;
    for (const p of ps) {
      if (!phraseAt(toks, i, p)) continue;
      if (namesState(ctx, toks)) return [i, i + p.length];
    }
  }
  return null;
}

/** The phrase's words are the tokens from `i` on (a loop, not a closure per token). */
function phraseAt(toks: readonly Token[], i: number, p: readonly string[]): boolean {
  for (let k = 0; k < p.length; k++) if (toks[i + k]?.norm !== p[k]) return false;
  return true;
}

function namesState(ctx: CheckContext, toks: readonly Token[]): boolean {
  const first = toks[0];
  const last = toks[toks.length - 1];
  if (!first || !last) return false;
  for (const m of ctx.doc.mentions) {
    if (m.start < first.start || m.end > last.end) continue;
    if (m.type === 'GPE') return true;
    const e = m.kb[0] ? ctx.kb.get(m.kb[0]) : undefined;
    if (m.type === 'ORG' && e?.orgKind && ORG_KINDS_OF_STATE.has(e.orgKind)) return true;
  }
  // Without a mentions layer: a capitalised word the KB knows as a place or a nationality.
  return toks.some((t) => {
    if (t.pos !== 'PROPN') return false;
    if (ctx.kb.adjectives.has(aliasKey(t.text))) return true;
    return ctx.kb.lookup(t.text).some((e) => e.type === 'GPE');
  });
}
