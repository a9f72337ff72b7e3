/**
 * The store's schema, once: every table is a list of typed columns, from which both the DDL and
 * the TypeScript row types are derived, so the two cannot drift apart. Migrations are the ordered
 * list at the bottom; `PRAGMA user_version` records how many have run.
 */

type SqlType = 'TEXT' | 'INTEGER' | 'REAL' | 'BLOB';

interface Column<T extends SqlType = SqlType, N extends boolean = boolean> {
  type: T;
  nullable: N;
  /** Extra DDL after the type: PRIMARY KEY, UNIQUE, REFERENCES … */
  extra?: string;
}

const text = (extra?: string): Column<'TEXT', false> => ({ type: 'TEXT', nullable: false, ...(extra ? { extra } : {}) });
const textNull = (): Column<'TEXT', true> => ({ type: 'TEXT', nullable: true });
const int = (extra?: string): Column<'INTEGER', false> => ({ type: 'INTEGER', nullable: false, ...(extra ? { extra } : {}) });
const intNull = (extra?: string): Column<'INTEGER', true> => ({ type: 'INTEGER', nullable: true, ...(extra ? { extra } : {}) });
const real = (): Column<'REAL', false> => ({ type: 'REAL', nullable: false });
const realNull = (): Column<'REAL', true> => ({ type: 'REAL', nullable: true });
const blob = (): Column<'BLOB', false> => ({ type: 'BLOB', nullable: false });

type JsOf<T extends SqlType> = T extends 'TEXT' ? string : T extends 'BLOB' ? Buffer : number;
export type Row<Cols extends Record<string, Column>> = {
  [K in keyof Cols]: Cols[K] extends Column<infer T, infer N> ? JsOf<T> | (N extends true ? null : never) : never;
};

const ARTICLE = 'INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE';

export const TABLES = {
  /** One row per stored story, with its whole report (the report is the source of truth; the
   * tables below are indexes over it for the questions we ask). */
  articles: {
    id: int('PRIMARY KEY'),
    /** sha256 of article.text: the same text twice is the same article. */
    hash: text('UNIQUE'),
    name: text(),
    title: text(),
    published: textNull(),
    url: textNull(),
    source: textNull(),
    /** Story cluster: the id of the first article about the same happening. */
    story: int(),
    /** MinHash signature (64 x uint32) of the text's word shingles, for near-duplicate checks. */
    minhash: blob(),
    text: text(),
    /** The whole wiretrace.report/1 as deflated JSON (a fifth of the size; see store/codec.ts). */
    report: blob(),
    ingested: text(),
  },
  /** Syndicated copies and lightly edited versions: linked to their original, not stored as stories. */
  near_duplicates: {
    id: int('PRIMARY KEY'),
    hash: text('UNIQUE'),
    original: int(ARTICLE),
    similarity: real(),
    name: text(),
    title: text(),
    published: textNull(),
    url: textNull(),
    source: textNull(),
    ingested: text(),
  },
  /** LSH band keys of the text MinHash (near-duplicates) and of the topic MinHash (story clusters). */
  lsh: {
    key: int(),
    article: int(ARTICLE),
  },
  entities: {
    article: int(ARTICLE),
    eid: text(),
    name: text(),
    type: text(),
    kb: textNull(),
    mentions: int(),
  },
  speakers: {
    id: int('PRIMARY KEY'),
    /** kb id when linked, else the folded name: what makes two speakers the same person. */
    key: text('UNIQUE'),
    name: text(),
    /** Lower-cased name, for look-ups by name or surname. */
    norm: text(),
  },
  quotes: {
    id: int('PRIMARY KEY'),
    article: int(ARTICLE),
    aid: text(),
    speaker: intNull('REFERENCES speakers(id)'),
    source: textNull(),
    type: text(),
    cue: text(),
    content: text(),
    in_headline: int(),
    start: int(),
    day: textNull(),
  },
  /** Hashes of quoted sentences (folded words), for quote-contradiction across articles. */
  quote_keys: {
    hash: int(),
    quote: int('NOT NULL REFERENCES quotes(id) ON DELETE CASCADE'),
    speaker: int(),
    start: int(),
    end: int(),
  },
  events: {
    id: int('PRIMARY KEY'),
    article: int(ARTICLE),
    vid: text(),
    code: text(),
    root: text(),
    quad: int(),
    goldstein: real(),
    actor1: text(),
    actor2: text(),
    actor1_entity: textNull(),
    actor2_entity: textNull(),
    day: textNull(),
    location: textNull(),
    country: textNull(),
    lat: realNull(),
    lon: realNull(),
    start: int(),
    end: int(),
  },
  findings: {
    article: int(ARTICLE),
    fid: text(),
    rule: text(),
    severity: text(),
    message: text(),
  },
  /** Figures of things ("12,000 North Korean troops"), for number-contradiction across articles. */
  figures: {
    article: int(ARTICLE),
    key: text(),
    value: real(),
    day: textNull(),
    start: int(),
    end: int(),
  },
  /** Findings that only a corpus can make: quote-contradiction, number-contradiction. */
  corpus_findings: {
    id: int('PRIMARY KEY'),
    rule: text(),
    severity: text(),
    /** What the two articles disagree about (the quote hash, the figure key). */
    key: text(),
    article_a: int(ARTICLE),
    article_b: int(ARTICLE),
    message: text(),
    /** JSON: [{article, start, end, text}, …] */
    evidence: text(),
  },
  /** Event counts per actor pair, day, CAMEO root and quad class, kept at commit time: the
   * actor-pair series and the network read this instead of every event (day '' when unknown). */
  event_days: {
    actor1: text(),
    actor2: text(),
    day: text(),
    root: text(),
    quad: int(),
    n: int(),
    /** Sum of the events' Goldstein scores (the mean is goldstein / n). */
    goldstein: real(),
  },
  // The counts below are kept at commit time, in the article's own transaction, so that the
  // aggregate views (stats, findings overview, relations network) read a few hundred rows instead
  // of millions at 200,000 articles.
  /** Row counts of the big tables (articles, near_duplicates, stories, entities, quotes, events,
   * findings, corpus_findings): COUNT(*) over 3.8 M entity rows took 80 ms warm, seconds cold. */
  totals: {
    name: text(),
    n: int(),
  },
  /** Quotes per speaker (the most quoted speakers). */
  speaker_counts: {
    speaker: int(),
    quotes: int(),
  },
  /** Event counts and Goldstein sums per actor pair, over all days (event_days summed). */
  pair_counts: {
    actor1: text(),
    actor2: text(),
    n: int(),
    goldstein: real(),
  },
  /** Findings per rule, article findings and corpus findings alike: how many, by severity, and in
   * how many articles (a corpus finding counts for its second article, the one that revealed it). */
  rule_counts: {
    rule: text(),
    findings: int(),
    articles: int(),
    high: int(),
    medium: int(),
    low: int(),
    info: int(),
  },
  /** Each article's own findings weighed by severity (high 100, medium 10, low 1), per rule and for
   * all rules together (rule ''): the findings page's worst articles first. */
  finding_scores: {
    rule: text(),
    article: int(ARTICLE),
    score: int(),
    high: int(),
    medium: int(),
    low: int(),
  },
} as const satisfies Record<string, Record<string, Column>>;

