/** Entity: a knowledge-base entry (names, codes, dated roles, sources) and the articles that name it. */
import { api } from '../api.js';
import { h, mount, fmtDate } from '../dom.js';

interface EntityAnswer {
  entry: { id: string; type: string; name: string; aliases: string[]; codes: string[]; country?: string; sources: string[];
    roles?: Array<{ title: string; org: string; from: string | null; to: string | null }> };
  corpus: { articles: number; quotes: number; recent: Array<{ id: number; title: string; published: string | null; source: string | null; mentions: number }> };
}

export async function entityPage(root: HTMLElement, id: string): Promise<void> {
  const r = await api<EntityAnswer>(`/api/entities/${encodeURIComponent(id)}`);
  const e = r.entry;
  mount(root,
    h('h1', null, e.name, ' ', h('span', { class: 'chip' }, e.type)),
    h('p', { class: 'muted' }, e.id, e.country ? ` · ${e.country}` : '', e.codes.length ? ` · CAMEO ${e.codes.join(', ')}` : ''),
    e.aliases.length ? h('p', null, 'Also written: ', e.aliases.slice(0, 20).join(' · ')) : null,
    e.roles?.length
      ? h('section', { class: 'card' }, h('h2', null, 'Roles'), h('ul', { class: 'roles' }, e.roles.map((ro) =>
          h('li', { class: ro.to === null ? 'active' : '' }, `${ro.title} (${ro.org}) `, h('span', { class: 'muted' }, `${ro.from ?? '?'} – ${ro.to ?? 'now'}`)))))
      : null,
    h('section', { class: 'card' }, h('h2', null, `In the corpus: ${r.corpus.articles} article(s), ${r.corpus.quotes} quote(s)`),
      r.corpus.quotes ? h('p', null, h('a', { href: `#/speaker/${encodeURIComponent(e.id)}` }, 'All quotes over time')) : null,
      h('ul', null, r.corpus.recent.map((a) => h('li', null, h('a', { href: `#/article/${a.id}` }, a.title), h('span', { class: 'muted' }, ` ${fmtDate(a.published)} · ${a.source ?? ''}`))))),
    h('p', { class: 'muted' }, 'Sources: ', e.sources.join('; ')));
}
