/**
 * The corpus commands: ingest, search, quotes, events, findings, stories, stats, export. Each one
 * opens the store, calls one function of src/corpus/ (the same functions the HTTP API will serve)
 * and formats its answer; `--json` prints the answer as it is.
 */
import { existsSync } from 'node:fs';
import { Command, InvalidArgumentError, Option } from 'commander';
import { EXIT } from './exit-codes.js';
import type { Io } from './main.js';
import type { Db } from '../store/db.js';
import type { IngestProgress } from '../corpus/ingest.js';
import type { Interval } from '../corpus/queries.js';
import { EXPORT_FORMATS, type ExportFormat } from '../corpus/export/formats.js';
import { DEFAULT_MAX_BYTES } from '../ingest/index.js';
import { KbFileError } from '../kb/load.js';
import { collect, isoDate, nonNegativeInt, positiveInt } from './flags.js';
import { tuneHeapForIngest } from '../heap.js';

/**
 * What the corpus commands run on, loaded when one of them runs: a plain `wiretrace analyze` never
 * loads the store (better-sqlite3), the ingest pool, the queries or the exporters.
 */
async function corpusLib() {
  const [store, ingest, queries, exporters, sources] = await Promise.all([
    import('../store/db.js'),
    import('../corpus/ingest.js'),
    import('../corpus/queries.js'),
    import('../corpus/export/index.js'),
    import('../ingest/sources.js'),
  ]);
  return { store, ingest, queries, exporters, sources };
}
type CorpusLib = Awaited<ReturnType<typeof corpusLib>>;

const DB_HELP = `the database file (default: $WIRETRACE_DB, else ./wiretrace.db)`;




function actorCode(value: string, prev: string[]): string[] {
  if (!/^[A-Za-z]{3,15}$/.test(value)) throw new InvalidArgumentError('expected a CAMEO actor code such as RUS or RUSGOV.');
  if (prev.length >= 2) throw new InvalidArgumentError('give at most two --actor codes (a pair).');
  return [...prev, value.toUpperCase()];
}


const cut = (s: string, n: number): string => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
const oneLine = (s: string): string => s.replace(/\s+/g, ' ').trim();

