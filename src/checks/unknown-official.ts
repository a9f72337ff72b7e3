/**
 * unknown-official: the article gives someone a national post, and the KB knows neither the person
 * nor anyone holding that post on the date, so the title cannot be checked. Low for the senior posts
 * (head of state or government, core ministers, chief of staff), info for the rest.
 */
import type { CheckContext, FindingDraft } from './context.js';
import { officialVerdicts, onDate, postName } from './officials.js';

export const RULE = 'unknown-official';

export function unknownOfficial(ctx: CheckContext): FindingDraft[] {
  const out: FindingDraft[] = [];
  for (const v of officialVerdicts(ctx)) {
    if (v.person || v.holders.length > 0) continue;
    out.push({
      rule: RULE,
      severity: ctx.lex.officials.seniorRoles.has(v.role) ? 'low' : 'info',
      message: `The article calls ${v.name} ${postName(ctx, v.role, v.org)}, but the knowledge base knows neither this person nor who held that post ${onDate(ctx)}, so the title could not be checked.`,
      evidence: v.evidence,
    });
  }
  return out;
}
