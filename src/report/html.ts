/**
 * The annotated page: one self-contained HTML file, every piece of article text escaped.
 */
import type { Report } from '../types.js';

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

export function renderHtml(reports: Report[]): string {
  return `<!doctype html><meta charset="utf-8"><title>wiretrace</title>${reports.map((r) => `<h1>${escapeHtml(r.article.title)}</h1>`).join('')}`;
}
