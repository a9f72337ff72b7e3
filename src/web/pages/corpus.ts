/** Corpus: search with facets (source, finding rule, actor) and dates; the state lives in the URL. */
import { api, qs } from '../api.js';
import { h, mount, fmtDate } from '../dom.js';

interface Facet { value: string; count: number }
interface List {
  total: number;
  totalCapped: boolean;
  items: Array<{ id: number; title: string; published: string | null; source: string | null; snippet: string | null; findings: number }>;
  facets?: { over: number; source: Facet[]; rule: Facet[]; actor: Facet[] };
}

const KEYS = ['q', 'source', 'rule', 'actor', 'from', 'to', 'offset'] as const;
const PAGE = 20;

/** A search snippet marks matches with [ ]: shown as <mark> built from text nodes. */
function snippet(s: string): HTMLElement {
  const p = h('p', { class: 'snippet' });
  for (const [i, part] of s.split(/[[\]]/).entries()) p.append(i % 2 ? h('mark', null, part) : part);
  return p;
}

export async function corpusPage(root: HTMLElement, params: URLSearchParams): Promise<void> {
  const state: Record<string, string> = {};
  for (const k of KEYS) {
    const v = params.get(k);
    if (v) state[k] = v;
  }
  const go = (patch: Record<string, string | undefined>): void => {
    const next: Record<string, string | undefined> = { ...state, offset: undefined, ...patch };
    location.hash = `#/corpus${qs(next)}`;
  };
  const q = h('input', { type: 'search', id: 'search', value: state['q'] ?? '', placeholder: 'Words in the title or text', aria: { label: 'Search words' } });
  const from = h('input', { type: 'date', value: state['from'] ?? '', aria: { label: 'From date' } });
  const to = h('input', { type: 'date', value: state['to'] ?? '', aria: { label: 'To date' } });
  const form = h('form', { class: 'row', role: 'search' }, q, h('label', null, 'from ', from), h('label', null, 'to ', to), h('button', { type: 'submit' }, 'Search'));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    go({ q: q.value.trim() || undefined, from: from.value || undefined, to: to.value || undefined });
  });
  const results = h('div', { id: 'results' }, h('p', { class: 'muted' }, 'Searching…'));
  mount(root, h('h1', null, 'Corpus'), form, results);
  const list = await api<List>(`/api/articles${qs({ ...state, limit: PAGE, facets: 'true' })}`);
  const offset = Number(state['offset'] ?? 0);
  const facetBox = (key: 'source' | 'rule' | 'actor', label: string, facets: Facet[]): HTMLElement =>
    h('section', { class: 'facet', aria: { label } }, h('h3', null, label),
      state[key] ? h('button', { type: 'button', class: 'chip active', on: { click: () => go({ [key]: undefined }) } }, `${state[key]} ×`) : null,
      h('ul', null, facets.filter((f) => f.value !== state[key]).map((f) =>
        h('li', null, h('button', { type: 'button', class: 'link', on: { click: () => go({ [key]: f.value }) } }, f.value), h('span', { class: 'muted' }, ` ${f.count}`)))));
  mount(results,
    h('div', { class: 'corpus-grid' },
      h('aside', { class: 'facets' },
        list.facets ? [facetBox('source', 'Source', list.facets.source), facetBox('rule', 'Finding', list.facets.rule), facetBox('actor', 'Actor', list.facets.actor)] : null),
      h('div', null,
        h('p', { class: 'muted', role: 'status' }, `${list.total}${list.totalCapped ? '+' : ''} article(s)`),
        h('ol', { class: 'hits', start: String(offset + 1) }, list.items.map((it) =>
          h('li', { class: 'hit' },
            h('a', { href: `#/article/${it.id}` }, it.title || '(untitled)'),
            h('span', { class: 'muted' }, ` ${fmtDate(it.published)} · ${it.source ?? 'unknown source'}`),
            it.findings ? h('span', { class: 'chip warn' }, `${it.findings} finding(s)`) : null,
            it.snippet ? snippet(it.snippet) : null))),
        h('nav', { class: 'row pager', aria: { label: 'Pages' } },
          offset > 0 ? h('button', { type: 'button', on: { click: () => go({ offset: String(Math.max(0, offset - PAGE)) }) } }, '← Newer') : null,
          offset + PAGE < list.total ? h('button', { type: 'button', on: { click: () => go({ offset: String(offset + PAGE) }) } }, 'Older →') : null))));
}
