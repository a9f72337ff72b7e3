/**
 * The command line: `wiretrace analyze …` and friends. Flags are validated here, at the edge;
 * the pipeline only ever sees typed, checked values.
 */
import { Command, CommanderError, Option } from 'commander';
import { EXIT, EXIT_HELP } from './exit-codes.js';
import { DEFAULT_MAX_BYTES, type InputFormat } from '../ingest/index.js';
import { registerEval } from './eval.js';
import { registerCorpus } from './corpus.js';
import { registerEvalPetrarch } from './eval-petrarch.js';
import { registerServe } from './serve.js';
import type { Severity } from '../types.js';
import { collect, isoDate, positiveInt } from './flags.js';
import { tuneHeap } from '../heap.js';

export interface AnalyzeOptions {
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
      // the pipeline is loaded by the command that runs it, so the other commands start quicker
      const { runAnalyze } = await import('./analyze.js');
      setExit(await runAnalyze(inputs, opts, io));
    });

  registerEval(program, io, setExit);
  registerCorpus(program, io, setExit);
  registerEvalPetrarch(program, io, setExit);
  registerServe(program, io, setExit);
  return program;
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
