/**
 * The terminal report: findings first, then who said what, then names, then events.
 * Colour only when asked (the CLI asks on a TTY without NO_COLOR / --no-color). Lines are wrapped
 * to the terminal width; article text is stripped of control characters so a hostile article
 * cannot send escape sequences to the reader's terminal.
 */
import pc from 'picocolors';
import type { Attribution, Report, ReportEntity, Severity, Span, WireEvent } from '../types.js';
import {
  attributionStart,
  entityIndex,
  inQuotes,
  lineCol,
  lineStarts,
  roleLine,
  sortedEntities,
  sortedFindings,
  speakerName,
  wordCount,
} from './common.js';

export interface TerminalOptions {
  color: boolean;
  /** Terminal width in columns (default 100; kept between 40 and 160). */
  width?: number;
}

type Colors = ReturnType<typeof pc.createColors>;

/** C0/C1 controls (ESC included) and bidi overrides become U+FFFD; runs of whitespace one space. */
const UNSAFE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

export function oneLine(s: string): string {
  return s.replace(UNSAFE, '\uFFFD').replace(/\s+/g, ' ').trim();
}

/** Cut at a word boundary and end with an ellipsis when longer than `max`. */
export function clip(s: string, max: number): string {
  if (s.length <= max) return s;
  const cut = s.slice(0, Math.max(1, max - 1));
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** Word-wrap plain text: the first line gets `first` columns, the others `rest`. */
export function wrap(s: string, first: number, rest: number): string[] {
  const lines: string[] = [];
  let line = '';
  rest = Math.max(1, Math.floor(rest));
  let room = Math.max(1, Math.floor(first));
  for (let word of s.split(' ')) {
    if (!word) continue;
    if (line && line.length + 1 + word.length <= room) {
      line += ` ${word}`;
      continue;
    }
    if (line) {
      lines.push(line);
      line = '';
      room = rest;
    }
    while (word.length > room) {
      lines.push(word.slice(0, room));
      word = word.slice(room);
      room = rest;
    }
    line = word;
  }
  if (line || lines.length === 0) lines.push(line);
  return lines;
}

function severityTag(c: Colors, sev: Severity): string {
  const label = sev.toUpperCase().padEnd(6);
  if (sev === 'high') return c.bold(c.red(label));
  if (sev === 'medium') return c.yellow(label);
  if (sev === 'low') return c.cyan(label);
  return c.dim(label);
}

/** Text in quotation marks (unless it brings its own), on one line and clipped. */
function quoted(s: string, max: number): string {
  return inQuotes(clip(oneLine(s), max));
}

interface Ctx {
  c: Colors;
  width: number;
  starts: number[];
  entities: Map<string, ReportEntity>;
  date: string | null;
}

function at(ctx: Ctx, s: Span): string {
  const { line, col } = lineCol(ctx.starts, s.start);
  return `${line}:${col}`;
}

/** A block of text indented by `indent` spaces, wrapped, optionally styled line by line. */
function block(ctx: Ctx, text: string, indent: number, style: (s: string) => string = (s) => s): string[] {
  const pad = ' '.repeat(indent);
  const w = Math.max(20, ctx.width - indent);
  return wrap(oneLine(text), w, w).map((l) => pad + style(l));
}

function heading(ctx: Ctx, title: string, n: number): string {
  return `${ctx.c.bold(title.toUpperCase())} ${ctx.c.dim(`(${n})`)}`;
}

function findingsSection(ctx: Ctx, report: Report): string[] {
  const { c } = ctx;
  const out = [heading(ctx, 'Findings', report.findings.length)];
  if (report.findings.length === 0) out.push(c.dim('  No findings.'));
  for (const f of sortedFindings(report)) {
    out.push(`  ${severityTag(c, f.severity)}  ${c.bold(oneLine(f.rule))}`);
    out.push(...block(ctx, f.message, 10));
    for (const ev of f.evidence.slice(0, 6)) {
      const pos = at(ctx, ev).padEnd(7);
      out.push(`          ${c.dim(pos)} ${quoted(ev.text, Math.max(20, ctx.width - 20))}`);
    }
    if (f.evidence.length > 6) out.push(c.dim(`          … and ${f.evidence.length - 6} more`));
  }
  return out;
}

function attributionLines(ctx: Ctx, a: Attribution): string[] {
  const { c } = ctx;
  const who = speakerName(a, ctx.entities);
  const where = a.inHeadline ? 'headline' : at(ctx, a.cue);
  const head = `  ${c.bold(clip(oneLine(who), 40))} ${c.dim('→')} ${clip(oneLine(a.cue.text), 30) || c.dim('(no cue)')}  ${c.dim(`${a.type} · ${where}`)}`;
  const content = a.content.map((s) => oneLine(s.text)).join(' … ');
  const maxContent = Math.max(60, (ctx.width - 6) * 3);
  const lines = wrap(quoted(content, maxContent), ctx.width - 6, ctx.width - 6).map((l) => `      ${l}`);
  return [head, ...lines];
}

function attributionsSection(ctx: Ctx, report: Report): string[] {
  const out = [heading(ctx, 'Who said what', report.attributions.length)];
  if (report.attributions.length === 0) out.push(ctx.c.dim('  No attributed statements found.'));
  const list = [...report.attributions].sort((a, b) => Number(b.inHeadline) - Number(a.inHeadline) || attributionStart(a) - attributionStart(b));
  for (const a of list) out.push(...attributionLines(ctx, a));
  return out;
}

function namesSection(ctx: Ctx, report: Report): string[] {
  const { c } = ctx;
  const out = [heading(ctx, 'Names', report.entities.length)];
  if (report.entities.length === 0) out.push(c.dim('  No names found.'));
  const list = sortedEntities(report);
  const nameW = Math.min(28, Math.max(4, ...list.map((e) => oneLine(e.name).length)));
  for (const e of list) {
    const name = clip(oneLine(e.name), nameW).padEnd(nameW);
    const count = `×${e.mentions.length}`.padEnd(4);
    // A name in the KB shows its role on the article's date, else its KB id and codes (dimmed).
    const held = e.kb ? oneLine(roleLine(e, ctx.date)) : '';
    const link = e.kb ? oneLine([e.kb.id, ...e.kb.codes.slice(0, 3)].join(' · ')) : 'not in the knowledge base';
    const role = held || link;
    const style = held ? (s: string): string => s : c.dim;
    const lead = 2 + nameW + 2 + 6 + 2 + 4 + 2;
    const roleLines = role ? wrap(role, Math.max(20, ctx.width - lead), Math.max(20, ctx.width - lead)) : [''];
    const first = roleLines[0] ? `  ${style(roleLines[0])}` : '';
    out.push(`  ${c.bold(name)}  ${c.dim(e.type.padEnd(6))}  ${first ? count : count.trimEnd()}${first}`);
    for (const l of roleLines.slice(1)) out.push(' '.repeat(lead) + style(l));
  }
  return out;
}

function actorName(ctx: Ctx, actor: WireEvent['actor1']): string {
  const e = actor.entity ? ctx.entities.get(actor.entity) : undefined;
  const name = e ? oneLine(e.name) : '';
  if (name && actor.code) return `${name} [${oneLine(actor.code)}]`;
  return name || (actor.code ? oneLine(actor.code) : '—');
}

function eventsSection(ctx: Ctx, report: Report): string[] {
  const { c } = ctx;
  const out = [heading(ctx, 'Events', report.events.length)];
  for (const v of report.events) {
    const place = v.location ? ` · ${oneLine(v.location.name)}` : '';
    const date = v.date ? ` · ${v.date}` : '';
    const g = `${v.goldstein > 0 ? '+' : ''}${v.goldstein}`;
    out.push(`  ${c.bold(oneLine(v.code))} ${clip(oneLine(v.label), ctx.width - 20)} ${c.dim(`(${g})`)}`);
    const who = `${actorName(ctx, v.actor1)} → ${actorName(ctx, v.actor2)}${place}${date}`;
    out.push(`      ${clip(who, ctx.width - 16)}  ${c.dim(at(ctx, v.evidence))}`);
    const w = ctx.width - 6;
    out.push(...wrap(quoted(v.evidence.text, w * 2), w, w).map((l) => `      ${l}`));
  }
  return out;
}

function header(ctx: Ctx, report: Report): string[] {
  const { c } = ctx;
  const a = report.article;
  const title = oneLine(a.title) || '(untitled)';
  const out = wrap(title, ctx.width, ctx.width).map((l) => c.bold(l));
  const facts = [
    a.published ?? 'date unknown',
    ...(a.source ? [oneLine(a.source)] : []),
    `${wordCount(a.text)} words`,
    `${report.findings.length} finding${report.findings.length === 1 ? '' : 's'}`,
    `${report.attributions.length} attribution${report.attributions.length === 1 ? '' : 's'}`,
    `${report.entities.length} name${report.entities.length === 1 ? '' : 's'}`,
  ];
  out.push(...wrap(facts.join(' · '), ctx.width, ctx.width).map((l) => c.dim(l)));
  if (a.url) out.push(c.dim(clip(oneLine(a.url), ctx.width)));
  return out;
}

export function renderTerminal(report: Report, opts: TerminalOptions): string {
  const width = Math.min(160, Math.max(40, Math.floor(opts.width ?? 100)));
  const ctx: Ctx = {
    c: pc.createColors(opts.color),
    width,
    starts: lineStarts(report.article.text),
    entities: entityIndex(report),
    date: report.article.published,
  };
  const sections = [header(ctx, report), findingsSection(ctx, report), attributionsSection(ctx, report), namesSection(ctx, report)];
  if (report.events.length > 0) sections.push(eventsSection(ctx, report));
  return `${sections.map((s) => s.join('\n')).join('\n\n')}\n`;
}