function clock(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/** A progress line on stderr: a bar when the number of inputs is known (files; feeds count as one). */
function progressBar(io: Io, total: number): (p: IngestProgress) => void {
  let last = 0;
  return (p) => {
    const now = performance.now();
    if (now - last < 100) return;
    last = now;
    const rate = p.seconds > 0 ? p.done / p.seconds : 0;
    const known = total > 0 && p.done <= total;
    const width = 24;
    const filled = known ? Math.round((p.done / total) * width) : 0;
    const bar = known ? `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${Math.floor((p.done / total) * 100)}% ` : '';
    const eta = known && rate > 0 ? `  ETA ${clock((total - p.done) / rate)}` : '';
    io.stderr(`\r\x1b[2K${bar}${p.done} read, ${p.ingested} stored  ${rate.toFixed(0)} articles/s  ${clock(p.seconds)}${eta}`);
  };
}

export function registerCorpus(program: Command, io: Io, setExit: (code: number) => void): void {
  /** The store at `path`, or null after saying why it cannot be opened (exit code 3). */
  const open = (lib: CorpusLib, path: string): Db | null => {
    try {
      return lib.store.openStore(path);
    } catch (e) {
      if (!(e instanceof lib.store.StoreError)) throw e;
      io.stderr(`wiretrace: ${e.message}\n`);
      setExit(EXIT.input);
      return null;
    }
  };
  /** Open the store for a question; a missing database is a plain message, not a new empty file. */
  const withDb = async (file: string | undefined, fn: (db: Db, lib: CorpusLib) => number): Promise<void> => {
    const lib = await corpusLib();
    const path = file ?? lib.store.defaultDbPath();
    if (!existsSync(path)) {
      io.stderr(`wiretrace: no database at ${path}; fill one first with \`wiretrace ingest FILES… --db ${path}\`.\n`);
      setExit(EXIT.input);
      return;
    }
    const db = open(lib, path);
    if (!db) return;
    try {
      setExit(fn(db, lib));
    } finally {
      db.close();
    }
  };
  const json = (v: unknown): number => {
    io.stdout(`${JSON.stringify(v, null, 2)}\n`);
    return EXIT.ok;
  };

  program
    .command('ingest')
    .description('Analyse articles and store them with their reports in the corpus database (duplicates are skipped).')
    .argument('<inputs...>', 'files and folders (recursively): .txt .html .json .jsonl, RSS 2.0 / Atom feeds (.xml .rss .atom); - for JSON Lines on stdin')
    .option('--db <file>', DB_HELP)
    .option('--workers <n>', 'analysis worker threads, each with a tokeniser thread of its own (default: one per two cores, at least one; 0: in this thread)', nonNegativeInt)
    .option('--kb <file>', 'an extra knowledge-base file (repeatable)', collect, [])
    .option('--max-bytes <n>', 'largest article accepted, in bytes', positiveInt, DEFAULT_MAX_BYTES)
    .option('--json', 'print the summary as JSON')
    .addHelpText('after', `\nExamples:\n  wiretrace ingest examples/corpus\n  wiretrace ingest feeds/ --db news.db\n  cat articles.jsonl | wiretrace ingest -\n\nThe database is a SQLite file (WAL); each article is committed with its whole report in one\ntransaction, so an interrupted ingest leaves a consistent database and a rerun adds the rest.\nExit code 3 when some inputs were skipped (the rest are stored).\n`)
    .action(async (inputs: string[], opts: { db?: string; workers?: number; kb: string[]; maxBytes: number; json?: boolean }) => {
      const lib = await corpusLib();
      const path = opts.db ?? lib.store.defaultDbPath();
      const db = open(lib, path);
      if (!db) return;
      const tty = Boolean(process.stderr.isTTY) && !opts.json;
      tuneHeapForIngest();
      try {
        const s = await lib.ingest.ingest({
          db, dbPath: path, inputs, kbFiles: opts.kb, maxBytes: opts.maxBytes,
          ...(opts.workers !== undefined ? { workers: opts.workers } : {}),
          ...(tty ? { onProgress: progressBar(io, lib.sources.countFiles(inputs)) } : {}),
          onWarning: (name, msg) => io.stderr(`${tty ? '\r\x1b[2K' : ''}wiretrace: ${name}: ${msg}\n`),
        });
        if (tty) io.stderr('\r\x1b[2K');
        if (opts.json) json({ database: path, ...s });
        else {
          const lines = [
            `Ingested into ${path}: ${s.ingested} new article(s), ${s.duplicates} duplicate(s), ${s.nearDuplicates} near-duplicate(s) linked to their original, ${s.skipped.length} skipped.`,
            `${s.articlesPerSecond.toFixed(1)} articles/s on ${s.workers || 1} thread(s), ${s.seconds.toFixed(1)} s, peak memory ${s.peakRssMb} MB.`,
            ...s.skipped.slice(0, 20).map((k) => `  skipped ${k.name}: ${k.reason}`),
            ...(s.skipped.length > 20 ? [`  … and ${s.skipped.length - 20} more skipped`] : []),
          ];
          io.stdout(`${lines.join('\n')}\n`);
        }
        setExit(s.skipped.length > 0 ? EXIT.input : EXIT.ok);
      } catch (e) {
        if (e instanceof KbFileError) {
          io.stderr(`wiretrace: ${e.message}\n`);
          setExit(EXIT.kb);
          return;
        }
        throw e;
      } finally {
        db.close();
      }
    });

  program
    .command('search')
    .description('Full-text search over titles and texts, best matches first, with snippets.')
    .argument('<text>', 'words to look for (all must occur)')
    .option('--db <file>', DB_HELP)
    .option('--limit <n>', 'most results', positiveInt, 20)
    .option('--json', 'print JSON')
    .action((text: string, opts: { db?: string; limit: number; json?: boolean }) =>
      withDb(opts.db, (db, lib) => {
        const hits = lib.queries.search(db, { text, limit: opts.limit });
        if (opts.json) return json(hits);
        if (hits.length === 0) io.stdout('No article matches.\n');
        for (const h of hits) io.stdout(`#${h.id}  ${h.published ?? '          '}  ${h.title}\n      ${oneLine(h.snippet)}\n`);
        return EXIT.ok;
      }),
    );

  program
    .command('quotes')
    .description('Everything a person is quoted as saying, by date; headline attributions are marked.')
    .requiredOption('--speaker <name>', 'a name, a surname or a KB id (e.g. "Peskov")')
    .option('--db <file>', DB_HELP)
    .option('--limit <n>', 'most results', positiveInt, 200)
    .option('--json', 'print JSON')
    .action((opts: { speaker: string; db?: string; limit: number; json?: boolean }) =>
      withDb(opts.db, (db, lib) => {
        const hits = lib.queries.quotesBySpeaker(db, { speaker: opts.speaker, limit: opts.limit });
        if (opts.json) return json(hits);
        if (hits.length === 0) io.stdout(`No quotes attributed to ${opts.speaker}.\n`);
        for (const h of hits) {
          const mark = h.inHeadline ? ' [HEADLINE]' : '';
          const words = cut(oneLine(h.content), 300);
          const shown = /^["“‘'«]/.test(words) ? words : `“${words}”`;
          io.stdout(`${h.published ?? 'undated   '}  ${h.speaker} (${h.cue}, ${h.type})${mark}  #${h.article} ${cut(h.title, 60)}\n    ${shown}\n`);
        }
        return EXIT.ok;
      }),
    );

  program
    .command('events')
    .description('Coded events (CAMEO), optionally between two actors, or as a time series (--series).')
    .option('--actor <code>', 'CAMEO actor code or prefix; twice for a pair (either direction)', actorCode, [])
    .option('--from <date>', 'first day (YYYY-MM-DD)', isoDate)
    .option('--to <date>', 'last day (YYYY-MM-DD)', isoDate)
    .option('--code <code>', 'CAMEO event code or prefix (e.g. 04, 190)')
    .addOption(new Option('--series <interval>', 'counts by root code and quad class, mean Goldstein, per period').choices(['day', 'week', 'month']))
    .option('--db <file>', DB_HELP)
    .option('--limit <n>', 'most events listed', positiveInt, 200)
    .option('--json', 'print JSON')
    .action((opts: { actor: string[]; from?: string; to?: string; code?: string; series?: Interval; db?: string; limit: number; json?: boolean }) =>
      withDb(opts.db, (db, lib) => {
        if (opts.code !== undefined && !/^\d{2,4}$/.test(opts.code)) {
          io.stderr('wiretrace: --code expects a CAMEO code such as 04 or 190.\n');
          return EXIT.usage;
        }
        const q = {
          actors: opts.actor, limit: opts.limit,
          ...(opts.from ? { from: opts.from } : {}), ...(opts.to ? { to: opts.to } : {}), ...(opts.code ? { code: opts.code } : {}),
        };
        if (opts.series) {
          const pts = lib.queries.actorPairSeries(db, { ...q, interval: opts.series });
          if (opts.json) return json(pts);
          if (pts.length === 0) io.stdout('No dated events match.\n');
          for (const p of pts) {
            const roots = Object.entries(p.byRoot).map(([k, v]) => `${k}:${v}`).join(' ');
            const quads = Object.entries(p.byQuad).map(([k, v]) => `${k} ${v}`).join(', ');
            io.stdout(`${p.period.padEnd(10)} ${String(p.count).padStart(4)} events  Goldstein ${p.meanGoldstein.toFixed(2).padStart(6)}  ${quads}  [${roots}]\n`);
          }
          return EXIT.ok;
        }
        const hits = lib.queries.events(db, q);
        if (opts.json) return json(hits);
        if (hits.length === 0) io.stdout('No events match.\n');
        for (const e of hits) {
          io.stdout(`${e.day ?? 'undated   '}  ${e.actor1 || '—'} → ${e.actor2 || '—'}  ${e.code} ${e.label} (${e.goldstein})  #${e.article}\n    ${cut(oneLine(e.evidence), 160)}\n`);
        }
        return EXIT.ok;
      }),
    );

  program
    .command('findings')
    .description("Findings: each article's own, and the corpus's (quote-contradiction, number-contradiction).")
    .option('--rule <rule>', 'only this rule (repeatable)', collect, [])
    .option('--db <file>', DB_HELP)
    .option('--limit <n>', 'most results of each kind', positiveInt, 500)
    .option('--json', 'print JSON')
    .action((opts: { rule: string[]; db?: string; limit: number; json?: boolean }) =>
      withDb(opts.db, (db, lib) => {
        const hits = lib.queries.findings(db, { rules: opts.rule, limit: opts.limit });
        if (opts.json) return json(hits);
        if (hits.length === 0) io.stdout('No findings.\n');
        for (const f of hits) {
          io.stdout(`${f.severity.toUpperCase().padEnd(6)} ${f.rule}  ${f.articles.map((a) => `#${a}`).join(' ')}\n    ${f.message}\n`);
          for (const e of f.evidence) io.stdout(`      #${e.article} [${e.start}-${e.end}] “${cut(oneLine(e.text), 140)}”\n`);
        }
        return EXIT.ok;
      }),
    );

  program
    .command('stories')
    .description('Story clusters: articles about the same happening (published within days, naming the same things).')
    .option('--min <n>', 'smallest cluster shown', positiveInt, 2)
    .option('--db <file>', DB_HELP)
    .option('--limit <n>', 'most clusters', positiveInt, 50)
    .option('--json', 'print JSON')
    .action((opts: { min: number; db?: string; limit: number; json?: boolean }) =>
      withDb(opts.db, (db, lib) => {
        const list = lib.queries.stories(db, { min: opts.min, limit: opts.limit });
        if (opts.json) return json(list);
        if (list.length === 0) io.stdout('No story has that many articles.\n');
        for (const s of list) {
          io.stdout(`Story ${s.story} (${s.articles.length} articles)\n`);
          for (const a of s.articles) io.stdout(`  #${a.id}  ${a.published ?? 'undated   '}  ${cut(a.title, 90)}${a.source ? `  — ${a.source}` : ''}\n`);
        }
        return EXIT.ok;
      }),
    );

  program
    .command('stats')
    .description('What the corpus holds: counts, dates, most quoted speakers, busiest actor pairs, findings by rule.')
    .option('--db <file>', DB_HELP)
    .option('--json', 'print JSON')
    .action((opts: { db?: string; json?: boolean }) =>
      withDb(opts.db, (db, lib) => {
        const s = lib.queries.stats(db);
        if (opts.json) return json(s);
        const out = [
          `${s.articles} articles (${s.stories} stories, ${s.nearDuplicates} near-duplicates linked), ${s.firstDate ?? '?'} to ${s.lastDate ?? '?'}`,
          `${s.entities} entities, ${s.quotes} attributions from ${s.speakers} speakers, ${s.events} events, ${s.findings} article findings, ${s.corpusFindings} corpus findings`,
          '',
          'Most quoted:',
          ...s.topSpeakers.map((t) => `  ${String(t.quotes).padStart(4)}  ${t.name}`),
          '',
          'Busiest actor pairs (events, mean Goldstein):',
          ...s.topPairs.map((p) => `  ${String(p.events).padStart(4)}  ${p.actor1} → ${p.actor2}  ${p.meanGoldstein}`),
          '',
          'Findings by rule:',
          ...s.findingsByRule.map((f) => `  ${String(f.count).padStart(4)}  ${f.rule}`),
        ];
        io.stdout(`${out.join('\n')}\n`);
        return EXIT.ok;
      }),
    );

  program
    .command('export')
    .description('Write the corpus out: jsonl (one report a line), csv (one table per layer), gdelt (GDELT 2.0 event table), brat (PolNeAR-style standoff).')
    .addOption(new Option('--format <format>', 'export format').choices([...EXPORT_FORMATS]).makeOptionMandatory())
    .option('--out <dir>', 'a folder to write into (jsonl and gdelt go to stdout without it)')
    .option('--header', 'gdelt: a first line naming the 61 columns')
    .option('--db <file>', DB_HELP)
    .action((opts: { format: ExportFormat; out?: string; header?: boolean; db?: string }) =>
      withDb(opts.db, (db, lib) => {
        try {
          const r = lib.exporters.exportCorpus(db, {
            format: opts.format, write: io.stdout, ...(opts.out ? { out: opts.out } : {}), ...(opts.header ? { header: true } : {}),
          });
          if (opts.out) io.stderr(`wiretrace: exported ${r.articles} article(s), ${r.rows} row(s) to ${opts.out}\n`);
          return EXIT.ok;
        } catch (e) {
          if (e instanceof lib.exporters.ExportError) {
            io.stderr(`wiretrace: ${e.message}\n`);
            return EXIT.usage;
          }
          throw e;
        }
      }),
    );
}
