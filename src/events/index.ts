/**
 * Stage 6, events: who did what to whom (CAMEO). Empty until the event coder lands.
 */
import type { Doc } from '../types.js';
import type { Resources } from '../resources.js';

export function eventsStage(doc: Doc, _res: Resources): Doc {
  return { ...doc, events: [] };
}
