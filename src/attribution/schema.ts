/**
 * The formats of the attribution stage's data files (data/attribution/), one zod schema each, from
 * which the loaders' types are derived. The loaders trust the shipped files and import only these
 * types (test/data-files.test.ts validates every shipped file with its schema), so an analysis does
 * not load zod.
 */
import { z } from 'zod';

const countPair = z.tuple([z.number().int().nonnegative(), z.number().int().nonnegative()]);

/** cues.json: editorial verbs and phrases, and the thresholds for the learned ones. */
export const cuesSchema = z.object({
  _about: z.string(),
  thresholds: z.object({ wordPrecision: z.number(), wordMinCue: z.number(), phrasePrecision: z.number() }),
  verbs: z.array(z.string().min(1)),
  phrases: z.array(z.string().min(1)),
  sourceAfter: z.array(z.string().min(1)),
  headlineColon: z.boolean(),
});

/** cues.learned.json: counts learned from PolNeAR train by `npm run train`. */
export const learnedCuesSchema = z.object({
  _about: z.string(),
  /** "word/C" (C the coarse POS class) -> [times inside a cue, times seen]. */
  words: z.record(z.string(), countPair),
  /** "w1 w2 …" -> [times a cue, times seen]. */
  phrases: z.record(z.string(), countPair),
});

const packed = z.object({ bits: z.number().int().min(8).max(24), classes: z.number().int().min(2).max(8), slots: z.string(), values: z.string() });
// the end model (span-end.ts) ranks candidates with one score each
const packedOne = packed.extend({ classes: z.number().int().min(1).max(8) });

/** model.json: the learned taggers (model.ts). */
export const modelSchema = z.object({
  _about: z.string(),
  cue: packed,
  role: packed,
  confirm: packed.optional(),
  end: packedOne.optional(),
  start: packedOne.optional(),
  frame: packedOne.optional(),
  frameThreshold: z.number().optional(),
  near: z.object({ bound: z.number().positive(), threshold: z.number(), screen: z.number().optional() }).optional(),
});

const codes = z.record(z.string().regex(/^\d+$/), z.string());
/** wordclasses.json: WordNet lemmas by class code (wordclasses.ts). */
export const wordClassesSchema = z.object({ _about: z.string(), verb: codes, noun: codes, irregular: z.string() });

export type CuesFile = z.infer<typeof cuesSchema>;
export type LearnedCues = z.infer<typeof learnedCuesSchema>;
export type ModelFile = z.infer<typeof modelSchema>;
export type WordClassesFile = z.infer<typeof wordClassesSchema>;
