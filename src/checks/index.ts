/**
 * Stage 7, checks: findings — rule id, severity, one plain sentence, evidence spans.
 */
import type { Doc } from '../types.js';
import type { Resources } from '../resources.js';

export function checksStage(doc: Doc, _res: Resources): Doc {
  return { ...doc, findings: [] };
}
