/**
 * One report drawn for a person: findings first (each jumping to its evidence), the annotated
 * text, an entity card for the name last clicked, who said what, and the events with their places.
 * Used by the Analyze page (a fresh report) and the Article page (a stored one).
 */
import type { Report, ReportEntity, KbRole } from '../types.js';
import { h, fmtDate, mount, type Child } from './dom.js';
import { annotatedText, jumpTo } from './annotate.js';

const SEVERITY_RANK: Record<string, number> = { high: 0, medium: 1, low: 2, info: 3 };

function roleActive(r: KbRole, date: string | null): boolean {
  if (!date) return r.to === null;
  return (r.from === null || r.from <= date) && (r.to === null || r.to >= date);
}

export function entityCard(e: ReportEntity, date: string | null): HTMLElement {
  const roles = (e.kb?.roles ?? []).filter((r) => r.role !== 'phoenix');
  return h(
    'section',
    { class: 'card entity-card', id: 'entity-card', tabindex: -1, aria: { label: `About ${e.name}` } },
    h('h3', null, e.name, ' ', h('span', { class: 'chip' }, e.type)),
    e.kb
      ? h('p', { class: 'muted' }, 'Knowledge base: ', h('a', { href: `#/entity/${encodeURIComponent(e.kb.id)}` }, e.kb.id),
          e.kb.codes.length ? ` · codes ${e.kb.codes.join(', ')}` : '')
      : h('p', { class: 'muted' }, 'Not in the knowledge base.'),
    roles.length
      ? h('ul', { class: 'roles' }, roles.map((r) =>
          h('li', { class: roleActive(r, date) ? 'active' : '' }, `${r.title} (${r.org}) `, h('span', { class: 'muted' }, `${r.from ?? '?'} – ${r.to ?? 'now'}`),
            roleActive(r, date) ? h('span', { class: 'chip ok' }, date ? 'on the article’s date' : 'current') : null)))
      : null,
    h('p', { class: 'muted' }, `${e.mentions.length} mention(s): `, [...new Set(e.mentions.map((m) => m.text))].slice(0, 6).join(' · ')),
  );
}

function findingsPanel(r: Report, extra: Child = null): HTMLElement {
  const sorted = r.findings.map((f, i) => ({ f, i })).sort((a, b) => (SEVERITY_RANK[a.f.severity] ?? 9) - (SEVERITY_RANK[b.f.severity] ?? 9));
  return h(
    'section',
    { class: 'card findings', id: 'findings', aria: { label: 'Findings' } },
    h('h2', null, `Findings (${r.findings.length})`),
    sorted.length === 0 ? h('p', { class: 'muted' }, 'Nothing here that does not add up.') : null,
    h('ol', { class: 'finding-list' }, sorted.map(({ f, i }) =>
      h('li', { class: `finding sev-${f.severity}`, data: { rule: f.rule } },
        h('span', { class: `sev sev-${f.severity}` }, f.severity), ' ', h('code', null, f.rule),
        h('p', null, f.message),
        f.evidence.length
          ? h('p', { class: 'evidence-links' }, 'Evidence: ', f.evidence.map((sp, k) =>
              h('button', { type: 'button', class: 'link', title: sp.text, on: { click: () => jumpTo(`ev-${i}-${k}`) } }, `“${clip(sp.text, 50)}”`)))
          : null))),
    extra,
  );
}

function clip(s: string, n: number): string {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length > n ? `${t.slice(0, n - 1)}…` : t;
}

