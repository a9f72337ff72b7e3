/** Findings: counts by rule, then the worst articles first (high findings weigh most). */
import { api, qs } from '../api.js';
import { h, mount, fmtDate } from '../dom.js';

interface Overview {
  counts: Array<{ rule: string; count: number; articles: number }>;
  worst: Array<{ id: number; title: string; published: string | null; source: string | null; score: number; high: number; medium: number; low: number; rules: string[] }>;
  items: Array<{ rule: string; severity: string; message: string; articles: number[]; corpus: boolean }>;
}

export async function findingsPage(root: HTMLElement, params: URLSearchParams): Promise<void> {
  const rule = params.get('rule') ?? '';
  const r = await api<Overview>(`/api/findings${qs({ rule: rule || undefined, limit: 50 })}`);
  const corpus = r.items.filter((f) => f.corpus);
  mount(root,
    h('h1', null, 'Findings', rule ? [' · ', h('code', null, rule), ' ', h('a', { href: '#/findings', class: 'chip' }, 'all rules')] : null),
    h('section', { class: 'card', aria: { label: 'Counts by rule' } }, h('h2', null, 'By rule'),
      h('table', { id: 'rule-counts' }, h('thead', null, h('tr', null, h('th', null, 'rule'), h('th', null, 'findings'), h('th', null, 'articles'))),
        h('tbody', null, r.counts.map((c) => h('tr', null,
          h('td', null, h('a', { href: `#/findings${qs({ rule: c.rule })}` }, c.rule)), h('td', { class: 'num' }, c.count), h('td', { class: 'num' }, c.articles)))))),
    h('section', { class: 'card', aria: { label: 'Worst articles' } }, h('h2', null, 'Worst articles first'),
      r.worst.length === 0 ? h('p', { class: 'muted' }, 'No article has a finding of this rule.') : null,
      h('ol', { class: 'hits', id: 'worst' }, r.worst.map((w) => h('li', { class: 'hit' },
        h('a', { href: `#/article/${w.id}` }, w.title || '(untitled)'),
        h('span', { class: 'muted' }, ` ${fmtDate(w.published)} · ${w.source ?? ''} · `),
        w.high ? h('span', { class: 'sev sev-high' }, `${w.high} high`) : null, ' ',
        w.medium ? h('span', { class: 'sev sev-medium' }, `${w.medium} medium`) : null, ' ',
        w.low ? h('span', { class: 'sev sev-low' }, `${w.low} low`) : null,
        h('p', { class: 'muted' }, w.rules.join(' · ')))))),
    corpus.length
      ? h('section', { class: 'card' }, h('h2', null, 'Across articles'),
          h('ul', null, corpus.map((f) => h('li', { class: `finding sev-${f.severity}` }, h('code', null, f.rule), h('p', null, f.message),
            f.articles.map((a) => [h('a', { href: `#/article/${a}` }, `article ${a}`), ' '])))))
      : null);
}
