/**
 * The formats of the mentions stage's data files, one zod schema each, from which the loaders'
 * types are derived: data/roles.json (also read by the checks), data/mentions.json and the name
 * recogniser's data/models/ner.json. The loaders trust the shipped files and import only these
 * types (test/data-files.test.ts validates every shipped file with its schema), so an analysis does
 * not load zod.
 */
import { z } from 'zod';

/** data/roles.json: the role vocabulary (keys, display labels, title patterns), ranks and honorifics. */
export const rolesFileSchema = z.object({
  _about: z.string().optional(),
  roles: z.array(z.object({ key: z.string().min(1), label: z.string().min(1), patterns: z.array(z.string()) })),
  ranks: z.array(z.string().min(1)),
  honorifics: z.array(z.string().min(1)),
});

const entityType = z.enum(['PERSON', 'ORG', 'GPE', 'LOC', 'GROUP']);
/** data/mentions.json: pronouns, nominals and the other word lists of the mentions stage. */
export const mentionsFileSchema = z.object({
  pronouns: z.array(z.object({ words: z.array(z.string()), type: entityType })),
  firstPersonPlural: z.array(z.string()),
  nominals: z.array(z.object({ phrase: z.string(), type: entityType, determiner: z.boolean() })),
  notNames: z.array(z.string()),
  titleModifiers: z.object({ deputy: z.array(z.string()), other: z.array(z.string()) }),
  locationHeads: z.array(z.string()),
  nameParticles: z.array(z.string()),
});

/** data/models/ner.json: weights are little-endian int16, deflated, base64. */
export const nerModelFileSchema = z.object({
  schema: z.literal('wiretrace.ner/1'),
  about: z.string(),
  tags: z.array(z.string()),
  bits: z.number().int().min(10).max(24),
  /** Divide weights by this to get the trained values (only ratios matter when decoding). */
  scale: z.number().positive(),
  transitions: z.array(z.number()),
  commonLower: z.array(z.string()),
  weights: z.string(),
});

export type RolesFile = z.infer<typeof rolesFileSchema>;
export type MentionsFile = z.infer<typeof mentionsFileSchema>;
export type NerModelFile = z.infer<typeof nerModelFileSchema>;
