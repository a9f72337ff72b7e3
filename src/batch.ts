/**
 * Many articles in one process, in order, using both cores: while this thread runs the stages
 * after tokens on one article, a second thread reads the next articles with wink-nlp (the tokens
 * stage, about a third of the work). Each report is exactly what analyzeDoc gives (the tokeniser's
 * output does not depend on what it read before: src/tokens/index.ts); only the order of work
 * changes. The second thread holds only wink-nlp's model, not the knowledge base or the models.
 *
 * If the thread cannot start or dies (a pathological article), the articles it held are read here
 * instead: slower, never lost.
 */
import { Worker } from 'node:worker_threads';
import type { Article, Doc } from './types.js';
import type { Resources } from './resources.js';
import { textStage } from './text/index.js';
import { readTokens, tokensFrom, type TokenRuns } from './tokens/index.js';
import { analyzeTokens } from './pipeline.js';

export interface BatchOptions {
  /** Read tokens on a second thread (default true); false runs everything in this thread. */
  thread?: boolean;
  /** Articles read ahead of the one being analysed (default 4). */
  ahead?: number;
  /** The tokeniser thread's script (tests: a stand-in that dies). */
  tokeniserUrl?: URL;
}

export type BatchResult<T> = { item: T; doc: Doc } | { item: T; error: unknown };

type Reply = { id: number; runs?: TokenRuns; error?: string } | { ready: true };

/** The tokeniser thread: `read` answers with the tokens of a text, or null when the thread is gone. */
class TokenThread {
  private readonly worker: Worker;
  private readonly pending = new Map<number, (runs: TokenRuns | null) => void>();
  private next = 0;
  private dead = false;
  readonly ready: Promise<boolean>;

  constructor(url: URL) {
    // A young generation as large as the CLI's (16 MB semi-spaces): wink's short-lived objects die young.
    this.worker = new Worker(url, { resourceLimits: { maxYoungGenerationSizeMb: 48 } });
    this.worker.unref();
    this.ready = new Promise((resolve) => {
      this.worker.on('message', (m: Reply) => {
        if ('ready' in m) {
          resolve(true);
          return;
        }
        const done = this.pending.get(m.id);
        this.pending.delete(m.id);
        done?.(m.runs ?? null);
      });
      const fail = (): void => {
        this.dead = true;
        resolve(false);
        for (const done of this.pending.values()) done(null);
        this.pending.clear();
      };
      this.worker.on('error', fail);
      this.worker.on('exit', fail);
    });
  }

  read(norm: string): Promise<TokenRuns | null> {
    if (this.dead) return Promise.resolve(null);
    const id = this.next++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      this.worker.postMessage({ id, norm });
    });
  }

  close(): Promise<number> {
    this.dead = true;
    return this.worker.terminate();
  }
}

interface Slot<T> {
  item: T;
  doc?: Doc;
  runs?: Promise<TokenRuns | null>;
  error?: unknown;
}

/**
 * Analyse `items` in order: `toArticle` turns each into an article (what it throws is that item's
 * error); each item comes back with its finished document or its error.
 */
export async function* analyzeBatch<T>(
  items: Iterable<T>, toArticle: (item: T) => Article, res: Resources, opts: BatchOptions = {},
): AsyncGenerator<BatchResult<T>> {
  const thread = opts.thread !== false ? new TokenThread(opts.tokeniserUrl ?? new URL('./tokens/worker.js', import.meta.url)) : null;
  const ahead = Math.max(1, opts.ahead ?? 4);
  const queue: Slot<T>[] = [];
  const it = items[Symbol.iterator]();
  let more = true;
  const fill = (): void => {
    while (more && queue.length < ahead) {
      const r = it.next();
      if (r.done) {
        more = false;
        return;
      }
      const slot: Slot<T> = { item: r.value };
      try {
        slot.doc = textStage(toArticle(r.value));
        if (thread) slot.runs = thread.read(slot.doc.norm);
      } catch (e) {
        slot.error = e;
      }
      queue.push(slot);
    }
  };
  try {
    fill();
    while (queue.length > 0) {
      const slot = queue.shift()!;
      fill();
      if (slot.error !== undefined || !slot.doc) {
        yield { item: slot.item, error: slot.error };
        continue;
      }
      let doc: Doc;
      try {
        const runs = (slot.runs ? await slot.runs : null) ?? readTokens(slot.doc.norm);
        doc = analyzeTokens(tokensFrom(slot.doc, runs), res);
      } catch (e) {
        yield { item: slot.item, error: e };
        continue;
      }
      yield { item: slot.item, doc };
    }
  } finally {
    await thread?.close();
  }
}
