/**
 * The analysis the API runs per request, the same inline (tests, `--workers 0`) or in a worker
 * thread (the server's default, so one long article never stalls the reads of everyone else):
 * read the body as an article, analyse it, and hand back either the report as JSON text
 * (`analyze`) or everything the store's writer needs (`ingest`).
 */
import { readArticle, InputError, type InputFormat } from '../ingest/index.js';
import { analyze } from '../pipeline.js';
import type { Resources } from '../resources.js';
import type { Report } from '../types.js';
import { fingerprint, type Fingerprint } from '../corpus/fingerprint.js';
import { encodeReport } from '../store/codec.js';

export interface AnalysisTask {
  kind: 'analyze' | 'ingest';
  data: string;
  format: InputFormat;
  name: string;
  maxBytes: number;
  title?: string;
  published?: string;
  url?: string;
  source?: string;
}

export type AnalysisResult =
  | { ok: true; kind: 'analyze'; json: string; warnings: string[] }
  | { ok: true; kind: 'ingest'; report: Report; blob: Uint8Array; fp: Fingerprint; warnings: string[] }
  | { ok: false; code: InputError['code']; message: string };

export function runAnalysis(task: AnalysisTask, res: Resources): AnalysisResult {
  let read;
  try {
    read = readArticle(task.data, {
      format: task.format,
      maxBytes: task.maxBytes,
      name: task.name,
      ...(task.title !== undefined ? { title: task.title } : {}),
      ...(task.published !== undefined ? { published: task.published } : {}),
      ...(task.url !== undefined ? { url: task.url } : {}),
      ...(task.source !== undefined ? { source: task.source } : {}),
    });
  } catch (e) {
    if (e instanceof InputError) return { ok: false, code: e.code, message: e.message };
    throw e;
  }
  const report = analyze(read.article, res);
  if (task.kind === 'analyze') return { ok: true, kind: 'analyze', json: JSON.stringify(report), warnings: read.warnings };
  return { ok: true, kind: 'ingest', report, blob: encodeReport(report), fp: fingerprint(report), warnings: read.warnings };
}
