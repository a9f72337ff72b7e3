/**
 * A mention before ids are given out (ids follow text order, known only once every kind is found).
 */
import type { Mention, TitlePhrase } from '../types.js';

export interface TitleDraft extends Omit<TitlePhrase, 'of'> {
  /** The possessor's mention, turned into its id at the end. */
  ofDraft: Draft | undefined;
}

/**
 * The mention to be: `id` is '' until the drafts are numbered in text order, and then the draft
 * itself is the mention (its fields are already in the mention's order, `id` first).
 */
export interface Draft extends Omit<Mention, 'title'> {
  title: TitleDraft | undefined;
}
