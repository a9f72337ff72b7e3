/**
 * Analyze: paste or drop an article (text, HTML or JSON) and see it annotated at once. Nothing is
 * stored; "Store in corpus" is a separate, explicit action.
 */
import type { Report } from '../../types.js';
import { api, qs, ApiFailure } from '../api.js';
import { h, mount } from '../dom.js';
import { reportView } from '../report-view.js';

function typeOf(text: string, format: string): string {
  if (format === 'html') return 'text/html';
  if (format === 'json') return 'application/json';
  if (format === 'text') return 'text/plain';
  const t = text.trimStart();
  if (t.startsWith('{')) return 'application/json';
  if (t.startsWith('<')) return 'text/html';
  return 'text/plain';
}

export function analyzePage(root: HTMLElement): void {
  const input = h('textarea', { id: 'article-input', rows: 10, placeholder: 'Paste an article here (first line: the headline), or drop a .txt, .html or .json file.', aria: { label: 'Article text' } });
  const date = h('input', { type: 'date', id: 'published', aria: { label: 'Publication date' } });
  const format = h('select', { id: 'format', aria: { label: 'Format' } },
    ['auto', 'text', 'html', 'json'].map((f) => h('option', { value: f }, f)));
  const status = h('p', { class: 'status', role: 'status', aria: { live: 'polite' } });
  const out = h('div', { id: 'analysis' });
  let seq = 0;
  let timer: number | undefined;
  let last: string | null = null;
  /** What the shown (or awaited) analysis is made of: the same input is not analysed and drawn again (that would take the reader's focus away). */
  let asked = '';

  const run = async (): Promise<void> => {
    // An explicit run supersedes a pending one from typing.
    window.clearTimeout(timer);
    const text = input.value;
    if (!text.trim()) {
      mount(out);
      mount(status);
      asked = '';
      return;
    }
    const key = `${date.value}\u0000${format.value}\u0000${text}`;
    if (key === asked) return;
    asked = key;
    const my = ++seq;
    mount(status, 'Analysing…');
    try {
      const r = await api<Report>(`/api/analyze${qs({ published: date.value || undefined })}`, { method: 'POST', body: text, type: typeOf(text, format.value) });
      if (my !== seq) return;
      last = text;
      mount(status, `${r.findings.length} finding(s), ${r.attributions.length} attribution(s), ${r.entities.length} names.`);
      mount(out, reportView(r));
    } catch (e) {
      if (my !== seq) return;
      asked = ''; // a failed analysis may be asked for again
      mount(status, h('span', { class: 'error' }, e instanceof ApiFailure ? `${e.message} (${e.code})` : String(e)));
    }
  };
  const soon = (): void => {
    window.clearTimeout(timer);
    timer = window.setTimeout(() => void run(), 350);
  };

  const store = async (): Promise<void> => {
    if (!last) return;
    try {
      const r = await api<{ status: string; id: number }>(`/api/articles${qs({ published: date.value || undefined })}`, { method: 'POST', body: last, type: typeOf(last, format.value) });
      mount(status, r.status === 'stored' ? h('span', null, 'Stored as ', h('a', { href: `#/article/${r.id}` }, `article ${r.id}`), '.') : `Already in the corpus (${r.status}, ${r.id}).`);
    } catch (e) {
      mount(status, h('span', { class: 'error' }, e instanceof ApiFailure ? e.message : String(e)));
    }
  };

  input.addEventListener('input', soon);
  input.addEventListener('keydown', (ev) => {
    if (ev.key === 'Enter' && (ev.ctrlKey || ev.metaKey)) {
      ev.preventDefault();
      void run();
    }
  });
  date.addEventListener('change', soon);
  format.addEventListener('change', soon);
  const drop = h('div', { class: 'drop', id: 'drop' }, input);
  drop.addEventListener('dragover', (ev) => {
    ev.preventDefault();
    drop.classList.add('over');
  });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', (ev) => {
    ev.preventDefault();
    drop.classList.remove('over');
    const file = ev.dataTransfer?.files[0];
    if (file) void file.text().then((t) => { input.value = t; void run(); });
  });
  const file = h('input', { type: 'file', id: 'file', accept: '.txt,.html,.htm,.json', aria: { label: 'Open a file' } });
  file.addEventListener('change', () => {
    const f = file.files?.[0];
    if (f) void f.text().then((t) => { input.value = t; void run(); });
  });

  mount(root,
    h('h1', null, 'Analyze an article'),
    h('p', { class: 'muted' }, 'Paste or drop an article: it is annotated as you type (Ctrl+Enter to analyse now). Nothing is stored.'),
    drop,
    h('div', { class: 'row' },
      h('label', null, 'Published ', date), h('label', null, 'Format ', format), h('label', null, 'File ', file),
      h('button', { type: 'button', id: 'analyze-now', on: { click: () => void run() } }, 'Analyse'),
      h('button', { type: 'button', class: 'secondary', on: { click: () => void store() } }, 'Store in corpus')),
    status,
    out);
  input.focus();
}
