/**
 * The knowledge-base file format: one zod schema, from which the entry types are derived.
 * A KB file is JSON: `{ "entries": [ … ] }` (see docs/kb.md). `--kb FILE` files use the same format;
 * an entry whose id already exists replaces it. Imported only where a file is validated (user
 * files, tests, scripts): the run-time code imports the types alone, so a plain analysis never loads zod.
 */
import { z } from 'zod';
import { dateFirst, dateLast } from './dates.js';

const isoDate = z
  .string()
  .regex(/^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/, 'a date as YYYY, YYYY-MM or YYYY-MM-DD');

export { dateFirst, dateLast } from './dates.js';

/** The id namespaces and the entry types each may hold. */
export const ID_NAMESPACES: Readonly<Record<string, readonly string[]>> = {
  person: ['PERSON'],
  org: ['ORG', 'GROUP'],
  group: ['GROUP', 'ORG'],
  country: ['GPE'],
  region: ['GPE'],
  city: ['GPE'],
  place: ['LOC', 'GPE'],
  conflict: ['CONFLICT'],
};

export const roleSchema = z.strictObject({
  /** Display title: "Press Secretary of the President of Russia". */
  title: z.string().min(1),
  /** Role key from the vocabulary in data/roles.json: "head-of-state", "defence-minister" …; "phoenix" for a dated actor code from the Phoenix dictionaries. */
  role: z.string().min(1),
  /** The country (ISO 3166 alpha-3) or organisation KB id the role belongs to. */
  org: z.string().min(1),
  from: isoDate.nullable(),
  to: isoDate.nullable(),
  /** CAMEO code that goes with the role while it is held, e.g. RUSGOV. */
  code: z.string().optional(),
});

export const entryTypeSchema = z.enum(['PERSON', 'ORG', 'GPE', 'LOC', 'GROUP', 'CONFLICT']);

/** What a place is, for GPE/LOC entries. */
export const placeKindSchema = z.enum(['country', 'region', 'city', 'area']);

export const kbEntrySchema = z.strictObject({
  /** Stable id, namespaced: "country:RUS", "region:RU-KRS", "city:pyongyang", "person:dmitry-peskov", "org:rus-mod". */
  id: z.string().regex(/^[a-z]+:[A-Za-z0-9._-]+$/, 'an id like "person:dmitry-peskov" (namespace, colon, letters/digits/._-)'),
  type: entryTypeSchema,
  name: z.string().min(1),
  /** Other names, spellings and transliterations; matched case-sensitively for short all-caps forms, else case-insensitively. */
  aliases: z.array(z.string().min(1)).default([]),
  /** CAMEO actor codes (the first is the main one). */
  codes: z.array(z.string()).default([]),
  /** Country this entry belongs to (ISO alpha-3). */
  country: z.string().length(3).optional(),
  /** Places: what kind, and the KB id of the containing place. */
  place: placeKindSchema.optional(),
  parent: z.string().optional(),
  lat: z.number().min(-90).max(90).optional(),
  lon: z.number().min(-180).max(180).optional(),
  population: z.number().int().nonnegative().optional(),
  /** Countries: ISO codes, adjectives ("Russian"), demonyms ("Russians"), capital (KB id). */
  iso2: z.string().length(2).optional(),
  iso3: z.string().length(3).optional(),
  adjectives: z.array(z.string()).optional(),
  demonyms: z.array(z.string()).optional(),
  capital: z.string().optional(),
  /** Organisations: the kind ("ministry", "armed-forces", "intelligence", "igo", "news-agency", "party", …). */
  orgKind: z.string().optional(),
  /** People: dated roles. */
  roles: z.array(roleSchema).optional(),
  /** Conflicts: start and end dates, parties (KB ids). */
  start: isoDate.optional(),
  end: isoDate.nullable().optional(),
  parties: z.array(z.string()).optional(),
  /** Where the facts came from (dataset, page, or "editorial"). */
  sources: z.array(z.string().min(1)).min(1),
  /**
   * Merge into an earlier entry with the same id instead of replacing it: aliases, codes, roles and
   * sources are added, and fields the earlier entry lacks are filled in; its own values stay.
   */
  merge: z.boolean().optional(),
}).superRefine((e, ctx) => {
  const ns = e.id.slice(0, e.id.indexOf(':'));
  const types = ID_NAMESPACES[ns];
  if (!types) {
    ctx.addIssue({ code: 'custom', path: ['id'], message: `unknown id namespace "${ns}:" (one of ${Object.keys(ID_NAMESPACES).map((n) => n + ':').join(' ')})` });
  } else if (!types.includes(e.type)) {
    ctx.addIssue({ code: 'custom', path: ['type'], message: `a "${ns}:" id holds ${types.join(' or ')}, not ${e.type}` });
  }
  for (const [i, r] of (e.roles ?? []).entries()) {
    if (r.from !== null && r.to !== null && dateLast(r.to) < dateFirst(r.from)) {
      ctx.addIssue({ code: 'custom', path: ['roles', i, 'to'], message: `ends (${r.to}) before it starts (${r.from})` });
    }
  }
});

/** A KB file: `{ "entries": [ … ] }`; other top-level keys (an "_about" note) are allowed and ignored. */
export const kbFileSchema = z.object({
  entries: z.array(kbEntrySchema),
});

export type KbRoleEntry = z.infer<typeof roleSchema>;
export type KbEntry = z.infer<typeof kbEntrySchema>;
export type KbEntryType = z.infer<typeof entryTypeSchema>;
