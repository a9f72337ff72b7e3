/**
 * The annotated page: one self-contained HTML file (inline CSS and JS, a Content-Security-Policy
 * that forbids any request) for one report or many. The article text is cut into non-overlapping
 * segments at every span boundary, so overlapping spans (a name inside a quote, evidence across a
 * cue) each keep their own highlight. Every string that comes from an article or a report goes
 * through escapeHtml; the inline script never writes markup, it only toggles classes.
 */
import type { Report, Severity } from '../types.js';
import {
  attributionStart,
  entityIndex,
  lineCol,
  lineStarts,
  roleLine,
  sortedEntities,
  speakerName,
  SEVERITY_ORDER,
  firstOffset,
  wordCount,
  inQuotes,
  sortedFindings,
} from './common.js';

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

type Role = 'source' | 'cue' | 'content' | 'entity' | 'evidence' | 'event';

/** A highlighted range of the text: its role, the group it belongs to (for hover), its tooltip. */
export interface Mark {
  start: number;
  end: number;
  role: Role;
  group: string;
  tip: string;
  anchor: string | null;
}

function clipText(s: string, max: number): string {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length <= max ? t : `${t.slice(0, max - 1).trimEnd()}…`;
}

/** Every span of one report as marks; ids and classes are built from indexes, never from report strings. */
function collectMarks(report: Report, ri: number): Mark[] {
  const marks: Mark[] = [];
  const entities = entityIndex(report);
  const date = report.article.published;
  const push = (s: { start: number; end: number }, role: Role, group: string, tip: string, anchor: string | null): void => {
    marks.push({ start: s.start, end: s.end, role, group, tip, anchor });
  };
  report.entities.forEach((e, ei) => {
    const role = roleLine(e, date);
    const tip = `${e.name} · ${e.type}${role ? ` · ${role}` : ''}${e.kb ? ` · KB ${e.kb.id}` : ' · not in the KB'}`;
    e.mentions.forEach((m, k) => push(m, 'entity', `g-r${ri}e${ei}`, tip, k === 0 ? `r${ri}-e${ei}` : null));
  });
  report.attributions.forEach((a, ai) => {
    const who = speakerName(a, entities);
    const ent = a.source?.entity ? entities.get(a.source.entity) : undefined;
    const role = ent ? roleLine(ent, date) : '';
    const g = `g-r${ri}a${ai}`;
    const kind = `${a.type} quote${a.inHeadline ? ' in the headline' : ''}`;
    if (a.source) push(a.source, 'source', g, `Speaker: ${who}${role ? ` · ${role}` : ''}`, null);
    push(a.cue, 'cue', g, `Cue “${a.cue.text}” · ${kind} · speaker: ${who}`, null);
    a.content.forEach((c, k) => push(c, 'content', g, `Said by ${who}${role ? ` (${role})` : ''} · ${kind}`, k === 0 ? `r${ri}-a${ai}` : null));
  });
  report.findings.forEach((f, fi) => {
    f.evidence.forEach((s, k) => push(s, 'evidence', `g-r${ri}f${fi}`, `Finding ${f.severity} · ${f.rule}`, `r${ri}-f${fi}-${k}`));
  });
  report.events.forEach((v, vi) => {
    push(v.evidence, 'event', `g-r${ri}v${vi}`, `Event ${v.code} ${v.label}`, `r${ri}-v${vi}`);
  });
  const len = report.article.text.length;
  return marks.filter((m) => Number.isInteger(m.start) && Number.isInteger(m.end) && m.start >= 0 && m.end <= len && m.start <= m.end);
}

/** The article text as escaped HTML, cut at every mark boundary into non-overlapping segments. */
export function annotatedText(text: string, marks: readonly Mark[]): string {
  const cuts = new Set<number>([0, text.length]);
  const starting = new Map<number, Mark[]>();
  for (const m of marks) {
    cuts.add(m.start);
    cuts.add(m.end);
    const list = starting.get(m.start) ?? [];
    list.push(m);
    starting.set(m.start, list);
  }
  const bounds = [...cuts].sort((a, b) => a - b);
  let active: Mark[] = [];
  let html = '';
  for (let i = 0; i < bounds.length; i++) {
    const b = bounds[i]!;
    active = active.filter((m) => m.end > b);
    for (const m of starting.get(b) ?? []) {
      if (m.anchor) html += `<span class="anchor" id="${m.anchor}"></span>`;
      if (m.end > m.start) active.push(m);
    }
    const next = bounds[i + 1];
    if (next === undefined) break;
    const seg = escapeHtml(text.slice(b, next));
    if (active.length === 0) {
      html += seg;
      continue;
    }
    const classes = new Set<string>(['m']);
    const tips: string[] = [];
    for (const m of active) {
      classes.add(`r-${m.role}`);
      classes.add(m.group);
      if (!tips.includes(m.tip)) tips.push(m.tip);
    }
    html += `<span class="${[...classes].join(' ')}" title="${escapeHtml(tips.join('\n'))}">${seg}</span>`;
  }
  return html;
}

