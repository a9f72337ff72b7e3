import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFeed, isFeed } from '../src/ingest/feeds.js';
import { InputError } from '../src/ingest/index.js';

const RSS = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
  <channel>
    <title>Coastal Wire</title>
    <item>
      <title>Ferry services resume after storm</title>
      <link>https://coastal.example/ferries</link>
      <pubDate>Tue, 03 Mar 2026 06:00:00 GMT</pubDate>
      <description>Short teaser.</description>
      <content:encoded><![CDATA[<p>Ferries to the islands ran again on Tuesday.</p><p>“We are back to normal,” the operator said.</p>]]></content:encoded>
    </item>
    <item>
      <title>Port &amp; harbour fees rise</title>
      <link>https://coastal.example/fees</link>
      <description>&lt;p&gt;Fees rose by a tenth, the port authority said.&lt;/p&gt;</description>
    </item>
    <item>
      <title>A link with nothing else</title>
      <link>https://coastal.example/empty</link>
    </item>
  </channel>
</rss>`;

const ATOM = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Northern Dispatch</title>
  <entry>
    <title type="html">Talks open in Geneva</title>
    <link rel="self" href="https://nd.example/self"/>
    <link rel="alternate" href="https://nd.example/geneva"/>
    <published>2025-11-04T08:00:00Z</published>
    <summary>Negotiators met on Tuesday.</summary>
  </entry>
</feed>`;

test('RSS 2.0: each item an article with title, link, date and content (content:encoded before description)', () => {
  const feed = readFeed(RSS, 'coastal.xml');
  assert.equal(feed.kind, 'rss');
  assert.deepEqual(
    feed.items.map((i) => [i.name, i.article.title, i.article.url, i.article.published, i.article.source, i.article.text]),
    [
      ['coastal.xml#1', 'Ferry services resume after storm', 'https://coastal.example/ferries', '2026-03-03', 'Coastal Wire',
        'Ferry services resume after storm\n\nFerries to the islands ran again on Tuesday.\n\n“We are back to normal,” the operator said.'],
      ['coastal.xml#2', 'Port & harbour fees rise', 'https://coastal.example/fees', null, 'Coastal Wire',
        'Port & harbour fees rise\n\nFees rose by a tenth, the port authority said.'],
    ],
  );
  assert.deepEqual(feed.skipped, [{ name: 'coastal.xml#3', reason: 'the item has no description or content' }]);
  for (const i of feed.items) assert.equal(i.article.text.slice(i.article.titleSpan.start, i.article.titleSpan.end), i.article.title);
});

test('Atom: the alternate link, published date and summary when there is no content', () => {
  const feed = readFeed(ATOM, 'nd.atom');
  assert.equal(feed.kind, 'atom');
  assert.deepEqual(
    feed.items.map((i) => [i.article.title, i.article.url, i.article.published, i.article.text]),
    [['Talks open in Geneva', 'https://nd.example/geneva', '2025-11-04', 'Talks open in Geneva\n\nNegotiators met on Tuesday.']],
  );
});

test('hostile or malformed XML is a clear InputError, quickly, never a crash or a hang', () => {
  const laughs = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]><rss version="2.0"><channel><item><title>&lol3;</title><description>x</description></item></channel></rss>`;
  const external = `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><rss><channel><item><description>&x;</description></item></channel></rss>`;
  const rows: Array<[string, string, RegExp]> = [
    ['billion laughs', laughs, /document type/],
    ['external entity', external, /document type/],
    ['unclosed tags', '<rss version="2.0"><channel><item><title>Half', /not well-formed/],
    ['mismatched tags', '<rss><channel><item></channel></item></rss>', /not well-formed/],
    ['not a feed', '<?xml version="1.0"?><html><body>hi</body></html>', /neither an RSS/],
    ['deep nesting', `<rss><channel><item><description>${'<b>'.repeat(5000)}x${'</b>'.repeat(5000)}</description></item></channel></rss>`, /could not be parsed: Maximum nested tags/],
  ];
  for (const [what, xml, message] of rows) {
    const t0 = performance.now();
    assert.throws(() => readFeed(xml, 'bad.xml'), (e: unknown) => e instanceof InputError && e.code === 'bad-feed' && message.test(e.message), what);
    assert.ok(performance.now() - t0 < 2000, `${what} took too long`);
  }
  assert.throws(() => readFeed(RSS, 'big.xml', 100), (e: unknown) => e instanceof InputError && e.code === 'too-large');
});

test('feed sniffing: RSS, RDF and Atom roots are feeds; HTML and other XML are not', () => {
  assert.equal(isFeed(RSS), true);
  assert.equal(isFeed(ATOM), true);
  assert.equal(isFeed('<?xml version="1.0"?>\n<!-- a comment -->\n<rdf:RDF xmlns:rdf="x">'), true);
  assert.equal(isFeed('<!doctype html><html></html>'), false);
  assert.equal(isFeed('<?xml version="1.0"?><svg></svg>'), false);
});
