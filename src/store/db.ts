/**
 * Opening the embedded store: a SQLite file (better-sqlite3) in WAL mode, migrated to the latest
 * schema. The default path is `$WIRETRACE_DB`, else `wiretrace.db` in the current folder.
 */
import Database from 'better-sqlite3';
import { resolve } from 'node:path';
import { MIGRATIONS } from './schema.js';

export type Db = Database.Database;

export const DEFAULT_DB_FILE = 'wiretrace.db';

export class StoreError extends Error {}

/** Where the database lives when `--db` is not given. */
export function defaultDbPath(env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env['WIRETRACE_DB'];
  return resolve(fromEnv && fromEnv.trim() ? fromEnv : DEFAULT_DB_FILE);
}

export interface OpenOptions {
  readonly?: boolean;
}

export function openStore(path: string, opts: OpenOptions = {}): Db {
  let db: Db;
  try {
    db = new Database(path, opts.readonly ? { readonly: true, fileMustExist: true } : {});
  } catch (e) {
    throw new StoreError(`cannot open the database ${path}: ${(e as Error).message}`);
  }
  try {
    if (!opts.readonly) {
      // WAL: readers never block the writer; NORMAL sync is durable at each checkpoint and never
      // corrupts (a crash loses at most the last transactions, whole).
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
    }
    db.pragma('foreign_keys = ON');
    db.pragma('cache_size = -16384');
    db.pragma('temp_store = MEMORY');
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > MIGRATIONS.length) {
      throw new StoreError(`${path} was written by a newer wiretrace (schema ${version}; this one knows ${MIGRATIONS.length}).`);
    }
    if (version < MIGRATIONS.length) {
      if (opts.readonly) throw new StoreError(`${path} needs a migration; open it once without read-only.`);
      db.transaction(() => {
        for (let v = version; v < MIGRATIONS.length; v++) db.exec(MIGRATIONS[v]!);
        db.pragma(`user_version = ${MIGRATIONS.length}`);
      })();
    }
  } catch (e) {
    db.close();
    if (e instanceof StoreError) throw e;
    throw new StoreError(`${path} is not a wiretrace database: ${(e as Error).message}`);
  }
  return db;
}
