/**
 * role-holder-mismatch: the article gives someone a post that, on the publication date, the KB says
 * someone else held (or that this person held only at another time). When the name is a likely
 * variant spelling of the holder's, the message says so and the severity drops.
 */
import { q, type CheckContext, type FindingDraft } from './context.js';
import { officialVerdicts, onDate, postName, termText, type OfficialVerdict } from './officials.js';

export const RULE = 'role-holder-mismatch';

export function roleHolderMismatch(ctx: CheckContext): FindingDraft[] {
  const out: FindingDraft[] = [];
  for (const v of officialVerdicts(ctx)) {
    const f = v.holders.length > 0 ? heldBySomeoneElse(ctx, v) : v.otherTerms.length > 0 ? heldAtAnotherTime(ctx, v) : null;
    if (f) out.push(f);
  }
  return out;
}

function heldBySomeoneElse(ctx: CheckContext, v: OfficialVerdict): FindingDraft {
  const post = postName(ctx, v.role, v.org);
  const top = v.holders[0]!;
  const holder = top.entry.name;
  const lead = `The article calls ${v.name} ${post}`;
  if (!v.person && top.score >= ctx.lex.officials.variantThreshold) {
    return {
      rule: RULE,
      severity: 'low',
      message: `${lead}; ${q(v.name)} may be a variant spelling of ${holder}, who held the post ${onDate(ctx)}.`,
      evidence: v.evidence,
    };
  }
  const others = v.holders.length > 1 ? ` (and ${v.holders.slice(1).map((h) => h.entry.name).join(', ')})` : '';
  const why = v.person
    ? v.otherTerms.length > 0
      ? `${v.person.name} held it ${v.otherTerms.map(termText).join(', ')}`
      : `the knowledge base lists ${v.person.name} without that post then`
    : top.sharesPart
      ? `${v.name} shares part of the name but is not a spelling of it`
      : `the knowledge base has no record of ${v.name}`;
  return {
    rule: RULE,
    severity: 'medium',
    message: `${lead}, but ${onDate(ctx)} the post was held by ${holder}${others}; ${why}.`,
    evidence: v.evidence,
  };
}

function heldAtAnotherTime(ctx: CheckContext, v: OfficialVerdict): FindingDraft {
  const terms = v.otherTerms.map(termText).join(', ');
  return {
    rule: RULE,
    severity: 'medium',
    message: `The article calls ${v.name} ${postName(ctx, v.role, v.org)}, but ${v.person?.name ?? v.name} held that post ${terms}, not ${onDate(ctx)}.`,
    evidence: v.evidence,
  };
}