const SEVERITY_LABEL: Record<Severity, string> = { high: 'High', medium: 'Medium', low: 'Low', info: 'Info' };

/** A severity as a class name: one of the four, whatever a hand-made report says. */
function sevClass(s: unknown): Severity {
  return typeof s === 'string' && Object.hasOwn(SEVERITY_LABEL, s) ? (s as Severity) : 'info';
}

function findingsPanel(report: Report, ri: number, starts: number[]): string {
  if (report.findings.length === 0) return '<section class="findings"><h3>Findings</h3><p class="none">No findings.</p></section>';
  const order = report.findings
    .map((f, fi) => ({ f, fi }))
    .sort((a, b) => SEVERITY_ORDER[a.f.severity] - SEVERITY_ORDER[b.f.severity] || firstOffset(a.f.evidence) - firstOffset(b.f.evidence));
  const items = order.map(({ f, fi }) => {
    const ev = f.evidence
      .map((s, k) => {
        const { line, col } = lineCol(starts, s.start);
        return `<li><a href="#r${ri}-f${fi}-${k}" data-g="g-r${ri}f${fi}">${escapeHtml(inQuotes(clipText(s.text, 140)))}</a> <span class="pos">${line}:${col}</span></li>`;
      })
      .join('');
    return `<li class="finding sev-${sevClass(f.severity)}"><span class="sev">${escapeHtml(String(f.severity))}</span> <code>${escapeHtml(f.rule)}</code><p>${escapeHtml(f.message)}</p>${ev ? `<ul class="evidence">${ev}</ul>` : ''}</li>`;
  });
  return `<section class="findings"><h3>Findings (${report.findings.length})</h3><ol>${items.join('')}</ol></section>`;
}

function attributionsTable(report: Report, ri: number): string {
  if (report.attributions.length === 0) return '<section><h3>Who said what</h3><p class="none">No attributed statements found.</p></section>';
  const entities = entityIndex(report);
  const order = report.attributions
    .map((a, ai) => ({ a, ai }))
    .sort((x, y) => Number(y.a.inHeadline) - Number(x.a.inHeadline) || attributionStart(x.a) - attributionStart(y.a));
  const rows = order.map(({ a, ai }) => {
    const who = escapeHtml(speakerName(a, entities));
    const content = escapeHtml(inQuotes(clipText(a.content.map((c) => c.text).join(' … '), 300)));
    return `<tr><td>${a.inHeadline ? '<span class="tag">headline</span> ' : ''}<b>${who}</b></td><td>${escapeHtml(a.cue.text)}</td><td><a href="#r${ri}-a${ai}" data-g="g-r${ri}a${ai}">${content}</a></td><td>${escapeHtml(a.type)}</td></tr>`;
  });
  return `<section><h3>Who said what (${report.attributions.length})</h3><table><thead><tr><th>Speaker</th><th>Cue</th><th>Content</th><th>Type</th></tr></thead><tbody>${rows.join('')}</tbody></table></section>`;
}

function namesTable(report: Report, ri: number): string {
  if (report.entities.length === 0) return '<section><h3>Names</h3><p class="none">No names found.</p></section>';
  const index = new Map(report.entities.map((e, ei) => [e, ei]));
  const rows = sortedEntities(report).map((e) => {
    const ei = index.get(e)!;
    const role = roleLine(e, report.article.published);
    const codes = e.kb?.codes.length ? ` <span class="codes">${escapeHtml(e.kb.codes.join(' '))}</span>` : '';
    return `<tr><td><a href="#r${ri}-e${ei}" data-g="g-r${ri}e${ei}">${escapeHtml(e.name)}</a></td><td>${escapeHtml(e.type)}</td><td>${escapeHtml(role)}${codes}</td><td class="num">${e.mentions.length}</td></tr>`;
  });
  return `<section><h3>Names (${report.entities.length})</h3><table><thead><tr><th>Name</th><th>Type</th><th>Role on the article's date</th><th>Mentions</th></tr></thead><tbody>${rows.join('')}</tbody></table></section>`;
}

