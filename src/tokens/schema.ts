/**
 * The format of the part-of-speech model (data/models/pos.json, written by scripts/train-pos.ts): a
 * zod schema from which the loader's type is derived. The loader trusts the shipped file and imports
 * only the type (test/data-files.test.ts validates it), so an analysis does not load zod.
 */
import { z } from 'zod';

/** The model file: int16 weights (scaled), deflated, base64. */
export const posFileSchema = z.object({
  schema: z.literal('wiretrace.pos/1'),
  about: z.string(),
  tags: z.array(z.string()),
  bits: z.number().int().min(10).max(24),
  features: z.number().int(),
  /** Words wink always tags alike (as written): tagged from here, without the perceptron. */
  words: z.record(z.string(), z.number().int().min(0)),
  /** Ambiguity classes: int32 pairs (lower-case word hash, tag bits), base64. */
  classes: z.string(),
  weights: z.string(),
});

export type PosFile = z.infer<typeof posFileSchema>;
