/**
 * The single writer: each analysed article is committed in ONE transaction with its whole report
 * and every index row derived from it, so a crash (even `kill -9`) leaves either all of an article
 * or none of it. Exact duplicates (same text hash) change nothing; near-duplicates are linked to
 * their original; new stories join a story cluster and are checked against the corpus for
 * quote-contradiction and number-contradiction.
 */
import type { Db } from '../store/db.js';
import type { Report } from '../types.js';
import { quadClass } from './cameo.js';
import type { Fingerprint, SpeakerRef } from './fingerprint.js';
import { BANDS, PERMS, bandKeys, bufferToSig, sigToBuffer, similarity } from './minhash.js';
import { storeRows, type StoreRows } from './rows.js';
import { words } from './words.js';

/** What a worker hands the writer for one article: the rows to index (rows.ts), or the whole report. */
export type Analysed = {
  name: string;
  /** The report, deflated (store/codec.ts). */
  blob: Buffer;
  fp: Fingerprint;
} & ({ rows: StoreRows } | { report: Report });

/**
 * An INSERT of many rows in as few statements as it can: one prepared statement for each number of
 * rows up to `max`, prepared when first needed. A statement of twenty rows costs about a fifth less
 * than twenty statements of one (the per-call binding and VDBE start-up), the same rows in the same
 * order (so the same rowids).
 */
class ManyRows {
  private readonly byCount: Array<ReturnType<Db['prepare']> | undefined> = [];

  constructor(
    private readonly db: Db,
    /** `INSERT INTO t (a, b, …) VALUES` */
    private readonly head: string,
    private readonly width: number,
    private readonly max = 32,
  ) {}

  /** Inserts the rows (`width` values each, one after another); returns the rowid of the last one (0 when none). */
  run(values: unknown[]): number {
    const rows = values.length / this.width;
    let last = 0;
    for (let at = 0; at < rows; at += this.max) {
      const k = Math.min(this.max, rows - at);
      const st = (this.byCount[k] ??= this.db.prepare(`${this.head} ${Array.from({ length: k }, () => `(${Array(this.width).fill('?').join(', ')})`).join(', ')}`));
      last = Number(st.run(k === rows ? values : values.slice(at * this.width, (at + k) * this.width)).lastInsertRowid);
    }
    return last;
  }
}

/** Severity weights of the findings page's ranking: one high finding outweighs any number of lesser ones in practice. */
export const SEVERITY_SCORE: Readonly<Record<string, number>> = { high: 100, medium: 10, low: 1 };

/** Findings per rule: how many, their severity score (SEVERITY_SCORE) and how many of each severity. */
function tallyByRule(found: Iterable<{ rule: string; severity: string }>): Map<string, { n: number; score: number; high: number; medium: number; low: number; info: number }> {
  const byRule = new Map<string, { n: number; score: number; high: number; medium: number; low: number; info: number }>();
  for (const f of found) {
    let r = byRule.get(f.rule);
    if (!r) byRule.set(f.rule, (r = { n: 0, score: 0, high: 0, medium: 0, low: 0, info: 0 }));
    r.n++;
    r.score += SEVERITY_SCORE[f.severity] ?? 0;
    if (f.severity === 'high' || f.severity === 'medium' || f.severity === 'low') r[f.severity]++;
    else r.info++;
  }
  return byRule;
}

export type CommitResult =
  | { status: 'stored'; id: number; story: number }
  | { status: 'duplicate'; id: number }
  | { status: 'near-duplicate'; id: number; original: number; similarity: number };

/** Jaccard (estimated) at or above which an article is a copy of an earlier one. */
export const NEAR_DUPLICATE = 0.7;
/** Topic similarity and date distance within which two articles report the same happening. */
export const SAME_STORY = 0.22;
export const STORY_DAYS = 3;
/** Figures that differ by less than this share are the same figure rounded. */
const FIGURE_TOLERANCE = 0.05;

const TEXT_NS = 0;
const TOPIC_NS = 1;
/** 32 bands of 2 rows over the first 64 topic hashes: pairs of topic similarity 0.25 share a band
 * with probability ~0.87, 0.3 with ~0.95; all 128 hashes then estimate the similarity. */
const TOPIC_BANDS = 32;

function dayNumber(iso: string | null): number | null {
  if (!iso) return null;
  const t = Date.parse(`${iso.slice(0, 10)}T00:00:00Z`);
  return Number.isNaN(t) ? null : Math.floor(t / 86400000);
}

