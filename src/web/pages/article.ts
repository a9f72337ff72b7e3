/** Article: a stored report with its corpus context (same story, near-duplicates, corpus findings). */
import type { Report } from '../../types.js';
import { api } from '../api.js';
import { h, mount, fmtDate } from '../dom.js';
import { reportView } from '../report-view.js';

interface Stored {
  id: number;
  story: number;
  storyArticles: Array<{ id: number; title: string; published: string | null; source: string | null }>;
  nearDuplicates: Array<{ id: number; title: string; source: string | null; similarity: number }>;
  corpusFindings: Array<{ rule: string; severity: string; message: string; articles: number[] }>;
  report: Report;
}

export async function articlePage(root: HTMLElement, id: string): Promise<void> {
  const a = await api<Stored>(`/api/articles/${encodeURIComponent(id)}`);
  const aside = h('div', null,
    a.corpusFindings.length
      ? h('section', { class: 'card' }, h('h2', null, 'Across the corpus'),
          h('ul', null, a.corpusFindings.map((f) => h('li', { class: `finding sev-${f.severity}` },
            h('span', { class: `sev sev-${f.severity}` }, f.severity), ' ', h('code', null, f.rule), h('p', null, f.message),
            f.articles.filter((x) => x !== a.id).map((x) => h('a', { href: `#/article/${x}` }, `article ${x}`))))))
      : null,
    a.storyArticles.length
      ? h('section', { class: 'card' }, h('h2', null, 'Same story'),
          h('ul', null, a.storyArticles.map((s) => h('li', null, h('a', { href: `#/article/${s.id}` }, s.title), h('span', { class: 'muted' }, ` ${fmtDate(s.published)} · ${s.source ?? ''}`)))))
      : null,
    a.nearDuplicates.length
      ? h('section', { class: 'card' }, h('h2', null, 'Copies'),
          h('ul', null, a.nearDuplicates.map((d) => h('li', null, d.title, h('span', { class: 'muted' }, ` ${d.source ?? ''} · ${(d.similarity * 100).toFixed(0)}% the same`)))))
      : null);
  mount(root, reportView(a.report, { aside }));
}
