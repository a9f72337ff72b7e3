/**
 * One unit of ingest work, the same in a worker thread or in the main thread (`--workers 0`):
 * read -> already stored? -> analyse -> fingerprint, rows to index, deflated report.
 */
import Database from 'better-sqlite3';
import type { Resources } from '../resources.js';
import type { Article } from '../types.js';
import { analyze } from '../pipeline.js';
import { contentHash, type Fingerprint } from '../corpus/fingerprint.js';
import type { StoreRows } from '../corpus/rows.js';
import { finishOne, type ReportParts } from '../corpus/finish.js';
import { InputError, readArticle, type InputFormat } from './index.js';

export interface WorkerInit {
  dbPath: string | null;
  kbFiles: string[];
  maxBytes: number;
  heapMb: number;
  /** Read tokens on a thread of the worker's own while it analyses the previous article (src/batch.ts). */
  tokeniser: boolean;
  /**
   * Articles analysed together, stage by stage (src/pipeline.ts analyzeTokensMany); default 1.
   * The pool restarts a worker that died with a group at 1, so that the article it dies on is known.
   */
  group?: number;
}

export type JobItem =
  | { kind: 'raw'; name: string; data: Uint8Array | string; format: InputFormat }
  | { kind: 'article'; name: string; article: Article; warnings: string[] };

export interface WorkerJob {
  seq: number;
  item: JobItem;
}

export type WorkerResult =
  /** The writer gets what its tables index (rows) and the deflated report, not the report itself. */
  | { seq: number; type: 'analysed'; name: string; rows: StoreRows; blob: Uint8Array; fp: Fingerprint; warnings: string[] }
  | { seq: number; type: 'duplicate'; name: string; hash: string; warnings: string[] }
  /** The report's parts: the writer deflates and fingerprints them (finishParts), which frees the analysing thread. */
  | { seq: number; type: 'parts'; name: string; parts: ReportParts; warnings: string[] }
  | { seq: number; type: 'skip'; name: string; reason: string }
  | { seq: number; type: 'error'; name: string; message: string };

export type HashCheck = (hash: string) => boolean;

/** A read-only look-up of stored hashes (the writer's connection stays the only writer). */
export function openHashCheck(dbPath: string): HashCheck {
  const db = new Database(dbPath, { fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  const st = db.prepare('SELECT 1 FROM articles WHERE hash = ? UNION ALL SELECT 1 FROM near_duplicates WHERE hash = ? LIMIT 1').pluck();
  return (hash) => st.get(hash, hash) !== undefined;
}

/** A job read and checked, ready for analysis; or its answer already (unreadable, or stored before). */
export type Prepared = { done: WorkerResult } | { seq: number; name: string; article: Article; warnings: string[] };

export function prepareOne(job: WorkerJob, known: HashCheck | null, maxBytes: number): Prepared {
  const { item, seq } = job;
  let article: Article;
  let warnings: string[];
  if (item.kind === 'raw') {
    try {
      ({ article, warnings } = readArticle(item.data, { format: item.format, maxBytes, name: item.name }));
    } catch (e) {
      if (e instanceof InputError) return { done: { seq, type: 'skip', name: item.name, reason: e.message } };
      throw e;
    }
  } else {
    article = item.article;
    warnings = item.warnings;
  }
  const hash = contentHash(article.text);
  if (known?.(hash)) return { done: { seq, type: 'duplicate', name: item.name, hash, warnings } };
  return { seq, name: item.name, article, warnings };
}


export function analyzeOne(job: WorkerJob, res: Resources, known: HashCheck | null, maxBytes: number): WorkerResult {
  const p = prepareOne(job, known, maxBytes);
  return 'done' in p ? p.done : finishOne(p, analyze(p.article, res));
}
