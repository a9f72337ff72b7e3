/**
 * A small corpus for the server tests: the bundled demo corpus plus one hostile article, ingested
 * in this process (no worker threads) into a temporary database.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, type Db } from '../src/store/db.js';
import { ingest } from '../src/corpus/ingest.js';
import { buildServer, type ServerOptions } from '../src/server/app.js';
import type { FastifyInstance } from 'fastify';
import { ROOT } from './helpers.js';

/** Invented for the tests: every way an article could try to run code in a reader's browser. */
export const HOSTILE_ARTICLE = {
  title: 'Minister <script>alert("t")</script> resigns <img src=x onerror=alert(1)>',
  published: '2026-01-12',
  source: 'The <b>Bold</b> Times',
  url: 'javascript:alert(document.cookie)',
  text:
    'Minister <script>alert("t")</script> resigns <img src=x onerror=alert(1)>\n\n' +
    'The minister resigned on Monday, officials said. <a href="javascript:alert(2)">Read more</a>\n\n' +
    '"We will not comment <script>document.title=\'owned\'</script> on this," said Maria Zakharova, the spokeswoman. ' +
    'Another <svg onload=alert(3)> line with <iframe src="javascript:alert(4)"></iframe> inside.',
};

export interface Corpus {
  dir: string;
  dbPath: string;
  db: Db;
  close(): void;
}

export async function demoCorpus(): Promise<Corpus> {
  const dir = mkdtempSync(join(tmpdir(), 'wiretrace-server-'));
  const dbPath = join(dir, 'corpus.db');
  const hostile = join(dir, 'hostile.json');
  writeFileSync(hostile, JSON.stringify(HOSTILE_ARTICLE));
  const db = openStore(dbPath);
  await ingest({ db, dbPath, inputs: [join(ROOT, 'examples', 'corpus'), hostile], workers: 0 });
  return { dir, dbPath, db, close: () => { db.close(); rmSync(dir, { recursive: true, force: true }); } };
}

export function testServer(db: Db, opts: Partial<ServerOptions> = {}): FastifyInstance {
  return buildServer({ db, workers: 0, ...opts });
}