function sameSpeaker(a: { key: string; norm: string }, b: { key: string; norm: string }): boolean {
  if (a.key === b.key) return true;
  const la = a.norm.split(' ').pop();
  const lb = b.norm.split(' ').pop();
  return la !== undefined && la === lb;
}

function fmt(n: number): string {
  return n.toLocaleString('en-US', { maximumFractionDigits: 2 });
}

/**
 * What the articles of an open batch leave for its end: their full-text rows and the totals. FTS5
 * writes its pending rows to disk at every savepoint, so a full-text row inserted in each article's
 * savepoint made a segment of its own for each article, and merging those took a quarter of the
 * writer's commit time; inserted at the end of the batch, in the same transaction, the batch's rows
 * make one segment. The totals and the quotes per speaker are summed in the same way (integers, so
 * the sums are the same; one upsert per speaker and batch instead of one per speaker and article).
 */
interface BatchTail {
  fts: Array<[id: number, title: string, text: string]>;
  totals: Map<string, number>;
  /** Quotes per speaker id (speaker_counts). */
  speakers: Map<number, number>;
}

export class Committer {
  private readonly db: Db;
  private readonly speakerIds = new Map<string, number>();
  private readonly st;
  private readonly many;
  /** Open between beginBatch and endBatch. */
  private batch: BatchTail | null = null;
  /** What the article being committed leaves for the end of its batch (kept only once it is committed). */
  private readonly later: BatchTail = { fts: [], totals: new Map(), speakers: new Map() };
  readonly tx: (a: Analysed, now: string) => CommitResult;