function quotesTable(r: Report): HTMLElement {
  const byId = new Map(r.entities.map((e) => [e.id, e]));
  return h('section', { class: 'card', aria: { label: 'Who said what' } },
    h('h2', null, `Who said what (${r.attributions.length})`),
    h('table', null,
      h('thead', null, h('tr', null, h('th', null, 'speaker'), h('th', null, 'cue'), h('th', null, 'kind'), h('th', null, 'words'))),
      h('tbody', null, r.attributions.map((a, ai) => {
        const who = a.source ? (a.source.entity ? byId.get(a.source.entity)?.name : undefined) ?? a.source.text : '(no source)';
        return h('tr', { class: a.inHeadline ? 'in-headline' : '' },
          h('td', null, who),
          h('td', null, a.cue.text),
          h('td', null, a.type, a.inHeadline ? h('span', { class: 'chip warn' }, 'headline') : null),
          h('td', null, h('button', { type: 'button', class: 'link', on: { click: () => jumpTo(`q-${ai}`) } }, clip(a.content.map((c) => c.text).join(' … '), 120))));
      }))));
}

function eventsTable(r: Report): HTMLElement {
  return h('section', { class: 'card', aria: { label: 'Events' } },
    h('h2', null, `Events (${r.events.length})`),
    r.events.length === 0 ? h('p', { class: 'muted' }, 'No coded events.') : h('table', { class: 'events' },
      h('thead', null, h('tr', null, ['code', 'action', 'Goldstein', 'actor 1', 'actor 2', 'place', 'lat, lon', 'date', 'evidence'].map((t) => h('th', null, t)))),
      h('tbody', null, r.events.map((v, vi) =>
        h('tr', null,
          h('td', null, h('code', null, v.code)), h('td', null, v.label), h('td', { class: 'num' }, v.goldstein.toFixed(1)),
          h('td', null, v.actor1.code ?? '—'), h('td', null, v.actor2.code ?? '—'),
          h('td', null, v.location ? `${v.location.name}${v.location.country ? ` (${v.location.country})` : ''}` : '—'),
          h('td', { class: 'num' }, v.location && v.location.lat !== null && v.location.lon !== null ? `${v.location.lat.toFixed(2)}, ${v.location.lon.toFixed(2)}` : '—'),
          h('td', null, fmtDate(v.date)),
          h('td', null, h('button', { type: 'button', class: 'link', on: { click: () => jumpTo(`v-${vi}`) } }, clip(v.evidence.text, 60))))))));
}

export function legend(): HTMLElement {
  return h('p', { class: 'legend', aria: { label: 'Legend' } },
    h('span', { class: 'm-source' }, 'source'), ' ', h('span', { class: 'm-cue' }, 'cue'), ' ', h('span', { class: 'm-content' }, 'quoted words'), ' ',
    h('span', { class: 'm-entity' }, 'name'), ' ', h('span', { class: 'm-evidence' }, 'finding evidence'), ' ', h('span', { class: 'm-event' }, 'event'));
}

export function reportView(r: Report, extra: { aside?: Child; header?: Child } = {}): HTMLElement {
  const a = r.article;
  const card = h('div', { id: 'entity-slot' }, h('p', { class: 'muted card' }, 'Choose a name in the text to see who it is.'));
  const byId = new Map(r.entities.map((e) => [e.id, e]));
  const text = annotatedText(r, {
    onEntity: (id) => {
      const e = byId.get(id);
      if (!e) return;
      mount(card, entityCard(e, a.published));
      (card.firstElementChild as HTMLElement | null)?.focus();
    },
  });
  return h('article', { class: 'report' },
    h('header', { class: 'report-head' },
      h('h1', null, a.title || '(untitled)'),
      h('p', { class: 'muted' }, fmtDate(a.published), a.source ? ` · ${a.source}` : '', a.url ? [' · ', h('a', { href: a.url }, 'original')] : null,
        ` · ${r.entities.length} names · ${r.attributions.length} attributions · ${r.events.length} events`),
      extra.header ?? null),
    h('div', { class: 'report-grid' },
      h('div', { class: 'report-main' }, findingsPanel(r), legend(), text),
      h('aside', { class: 'report-side' }, card, extra.aside ?? null)),
    quotesTable(r),
    eventsTable(r));
}
