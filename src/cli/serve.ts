/**
 * `wiretrace serve`: the web UI and the HTTP API over a corpus database, in one process.
 * Binds to 127.0.0.1 unless told otherwise; with --demo, an empty database is first filled with
 * the bundled demo corpus (examples/corpus), which is what the README's first command does.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command, InvalidArgumentError } from 'commander';
import type { FastifyInstance } from 'fastify';
import { EXIT } from './exit-codes.js';
import type { Io } from './main.js';
import type { Db } from '../store/db.js';
import { DEFAULT_BODY_BYTES, isLoopback } from '../server/limits.js';
import { nonNegativeInt } from './flags.js';
import { analysingMany } from '../heap.js';

/** examples/corpus at the package root (found by walking up from dist/src/cli/). */
export function demoCorpusDir(): string | null {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    const candidate = join(dir, 'examples', 'corpus');
    if (existsSync(join(dir, 'package.json')) && existsSync(candidate)) return candidate;
    dir = dirname(dir);
  }
  return null;
}

function port(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError('expected a port number (0-65535).');
  return n;
}


export interface ServeOptions {
  db?: string;
  port: number;
  host: string;
  token?: string;
  demo?: boolean;
  workers?: number;
  readonly?: boolean;
  maxBytes: number;
}

/** Open (and with --demo, fill) the store, then listen. Returns the listening server and its URL. */
export async function startServe(opts: ServeOptions, io: Io): Promise<{ app: FastifyInstance; url: string }> {
  // the store and the ingest pool are loaded by this command only (a plain `analyze` never loads them)
  const { defaultDbPath, openStore } = await import('../store/db.js');
  const path = opts.db ?? defaultDbPath();
  const db: Db = openStore(path, opts.readonly ? { readonly: true } : {});
  try {
    if (opts.demo && !opts.readonly) {
      const count = db.prepare('SELECT COUNT(*) FROM articles').pluck().get() as number;
      const demo = demoCorpusDir();
      if (count === 0 && demo) {
        io.stderr(`wiretrace: the database ${path} is empty; ingesting the demo corpus (${demo})…\n`);
        const { ingest } = await import('../corpus/ingest.js');
        const s = await ingest({ db, dbPath: path, inputs: [demo] });
        io.stderr(`wiretrace: ${s.ingested} demo articles stored in ${s.seconds.toFixed(1)} s.\n`);
      }
    }
  } catch (e) {
    db.close();
    throw e;
  }
  const token = opts.token ?? (process.env['WIRETRACE_TOKEN']?.trim() || null);
  // the API analyses article after article for as long as it runs: V8 optimises the stages sooner
  // (src/heap.ts); the resources, loaded once after this, pay that once
  analysingMany();
  // Fastify and the pipeline are loaded by this command only
  const { buildServer } = await import('../server/app.js');
  const app = buildServer({
    db, closeDb: true, host: opts.host, token, maxBytes: opts.maxBytes,
    ...(opts.readonly ? { readonly: true } : {}),
    ...(opts.workers !== undefined ? { workers: opts.workers } : {}),
  });
  await app.listen({ port: opts.port, host: opts.host });
  const addr = app.server.address();
  const actual = typeof addr === 'object' && addr ? addr.port : opts.port;
  const shown = opts.host.includes(':') ? `[${opts.host}]` : opts.host;
  const url = `http://${shown}:${actual}/`;
  io.stderr(`wiretrace: serving ${path} at ${url} (API docs: ${url}docs)${token ? '; writes need the token' : ''}\n`);
  if (!isLoopback(opts.host) && !token) io.stderr('wiretrace: listening beyond localhost without --token: writes are switched off.\n');
  return { app, url };
}

export function registerServe(program: Command, io: Io, setExit: (code: number) => void): void {
  program
    .command('serve')
    .description('Serve the web UI and the HTTP API over a corpus database.')
    .option('--db <file>', 'the database file (default: $WIRETRACE_DB, else ./wiretrace.db)')
    .option('--port <n>', 'TCP port (0: any free port)', port, 8080)
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--token <token>', 'token that writes (POST /api/articles) must send as "Authorization: Bearer …" (default: $WIRETRACE_TOKEN)')
    .option('--demo', 'when the database is empty, first ingest the bundled demo corpus (examples/corpus)')
    .option('--workers <n>', 'analysis threads for POST /api/analyze and /api/articles (default: one per core; 0: the server thread)', nonNegativeInt)
    .option('--readonly', 'open the database read-only (writes answer 403)')
    .option('--max-bytes <n>', 'largest article body accepted, in bytes', nonNegativeInt, DEFAULT_BODY_BYTES)
    .addHelpText('after', `\nExamples:\n  wiretrace serve --demo                 # fill ./wiretrace.db with the demo corpus if empty, serve on 127.0.0.1:8080\n  wiretrace serve --db news.db --port 3000\n  WIRETRACE_TOKEN=s3cret wiretrace serve --host 0.0.0.0\n`)
    .action(async (opts: ServeOptions) => {
      let started: { app: FastifyInstance; url: string };
      try {
        started = await startServe(opts, io);
      } catch (e) {
        if (e instanceof (await import('../store/db.js')).StoreError) {
          io.stderr(`wiretrace: ${e.message}\n`);
          setExit(EXIT.input);
          return;
        }
        const err = e as NodeJS.ErrnoException;
        if (err.code === 'EADDRINUSE' || err.code === 'EACCES' || err.code === 'EADDRNOTAVAIL') {
          io.stderr(`wiretrace: cannot listen on ${opts.host}:${opts.port}: ${err.message}\n`);
          setExit(EXIT.usage);
          return;
        }
        throw e;
      }
      const stop = (): void => {
        void started.app.close().then(() => process.exit(0));
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      setExit(EXIT.ok);
    });
}