  constructor(db: Db) {
    this.db = db;
    const p = (sql: string) => db.prepare(sql);
    this.st = {
      byHash: p('SELECT id FROM articles WHERE hash = ?').pluck(),
      nearByHash: p('SELECT id FROM near_duplicates WHERE hash = ?').pluck(),
      candidates: p(`SELECT DISTINCT article FROM lsh WHERE key IN (SELECT value FROM json_each(?)) LIMIT 50`).pluck(),
      sigOf: p('SELECT minhash FROM articles WHERE id = ?').pluck(),
      storyOf: p('SELECT story, published FROM articles WHERE id = ?'),
      nextId: p('SELECT COALESCE(MAX(id), 0) + 1 FROM articles').pluck(),
      nextNearId: p('SELECT COALESCE(MAX(id), 0) + 1 FROM near_duplicates').pluck(),
      insertArticle: p(
        `INSERT INTO articles (id, hash, name, title, published, url, source, story, minhash, text, report, ingested)
         VALUES (@id, @hash, @name, @title, @published, @url, @source, @story, @minhash, @text, @report, @ingested)`,
      ),
      insertNear: p(
        `INSERT INTO near_duplicates (id, hash, original, similarity, name, title, published, url, source, ingested)
         VALUES (@id, @hash, @original, @similarity, @name, @title, @published, @url, @source, @ingested)`,
      ),
      insertFts: p('INSERT INTO articles_fts (rowid, title, text) VALUES (?, ?, ?)'),
      speakerByKey: p('SELECT id FROM speakers WHERE key = ?').pluck(),
      // Not RETURNING: in a savepoint SQLite spent ~90 µs on each RETURNING insert, 10 on a plain one.
      insertSpeaker: p('INSERT INTO speakers (key, name, norm) VALUES (?, ?, ?)'),
      speakerById: p('SELECT key, norm, name FROM speakers WHERE id = ?'),
      insertQuoteKey: p('INSERT INTO quote_keys (hash, quote, speaker, start, end) VALUES (?, ?, ?, ?, ?)'),
      // Other speakers of the same words: a walk over the (hash, speaker) index, however often a
      // much-quoted sentence recurs; then one example for each.
      otherSpeakers: p('SELECT speaker FROM quote_keys WHERE hash = ? AND speaker != ? GROUP BY speaker LIMIT 5').pluck(),
      sameWords: p(
        `SELECT qk.speaker, qk.start, qk.end, q.article, a.text, a.title FROM quote_keys qk
         JOIN quotes q ON q.id = qk.quote JOIN articles a ON a.id = q.article
         WHERE qk.hash = ? AND qk.speaker = ? AND q.article != ? LIMIT 1`,
      ),
      insertEvent: p(
        `INSERT INTO events (article, vid, code, root, quad, goldstein, actor1, actor2, actor1_entity, actor2_entity,
           day, location, country, lat, lon, start, end)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      countEventDay: p(
        `INSERT INTO event_days (actor1, actor2, day, root, quad, n, goldstein) VALUES (?, ?, ?, ?, ?, 1, ?)
         ON CONFLICT (actor1, actor2, day, root, quad) DO UPDATE SET n = n + 1, goldstein = goldstein + excluded.goldstein`,
      ),
      insertFinding: p('INSERT INTO findings (article, fid, rule, severity, message) VALUES (?, ?, ?, ?, ?)'),
      insertFigure: p('INSERT INTO figures (article, key, value, day, start, end) VALUES (?, ?, ?, ?, ?, ?)'),
      storyFigures: p(
        // The story's few articles first, then their figures: starting from the figures of a common
        // key ("troops") would read every such figure in the corpus (CROSS JOIN fixes the order).
        `SELECT f.article, f.value, f.start, f.end, a.text, a.title FROM articles a CROSS JOIN figures f ON f.article = a.id
         WHERE a.story = ? AND f.key = ? AND a.id != ? ORDER BY f.article, f.start`,
      ),
      insertCorpusFinding: p(
        `INSERT OR IGNORE INTO corpus_findings (rule, severity, key, article_a, article_b, message, evidence)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      ),
      addTotal: p('INSERT INTO totals (name, n) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET n = n + excluded.n'),
      addSpeakerQuotes: p(
        'INSERT INTO speaker_counts (speaker, quotes) VALUES (?, ?) ON CONFLICT (speaker) DO UPDATE SET quotes = quotes + excluded.quotes',
      ),
      addPair: p(
        `INSERT INTO pair_counts (actor1, actor2, n, goldstein) VALUES (?, ?, ?, ?)
         ON CONFLICT (actor1, actor2) DO UPDATE SET n = n + excluded.n, goldstein = goldstein + excluded.goldstein`,
      ),
      addRule: p(
        `INSERT INTO rule_counts (rule, findings, articles, high, medium, low, info) VALUES (?, ?, 1, ?, ?, ?, ?)
         ON CONFLICT (rule) DO UPDATE SET findings = findings + excluded.findings, articles = articles + 1,
           high = high + excluded.high, medium = medium + excluded.medium, low = low + excluded.low, info = info + excluded.info`,
      ),
      insertScore: p('INSERT INTO finding_scores (rule, article, score, high, medium, low) VALUES (?, ?, ?, ?, ?, ?)'),
    };
    this.many = {
      lsh: new ManyRows(db, 'INSERT INTO lsh (key, article) VALUES', 2, 48),
      entities: new ManyRows(db, 'INSERT INTO entities (article, eid, name, type, kb, mentions) VALUES', 6),
      quotes: new ManyRows(db, 'INSERT INTO quotes (article, aid, speaker, source, type, cue, content, in_headline, start, day) VALUES', 10),
    };
    this.tx = db.transaction((a: Analysed, now: string) => this.commitInTx(a, now));
  }

  /**
   * Commits one article in a transaction of its own, or, in an open batch, in a savepoint of its
   * own within the batch's transaction: either way the article with its whole report and every
   * row derived from it is stored or absent as one.
   */
  commit(a: Analysed, now = new Date().toISOString()): CommitResult {
    this.later.fts.length = 0;
    this.later.totals.clear();
    this.later.speakers.clear();
    const r = this.tx(a, now);
    const b = this.batch;
    if (b) {
      b.fts.push(...this.later.fts);
      for (const [name, n] of this.later.totals) b.totals.set(name, (b.totals.get(name) ?? 0) + n);
      for (const [speaker, n] of this.later.speakers) b.speakers.set(speaker, (b.speakers.get(speaker) ?? 0) + n);
    }
    return r;
  }

  get inBatch(): boolean {
    return this.batch !== null;
  }

  /**
   * Opens a batch: one transaction for the articles committed until endBatch, each in a savepoint
   * of its own. A crash before endBatch loses the batch whole (the articles are absent, never
   * partly stored); the indexes and the WAL are written once per batch instead of once per article.
   */
  beginBatch(): void {
    if (this.batch) return;
    this.db.exec('BEGIN');
    this.batch = { fts: [], totals: new Map(), speakers: new Map() };
  }

