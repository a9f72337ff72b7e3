/**
 * The checks' word lists: data/checks/*.json (formats: schema.ts), compiled once into sets and
 * maps that every article shares. The role vocabulary (data/roles.json) gives display labels and ranks.
 */
import { join } from 'node:path';
import { DATA_DIR, readTrustedJson } from '../data-dir.js';
import type { RolesFile } from '../mentions/schema.js';
import type { OfficialsFile, QuotesFile, TemporalFile, UnattributedFile, VagueFile } from './schema.js';

const set = (xs: readonly string[]): ReadonlySet<string> => new Set(xs.map((x) => x.toLowerCase()));
/** Multi-word phrases as token lists, for matching against token norms. */
const phrases = (xs: readonly string[]): readonly (readonly string[])[] => xs.map((x) => x.toLowerCase().split(/\s+/));

function byFirstWord(ps: readonly (readonly string[])[]): ReadonlyMap<string, readonly (readonly string[])[]> {
  const m = new Map<string, (readonly string[])[]>();
  for (const p of [...ps].sort((a, b) => b.length - a.length)) {
    const list = m.get(p[0]!) ?? [];
    list.push(p);
    m.set(p[0]!, list);
  }
  return m;
}

export interface ChecksLexicon {
  filler: ReadonlySet<string>;
  negations: ReadonlySet<string>;
  vague: {
    unnamedNouns: ReadonlySet<string>;
    singularNouns: ReadonlySet<string>;
    singularDeterminers: ReadonlySet<string>;
    modifiedOnlyNouns: ReadonlySet<string>;
    genericModifiers: ReadonlySet<string>;
    sayingVerbs: ReadonlySet<string>;
    betweenWords: ReadonlySet<string>;
    affiliationPrepositions: ReadonlySet<string>;
    looseModifiers: ReadonlySet<string>;
    beForms: ReadonlySet<string>;
    passiveAdverbs: ReadonlySet<string>;
    /** participle -> words that must follow it (empty: any). */
    agentlessPassives: ReadonlyMap<string, ReadonlySet<string>>;
    evidentialAdverbs: ReadonlySet<string>;
    /** First word -> phrases starting with it, longest first. */
    unnamedReportPhrases: ReadonlyMap<string, readonly (readonly string[])[]>;
  };
  temporal: {
    ordinals: ReadonlyMap<string, number>;
    cardinals: ReadonlyMap<string, number>;
    yearWords: ReadonlySet<string>;
    ordinalYearLeads: ReadonlySet<string>;
    possessives: ReadonlySet<string>;
    countLinks: ReadonlySet<string>;
    repeatMarkers: readonly (readonly string[])[];
    anniversaryWords: ReadonlySet<string>;
    genericEventNouns: ReadonlySet<string>;
    maxWordsToEvent: number;
    tolerance: { ordinal: number; count: number; anniversary: number };
  };
  officials: {
    singleHolderRoles: ReadonlySet<string>;
    seniorRoles: ReadonlySet<string>;
    titleQualifiers: ReadonlySet<string>;
    variantThreshold: number;
    /** Role key -> label ("defence minister"). */
    roleLabels: ReadonlyMap<string, string>;
    /** Ranks and honorifics, lower-cased, to strip from a name before comparing it. */
    nameNoise: ReadonlySet<string>;
  };
  unattributed: {
    countNouns: ReadonlySet<string>;
    numberWords: ReadonlySet<string>;
    /** First word -> phrases starting with it, longest first. */
    intentPhrases: ReadonlyMap<string, readonly (readonly string[])[]>;
    hedges: ReadonlySet<string>;
    attributionCues: ReadonlySet<string>;
  };
}

let cached: ChecksLexicon | null = null;

export function loadChecksLexicon(): ChecksLexicon {
  if (cached) return cached;
  const read = <T extends object>(name: string, fields: readonly (keyof T & string)[]): T => readTrustedJson<T>(join(DATA_DIR, name), fields);
  const q = read<QuotesFile>('checks/quotes.json', ['filler', 'negations']);
  const v = read<VagueFile>('checks/vague-source.json', ['unnamedNouns', 'agentlessPassives', 'unnamedReportPhrases']);
  const t = read<TemporalFile>('checks/temporal.json', ['ordinals', 'cardinals', 'toleranceYears']);
  const o = read<OfficialsFile>('checks/officials.json', ['singleHolderRoles', 'seniorRoles', 'variantThreshold']);
  const u = read<UnattributedFile>('checks/unattributed.json', ['countNouns', 'intentPhrases', 'attributionCues']);
  const roles = read<RolesFile>('roles.json', ['roles', 'ranks', 'honorifics']);
  const nameNoise = new Set<string>();
  for (const w of [...roles.ranks, ...roles.honorifics]) for (const part of w.toLowerCase().split(/\s+/)) nameNoise.add(part);
  cached = Object.freeze({
    filler: set(q.filler),
    negations: set(q.negations),
    vague: {
      unnamedNouns: set(v.unnamedNouns),
      singularNouns: set(v.singularNouns),
      singularDeterminers: set(v.singularDeterminers),
      modifiedOnlyNouns: set(v.modifiedOnlyNouns),
      genericModifiers: set(v.genericModifiers),
      sayingVerbs: set(v.sayingVerbs),
      betweenWords: set(v.betweenWords),
      affiliationPrepositions: set(v.affiliationPrepositions),
      looseModifiers: set(v.looseModifiers),
      beForms: set(v.beForms),
      passiveAdverbs: set(v.passiveAdverbs),
      agentlessPassives: new Map(v.agentlessPassives.map((p) => [p.participle.toLowerCase(), set(p.next)])),
      evidentialAdverbs: set(v.evidentialAdverbs),
      unnamedReportPhrases: byFirstWord(phrases(v.unnamedReportPhrases)),
    },
    temporal: {
      ordinals: new Map(Object.entries(t.ordinals)),
      cardinals: new Map(Object.entries(t.cardinals)),
      yearWords: set(t.yearWords),
      ordinalYearLeads: set(t.ordinalYearLeads),
      possessives: set(t.possessives),
      countLinks: set(t.countLinks),
      repeatMarkers: phrases(t.repeatMarkers),
      anniversaryWords: set(t.anniversaryWords),
      genericEventNouns: set(t.genericEventNouns),
      maxWordsToEvent: t.maxWordsToEvent,
      tolerance: t.toleranceYears,
    },
    officials: {
      singleHolderRoles: set(o.singleHolderRoles),
      seniorRoles: set(o.seniorRoles),
      titleQualifiers: set(o.titleQualifiers),
      variantThreshold: o.variantThreshold,
      roleLabels: new Map(roles.roles.map((r) => [r.key, r.label])),
      nameNoise,
    },
    unattributed: {
      countNouns: set(u.countNouns),
      numberWords: set(u.numberWords),
      intentPhrases: byFirstWord(phrases(u.intentPhrases)),
      hedges: set(u.hedges),
      attributionCues: set(u.attributionCues),
    },
  });
  return cached;
}
