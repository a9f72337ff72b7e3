/**
 * Stage 7, checks: findings — rule id, severity, one plain sentence, evidence spans.
 * The rules run in a fixed order and the findings are numbered f1, f2 … in that order. A rule never
 * throws: one that fails on odd input is skipped for this article, and the others still run.
 */
import type { Doc, Finding } from '../types.js';
import type { Resources } from '../resources.js';
import { makeContext, type CheckContext, type FindingDraft } from './context.js';
import { headlineMisattribution } from './headline-misattribution.js';
import { headlineQuoteAltered } from './headline-quote-altered.js';
import { roleHolderMismatch } from './role-holder-mismatch.js';
import { unknownOfficial } from './unknown-official.js';
import { temporalClaim } from './temporal-claim.js';
import { vagueSource } from './vague-source.js';
import { unattributedClaim } from './unattributed-claim.js';

export type Rule = (ctx: CheckContext) => FindingDraft[];

export const RULES: readonly (readonly [string, Rule])[] = [
  ['headline-misattribution', headlineMisattribution],
  ['headline-quote-altered', headlineQuoteAltered],
  ['role-holder-mismatch', roleHolderMismatch],
  ['unknown-official', unknownOfficial],
  ['temporal-claim', temporalClaim],
  ['vague-source', vagueSource],
  ['unattributed-claim', unattributedClaim],
];

export interface ChecksOptions {
  /** The date roles are checked on when the article has none (ISO); defaults to today. */
  today?: string;
  /** Told about a rule that threw (tests make this fail loudly); by default the rule is skipped quietly. */
  onError?: (rule: string, err: unknown) => void;
}

export function runChecks(doc: Doc, res: Resources, opts: ChecksOptions = {}): Finding[] {
  const today = opts.today ?? new Date().toISOString().slice(0, 10);
  let ctx: CheckContext;
  try {
    ctx = makeContext(doc, res, today);
  } catch (err) {
    opts.onError?.('context', err);
    return [];
  }
  const drafts: FindingDraft[] = [];
  for (const [name, rule] of RULES) {
    try {
      drafts.push(...rule(ctx));
    } catch (err) {
      // A rule that fails on odd input yields nothing for this article; the others still run.
      opts.onError?.(name, err);
    }
  }
  return drafts.map((d, k) => ({ id: `f${k + 1}`, ...d }));
}

export function checksStage(doc: Doc, res: Resources): Doc {
  return { ...doc, findings: runChecks(doc, res) };
}