  /** Writes the batch's full-text rows and totals, then commits it; on an error nothing of the batch is kept. */
  endBatch(): void {
    const b = this.batch;
    if (!b) return;
    this.batch = null;
    try {
      for (const [id, title, text] of b.fts) this.st.insertFts.run(id, title, text);
      for (const [name, n] of b.totals) this.st.addTotal.run(name, n);
      for (const [speaker, n] of b.speakers) this.st.addSpeakerQuotes.run(speaker, n);
      this.db.exec('COMMIT');
    } catch (e) {
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
      throw e;
    }
  }

  /** A full-text row: now, or at the end of the open batch. */
  private fts(id: number, title: string, text: string): void {
    if (this.batch) this.later.fts.push([id, title, text]);
    else this.st.insertFts.run(id, title, text);
  }

  /** Adds to a total: now, or at the end of the open batch. */
  private total(name: string, n: number): void {
    if (this.batch) this.later.totals.set(name, (this.later.totals.get(name) ?? 0) + n);
    else this.st.addTotal.run(name, n);
  }

  private commitInTx(a: Analysed, now: string): CommitResult {
    const { fp } = a;
    const rows = 'rows' in a ? a.rows : storeRows(a.report);
    const art = rows.article;
    const existing = (this.st.byHash.get(fp.hash) ?? this.st.nearByHash.get(fp.hash)) as number | undefined;
    if (existing !== undefined) return { status: 'duplicate', id: existing };

    const textKeys = bandKeys(fp.minhash, BANDS, TEXT_NS);
    let best: { id: number; sim: number } | null = null;
    for (const cand of this.st.candidates.all(JSON.stringify(textKeys)) as number[]) {
      const sim = similarity(fp.minhash, bufferToSig(this.st.sigOf.get(cand) as Buffer));
      if (sim >= NEAR_DUPLICATE && (!best || sim > best.sim)) best = { id: cand, sim };
    }
    if (best) {
      const id = this.st.nextNearId.get() as number;
      this.st.insertNear.run({
        id, hash: fp.hash, original: best.id, similarity: best.sim, name: a.name, title: art.title,
        published: art.published, url: art.url, source: art.source, ingested: now,
      });
      this.total('near_duplicates', 1);
      return { status: 'near-duplicate', id, original: best.id, similarity: best.sim };
    }

    const id = this.st.nextId.get() as number;
    const day = dayNumber(art.published);
    let story = id;
    const topicKeys: number[] = [];
    if (fp.topic && day !== null) {
      topicKeys.push(...bandKeys(fp.topic.subarray(0, 64), TOPIC_BANDS, TOPIC_NS, day));
      const near: number[] = [];
      for (let d = day - STORY_DAYS; d <= day + STORY_DAYS; d++) near.push(...bandKeys(fp.topic.subarray(0, 64), TOPIC_BANDS, TOPIC_NS, d));
      let bestStory: { story: number; sim: number } | null = null;
      for (const cand of this.st.candidates.all(JSON.stringify(near)) as number[]) {
        const sim = similarity(fp.topic, bufferToSig(this.topicOf(cand)));
        if (sim >= SAME_STORY && (!bestStory || sim > bestStory.sim)) {
          const row = this.st.storyOf.get(cand) as { story: number } | undefined;
          if (row) bestStory = { story: row.story, sim };
        }
      }
      if (bestStory) story = bestStory.story;
    }

    // The topic signature is kept after the text signature in one blob (64 + 32 uint32).
    const sigs = fp.topic ? Buffer.concat([sigToBuffer(fp.minhash), sigToBuffer(fp.topic)]) : sigToBuffer(fp.minhash);
    this.st.insertArticle.run({
      id, hash: fp.hash, name: a.name, title: art.title, published: art.published, url: art.url, source: art.source,
      story, minhash: sigs, text: art.text, report: a.blob, ingested: now,
    });
    this.fts(id, art.title, art.text);
    const lsh: number[] = [];
    for (const k of textKeys) lsh.push(k, id);
    for (const k of topicKeys) lsh.push(k, id);
    this.many.lsh.run(lsh);
    const ents: unknown[] = [];
    for (const e of rows.entities) ents.push(id, e.id, e.name, e.type, e.kb, e.mentions);
    this.many.entities.run(ents);

    const corpusFindings = this.storeQuotes(id, rows, fp);
    const published = art.published ? art.published.slice(0, 10) : null;
    const pairs = new Map<string, { actor1: string; actor2: string; n: number; goldstein: number }>();
    for (const v of rows.events) {
      const evDay = v.date ?? published;
      const root = v.code.slice(0, 2);
      const quad = quadClass(v.code);
      const actor1 = v.actor1 ?? '';
      const actor2 = v.actor2 ?? '';
      this.st.insertEvent.run(
        id, v.id, v.code, root, quad, v.goldstein, actor1, actor2,
        v.actor1Entity, v.actor2Entity, evDay, v.location, v.country, v.lat, v.lon, v.start, v.end,
      );
      this.st.countEventDay.run(actor1, actor2, evDay ? evDay.slice(0, 10) : '', root, quad, v.goldstein);
      const key = `${actor1}\t${actor2}`;
      const p = pairs.get(key) ?? { actor1, actor2, n: 0, goldstein: 0 };
      p.n++;
      p.goldstein += v.goldstein;
      pairs.set(key, p);
    }
    for (const p of pairs.values()) this.st.addPair.run(p.actor1, p.actor2, p.n, p.goldstein);
    for (const f of rows.findings) this.st.insertFinding.run(id, f.id, f.rule, f.severity, f.message);
    this.countFindings(id, rows);
    corpusFindings.push(...this.storeFigures(id, story, rows, fp));
    this.countCorpusFindings(corpusFindings);

    this.total('articles', 1);
    if (story === id) this.total('stories', 1);
    if (rows.entities.length) this.total('entities', rows.entities.length);
    if (rows.quotes.length) this.total('quotes', rows.quotes.length);
    if (rows.events.length) this.total('events', rows.events.length);
    if (rows.findings.length) this.total('findings', rows.findings.length);
    if (corpusFindings.length) this.total('corpus_findings', corpusFindings.length);
    return { status: 'stored', id, story };
  }

