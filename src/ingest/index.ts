/**
 * Reading articles: plain text, HTML and JSON become an Article whose `text` the spans point into.
 * Decoding problems become warnings (invalid UTF-8 is replaced, not dropped) or InputErrors
 * (empty, binary, too large, malformed JSON); nothing here throws anything else.
 */
import { createHash } from 'node:crypto';
import type { Article } from '../types.js';
import { InputError } from './errors.js';
import { htmlToArticleParts } from './html.js';

export { InputError } from './errors.js';

export type InputFormat = 'text' | 'html' | 'json' | 'auto';

export interface ReadOptions {
  format?: InputFormat;
  /** Use this title instead of the first line. */
  title?: string;
  /** ISO date; overrides what the input says. */
  published?: string;
  url?: string;
  source?: string;
  /** Largest input accepted, in bytes (default 5 MB). */
  maxBytes?: number;
  /** Used when the input says nothing of its origin (a file name, "-"). */
  name?: string;
}

export interface ReadResult {
  article: Article;
  warnings: string[];
}

export const DEFAULT_MAX_BYTES = 5 * 1024 * 1024;

export function articleId(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}

/** Decode bytes as UTF-8; invalid sequences become U+FFFD with a warning, binary data is refused. */
export function decode(bytes: Uint8Array, warnings: string[]): string {
  let nul = 0;
  let control = 0;
  const n = Math.min(bytes.length, 65536);
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    if (b === 0) nul++;
    else if (b < 9 || (b > 13 && b < 32)) control++;
  }
  if (nul > 0 || control > n * 0.05) {
    throw new InputError('binary', 'This looks like a binary file, not an article (it has NUL or control bytes).');
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    const text = new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/, '');
    const bad = (text.match(/\uFFFD/g) ?? []).length;
    warnings.push(`The input is not valid UTF-8: ${bad} invalid byte sequence(s) were replaced with U+FFFD.`);
    return text;
  }
}

function sniff(text: string): Exclude<InputFormat, 'auto'> {
  const head = text.slice(0, 2048).trimStart();
  if (head.startsWith('{')) return 'json';
  if (/^<(!doctype html|html|head|body|article|div|p|meta|title|!--)/i.test(head)) return 'html';
  return 'text';
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}/;

export function normaliseDate(value: string | null | undefined, warnings: string[]): string | null {
  if (value === null || value === undefined || value === '') return null;
  const m = ISO_DATE.exec(value.trim());
  if (m) return m[0];
  const t = Date.parse(value);
  if (!Number.isNaN(t)) return new Date(t).toISOString().slice(0, 10);
  warnings.push(`The publication date "${value}" could not be read; it is ignored.`);
  return null;
}

/** Title and body joined the way every reader does it: title, blank line, body. */
export function composeArticle(
  title: string,
  body: string,
  meta: { published: string | null; url: string | null; source: string | null },
): Article {
  const t = title.trim();
  const b = body.replace(/^\s+/, '');
  const text = t ? (b ? `${t}\n\n${b}` : t) : b;
  return { id: articleId(text), title: t, titleSpan: { start: 0, end: t.length }, text, ...meta };
}

/** "The input is 20.0 MB; the limit is 5.0 MB …" (or "more than 5.0 MB" when the two would print alike). */
export function tooLargeMessage(size: number, maxBytes: number): string {
  const mb = (n: number): string => (n / 1048576).toFixed(1);
  const shown = mb(size) === mb(maxBytes) ? `more than ${mb(maxBytes)}` : mb(size);
  return `The input is ${shown} MB; the limit is ${mb(maxBytes)} MB (raise it with --max-bytes).`;
}

export function readArticle(input: string | Uint8Array, opts: ReadOptions = {}): ReadResult {
  const warnings: string[] = [];
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  const size = typeof input === 'string' ? Buffer.byteLength(input) : input.length;
  if (size > maxBytes) {
    throw new InputError('too-large', tooLargeMessage(size, maxBytes));
  }
  const raw = typeof input === 'string' ? input.replace(/^\uFEFF/, '') : decode(input, warnings);
  if (raw.trim() === '') throw new InputError('empty', 'The input is empty: there is no article to read.');
  const format = !opts.format || opts.format === 'auto' ? sniff(raw) : opts.format;
  const published = opts.published !== undefined ? normaliseDate(opts.published, warnings) : null;
  let article: Article;
  if (format === 'json') article = fromJson(raw, opts, warnings);
  else if (format === 'html') article = fromHtml(raw, opts, warnings);
  else article = fromText(raw, opts);
  if (published) article = { ...article, published };
  if (opts.url) article = { ...article, url: opts.url };
  if (opts.source) article = { ...article, source: opts.source };
  if (article.text.trim() === '') throw new InputError('empty', 'The input has no article text.');
  return { article, warnings };
}

/** Plain text: the first non-empty line is the title, unless a title is given. The text is kept as is. */
function fromText(raw: string, opts: ReadOptions): Article {
  const text = raw.replace(/\r\n?/g, '\n');
  const meta = { published: null, url: null, source: null };
  if (opts.title !== undefined) return composeArticle(opts.title, text, meta);
  const m = /^\s*([^\n]*\S)[^\n]*/.exec(text);
  const start = m ? m[0].length - m[0].trimStart().length : 0;
  const line = m ? m[1]! : '';
  return { id: articleId(text), title: line, titleSpan: { start, end: start + line.length }, text, ...meta };
}

function fromJson(raw: string, opts: ReadOptions, warnings: string[]): Article {
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch (e) {
    throw new InputError('bad-json', `The input is not valid JSON: ${(e as Error).message}`);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new InputError('bad-json', 'A JSON article must be an object like {"title": "…", "text": "…"}.');
  }
  const o = data as Record<string, unknown>;
  const str = (k: string): string | null => (typeof o[k] === 'string' ? (o[k] as string) : null);
  const text = str('text') ?? str('body') ?? str('content');
  if (text === null) throw new InputError('bad-json', 'A JSON article needs a "text" string.');
  const title = opts.title ?? str('title') ?? '';
  const meta = {
    published: normaliseDate(str('published') ?? str('date'), warnings),
    url: str('url'),
    source: str('source'),
  };
  const body = text.replace(/\r\n?/g, '\n');
  // When the text already begins with its title, keep it as written.
  if (title && body.trimStart().startsWith(title.trim())) {
    const start = body.length - body.trimStart().length;
    return { id: articleId(body), title: title.trim(), titleSpan: { start, end: start + title.trim().length }, text: body, ...meta };
  }
  return composeArticle(title, body, meta);
}

function fromHtml(raw: string, opts: ReadOptions, warnings: string[]): Article {
  const parts = htmlToArticleParts(raw, warnings);
  return composeArticle(opts.title ?? parts.title, parts.body, {
    published: normaliseDate(parts.published, warnings),
    url: parts.url,
    source: parts.source,
  });
}