export type TableName = keyof typeof TABLES;
export type RowOf<T extends TableName> = Row<(typeof TABLES)[T]>;
export type ArticleRow = RowOf<'articles'>;
export type NearDuplicateRow = RowOf<'near_duplicates'>;
export type QuoteRow = RowOf<'quotes'>;
export type EventRow = RowOf<'events'>;
export type CorpusFindingRow = RowOf<'corpus_findings'>;

/** CREATE TABLE for one table; `tail` adds table constraints (a composite key) and `options` (WITHOUT ROWID). */
export function createTableSql(name: TableName, tail: { constraints?: string[]; options?: string } = {}): string {
  const cols = Object.entries(TABLES[name] as Record<string, Column>).map(([col, c]) => {
    const nn = c.nullable || (c.extra ?? '').includes('NOT NULL') || (c.extra ?? '').includes('PRIMARY KEY') ? '' : ' NOT NULL';
    return `${col} ${c.type}${nn}${c.extra ? ` ${c.extra}` : ''}`;
  });
  const body = [...cols, ...(tail.constraints ?? [])];
  return `CREATE TABLE ${name} (\n  ${body.join(',\n  ')}\n)${tail.options ? ` ${tail.options}` : ''}`;
}

/** Ordered migrations; never edit one that has shipped, add the next. */
export const MIGRATIONS: readonly string[] = [
  [
    ...(['articles', 'near_duplicates', 'lsh', 'entities', 'speakers', 'quotes', 'quote_keys', 'events', 'findings', 'figures', 'corpus_findings'] as const).map((t) => createTableSql(t)),
    // Full-text search over titles and texts; the articles table holds the text (external content).
    `CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, content='articles', content_rowid='id', tokenize='unicode61 remove_diacritics 2')`,
    'CREATE INDEX articles_published ON articles(published)',
    'CREATE INDEX articles_story ON articles(story)',
    'CREATE INDEX near_duplicates_original ON near_duplicates(original)',
    'CREATE INDEX lsh_key ON lsh(key)',
    'CREATE INDEX lsh_article ON lsh(article)',
    'CREATE INDEX entities_article ON entities(article)',
    'CREATE INDEX entities_kb ON entities(kb)',
    'CREATE INDEX speakers_norm ON speakers(norm)',
    'CREATE INDEX quotes_speaker ON quotes(speaker, day)',
    'CREATE INDEX quotes_article ON quotes(article)',
    'CREATE INDEX quote_keys_hash ON quote_keys(hash, speaker)',
    'CREATE INDEX quote_keys_quote ON quote_keys(quote)',
    'CREATE INDEX events_pair ON events(actor1, actor2, day)',
    'CREATE INDEX events_pair2 ON events(actor2, actor1, day)',
    'CREATE INDEX events_article ON events(article)',
    'CREATE INDEX events_day ON events(day)',
    'CREATE INDEX findings_rule ON findings(rule)',
    'CREATE INDEX findings_article ON findings(article)',
    'CREATE INDEX figures_key ON figures(key, day)',
    'CREATE INDEX figures_article ON figures(article)',
    'CREATE UNIQUE INDEX corpus_findings_unique ON corpus_findings(rule, key, article_a, article_b)',
    'CREATE INDEX corpus_findings_b ON corpus_findings(article_b)',
  ].join(';\n'),
  // 2: per-day actor-pair counts (event_days), filled from the events already stored.
  [
    createTableSql('event_days', { constraints: ['PRIMARY KEY (actor1, actor2, day, root, quad)'], options: 'WITHOUT ROWID' }),
    'CREATE INDEX event_days_pair2 ON event_days(actor2, actor1, day)',
    `INSERT INTO event_days (actor1, actor2, day, root, quad, n, goldstein)
       SELECT actor1, actor2, COALESCE(substr(day, 1, 10), ''), root, quad, COUNT(*), SUM(goldstein) FROM events GROUP BY 1, 2, 3, 4, 5`,
  ].join(';\n'),
  // 3: indexes the 200,000-article scale test asked for: an article's corpus findings as first
  // article (was a scan of every corpus finding), and a speaker's quotes in date order without
  // reading the quotes themselves.
  [
    'CREATE INDEX corpus_findings_a ON corpus_findings(article_a)',
    'DROP INDEX quotes_speaker',
    'CREATE INDEX quotes_speaker ON quotes(speaker, day, article, start)',
  ].join(';\n'),
  // 4: counts kept at commit time (totals, speaker_counts, pair_counts, rule_counts,
  // finding_scores), filled here from what is stored.
  [
    createTableSql('totals', { constraints: ['PRIMARY KEY (name)'], options: 'WITHOUT ROWID' }),
    createTableSql('speaker_counts', { constraints: ['PRIMARY KEY (speaker)'] }),
    createTableSql('pair_counts', { constraints: ['PRIMARY KEY (actor1, actor2)'], options: 'WITHOUT ROWID' }),
    'CREATE INDEX pair_counts_2 ON pair_counts(actor2, actor1)',
    createTableSql('rule_counts', { constraints: ['PRIMARY KEY (rule)'], options: 'WITHOUT ROWID' }),
    createTableSql('finding_scores', { constraints: ['PRIMARY KEY (rule, article)'], options: 'WITHOUT ROWID' }),
    'CREATE INDEX finding_scores_rank ON finding_scores(rule, score DESC, article)',
    `INSERT INTO totals (name, n) VALUES
       ('articles', (SELECT COUNT(*) FROM articles)),
       ('near_duplicates', (SELECT COUNT(*) FROM near_duplicates)),
       ('stories', (SELECT COUNT(DISTINCT story) FROM articles)),
       ('entities', (SELECT COUNT(*) FROM entities)),
       ('quotes', (SELECT COUNT(*) FROM quotes)),
       ('events', (SELECT COUNT(*) FROM events)),
       ('findings', (SELECT COUNT(*) FROM findings)),
       ('corpus_findings', (SELECT COUNT(*) FROM corpus_findings))`,
    'INSERT INTO speaker_counts (speaker, quotes) SELECT speaker, COUNT(*) FROM quotes WHERE speaker IS NOT NULL GROUP BY speaker',
    'INSERT INTO pair_counts (actor1, actor2, n, goldstein) SELECT actor1, actor2, SUM(n), SUM(goldstein) FROM event_days GROUP BY actor1, actor2',
    `INSERT INTO rule_counts (rule, findings, articles, high, medium, low, info)
       SELECT rule, COUNT(*), COUNT(DISTINCT article), SUM(severity = 'high'), SUM(severity = 'medium'), SUM(severity = 'low'),
              SUM(severity NOT IN ('high', 'medium', 'low'))
       FROM (SELECT rule, severity, article FROM findings UNION ALL SELECT rule, severity, article_b FROM corpus_findings)
       GROUP BY rule`,
    `INSERT INTO finding_scores (rule, article, score, high, medium, low)
       SELECT rule, article, SUM(CASE severity WHEN 'high' THEN 100 WHEN 'medium' THEN 10 WHEN 'low' THEN 1 ELSE 0 END),
              SUM(severity = 'high'), SUM(severity = 'medium'), SUM(severity = 'low')
       FROM (SELECT rule, severity, article FROM findings UNION ALL SELECT '', severity, article FROM findings)
       GROUP BY rule, article`,
  ].join(';\n'),
  // 5: covering indexes for lists of articles. An article row holds its text and report (a page or
  // more each), so a list of titles read from the rows reads a page per article: at 200,000
  // articles a facet or speaker page took 1-4.6 s on a cold disk cache. These read the same from
  // compact indexes: by id (joins, facets) and by date (newest first, date ranges).
  [
    'CREATE INDEX articles_meta ON articles(id, published, source, title, url, story)',
    'DROP INDEX articles_published',
    'CREATE INDEX articles_published ON articles(published, id, source, title, url, story)',
  ].join(';\n'),
];
