/**
 * RSS 2.0 and Atom feeds: each item (entry) becomes an Article with its title, link, date and
 * content (content:encoded / Atom content, else description / summary). Item bodies are HTML
 * fragments, turned into text the way the HTML reader does it.
 *
 * Hostile XML: the document type is refused outright (no DOCTYPE, so no entity expansion), the
 * size is capped before parsing, and anything the parser rejects becomes an InputError with a
 * plain message, never an exception from inside the parser.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { Article } from '../types.js';
import { composeArticle, decode, DEFAULT_MAX_BYTES, InputError, normaliseDate } from './index.js';
import { blockText, htmlLibraries } from './html.js';

export interface FeedItem {
  /** "feed.xml#3": the file and the item's position, for messages. */
  name: string;
  article: Article;
  warnings: string[];
}

export interface FeedResult {
  kind: 'rss' | 'atom';
  title: string | null;
  items: FeedItem[];
  /** Items left out, with the reason. */
  skipped: Array<{ name: string; reason: string }>;
}

/** Does this text look like a feed (an RSS or Atom root element)? */
export function isFeed(text: string): boolean {
  const head = text.slice(0, 4096).replace(/<\?xml[^>]{0,200}\?>/, '').replace(/<!--[\s\S]{0,2000}?-->/g, '').trimStart();
  return /^<(rss|feed|rdf:RDF)[\s>]/.test(head);
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  processEntities: true,
  htmlEntities: false,
  parseTagValue: false,
  trimValues: true,
  cdataPropName: false,
  isArray: (name) => name === 'item' || name === 'entry' || name === 'link',
});

type Node = Record<string, unknown>;

/** The text of an element that may be a string, an object with #text, or absent. */
function str(v: unknown): string | null {
  if (v === undefined || v === null) return null;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return str(v[0]);
  if (typeof v === 'object') return str((v as Node)['#text']);
  return null;
}

function htmlText(fragment: string): string {
  if (!/[<&]/.test(fragment)) return fragment.trim();
  const { document } = htmlLibraries().parseHTML(`<!doctype html><html><body>${fragment}</body></html>`) as unknown as { document: Document };
  return blockText(document.body as unknown as Parameters<typeof blockText>[0]);
}

function atomLink(links: unknown): string | null {
  if (!Array.isArray(links)) return str(links);
  let first: string | null = null;
  for (const l of links as unknown[]) {
    if (typeof l === 'string') return l;
    const o = l as Node;
    const href = str(o['@href']);
    if (!href) continue;
    if (o['@rel'] === undefined || o['@rel'] === 'alternate') return href;
    first ??= href;
  }
  return first;
}

export function readFeed(input: Uint8Array | string, name: string, maxBytes = DEFAULT_MAX_BYTES * 10): FeedResult {
  const size = typeof input === 'string' ? Buffer.byteLength(input) : input.length;
  if (size > maxBytes) throw new InputError('too-large', `The feed is ${(size / 1048576).toFixed(1)} MB; the limit is ${(maxBytes / 1048576).toFixed(1)} MB.`);
  const xml = typeof input === 'string' ? input : decode(input, []);
  if (/<!DOCTYPE/i.test(xml.slice(0, 8192)) || /<!ENTITY/i.test(xml)) {
    throw new InputError('bad-feed', 'The feed declares a document type (DOCTYPE/ENTITY); feeds never need one, and it is refused for safety.');
  }
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    throw new InputError('bad-feed', `The feed is not well-formed XML (line ${valid.err.line}: ${valid.err.msg}).`);
  }
  let doc: Node;
  try {
    doc = parser.parse(xml) as Node;
  } catch (e) {
    throw new InputError('bad-feed', `The feed could not be parsed: ${(e as Error).message}`);
  }
  const rss = (doc['rss'] as Node | undefined)?.['channel'] as Node | undefined;
  const rdf = doc['rdf:RDF'] as Node | undefined;
  const atom = doc['feed'] as Node | undefined;
  const out: FeedResult = { kind: atom ? 'atom' : 'rss', title: null, items: [], skipped: [] };
  let entries: Node[];
  let source: string | null;
  if (rss || rdf) {
    const channel = rss ?? ((rdf?.['channel'] as Node | undefined) ?? {});
    source = str(channel['title']);
    entries = ((rss ? channel['item'] : rdf?.['item']) as Node[] | undefined) ?? [];
  } else if (atom) {
    source = str(atom['title']);
    entries = (atom['entry'] as Node[] | undefined) ?? [];
  } else {
    throw new InputError('bad-feed', 'This XML is neither an RSS 2.0 <rss> nor an Atom <feed> document.');
  }
  out.title = source;
  entries.forEach((e, i) => {
    const itemName = `${name}#${i + 1}`;
    const warnings: string[] = [];
    const title = htmlText(str(e['title']) ?? '');
    const body = atom
      ? str(e['content']) ?? str(e['summary'])
      : str(e['content:encoded']) ?? str(e['description']);
    const url = atom ? atomLink(e['link']) : str(e['link']) ?? str(e['guid']);
    const date = atom ? str(e['published']) ?? str(e['updated']) : str(e['pubDate']) ?? str(e['dc:date']);
    const text = body ? htmlText(body) : '';
    if (!text.trim()) {
      out.skipped.push({ name: itemName, reason: 'the item has no description or content' });
      return;
    }
    const article = composeArticle(title, text, { published: normaliseDate(date, warnings), url, source });
    out.items.push({ name: itemName, article, warnings });
  });
  return out;
}
