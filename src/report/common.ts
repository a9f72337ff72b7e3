/**
 * What both faces of a report need: positions as line:column, roles on the article's date,
 * speaker names, and a stable order for findings. Pure functions over a Report.
 */
import { roleActiveOn } from '../kb/index.js';
import type { Attribution, KbRole, Report, ReportEntity, Severity, Span } from '../types.js';

export const SEVERITY_ORDER: Record<Severity, number> = { high: 0, medium: 1, low: 2, info: 3 };

/** Start offsets of every line, so an offset turns into line:column by binary search. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  let i = text.indexOf('\n');
  while (i !== -1) {
    starts.push(i + 1);
    i = text.indexOf('\n', i + 1);
  }
  return starts;
}

/** 1-based line and column of an offset (columns in UTF-16 code units, like every span). */
export function lineCol(starts: readonly number[], offset: number): { line: number; col: number } {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, col: offset - starts[lo]! + 1 };
}

/** The roles an entity held on the article's date (current roles when the date is unknown). */
export function rolesOnDate(entity: ReportEntity, date: string | null): KbRole[] {
  return shownRoles(entity).filter((r) => roleActiveOn(r, date));
}

/** Posts a person holds; "phoenix" roles are dated actor codes from the Phoenix dictionaries, not posts. */
function shownRoles(entity: ReportEntity): KbRole[] {
  return (entity.kb?.roles ?? []).filter((r) => r.role !== 'phoenix');
}

/** A one-line role description for a name: its role on the date, or the last one it held before. */
export function roleLine(entity: ReportEntity, date: string | null): string {
  const roles = shownRoles(entity);
  if (roles.length === 0) return '';
  const now = rolesOnDate(entity, date);
  if (now.length > 0) return now.map((r) => `${r.title}${r.from ? ` (since ${r.from})` : ''}`).join('; ');
  const past = roles
    .filter((r) => r.to !== null && (date === null || r.to <= date))
    .sort((a, b) => (b.to ?? '').localeCompare(a.to ?? ''))[0];
  if (past) return `formerly ${past.title} (until ${past.to})`;
  return '';
}

export function entityIndex(report: Report): Map<string, ReportEntity> {
  return new Map(report.entities.map((e) => [e.id, e]));
}

/** Who speaks in an attribution: the linked entity's name, else the source words, else nobody. */
export function speakerName(a: Attribution, entities: ReadonlyMap<string, ReportEntity>): string {
  if (!a.source) return '(no source)';
  const e = a.source.entity ? entities.get(a.source.entity) : undefined;
  return e ? e.name : a.source.text;
}

/** The first offset an attribution touches, to list them in reading order. */
export function attributionStart(a: Attribution): number {
  let start = a.cue.start;
  if (a.source && a.source.start < start) start = a.source.start;
  for (const c of a.content) if (c.start < start) start = c.start;
  return start;
}

export function firstOffset(spans: readonly Span[]): number {
  let min = Number.MAX_SAFE_INTEGER;
  for (const s of spans) if (s.start < min) min = s.start;
  return min;
}

/** Findings most severe first, then in reading order of their first evidence. */
export function sortedFindings(report: Report): Report['findings'] {
  return [...report.findings].sort(
    (a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || firstOffset(a.evidence) - firstOffset(b.evidence),
  );
}

/** Entities most mentioned first, then by first mention. */
export function sortedEntities(report: Report): ReportEntity[] {
  return [...report.entities].sort(
    (a, b) => b.mentions.length - a.mentions.length || firstOffset(a.mentions) - firstOffset(b.mentions),
  );
}

export function wordCount(text: string): number {
  let n = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const space = c === 32 || c === 10 || c === 9 || c === 13 || c === 160;
    if (!space && !inWord) n++;
    inWord = !space;
  }
  return n;
}

const QUOTE_MARKS = '"\'“”‘’«»„‹›';

/** Wrap text in quotation marks unless it already starts with one (a quote cited with its own marks). */
export function inQuotes(t: string): string {
  return QUOTE_MARKS.includes(t[0] ?? '') ? t : `“${t}”`;
}
