/**
 * The word lists of the mentions stage, loaded once: role titles, ranks and honorifics from
 * data/roles.json; pronouns, nominals and the rest from data/mentions.json. Phrases are matched
 * on token norms joined the way the text joins them ("vice-president", "people's").
 */
import { DATA_DIR, readTrustedJson } from '../data-dir.js';
import { join } from 'node:path';
import type { MentionsFile, RolesFile } from './schema.js';
import type { EntityType, Token } from '../types.js';

/** A set of multi-token phrases with longest-match look-up. */
export class PhraseMap<V> {
  private readonly map = new Map<string, V>();
  private readonly first = new Set<string>();
  /** Every leading piece of every phrase key, so a match stops as soon as no phrase can go on. */
  private readonly prefixes = new Set<string>();
  private maxTokens = 1;
  /** canStart of every token of the document last read (documents come one at a time). */
  private startsFor: readonly Token[] | null = null;
  private starts = new Uint8Array(0);

  add(phrase: string, value: V): void {
    const key = phrase.toLowerCase().replace(/\s+/g, ' ').trim();
    if (!key || this.map.has(key)) return;
    this.map.set(key, value);
    for (let k = 1; k <= key.length; k++) this.prefixes.add(key.slice(0, k));
    this.first.add(key.split(/[ \-'.]/)[0]!);
    // a phrase of n words may span up to ~3n tokens ("vice-president", "people's")
    this.maxTokens = Math.max(this.maxTokens, key.split(' ').length * 3);
  }

  /** Whether some phrase may start with this token (cheap; most tokens fail here). */
  canStart(t: Token): boolean {
    const n0 = t.norm;
    if (this.first.has(n0)) return true;
    // only a word with a joiner in it may start a phrase by its first piece ("vice-president")
    let cut = -1;
    for (let k = 0; k < n0.length && cut < 0; k++) {
      const c = n0.charCodeAt(k);
      if (c === 45 || c === 39 || c === 46) cut = k; // - ' .
    }
    return cut >= 0 && this.first.has(n0.slice(0, cut));
  }

  /** canStart(tokens[i]), worked out once per token of a document. */
  startsAt(tokens: readonly Token[], i: number): boolean {
    if (this.startsFor !== tokens) {
      this.starts = new Uint8Array(tokens.length);
      for (let k = 0; k < tokens.length; k++) if (this.canStart(tokens[k]!)) this.starts[k] = 1;
      this.startsFor = tokens;
    }
    return this.starts[i] === 1;
  }

  /** Longest phrase starting at token i (not past `limit`): [end token, value] or null. */
  match(tokens: readonly Token[], i: number, limit: number): [number, V] | null {
    if (i < 0 || i >= tokens.length || !this.startsAt(tokens, i)) return null;
    let key = '';
    let best: [number, V] | null = null;
    for (let j = i; j < limit && j < i + this.maxTokens; j++) {
      const t = tokens[j]!;
      key += (j > i && t.spaceBefore ? ' ' : '') + t.norm;
      if (!this.prefixes.has(key)) break;
      const v = this.map.get(key);
      if (v !== undefined) best = [j + 1, v];
    }
    return best;
  }
}

export interface NominalEntry {
  type: EntityType;
  determiner: boolean;
}

export type TitlePiece = { kind: 'role'; role: string } | { kind: 'rank' } | { kind: 'honorific' } | { kind: 'modifier'; deputy: boolean };

export interface MentionLexicon {
  titles: PhraseMap<TitlePiece>;
  pronouns: ReadonlyMap<string, EntityType>;
  firstPersonPlural: ReadonlySet<string>;
  nominals: PhraseMap<NominalEntry>;
  notNames: ReadonlySet<string>;
  locationHeads: ReadonlySet<string>;
  /** Lower-case words inside a person's name between capitalised ones ("Bill de Blasio"). */
  nameParticles: ReadonlySet<string>;
}

export function buildMentionLexicon(roles: RolesFile, m: MentionsFile): MentionLexicon {
  const titles = new PhraseMap<TitlePiece>();
  // roles first: "general secretary" is a role, "general" alone a rank
  for (const r of roles.roles) for (const p of r.patterns) titles.add(p, { kind: 'role', role: r.key });
  for (const p of roles.ranks) titles.add(p, { kind: 'rank' });
  for (const p of roles.honorifics) titles.add(p, { kind: 'honorific' });
  for (const p of m.titleModifiers.deputy) titles.add(p, { kind: 'modifier', deputy: true });
  for (const p of m.titleModifiers.other) titles.add(p, { kind: 'modifier', deputy: false });
  const pronouns = new Map<string, EntityType>();
  for (const g of m.pronouns) for (const w of g.words) pronouns.set(w, g.type);
  const nominals = new PhraseMap<NominalEntry>();
  for (const n of m.nominals) nominals.add(n.phrase, { type: n.type, determiner: n.determiner });
  return {
    titles,
    pronouns,
    firstPersonPlural: new Set(m.firstPersonPlural),
    nominals,
    notNames: new Set(m.notNames),
    locationHeads: new Set(m.locationHeads),
    nameParticles: new Set(m.nameParticles),
  };
}

export function loadMentionLexicon(): MentionLexicon {
  return buildMentionLexicon(
    readTrustedJson<RolesFile>(join(DATA_DIR, 'roles.json'), ['roles', 'ranks', 'honorifics']),
    readTrustedJson<MentionsFile>(join(DATA_DIR, 'mentions.json'), ['pronouns', 'nominals', 'titleModifiers']),
  );
}
