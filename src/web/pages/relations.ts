/** Relations: two actors, their events over time by quad class with the Goldstein line, and the actor network. */
import { api, qs } from '../api.js';
import { h, mount, fmtDate } from '../dom.js';
import { networkGraph, seriesChart, type Network, type SeriesPoint } from '../charts.js';

interface Relations { a: string | null; b: string | null; by: string; series: SeriesPoint[]; network: Network }
interface Events { events: Array<{ article: number; title: string; day: string | null; code: string; label: string; goldstein: number; actor1: string; actor2: string; location: string | null; evidence: string }> }

export async function relationsPage(root: HTMLElement, params: URLSearchParams): Promise<void> {
  const a = (params.get('a') ?? '').toUpperCase();
  const b = (params.get('b') ?? '').toUpperCase();
  const by = params.get('by') ?? 'week';
  const ia = h('input', { id: 'actor-a', value: a, placeholder: 'RUS', aria: { label: 'First actor (CAMEO code)' } });
  const ib = h('input', { id: 'actor-b', value: b, placeholder: 'UKR', aria: { label: 'Second actor (CAMEO code)' } });
  const sel = h('select', { id: 'by', aria: { label: 'Period' } }, ['day', 'week', 'month'].map((p) => h('option', { value: p, selected: p === by }, p)));
  const form = h('form', { class: 'row' }, h('label', null, 'Actor ', ia), h('label', null, 'and ', ib), h('label', null, 'by ', sel), h('button', { type: 'submit' }, 'Show'));
  const go = (na: string, nb: string): void => {
    location.hash = `#/relations${qs({ a: na || undefined, b: nb || undefined, by: sel.value })}`;
  };
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    go(ia.value.trim().toUpperCase(), ib.value.trim().toUpperCase());
  });
  const body = h('div', { id: 'relations' }, h('p', { class: 'muted' }, 'Loading…'));
  mount(root, h('h1', null, 'Relations'), h('p', { class: 'muted' }, 'Two CAMEO actor codes (or prefixes: RUS, RUSGOV, PRK). Choose a node of the network to pair it with the first actor.'), form, body);
  const rel = await api<Relations>(`/api/relations${qs({ a: a || undefined, b: b || undefined, by })}`);
  const pick = (id: string): void => (a && id !== a ? go(a, id) : go(id, ''));
  const actors = [a, b].filter(Boolean).join(',');
  const ev = actors ? await api<Events>(`/api/events${qs({ actor: actors, limit: 200 })}`) : { events: [] };
  mount(body,
    actors
      ? h('section', { class: 'card', id: 'series' }, h('h2', null, `Events ${a}${b ? ` – ${b}` : ''} by ${by}`),
          rel.series.length ? seriesChart(rel.series) : h('p', { class: 'muted' }, 'No dated events for this pair.'))
      : null,
    h('section', { class: 'card', id: 'network' }, h('h2', null, actors ? `Around ${actors}` : 'Actors most often in events together'),
      rel.network.nodes.length ? networkGraph(rel.network, pick) : h('p', { class: 'muted' }, 'No events between known actors.')),
    ev.events.length
      ? h('section', { class: 'card' }, h('h2', null, `Events (${ev.events.length})`),
          h('table', null, h('thead', null, h('tr', null, ['date', 'code', 'action', 'Goldstein', 'actors', 'place', 'evidence'].map((t) => h('th', null, t)))),
            h('tbody', null, ev.events.map((e) => h('tr', null,
              h('td', null, fmtDate(e.day)), h('td', null, h('code', null, e.code)), h('td', null, e.label), h('td', { class: 'num' }, e.goldstein.toFixed(1)),
              h('td', null, `${e.actor1 || '—'} → ${e.actor2 || '—'}`), h('td', null, e.location ?? '—'),
              h('td', null, h('a', { href: `#/article/${e.article}` }, e.evidence.length > 90 ? `${e.evidence.slice(0, 89)}…` : e.evidence)))))))
      : null);
}
