/**
 * The knowledge base at run time: entries by id, an alias index for the gazetteer, role look-ups
 * by date. Built once, frozen, shared by every article.
 */
import type { KbEntry, KbRoleEntry } from './schema.js';
import { dateFirst, dateLast } from './dates.js';
import { aliasKey } from './normalise.js';

export type { KbEntry, KbRoleEntry } from './schema.js';
export { aliasKey } from './normalise.js';

export interface AliasHit {
  id: string;
  /** True when the alias must match with its exact capitalisation (short all-caps forms like "US"). */
  caseSensitive: boolean;
  alias: string;
}

export class Kb {
  readonly entries: ReadonlyMap<string, KbEntry>;
  /** aliasKey(alias) -> entries that carry it. */
  readonly aliases: ReadonlyMap<string, readonly AliasHit[]>;
  /** Adjective or demonym key ("russian", "north korean") -> country entry id. */
  readonly adjectives: ReadonlyMap<string, string>;
  /** Role holders: role key -> org -> [person id, role] (two maps rather than a `role|org` string built per role: 26 000 roles are read at start). */
  private readonly holders: ReadonlyMap<string, ReadonlyMap<string, readonly (readonly [string, KbRoleEntry])[]>>;

  constructor(entries: Iterable<KbEntry>) {
    const byId = new Map<string, KbEntry>();
    for (const e of entries) byId.set(e.id, e);
    const aliases = new Map<string, AliasHit[]>();
    const adjectives = new Map<string, string>();
    const holders = new Map<string, Map<string, (readonly [string, KbRoleEntry])[]>>();
    const addAlias = (alias: string, id: string): void => {
      const key = aliasKey(alias);
      if (!key) return;
      const caseSensitive = alias.length <= 4 && alias === alias.toUpperCase() && alias !== alias.toLowerCase();
      let list = aliases.get(key);
      if (!list) aliases.set(key, (list = []));
      else if (list.some((h) => h.id === id && h.caseSensitive === caseSensitive)) return;
      list.push({ id, caseSensitive, alias });
    };
    const addAdjective = (a: string, id: string): void => {
      const key = aliasKey(a);
      if (key && !adjectives.has(key)) adjectives.set(key, id);
    };
    for (const e of byId.values()) {
      addAlias(e.name, e.id);
      for (const a of e.aliases) addAlias(a, e.id);
      for (const a of e.adjectives ?? []) addAdjective(a, e.id);
      for (const a of e.demonyms ?? []) addAdjective(a, e.id);
      for (const r of e.roles ?? []) {
        let byOrg = holders.get(r.role);
        if (!byOrg) holders.set(r.role, (byOrg = new Map()));
        const list = byOrg.get(r.org);
        if (list) list.push([e.id, r]);
        else byOrg.set(r.org, [[e.id, r]]);
      }
    }
    this.entries = byId;
    this.aliases = aliases;
    this.adjectives = adjectives;
    this.holders = holders;
  }

  get(id: string): KbEntry | undefined {
    return this.entries.get(id);
  }

  /** Entries whose name or alias is `surface` (case rules applied). */
  lookup(surface: string): KbEntry[] {
    const hits = this.aliases.get(aliasKey(surface));
    if (!hits) return [];
    const out: KbEntry[] = [];
    for (const h of hits) {
      if (h.caseSensitive && !sameCase(surface, h.alias)) continue;
      const e = this.entries.get(h.id);
      if (e && !out.includes(e)) out.push(e);
    }
    return out;
  }

  /** Who held `role` for `org` on `date` (ISO; null = today or any time). */
  holdersOf(role: string, org: string, date: string | null): { id: string; role: KbRoleEntry }[] {
    const list = this.holders.get(role)?.get(org) ?? [];
    return list.filter(([, r]) => roleActiveOn(r, date)).map(([id, r]) => ({ id, role: r }));
  }

  /** The roles an entry held on `date` (all roles when date is null). */
  rolesOn(entry: KbEntry, date: string | null): KbRoleEntry[] {
    return (entry.roles ?? []).filter((r) => roleActiveOn(r, date));
  }

  /**
   * The CAMEO actor codes that fit an entry on `date`: codes of the roles held then (posts and
   * Phoenix dated codes), then the entry's own codes; no duplicates.
   */
  codesOn(entry: KbEntry, date: string | null): string[] {
    const out: string[] = [];
    for (const r of entry.roles ?? []) if (r.code !== undefined && roleActiveOn(r, date) && !out.includes(r.code)) out.push(r.code);
    for (const c of entry.codes) if (!out.includes(c)) out.push(c);
    return out;
  }
}

/** A case-sensitive alias matches with its exact capitals, dots aside ("U.S." and "US"). */
export function sameCase(surface: string, alias: string): boolean {
  return surface === alias || surface.replace(/\./g, '') === alias.replace(/\./g, '');
}

/** Whether a dated role covers the date. Partial dates (YYYY, YYYY-MM) compare by their prefix. */
export function roleActiveOn(r: { from: string | null; to: string | null }, date: string | null): boolean {
  if (date === null) return r.to === null;
  if (r.from !== null && date < dateFirst(r.from)) return false;
  if (r.to !== null && date > dateLast(r.to)) return false;
  return true;
}