  /** rule_counts and finding_scores for the article's own findings. */
  private countFindings(article: number, rows: StoreRows): void {
    if (rows.findings.length === 0) return;
    const all = { score: 0, high: 0, medium: 0, low: 0 };
    for (const [rule, r] of tallyByRule(rows.findings)) {
      this.st.addRule.run(rule, r.n, r.high, r.medium, r.low, r.info);
      this.st.insertScore.run(rule, article, r.score, r.high, r.medium, r.low);
      all.score += r.score;
      all.high += r.high;
      all.medium += r.medium;
      all.low += r.low;
    }
    this.st.insertScore.run('', article, all.score, all.high, all.medium, all.low);
  }

  /** rule_counts for the corpus findings this article revealed (it is their second article). */
  private countCorpusFindings(found: ReadonlyArray<{ rule: string; severity: string }>): void {
    for (const [rule, r] of tallyByRule(found)) this.st.addRule.run(rule, r.n, r.high, r.medium, r.low, r.info);
  }

  private topicOf(article: number): Buffer {
    const buf = this.st.sigOf.get(article) as Buffer;
    return buf.subarray(PERMS * 4);
  }

  private speakerId(s: SpeakerRef): number {
    const known = this.speakerIds.get(s.key);
    if (known !== undefined) return known;
    // Look up before inserting: an upsert would rewrite the row (and dirty its page) every time.
    const id =
      (this.st.speakerByKey.get(s.key) as number | undefined) ??
      Number(this.st.insertSpeaker.run(s.key, s.name, words(s.name).join(' ')).lastInsertRowid);
    if (this.speakerIds.size < 100000) this.speakerIds.set(s.key, id);
    return id;
  }

  /** Quotes, their speakers and sentence hashes, and quote-contradiction for each sentence as it is stored. */
  private storeQuotes(article: number, rows: StoreRows, fp: Fingerprint): Array<{ rule: string; severity: string }> {
    const art = rows.article;
    const byAid = new Map(fp.quotes.map((q) => [q.aid, q]));
    const perSpeaker = new Map<number, number>();
    const found: Array<{ rule: string; severity: string }> = [];
    const day = art.published ? art.published.slice(0, 10) : null;
    // The article's quotes in one statement: their ids follow one another, ending at the last rowid.
    const speakers = rows.quotes.map((at) => {
      const sp = byAid.get(at.aid)?.speaker;
      return sp ? this.speakerId(sp) : null;
    });
    const values: unknown[] = [];
    rows.quotes.forEach((at, i) => values.push(article, at.aid, speakers[i], at.source, at.type, at.cue, at.content, at.inHeadline ? 1 : 0, at.start, day));
    const firstId = this.many.quotes.run(values) - rows.quotes.length + 1;
    for (let i = 0; i < rows.quotes.length; i++) {
      const q = byAid.get(rows.quotes[i]!.aid);
      const speaker = speakers[i] ?? null;
      if (speaker === null || !q) continue;
      perSpeaker.set(speaker, (perSpeaker.get(speaker) ?? 0) + 1);
      const quoteId = firstId + i;
      for (const k of q.keys) {
        this.st.insertQuoteKey.run(k.hash, quoteId, speaker, k.start, k.end);
        for (let n = this.checkSameWords(article, rows, speaker, k); n > 0; n--) found.push({ rule: 'quote-contradiction', severity: 'high' });
      }
    }
    for (const [speaker, n] of perSpeaker) {
      if (this.batch) this.later.speakers.set(speaker, (this.later.speakers.get(speaker) ?? 0) + n);
      else this.st.addSpeakerQuotes.run(speaker, n);
    }
    return found;
  }

