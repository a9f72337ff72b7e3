/**
 * A mention before ids are given out (ids follow text order, known only once every kind is found).
 */
import type { Mention, TitlePhrase } from '../types.js';

export interface TitleDraft extends Omit<TitlePhrase, 'of'> {
  /** The possessor's mention, turned into its id at the end. */
  ofDraft?: Draft;
}

export interface Draft extends Omit<Mention, 'id' | 'title'> {
  title?: TitleDraft;
}
