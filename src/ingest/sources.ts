/**
 * What `wiretrace ingest` reads, lazily so that memory stays flat however large the input: files
 * and folders (recursively), .txt/.html/.json articles, .jsonl (one JSON article a line), RSS 2.0
 * and Atom feeds (.xml/.rss/.atom, or any file that sniffs as a feed), and `-` for JSON Lines on
 * standard input. Each yields raw items for the workers or ready articles (feed items); anything
 * unreadable is yielded as a skip with its reason.
 */
import { createReadStream, readFileSync, readdirSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import type { Article } from '../types.js';
import { InputError, type InputFormat } from './index.js';
import { isFeed, readFeed } from './feeds.js';

export type SourceItem =
  | { kind: 'raw'; name: string; data: Uint8Array | string; format: InputFormat }
  | { kind: 'article'; name: string; article: Article; warnings: string[] }
  | { kind: 'skip'; name: string; reason: string };

const ARTICLE_EXT: Record<string, InputFormat> = {
  '.txt': 'text', '.text': 'text', '.html': 'html', '.htm': 'html', '.xhtml': 'html', '.json': 'json',
};
const FEED_EXT = new Set(['.xml', '.rss', '.atom']);

export function isIngestible(file: string): boolean {
  const ext = extname(file).toLowerCase();
  return ext in ARTICLE_EXT || FEED_EXT.has(ext) || ext === '.jsonl';
}

function* walk(dir: string, depth = 0): Generator<string> {
  if (depth > 32) return;
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch {
    return;
  }
  for (const name of names) {
    if (name.startsWith('.')) continue;
    const p = join(dir, name);
    let st;
    try {
      st = statSync(p);
    } catch {
      continue;
    }
    if (st.isDirectory()) yield* walk(p, depth + 1);
    else if (st.isFile() && isIngestible(name)) yield p;
  }
}

async function* jsonLines(name: string, stream: Readable): AsyncGenerator<SourceItem> {
  const rl = createInterface({ input: stream, crlfDelay: Infinity });
  let n = 0;
  for await (const line of rl) {
    n++;
    if (line.trim()) yield { kind: 'raw', name: `${name}:${n}`, data: line, format: 'json' };
  }
}

function* feedItems(file: string, data: Uint8Array): Generator<SourceItem> {
  try {
    const feed = readFeed(data, file);
    for (const it of feed.items) yield { kind: 'article', name: it.name, article: it.article, warnings: it.warnings };
    for (const s of feed.skipped) yield { kind: 'skip', name: s.name, reason: s.reason };
  } catch (e) {
    if (e instanceof InputError) yield { kind: 'skip', name: file, reason: e.message };
    else throw e;
  }
}

async function* fileItems(file: string): AsyncGenerator<SourceItem> {
  const ext = extname(file).toLowerCase();
  if (ext === '.jsonl') {
    yield* jsonLines(file, createReadStream(file));
    return;
  }
  let data: Buffer;
  try {
    data = readFileSync(file);
  } catch (e) {
    yield { kind: 'skip', name: file, reason: `cannot be read (${(e as Error).message})` };
    return;
  }
  const head = data.subarray(0, 4096).toString('utf8');
  if (FEED_EXT.has(ext) || isFeed(head)) {
    if (!isFeed(head)) {
      yield { kind: 'skip', name: file, reason: 'an XML file that is neither an RSS nor an Atom feed' };
      return;
    }
    yield* feedItems(file, data);
    return;
  }
  yield { kind: 'raw', name: file, data, format: ARTICLE_EXT[ext] ?? 'auto' };
}

/** How many files the inputs name (folders walked, nothing read): a progress bar's estimate. */
export function countFiles(args: readonly string[]): number {
  let n = 0;
  for (const arg of args) {
    if (arg === '-') continue;
    try {
      if (statSync(arg).isDirectory()) for (const _ of walk(arg)) n++;
      else n++;
    } catch {
      // reported when read
    }
  }
  return n;
}

export async function* sourceItems(args: readonly string[], stdin: Readable = process.stdin): AsyncGenerator<SourceItem> {
  for (const arg of args) {
    if (arg === '-') {
      yield* jsonLines('stdin', stdin);
      continue;
    }
    let st;
    try {
      st = statSync(arg);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      yield { kind: 'skip', name: arg, reason: code === 'ENOENT' ? 'no such file or folder' : `cannot be read (${(e as Error).message})` };
      continue;
    }
    if (st.isDirectory()) {
      let any = false;
      for (const f of walk(arg)) {
        any = true;
        yield* fileItems(f);
      }
      if (!any) yield { kind: 'skip', name: arg, reason: 'no article or feed files in this folder' };
    } else yield* fileItems(arg);
  }
}
