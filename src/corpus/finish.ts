/**
 * What the writer stores of an analysed article: the rows its tables index, the deflated report and
 * the fingerprint. Made by the ingest worker, or by the writer thread when the worker sends the
 * report itself (the writer is mostly idle; the analysing thread is the bottleneck).
 */
import type { Report } from '../types.js';
import type { WorkerResult } from '../ingest/work.js';
import { fingerprint } from './fingerprint.js';
import { storeRows } from './rows.js';
import { encodeReport } from '../store/codec.js';

export function finishOne(p: { seq: number; name: string; warnings: string[] }, report: Report): WorkerResult {
  return { seq: p.seq, type: 'analysed', name: p.name, rows: storeRows(report), blob: encodeReport(report), fp: fingerprint(report), warnings: p.warnings };
}
