/**
 * What the writer stores of an analysed article: the rows its tables index, the deflated report and
 * the fingerprint. The ingest worker sends the report's parts (reportParts: the report already as
 * UTF-8 JSON, the rows and the fingerprint's input) instead of the report: the JSON text replaces
 * the structured clone the worker wrote anyway at the same cost, and the writer reads a few small
 * objects instead of the whole report and serialises nothing. The writer deflates and fingerprints
 * (finishParts), which keeps that work off the analysing thread.
 */
import type { Report } from '../types.js';
import type { WorkerResult } from '../ingest/work.js';
import { fingerprintFrom, fingerprintInput, type FingerprintInput } from './fingerprint.js';
import { storeRows, type StoreRows } from './rows.js';
import { deflateReportJson } from '../store/codec.js';

export interface ReportParts {
  /** JSON.stringify(report) as UTF-8 (its buffer is transferred, not copied). */
  json: Uint8Array;
  rows: StoreRows;
  fp: FingerprintInput;
}

const utf8 = new TextEncoder();

export function reportParts(report: Report): ReportParts {
  const rows = storeRows(report);
  return { json: utf8.encode(JSON.stringify(report)), rows, fp: fingerprintInput(report, rows.entities) };
}

export function finishParts(p: { seq: number; name: string; warnings: string[] }, parts: ReportParts): WorkerResult {
  return { seq: p.seq, type: 'analysed', name: p.name, rows: parts.rows, blob: deflateReportJson(parts.json), fp: fingerprintFrom(parts.fp), warnings: p.warnings };
}

export function finishOne(p: { seq: number; name: string; warnings: string[] }, report: Report): WorkerResult {
  return finishParts(p, reportParts(report));
}
