/**
 * What every route handler can reach: the store, the analysis pool, the knowledge base (loaded on
 * first use: only entity look-ups need it), the single writer, and a cache of the heavy aggregate
 * answers that is emptied whenever an article is stored.
 */
import type { Db } from '../store/db.js';
import { Committer } from '../corpus/commit.js';
import { loadResources } from '../resources.js';
import type { Kb } from '../kb/index.js';
import type { Analyzer } from './pool.js';

export class AnswerCache {
  private readonly map = new Map<string, unknown>();
  constructor(private readonly max = 200) {}

  get<T>(key: string, compute: () => T): T {
    if (this.map.has(key)) return this.map.get(key) as T;
    const value = compute();
    if (this.map.size >= this.max) this.map.delete(this.map.keys().next().value as string);
    this.map.set(key, value);
    return value;
  }

  clear(): void {
    this.map.clear();
  }
}

export class ServerContext {
  readonly cache = new AnswerCache();
  private writer: Committer | null = null;
  private kbCache: Kb | null = null;

  constructor(
    readonly db: Db,
    readonly analyzer: Analyzer,
    readonly maxBytes: number,
    readonly writable: boolean,
  ) {}

  get kb(): Kb {
    this.kbCache ??= loadResources().kb;
    return this.kbCache;
  }

  get committer(): Committer {
    this.writer ??= new Committer(this.db);
    return this.writer;
  }
}
