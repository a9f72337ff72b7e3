/**
 * Stage 5, attribution: who said what — direct, indirect and mixed quotes.
 */
import type { Doc } from '../types.js';
import type { Resources } from '../resources.js';

export function attributionStage(doc: Doc, _res: Resources): Doc {
  return { ...doc, attributions: [] };
}
