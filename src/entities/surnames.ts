/**
 * Surname index over the KB's people, built once per KB: a surname that names exactly one person
 * who holds (or held) a national post lets "Lavrov said" link to Sergei Lavrov. Surnames shared by
 * several KB people ("Kim", "Lee") are left out: the text must say more.
 */
import type { Kb, KbEntry } from '../kb/index.js';
import { aliasKey } from '../kb/index.js';

const cache = new WeakMap<Kb, ReadonlyMap<string, KbEntry>>();

export function surnameIndex(kb: Kb): ReadonlyMap<string, KbEntry> {
  const hit = cache.get(kb);
  if (hit) return hit;
  const counts = new Map<string, KbEntry[]>();
  for (const e of kb.entries.values()) {
    if (e.type !== 'PERSON' || !(e.roles ?? []).some((r) => r.role !== 'phoenix')) continue;
    const surnames = new Set<string>();
    for (const n of [e.name, ...e.aliases]) {
      const words = aliasKey(n).split(' ');
      if (words.length >= 2) surnames.add(words[words.length - 1]!);
    }
    for (const s of surnames) {
      if (s.length < 3) continue;
      const list = counts.get(s) ?? [];
      list.push(e);
      counts.set(s, list);
    }
  }
  const index = new Map<string, KbEntry>();
  for (const [s, list] of counts) if (list.length === 1) index.set(s, list[0]!);
  cache.set(kb, index);
  return index;
}
