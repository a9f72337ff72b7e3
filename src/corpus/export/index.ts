/**
 * `wiretrace export`: the stored corpus as JSON Lines (one report a line), CSV (one table per
 * layer), the GDELT 2.0 event table, or BRAT standoff files. Reports are read one at a time, so an
 * export's memory does not grow with the corpus.
 */
import { closeSync, mkdirSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from '../../store/db.js';
import type { Report } from '../../types.js';
import { allReports } from '../queries.js';
import { quadClass } from '../cameo.js';
import { GDELT_COLUMNS, gdeltRow, gdeltTimestamp } from './gdelt.js';
import { BRAT_ANNOTATOR, bratName, toBrat } from './brat.js';

import type { ExportFormat } from './formats.js';
export { EXPORT_FORMATS, type ExportFormat } from './formats.js';

export interface ExportOptions {
  format: ExportFormat;
  /** A folder; without it jsonl and gdelt go to `write` (stdout), csv and brat need it. */
  out?: string;
  write?: (s: string) => void;
  /** Include the GDELT header line (GDELT's own files have none). */
  header?: boolean;
}

export interface ExportResult {
  articles: number;
  rows: number;
  files: string[];
}

export class ExportError extends Error {}

/** A sink that writes to a file, or to `write` when there is no file. */
class Sink {
  private fd: number | null;
  constructor(path: string | null, private readonly write?: (s: string) => void) {
    this.fd = path ? openSync(path, 'w') : null;
  }
  line(s: string): void {
    if (this.fd !== null) writeSync(this.fd, `${s}\n`);
    else this.write?.(`${s}\n`);
  }
  close(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }
}

export function csvCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  const s = typeof v === 'string' ? v : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const CSV_TABLES = {
  articles: ['article', 'story', 'title', 'published', 'url', 'source', 'chars'],
  entities: ['article', 'entity', 'name', 'type', 'kb', 'mentions'],
  mentions: ['article', 'entity', 'start', 'end', 'text'],
  attributions: ['article', 'attribution', 'type', 'source', 'source_entity', 'cue', 'content', 'in_headline', 'start', 'end'],
  events: ['article', 'event', 'code', 'label', 'quad_class', 'goldstein', 'actor1', 'actor1_entity', 'actor2', 'actor2_entity', 'date', 'location', 'country', 'lat', 'lon', 'evidence'],
  findings: ['article', 'finding', 'rule', 'severity', 'message', 'evidence'],
} as const;

function csvRows(id: number, story: number, r: Report): Record<keyof typeof CSV_TABLES, unknown[][]> {
  const a = r.article;
  return {
    articles: [[id, story, a.title, a.published, a.url, a.source, a.text.length]],
    entities: r.entities.map((e) => [id, e.id, e.name, e.type, e.kb?.id ?? null, e.mentions.length]),
    mentions: r.entities.flatMap((e) => e.mentions.map((m) => [id, e.id, m.start, m.end, m.text])),
    attributions: r.attributions.map((t) => {
      const first = t.content[0];
      const last = t.content[t.content.length - 1];
      return [id, t.id, t.type, t.source?.text ?? null, t.source?.entity ?? null, t.cue.text, t.content.map((c) => c.text).join(' … '),
        t.inHeadline ? 1 : 0, first?.start ?? t.cue.start, last?.end ?? t.cue.end];
    }),
    events: r.events.map((v) => [id, v.id, v.code, v.label, quadClass(v.code), v.goldstein, v.actor1.code, v.actor1.entity, v.actor2.code,
      v.actor2.entity, v.date ?? a.published, v.location?.name ?? null, v.location?.country ?? null, v.location?.lat ?? null,
      v.location?.lon ?? null, v.evidence.text]),
    findings: r.findings.map((f) => [id, f.id, f.rule, f.severity, f.message, f.evidence.map((s) => s.text).join(' | ')]),
  };
}

export function exportCorpus(db: Db, opts: ExportOptions): ExportResult {
  const result: ExportResult = { articles: 0, rows: 0, files: [] };
  const { format, out } = opts;
  if ((format === 'csv' || format === 'brat') && !out) throw new ExportError(`--format ${format} writes several files: give a folder with --out.`);
  if (out) mkdirSync(out, { recursive: true });
  const file = (name: string): string => {
    const p = join(out!, name);
    result.files.push(p);
    return p;
  };

  if (format === 'jsonl') {
    const sink = new Sink(out ? file('reports.jsonl') : null, opts.write);
    for (const { report } of allReports(db)) {
      sink.line(JSON.stringify(report));
      result.articles++;
      result.rows++;
    }
    sink.close();
  } else if (format === 'gdelt') {
    const sink = new Sink(out ? file('events.tsv') : null, opts.write);
    if (opts.header) sink.line(GDELT_COLUMNS.join('\t'));
    const ids = db.prepare('SELECT id, ingested FROM articles ORDER BY id').all() as Array<{ id: number; ingested: string }>;
    const eventIds = db.prepare('SELECT vid, id FROM events WHERE article = ?');
    const added = new Map(ids.map((r) => [r.id, gdeltTimestamp(r.ingested)]));
    for (const { id, report } of allReports(db)) {
      result.articles++;
      const gid = new Map((eventIds.all(id) as Array<{ vid: string; id: number }>).map((e) => [e.vid, e.id]));
      for (const ev of report.events) {
        sink.line(gdeltRow(gid.get(ev.id) ?? 0, ev, report, added.get(id) ?? ''));
        result.rows++;
      }
    }
    sink.close();
  } else if (format === 'csv') {
    const sinks = Object.fromEntries(
      Object.entries(CSV_TABLES).map(([name, cols]) => {
        const s = new Sink(file(`${name}.csv`));
        s.line(cols.join(','));
        return [name, s];
      }),
    ) as Record<keyof typeof CSV_TABLES, Sink>;
    for (const { id, story, report } of allReports(db)) {
      result.articles++;
      const rows = csvRows(id, story, report);
      for (const name of Object.keys(CSV_TABLES) as Array<keyof typeof CSV_TABLES>) {
        for (const row of rows[name]) {
          sinks[name].line(row.map(csvCell).join(','));
          result.rows++;
        }
      }
    }
    const corpus = db.prepare('SELECT id, rule, severity, message, article_a, article_b, evidence FROM corpus_findings ORDER BY id').iterate() as IterableIterator<{
      id: number; rule: string; severity: string; message: string; article_a: number; article_b: number; evidence: string;
    }>;
    for (const c of corpus) {
      const ev = (JSON.parse(c.evidence) as Array<{ text: string }>).map((e) => e.text).join(' | ');
      for (const article of [c.article_a, c.article_b]) {
        sinks.findings.line([article, `c${c.id}`, c.rule, c.severity, c.message, ev].map(csvCell).join(','));
        result.rows++;
      }
    }
    for (const s of Object.values(sinks)) s.close();
  } else {
    mkdirSync(join(out!, 'text'), { recursive: true });
    mkdirSync(join(out!, 'attributions'), { recursive: true });
    result.files.push(join(out!, 'text'), join(out!, 'attributions'));
    for (const { id, report } of allReports(db)) {
      const name = bratName(id, report.article.title);
      writeFileSync(join(out!, 'text', `${name}.txt`), report.article.text);
      writeFileSync(join(out!, 'attributions', `${name}_${BRAT_ANNOTATOR}.ann`), toBrat(report));
      result.articles++;
      result.rows += report.attributions.length;
    }
  }
  return result;
}
