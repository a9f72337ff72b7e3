/** Speaker: every quote of a person over time, headline attributions marked, contradictions shown. */
import { api, qs } from '../api.js';
import { h, mount, fmtDate } from '../dom.js';

interface Quotes {
  speakers: Array<{ id: number; key: string; name: string }>;
  total: number;
  quotes: Array<{ article: number; aid: string; title: string; day: string | null; source: string | null; speaker: string; type: string; cue: string; content: string; inHeadline: boolean }>;
  contradictions: Array<{ severity: string; message: string; articles: number[] }>;
}

export async function speakerPage(root: HTMLElement, name: string): Promise<void> {
  const input = h('input', { type: 'search', id: 'speaker-input', value: name, placeholder: 'A name, a surname or a KB id', aria: { label: 'Speaker' } });
  const form = h('form', { class: 'row', role: 'search' }, input, h('button', { type: 'submit' }, 'Show quotes'));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    if (input.value.trim()) location.hash = `#/speaker/${encodeURIComponent(input.value.trim())}`;
  });
  const body = h('div', { id: 'speaker' });
  mount(root, h('h1', null, 'Speaker'), form, body);
  if (!name) {
    const stats = await api<{ topSpeakers: Array<{ name: string; quotes: number }> }>('/api/stats');
    mount(body, h('h2', null, 'Most quoted'), h('ul', null, stats.topSpeakers.map((s) =>
      h('li', null, h('a', { href: `#/speaker/${encodeURIComponent(s.name)}` }, s.name), h('span', { class: 'muted' }, ` ${s.quotes} quote(s)`)))));
    input.focus();
    return;
  }
  const r = await api<Quotes>(`/api/quotes${qs({ speaker: name, limit: 500 })}`);
  if (r.speakers.length === 0) {
    mount(body, h('p', null, 'Nobody of that name is quoted in the corpus.'));
    return;
  }
  let lastDay: string | null | undefined;
  const items: HTMLElement[] = [];
  for (const q of r.quotes) {
    if (q.day !== lastDay) items.push(h('li', { class: 'day' }, h('h3', null, fmtDate(q.day))));
    lastDay = q.day;
    items.push(h('li', { class: `quote${q.inHeadline ? ' in-headline' : ''}` },
      h('blockquote', null, q.content),
      h('p', { class: 'muted' },
        q.inHeadline ? h('span', { class: 'chip warn' }, 'in the headline') : null,
        ` ${q.type} · “${q.source ?? q.speaker}” ${q.cue} · `,
        h('a', { href: `#/article/${q.article}` }, q.title))));
  }
  mount(body,
    h('p', { class: 'muted', role: 'status' }, `${r.speakers.map((s) => s.name).join(', ')} · ${r.total} quote(s)`),
    r.contradictions.length
      ? h('section', { class: 'card contradictions', aria: { label: 'Contradictions' } }, h('h2', null, `Contradictions (${r.contradictions.length})`),
          h('ul', null, r.contradictions.map((c) => h('li', { class: `finding sev-${c.severity}` }, h('p', null, c.message),
            c.articles.map((a) => [h('a', { href: `#/article/${a}` }, `article ${a}`), ' '])))))
      : h('p', { class: 'muted' }, 'No contradictions found for this speaker.'),
    h('ol', { class: 'timeline' }, items));
}
