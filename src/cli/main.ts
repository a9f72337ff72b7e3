/**
 * The command line: `wiretrace analyze …` and friends. Flags are validated here, at the edge;
 * the pipeline only ever sees typed, checked values.
 */
import { Command, CommanderError, Option } from 'commander';
import { writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { EXIT, EXIT_HELP } from './exit-codes.js';
import { collectInputs, type InputItem } from './inputs.js';
import { readArticle, InputError, DEFAULT_MAX_BYTES, type InputFormat } from '../ingest/index.js';
import { loadResources, type Resources } from '../resources.js';
import { KbFileError } from '../kb/load.js';
import { toReport } from '../pipeline.js';
import { analyzeBatch } from '../batch.js';
import { renderTerminal } from '../report/terminal.js';
import { renderHtml } from '../report/html.js';
import { registerEval } from './eval.js';
import { registerCorpus } from './corpus.js';
import { registerEvalPetrarch } from './eval-petrarch.js';
import { registerServe } from './serve.js';
import type { Article, Report, Severity } from '../types.js';
import { collect, isoDate, positiveInt } from './flags.js';
import { tuneHeap } from '../heap.js';

const SEVERITY_RANK: Record<Severity, number> = { info: 0, low: 1, medium: 2, high: 3 };




interface AnalyzeOptions {
  json?: boolean;
  jsonl?: boolean;
  html?: string;
  published?: string;
  title?: string;
  format: InputFormat;
  kb: string[];
  maxBytes: number;
  color?: boolean;
  failOn?: Severity;
}

export interface Io {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  /** Standard input; reading may stop once more than `limit` bytes have come (the article is then refused as too large). */
  readStdin: (limit?: number) => Promise<Buffer>;
  isTTY: boolean;
  /** Terminal width, for wrapping the terminal report (absent when not a terminal). */
  columns?: number;
}

const defaultIo: Io = {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  readStdin: async (limit = Number.POSITIVE_INFINITY) => {
    // `cat /dev/zero | wiretrace analyze -` must end with a message, not fill the memory.
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const c of process.stdin) {
      chunks.push(c as Buffer);
      size += (c as Buffer).length;
      if (size > limit) {
        process.stdin.destroy();
        break;
      }
    }
    return Buffer.concat(chunks);
  },
  isTTY: Boolean(process.stdout.isTTY) && !process.env['NO_COLOR'],
  ...(process.stdout.columns ? { columns: process.stdout.columns } : {}),
};

export function buildProgram(io: Io, setExit: (code: number) => void): Command {
  const program = new Command();
  program
    .name('wiretrace')
    .description('Reads news articles: who is named, who said what, who did what to whom, and what does not add up.')
    .version('0.1.0')
    .addHelpText('after', `\n${EXIT_HELP}\n`)
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });

  program
    .command('analyze')
    .description('Analyse articles (files, folders, or - for standard input) and report names, attributions and findings.')
    .argument('<inputs...>', 'article files (.txt, .html, .json, .jsonl), folders (searched recursively), or - for stdin')
    .option('--json', 'print the wiretrace.report/1 JSON (one article; an array for several)')
    .option('--jsonl', 'print one wiretrace.report/1 JSON object per line')
    .option('--html <file>', 'write a self-contained annotated HTML page')
    .option('--published <date>', 'publication date (YYYY-MM-DD), for date-dependent checks', isoDate)
    .option('--title <title>', 'the headline (otherwise the first non-empty line of a text file)')
    .addOption(new Option('--format <format>', 'input format').choices(['auto', 'text', 'html', 'json']).default('auto'))
    .option('--kb <file>', 'an extra knowledge-base file (repeatable; adds or overrides entries)', collect, [])
    .option('--max-bytes <n>', 'largest article accepted, in bytes', positiveInt, DEFAULT_MAX_BYTES)
    .option('--no-color', 'no colour in the terminal report')
    .addOption(
      new Option('--fail-on <severity>', 'exit with 5 when a finding of this severity or worse is reported').choices([
        'info',
        'low',
        'medium',
        'high',
      ]),
    )
    .addHelpText('after', `\nExamples:\n  wiretrace analyze examples/harbour-talks.txt --published 2026-03-02\n  wiretrace analyze article.html --json\n  wiretrace analyze corpus/ --jsonl > reports.jsonl\n  cat article.txt | wiretrace analyze -\n\n${EXIT_HELP}\n`)
    .action(async (inputs: string[], opts: AnalyzeOptions) => {
      setExit(await runAnalyze(inputs, opts, io));
    });

  registerEval(program, io, setExit);
  registerCorpus(program, io, setExit);
  registerEvalPetrarch(program, io, setExit);
  registerServe(program, io, setExit);
  return program;
}

async function runAnalyze(inputs: string[], opts: AnalyzeOptions, io: Io): Promise<number> {
  let res: Resources;
  try {
    res = loadResources({ kbFiles: opts.kb });
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

export async function main(argv: string[], io: Io = defaultIo): Promise<number> {
  tuneHeap();
  let code: number = EXIT.ok;
  const program = buildProgram(io, (c) => (code = c));
  try {
    await program.parseAsync(argv);
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.exitCode === 0) return EXIT.ok;
      return EXIT.usage;
    }
    throw e;
  }
  return code;
}
