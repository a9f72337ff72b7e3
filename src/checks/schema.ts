/**
 * The formats of the checks' word lists (data/checks/*.json), one zod schema each, from which the
 * loader's types are derived; data/roles.json is src/mentions/schema.ts's. The loader trusts the
 * shipped files and imports only these types (test/data-files.test.ts validates every shipped file
 * with its schema), so an analysis does not load zod.
 */
import { z } from 'zod';

const words = z.array(z.string().min(1));
const about = { _about: z.string().optional(), sources: words.min(1) };

export const quotesFileSchema = z.object({ ...about, filler: words, negations: words }).passthrough();

export const vagueFileSchema = z
  .object({
    ...about,
    unnamedNouns: words,
    singularNouns: words,
    singularDeterminers: words,
    modifiedOnlyNouns: words,
    genericModifiers: words,
    sayingVerbs: words,
    betweenWords: words,
    affiliationPrepositions: words,
    looseModifiers: words,
    beForms: words,
    passiveAdverbs: words,
    agentlessPassives: z.array(z.object({ participle: z.string().min(1), next: z.array(z.string()) })),
    evidentialAdverbs: words,
    unnamedReportPhrases: words,
  })
  .passthrough();

export const temporalFileSchema = z
  .object({
    ...about,
    ordinals: z.record(z.string(), z.number().int().positive()),
    cardinals: z.record(z.string(), z.number().int().positive()),
    yearWords: words,
    ordinalYearLeads: words,
    possessives: words,
    countLinks: words,
    repeatMarkers: words,
    anniversaryWords: words,
    genericEventNouns: words,
    maxWordsToEvent: z.number().int().positive(),
    toleranceYears: z.object({ ordinal: z.number().min(0), count: z.number().min(0), anniversary: z.number().min(0) }),
  })
  .passthrough();

export const officialsFileSchema = z
  .object({
    ...about,
    singleHolderRoles: words,
    seniorRoles: words,
    titleQualifiers: words,
    variantThreshold: z.number().min(0).max(1),
  })
  .passthrough();

export const unattributedFileSchema = z
  .object({ ...about, countNouns: words, numberWords: words, intentPhrases: words, hedges: words, attributionCues: words })
  .passthrough();

export type QuotesFile = z.infer<typeof quotesFileSchema>;
export type VagueFile = z.infer<typeof vagueFileSchema>;
export type TemporalFile = z.infer<typeof temporalFileSchema>;
export type OfficialsFile = z.infer<typeof officialsFileSchema>;
export type UnattributedFile = z.infer<typeof unattributedFileSchema>;
