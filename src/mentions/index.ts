/**
 * Stage 3, mentions: names of people, organisations, places and groups; role titles; pronouns.
 */
import type { Doc } from '../types.js';
import type { Resources } from '../resources.js';

export function mentionsStage(doc: Doc, _res: Resources): Doc {
  return { ...doc, mentions: [] };
}