function eventsTable(report: Report, ri: number): string {
  if (report.events.length === 0) return '';
  const entities = entityIndex(report);
  const actor = (a: { entity: string | null; code: string | null }): string => {
    const name = a.entity ? entities.get(a.entity)?.name : undefined;
    return escapeHtml([name, a.code].filter(Boolean).join(' · ') || '—');
  };
  const rows = report.events.map(
    (v, vi) =>
      `<tr><td><a href="#r${ri}-v${vi}" data-g="g-r${ri}v${vi}"><code>${escapeHtml(v.code)}</code></a> ${escapeHtml(v.label)}</td><td>${actor(v.actor1)}</td><td>${actor(v.actor2)}</td><td>${escapeHtml(v.location?.name ?? '')}</td><td>${escapeHtml(v.date ?? '')}</td><td class="num">${escapeHtml(String(v.goldstein))}</td></tr>`,
  );
  return `<section><h3>Events (${report.events.length})</h3><table><thead><tr><th>Event</th><th>Actor 1</th><th>Actor 2</th><th>Where</th><th>When</th><th>Goldstein</th></tr></thead><tbody>${rows.join('')}</tbody></table></section>`;
}

function safeUrl(url: string): string | null {
  return /^https?:\/\/[^\s"'<>]+$/i.test(url) ? url : null;
}

function reportSection(report: Report, ri: number): string {
  const a = report.article;
  const starts = lineStarts(a.text);
  const url = a.url ? safeUrl(a.url) : null;
  const meta = [
    escapeHtml(a.published ?? 'date unknown'),
    ...(a.source ? [escapeHtml(a.source)] : []),
    url ? `<a href="${escapeHtml(url)}" rel="noreferrer noopener">${escapeHtml(clipText(url, 80))}</a>` : a.url ? escapeHtml(clipText(a.url, 80)) : '',
    `${wordCount(a.text)} words`,
  ].filter(Boolean);
  return `<section class="report" id="r${ri}">
<header><h2>${escapeHtml(a.title || '(untitled)')}</h2><p class="meta">${meta.join(' · ')}</p></header>
${findingsPanel(report, ri, starts)}
<div class="cols">
<section class="article"><h3>Article</h3><div class="text">${annotatedText(a.text, collectMarks(report, ri))}</div></section>
<div class="side">${attributionsTable(report, ri)}${namesTable(report, ri)}${eventsTable(report, ri)}</div>
</div>
</section>`;
}

const CSS = `
:root{--source:#cfe2ff;--cue:#ffd8a8;--content:#fff3bf;--entity:#2f9e44;--evidence:#e03131;--event:#7048e8}
*{box-sizing:border-box}
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;color:#212529;background:#f8f9fa}
.top{position:sticky;top:0;z-index:2;background:#fff;border-bottom:1px solid #dee2e6;padding:.5rem 1.25rem;display:flex;gap:1.5rem;align-items:center;flex-wrap:wrap}
.top h1{font-size:1.05rem;margin:0}
.legend{display:flex;gap:.75rem;flex-wrap:wrap;font-size:.85rem}
.legend span{padding:0 .35rem;border-radius:3px}
main{padding:1rem 1.25rem;max-width:1400px;margin:0 auto}
nav h2{font-size:1.1rem;margin:.2rem 0}
nav ol{margin:.25rem 0 1rem;padding-left:1.5rem}
.count{font-size:.85rem;font-weight:600}.count.sev-high{color:#c92a2a}.count.sev-medium{color:#e67700}.count.sev-low{color:#1971c2}.count.sev-info{color:#868e96}
.report{background:#fff;border:1px solid #dee2e6;border-radius:6px;padding:1rem 1.25rem;margin-bottom:1.5rem}
.report header h2{margin:.1rem 0;font-size:1.3rem}
.meta{color:#6c757d;margin:.2rem 0 .8rem;font-size:.9rem}
h3{font-size:1rem;margin:.8rem 0 .4rem}
.cols{display:grid;grid-template-columns:minmax(0,3fr) minmax(0,2fr);gap:1.5rem}
@media (max-width:900px){.cols{grid-template-columns:minmax(0,1fr)}}
.text{white-space:pre-wrap;font-family:Georgia,"Times New Roman",serif;font-size:1.02rem;line-height:1.65;overflow-wrap:anywhere}
.m{border-radius:2px}
.m.r-content{background:var(--content)}
.m.r-source{background:var(--source)}
.m.r-cue{background:var(--cue);font-weight:600}
.m.r-entity{border-bottom:2px solid var(--entity)}
.m.r-event{text-decoration:underline dashed var(--event);text-underline-offset:4px}
.m.r-evidence{box-shadow:inset 0 2px 0 var(--evidence),inset 0 -2px 0 var(--evidence)}
.m.hl{outline:2px solid #1c7ed6}
.m.flash{animation:flash 2s ease-out}
@keyframes flash{0%{background:#ffc9c9}100%{}}
.findings ol{padding-left:1.2rem;margin:.2rem 0}
.finding{margin:.4rem 0 .8rem}
.finding p{margin:.15rem 0}
.sev{display:inline-block;font-size:.75rem;font-weight:700;text-transform:uppercase;padding:0 .4rem;border-radius:3px;color:#fff;background:#868e96}
.sev-high .sev{background:#c92a2a}.sev-medium .sev{background:#e67700}.sev-low .sev{background:#1971c2}
.evidence{margin:.1rem 0;padding-left:1rem;font-size:.92rem}
.pos,.codes,.none{color:#868e96;font-size:.85rem}
table{border-collapse:collapse;width:100%;font-size:.9rem}
th,td{text-align:left;vertical-align:top;padding:.25rem .4rem;border-bottom:1px solid #e9ecef;overflow-wrap:break-word}
.side{min-width:0;overflow-x:auto}
td.num{text-align:right}
.tag{font-size:.72rem;background:#e7f5ff;color:#1864ab;padding:0 .3rem;border-radius:3px}
a{color:#1864ab;text-decoration:none}a:hover{text-decoration:underline}
`;

/** Hover a highlight: every part of the same quote, name or finding lights up. Click a finding's
 * evidence: its spans flash. Only classes are touched; no markup is written. */
const JS = `(function(){
function groups(el){var g=[];el.classList.forEach(function(c){if(c.indexOf('g-')===0)g.push(c)});return g}
function light(g,on){document.querySelectorAll('.m.'+g).forEach(function(n){n.classList.toggle('hl',on)})}
function over(on){return function(ev){var t=ev.target;if(t&&t.classList&&t.classList.contains('m'))groups(t).forEach(function(g){light(g,on)})}}
document.addEventListener('mouseover',over(true));document.addEventListener('mouseout',over(false));
document.addEventListener('click',function(ev){var a=ev.target&&ev.target.closest?ev.target.closest('a[data-g]'):null;if(!a)return;var g=a.getAttribute('data-g');if(!/^g-[a-z0-9]+$/.test(g||''))return;
document.querySelectorAll('.m.flash').forEach(function(n){n.classList.remove('flash')});
document.querySelectorAll('.m.'+g).forEach(function(n){void n.offsetWidth;n.classList.add('flash')})});
})();`;

const LEGEND = `<div class="legend"><span style="background:var(--source)">source</span><span style="background:var(--cue);font-weight:600">cue</span><span style="background:var(--content)">quoted content</span><span style="border-bottom:2px solid var(--entity)">name</span><span style="box-shadow:inset 0 2px 0 var(--evidence),inset 0 -2px 0 var(--evidence)">finding evidence</span><span style="text-decoration:underline dashed var(--event)">event</span></div>`;

export function renderHtml(reports: Report[]): string {
  const title = reports.length === 1 ? reports[0]!.article.title || '(untitled)' : `${reports.length} articles`;
  const nav =
    reports.length > 1
      ? `<nav><h2>${reports.length} articles</h2><ol>${reports
          .map((r, ri) => {
            const n = r.findings.length;
            const worst = sortedFindings(r)[0]?.severity;
            const count = `<span class="${n ? `count sev-${sevClass(worst)}` : 'pos'}">${n} finding${n === 1 ? '' : 's'}</span>`;
            return `<li><a href="#r${ri}">${escapeHtml(r.article.title || '(untitled)')}</a> <span class="pos">${escapeHtml(r.article.published ?? '')}</span> ${count}</li>`;
          })
          .join('')}</ol></nav>`
      : '';
  const body = reports.length ? reports.map((r, ri) => reportSection(r, ri)).join('\n') : '<p class="none">No articles were analysed.</p>';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<meta name="generator" content="wiretrace (wiretrace.report/1)">
<title>wiretrace — ${escapeHtml(title)}</title>
<style>${CSS}</style>
</head>
<body>
<div class="top"><h1>wiretrace</h1>${LEGEND}</div>
<main>
${nav}${body}
</main>
<script>${JS}</script>
</body>
</html>
`;
}
