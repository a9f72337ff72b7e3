/**
 * Reports are stored as deflated JSON: a 700-word article's report is ~40 KB of JSON and ~8 KB
 * deflated, which keeps a 200,000-article store on an ordinary disk. Level 1 costs ~0.15 ms an
 * article (the ingest writer deflates JSON the worker serialised: src/corpus/finish.ts).
 */
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { Report } from '../types.js';

export function encodeReport(report: Report): Buffer {
  return deflateReportJson(Buffer.from(JSON.stringify(report)));
}

/** The stored form of a report already serialised: `JSON.stringify(report)` as UTF-8. */
export function deflateReportJson(json: Uint8Array): Buffer {
  return deflateRawSync(json, { level: 1 });
}

export function decodeReport(blob: Uint8Array): Report {
  return JSON.parse(inflateRawSync(blob).toString('utf8')) as Report;
}
