/**
 * Reports are stored as deflated JSON: a 700-word article's report is ~40 KB of JSON and ~8 KB
 * deflated, which keeps a 200,000-article store on an ordinary disk. Level 1 costs well under a
 * millisecond and runs in the ingest workers, not in the writer.
 */
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { Report } from '../types.js';

export function encodeReport(report: Report): Buffer {
  return deflateRawSync(Buffer.from(JSON.stringify(report)), { level: 1 });
}

export function decodeReport(blob: Uint8Array): Report {
  return JSON.parse(inflateRawSync(blob).toString('utf8')) as Report;
}
