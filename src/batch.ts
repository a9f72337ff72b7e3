/**
 * Many articles in one process, in order, using both cores: while this thread runs the stages
 * after tokens on a group of articles, a second thread reads the next ones (the tokens stage, about
 * a tenth of the work with our own reader; it was a third with wink-nlp). A group goes through the
 * stages one stage at a time (analyzeTokensMany), so each stage's tables stay in the caches. Each
 * report is exactly what analyzeDoc gives (no stage's output depends on what it read before); only
 * the order of work changes. The second thread holds only the tagger's model, not the knowledge base
 * or the other models.
 *
 * If the thread cannot start or dies (a pathological article), the articles it held are read here
 * instead: slower, never lost. One thread serves every batch of the process (it is started on first
 * use and keeps the process alive only while it holds work). Ingest workers use the same thread
 * through readTokensAhead (src/ingest/worker.ts).
 */
import { Worker } from 'node:worker_threads';
import type { Article, Doc } from './types.js';
import type { Resources } from './resources.js';
import { textStage } from './text/index.js';
import { readTokens, tokensFrom, type TokenRuns } from './tokens/index.js';
import type { TokenJob } from './tokens/worker.js';
import { analyzeTokensMany } from './pipeline.js';

export interface BatchOptions {
  /** Read tokens on a second thread (default true); false runs everything in this thread. */
  thread?: boolean;
  /** Articles read ahead of the one being analysed (default 8; sent to the thread in halves). */
  ahead?: number;
  /**
   * Articles analysed together, stage by stage (analyzeTokensMany: each stage's tables stay in the
   * caches across them); default 8, at most `ahead`. Reports are the same whatever the group.
   */
  group?: number;
  /** The tokeniser thread's script (tests: a stand-in that dies). */
  tokeniserUrl?: URL;
}

export type BatchResult<T> = { item: T; doc: Doc } | { item: T; error: unknown };

type Reply = { id: number; runs?: TokenRuns; error?: string } | { ready: true };

/**
 * The tokeniser thread: `read` answers with the tokens of a text, or null when the thread is gone.
 * It keeps the process alive only while it holds work, so one thread serves every batch.
 */
class TokenThread {
  private readonly worker: Worker;
  private readonly pending = new Map<number, (runs: TokenRuns | null) => void>();
  private next = 0;
  dead = false;

  constructor(url: URL) {
    // A young generation as large as the CLI's (8 MB semi-spaces): the reader's short-lived objects die young.
    this.worker = new Worker(url, { resourceLimits: { maxYoungGenerationSizeMb: 24 } });
    this.worker.unref();
    this.worker.on('message', (m: Reply) => {
      if ('ready' in m) return;
      const done = this.pending.get(m.id);
      if (!done) return;
      this.pending.delete(m.id);
      if (this.pending.size === 0) this.worker.unref();
      done(m.runs ?? null);
    });
    const fail = (): void => {
      this.dead = true;
      for (const done of this.pending.values()) done(null);
      this.pending.clear();
    };
    this.worker.on('error', fail);
    this.worker.on('exit', fail);
  }

  /** The tokens of each text, in one message (each wake-up of the thread costs a context switch). */
  read(norms: string[]): Array<Promise<TokenRuns | null>> {
    if (this.dead || norms.length === 0) return norms.map(() => Promise.resolve(null));
    if (this.pending.size === 0) this.worker.ref();
    const jobs: TokenJob[] = [];
    const answers = norms.map(
      (norm) =>
        new Promise<TokenRuns | null>((resolve) => {
          const id = this.next++;
          this.pending.set(id, resolve);
          jobs.push({ id, norm });
        }),
    );
    this.worker.postMessage(jobs);
    return answers;
  }
}

/** The shared tokeniser thread per script (started on first use; a dead one is replaced next batch). */
const threads = new Map<string, TokenThread>();

function tokenThread(url: URL): TokenThread {
  let t = threads.get(url.href);
  if (!t || t.dead) threads.set(url.href, (t = new TokenThread(url)));
  return t;
}

const TOKENISER = new URL('./tokens/worker.js', import.meta.url);

/**
 * Starts the process's tokeniser thread now, so that it loads its model while this thread loads
 * the other resources (an ingest worker's first article would otherwise wait for it).
 */
export function startTokeniser(): void {
  tokenThread(TOKENISER);
}

/** The tokens of `norm` read on the process's tokeniser thread; null when that thread is gone (read them here then). */
export function readTokensAhead(norm: string): Promise<TokenRuns | null> {
  return tokenThread(TOKENISER).read([norm])[0]!;
}

/** `doc` (after the text stage) with its tokens once they come back; read here when they do not. */
export async function tokensWhenRead(doc: Doc, runs: Promise<TokenRuns | null> | null | undefined): Promise<Doc> {
  return tokensFrom(doc, (runs ? await runs : null) ?? readTokens(doc.norm));
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
  const thread = opts.thread !== false ? tokenThread(opts.tokeniserUrl ?? TOKENISER) : null;
  const ahead = Math.max(1, opts.ahead ?? 8);
  const groupSize = Math.max(1, Math.min(opts.group ?? 8, ahead));
  const queue: Slot<T>[] = [];
  const it = items[Symbol.iterator]();
  let more = true;
  /** Tops the queue up to `ahead` once it is down to half, and sends the new texts in one message. */
  const fill = (): void => {
    if (queue.length > ahead >> 1) return;
    const asked: Slot<T>[] = [];
    while (more && queue.length < ahead) {
      const r = it.next();
      if (r.done) {
        more = false;
        break;
      }
      const slot: Slot<T> = { item: r.value };
      try {
        slot.doc = textStage(toArticle(r.value));
        asked.push(slot);
      } catch (e) {
        slot.error = e;
      }
      queue.push(slot);
    }
    if (thread) thread.read(asked.map((s) => s.doc!.norm)).forEach((runs, k) => (asked[k]!.runs = runs));
  };
  fill();
  while (queue.length > 0) {
    // the articles read so far, analysed together stage by stage (analyzeTokensMany); the thread
    // reads the next ones meanwhile
    const group = queue.splice(0, groupSize);
    fill();
    const docs: Doc[] = [];
    const failed = new Map<Slot<T>, unknown>();
    for (const slot of group) {
      if (slot.error !== undefined || !slot.doc) continue;
      try {
        docs.push(await tokensWhenRead(slot.doc, slot.runs));
      } catch (e) {
        failed.set(slot, e);
      }
    }
    const analysed = analyzeTokensMany(docs, res);
    let k = 0;
    for (const slot of group) {
      if (slot.error !== undefined || !slot.doc) yield { item: slot.item, error: slot.error };
      else if (failed.has(slot)) yield { item: slot.item, error: failed.get(slot) };
      else {
        const a = analysed[k++]!;
        yield a.doc ? { item: slot.item, doc: a.doc } : { item: slot.item, error: a.error };
      }
    }
  }
}
