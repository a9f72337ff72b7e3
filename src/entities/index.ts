/**
 * Stage 4, entities: mentions grouped by coreference and linked to the knowledge base.
 */
import type { Doc } from '../types.js';
import type { Resources } from '../resources.js';

export function entitiesStage(doc: Doc, _res: Resources): Doc {
  return { ...doc, entities: [] };
}
