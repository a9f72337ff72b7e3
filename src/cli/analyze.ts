/**
 * `wiretrace analyze`: reads each input, runs the pipeline (through the batch, src/batch.ts, when
 * there are several) and prints reports. Loaded by main.ts only when the command runs, so that the
 * other commands do not load the pipeline's modules.
 */
import { writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { EXIT } from './exit-codes.js';
import type { AnalyzeOptions, Io } from './main.js';
import { collectInputs, type InputItem } from './inputs.js';
import { readArticle, InputError } from '../ingest/index.js';
import { loadResourcesWithKb, type Resources } from '../resources.js';
import { KbFileError } from '../kb/load.js';
import { analysingMany } from '../heap.js';
import { toReport } from '../pipeline.js';
import { analyzeBatch } from '../batch.js';
import { renderTerminal } from '../report/terminal.js';
import { renderHtml } from '../report/html.js';
import type { Article, Report, Severity } from '../types.js';

const SEVERITY_RANK: Record<Severity, number> = { info: 0, low: 1, medium: 2, high: 3 };

export async function runAnalyze(inputs: string[], opts: AnalyzeOptions, io: Io): Promise<number> {
  let res: Resources;
  try {
    res = await loadResourcesWithKb(opts.kb);
  } catch (e) {
    if (e instanceof KbFileError) {
      io.stderr(`wiretrace: ${e.message}\n`);
      return EXIT.kb;
    }
    throw e;
  }
  let failed = 0;
  let crashed = 0;
  const items: InputItem[] = await collectInputs(
    inputs,
    io.readStdin,
    (msg) => {
      failed++;
      io.stderr(`wiretrace: ${msg}\n`);
    },
    opts.maxBytes,
  );
  const reports: Report[] = [];
  const many = items.length > 1 || opts.jsonl === true;
  // many articles: V8 optimises the stages sooner (src/heap.ts); one article is better off without
  if (items.length > 1) analysingMany();
  // Many articles go through the batch (src/batch.ts): tokens of the next ones are read on a second
  // thread while this one runs the other stages; the reports are the same, in the same order.
  const warned = new Map<InputItem, string[]>();
  const toArticle = (item: InputItem): Article => {
    const { article, warnings } = readArticle(item.data, {
      format: item.format ?? opts.format,
      maxBytes: opts.maxBytes,
      name: item.name,
      ...(opts.title !== undefined ? { title: opts.title } : {}),
      ...(opts.published !== undefined ? { published: opts.published } : {}),
    });
    if (warnings.length) warned.set(item, warnings);
    return article;
  };
  const thread = items.length > 1 && availableParallelism() > 1;
  for await (const r of analyzeBatch(items, toArticle, res, { thread })) {
    const item = r.item;
    for (const w of warned.get(item) ?? []) io.stderr(`wiretrace: ${item.name}: ${w}\n`);
    warned.delete(item);
    if ('error' in r) {
      const e = r.error;
      if (e instanceof InputError) {
        failed++;
        io.stderr(`wiretrace: ${item.name}: ${e.message}\n`);
        continue;
      }
      // A bug in a stage must not cost the rest of a batch: say which article, go on, exit 1.
      crashed++;
      io.stderr(`wiretrace: ${item.name}: internal error (a bug: please report it): ${(e as Error)?.stack ?? String(e)}\n`);
      continue;
    }
    const report = toReport(r.doc);
    if (opts.jsonl) io.stdout(`${JSON.stringify(report)}\n`);
    if (!opts.jsonl || opts.html) reports.push(report);
  }
  if (opts.json) io.stdout(`${JSON.stringify(reports.length === 1 && !many ? reports[0] : reports, null, 2)}\n`);
  if (opts.html) {
    try {
      writeFileSync(opts.html, renderHtml(reports.length ? reports : []));
    } catch (e) {
      io.stderr(`wiretrace: cannot write ${opts.html}: ${(e as Error).message}\n`);
      return EXIT.usage;
    }
  }
  if (!opts.json && !opts.jsonl && !opts.html) {
    const color = opts.color !== false && io.isTTY;
    const width = io.columns !== undefined ? { width: io.columns } : {};
    const rule = `${'─'.repeat(Math.min(io.columns ?? 100, 100))}\n\n`;
    io.stdout(reports.map((r) => renderTerminal(r, { color, ...width })).join(`\n${rule}`));
  }
  if (crashed > 0) return EXIT.internal;
  if (failed > 0) return EXIT.input;
  if (opts.failOn) {
    const min = SEVERITY_RANK[opts.failOn];
    if (reports.some((r) => r.findings.some((f) => SEVERITY_RANK[f.severity] >= min))) return EXIT.findings;
  }
  return EXIT.ok;
}
