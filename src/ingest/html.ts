/**
 * HTML pages: title and main text through @mozilla/readability over a linkedom document. Block
 * elements become paragraphs separated by blank lines; scripts, styles and markup never reach the
 * text. Metadata (published date, canonical URL, site name) comes from the usual meta tags.
 */
import { createRequire } from 'node:module';
import { InputError } from './errors.js';

type HtmlLibraries = { parseHTML: typeof import('linkedom').parseHTML; Readability: typeof import('@mozilla/readability').Readability };
let libraries: HtmlLibraries | null = null;

/**
 * linkedom and Readability, loaded the first time a page or a feed's HTML is read: together ~200
 * modules, which every ingest worker and the CLI would otherwise load on start for plain text too.
 */
export function htmlLibraries(): HtmlLibraries {
  if (!libraries) {
    const require = createRequire(import.meta.url);
    libraries = {
      parseHTML: (require('linkedom') as typeof import('linkedom')).parseHTML,
      Readability: (require('@mozilla/readability') as typeof import('@mozilla/readability')).Readability,
    };
  }
  return libraries;
}

export interface HtmlParts {
  title: string;
  body: string;
  published: string | null;
  url: string | null;
  source: string | null;
}

const BLOCK = new Set([
  'P', 'DIV', 'SECTION', 'ARTICLE', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'LI', 'BLOCKQUOTE', 'PRE',
  'TR', 'FIGCAPTION', 'HEADER', 'FOOTER', 'ASIDE', 'MAIN', 'UL', 'OL', 'TABLE', 'DD', 'DT',
]);
const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'IFRAME', 'SVG', 'OBJECT', 'EMBED', 'HEAD']);

interface MiniNode {
  nodeType: number;
  nodeName: string;
  textContent: string | null;
  childNodes: ArrayLike<MiniNode>;
}

/** Text of a node with blank lines between blocks and single spaces elsewhere. */
export function blockText(root: MiniNode): string {
  const paras: string[] = [];
  let cur = '';
  const flush = (): void => {
    const t = cur.replace(/\s+/g, ' ').trim();
    if (t) paras.push(t);
    cur = '';
  };
  const walk = (n: MiniNode, depth: number): void => {
    if (depth > 200) return; // hostile nesting: ignore what lies deeper
    if (n.nodeType === 3) {
      cur += n.textContent ?? '';
      return;
    }
    if (n.nodeType !== 1 && n.nodeType !== 9 && n.nodeType !== 11) return;
    const name = n.nodeName.toUpperCase();
    if (SKIP.has(name)) return;
    if (name === 'BR') {
      cur += ' ';
      return;
    }
    const block = BLOCK.has(name);
    if (block) flush();
    const kids = n.childNodes;
    for (let i = 0; i < kids.length; i++) walk(kids[i]!, depth + 1);
    if (block) flush();
  };
  walk(root, 0);
  flush();
  return paras.join('\n\n');
}

function meta(document: Document, names: string[]): string | null {
  for (const n of names) {
    const el = document.querySelector(`meta[property="${n}"], meta[name="${n}"], meta[itemprop="${n}"]`);
    const v = el?.getAttribute('content');
    if (v && v.trim()) return v.trim();
  }
  return null;
}

export function htmlToArticleParts(html: string, warnings: string[]): HtmlParts {
  let document: Document;
  try {
    ({ document } = htmlLibraries().parseHTML(html) as unknown as { document: Document });
  } catch (e) {
    throw new InputError('bad-html', `The HTML could not be parsed: ${(e as Error).message}`);
  }
  const published =
    meta(document, ['article:published_time', 'datePublished', 'pubdate', 'date', 'dc.date', 'DC.date.issued']) ??
    document.querySelector('time[datetime]')?.getAttribute('datetime') ??
    null;
  const url = document.querySelector('link[rel="canonical"]')?.getAttribute('href') ?? meta(document, ['og:url']);
  const siteName = meta(document, ['og:site_name', 'application-name']);
  const fallbackTitle = (meta(document, ['og:title']) ?? document.querySelector('title')?.textContent ?? '').trim();

  let title = fallbackTitle;
  let body = '';
  try {
    const { Readability } = htmlLibraries();
    const parsed = new Readability(document.cloneNode(true) as Document, {
      serializer: (node: Node) => node,
      maxElemsToParse: 200000,
    }).parse();
    if (parsed?.content) {
      body = blockText(parsed.content as unknown as MiniNode);
      title = (parsed.title ?? '').trim() || fallbackTitle;
    }
  } catch {
    warnings.push('Readability could not find the main text; the whole page body is used.');
  }
  if (!body) {
    const root = (document.body ?? document.documentElement) as unknown as MiniNode | null;
    body = root ? blockText(root) : '';
  }
  // A headline repeated as the first paragraph is dropped so it is not read twice.
  if (title && body.startsWith(title)) body = body.slice(title.length).replace(/^\s+/, '');
  return { title, body, published, url: url ?? null, source: siteName };
}