  /** Corpus findings inserted for one quoted sentence (0 when nobody else said it). */
  private checkSameWords(article: number, rows: StoreRows, speaker: number, k: { hash: number; start: number; end: number }): number {
    const others = this.st.otherSpeakers.all(k.hash, speaker) as number[];
    if (others.length === 0) return 0;
    const found = others.flatMap((o) => this.st.sameWords.all(k.hash, o, article) as Array<{
      speaker: number; start: number; end: number; article: number; text: string; title: string;
    }>);
    const me = this.st.speakerById.get(speaker) as { key: string; norm: string; name: string };
    const text = rows.article.text;
    let inserted = 0;
    for (const r of found) {
      const other = this.st.speakerById.get(r.speaker) as { key: string; norm: string; name: string };
      if (sameSpeaker(me, other)) continue;
      const quote = text.slice(k.start, k.end);
      const message =
        `The same words are attributed to ${other.name} in article ${r.article} (“${r.title}”) and to ${me.name} ` +
        `in article ${article} (“${rows.article.title}”): “${quote.length > 120 ? `${quote.slice(0, 117)}…` : quote}”`;
      const evidence = [
        { article: r.article, start: r.start, end: r.end, text: r.text.slice(r.start, r.end) },
        { article, start: k.start, end: k.end, text: quote },
      ];
      inserted += this.st.insertCorpusFinding.run('quote-contradiction', 'high', `quote:${k.hash}`, r.article, article, message, JSON.stringify(evidence)).changes;
    }
    return inserted;
  }

  /** Figures, and number-contradiction against the story's other articles. */
  private storeFigures(article: number, story: number, rows: StoreRows, fp: Fingerprint): Array<{ rule: string; severity: string }> {
    const art = rows.article;
    const day = art.published ? art.published.slice(0, 10) : null;
    const mine = new Map<string, Array<{ value: number; start: number; end: number }>>();
    for (const f of fp.figures) {
      this.st.insertFigure.run(article, f.key, f.value, day, f.start, f.end);
      const list = mine.get(f.key) ?? [];
      list.push(f);
      mine.set(f.key, list);
    }
    const found: Array<{ rule: string; severity: string }> = [];
    if (story === article) return found;
    for (const [key, list] of mine) {
      const theirs = this.st.storyFigures.all(story, key, article) as Array<{
        article: number; value: number; start: number; end: number; text: string; title: string;
      }>;
      const byArticle = new Map<number, typeof theirs>();
      for (const t of theirs) byArticle.set(t.article, [...(byArticle.get(t.article) ?? []), t]);
      for (const [other, figs] of byArticle) {
        const agree = list.some((m) => figs.some((f) => Math.abs(f.value - m.value) <= FIGURE_TOLERANCE * Math.max(f.value, m.value)));
        if (agree) continue;
        const f = figs[0]!;
        const m = list[0]!;
        const what = key.includes(':') ? `${key.split(':')[1]} ${key.split(':')[0]}` : key;
        const message =
          `Articles about the same story give different figures for ${what}: ${fmt(f.value)} in article ${other} ` +
          `(“${f.title}”) and ${fmt(m.value)} in article ${article} (“${art.title}”).`;
        const evidence = [
          { article: other, start: f.start, end: f.end, text: f.text.slice(f.start, f.end) },
          { article, start: m.start, end: m.end, text: art.text.slice(m.start, m.end) },
        ];
        const ins = this.st.insertCorpusFinding.run('number-contradiction', 'medium', `figure:${key}`, other, article, message, JSON.stringify(evidence));
        if (ins.changes) found.push({ rule: 'number-contradiction', severity: 'medium' });
      }
    }
    return found;
  }
}
