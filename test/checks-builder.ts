/**
 * A small builder for the checks tests: the real text and token stages on a sentence, then the
 * mention, entity and attribution layers set by hand (by the words they cover), and a KB of a few
 * real officials and conflicts. It lets each rule be tested on exactly the layers it reads.
 */
import { readArticle } from '../src/ingest/index.js';
import { textStage } from '../src/text/index.js';
import { tokensStage } from '../src/tokens/index.js';
import { Kb } from '../src/kb/index.js';
import { kbFileSchema } from '../src/kb/schema.js';
import { loadChecksLexicon } from '../src/checks/lexicon.js';
import { runChecks } from '../src/checks/index.js';
import type { Resources } from '../src/resources.js';
import type { Attribution, AttributionType, Doc, Entity, EntityType, Finding, Mention, TitlePhrase } from '../src/types.js';
import { span } from '../src/types.js';

const src = ['editorial'];
const role = (title: string, r: string, org: string, from: string | null, to: string | null = null) => ({ title, role: r, org, from, to });

/** Facts from public records (government sites, Wikipedia), for tests only. */
export const TEST_KB = new Kb(
  kbFileSchema.parse({
    entries: [
      { id: 'country:RUS', type: 'GPE', name: 'Russia', place: 'country', adjectives: ['Russian'], sources: src },
      { id: 'country:PRK', type: 'GPE', name: 'North Korea', place: 'country', adjectives: ['North Korean'], sources: src },
      { id: 'country:USA', type: 'GPE', name: 'the United States', aliases: ['US', 'U.S.'], place: 'country', adjectives: ['American', 'US', 'U.S.'], sources: src },
      { id: 'country:UKR', type: 'GPE', name: 'Ukraine', place: 'country', adjectives: ['Ukrainian'], sources: src },
      { id: 'country:SYR', type: 'GPE', name: 'Syria', place: 'country', adjectives: ['Syrian'], sources: src },
      { id: 'city:moscow', type: 'GPE', name: 'Moscow', place: 'city', sources: src },
      { id: 'person:vladimir-putin', type: 'PERSON', name: 'Vladimir Putin', aliases: ['Putin'], roles: [role('President of Russia', 'head-of-state', 'RUS', '2012-05-07')], sources: src },
      { id: 'person:dmitry-peskov', type: 'PERSON', name: 'Dmitry Peskov', aliases: ['Peskov', 'Dmitri Peskov'], roles: [role('Press Secretary of the President of Russia', 'press-secretary', 'RUS', '2012-05-22')], sources: src },
      { id: 'person:sergei-shoigu', type: 'PERSON', name: 'Sergei Shoigu', aliases: ['Shoigu'], roles: [role('Minister of Defence of Russia', 'defence-minister', 'RUS', '2012-11-06', '2024-05-12')], sources: src },
      { id: 'person:andrei-belousov', type: 'PERSON', name: 'Andrei Belousov', aliases: ['Belousov'], roles: [role('Minister of Defence of Russia', 'defence-minister', 'RUS', '2024-05-14')], sources: src },
      { id: 'person:lloyd-austin', type: 'PERSON', name: 'Lloyd Austin', aliases: ['Austin'], roles: [role('United States Secretary of Defense', 'defence-minister', 'USA', '2021-01-22', '2025-01-20')], sources: src },
      { id: 'person:pete-hegseth', type: 'PERSON', name: 'Pete Hegseth', aliases: ['Hegseth'], roles: [role('United States Secretary of Defense', 'defence-minister', 'USA', '2025-01-25')], sources: src },
      { id: 'person:donald-trump', type: 'PERSON', name: 'Donald Trump', aliases: ['Trump'], roles: [role('President of the United States', 'head-of-state', 'USA', '2025-01-20')], sources: src },
      { id: 'person:karoline-leavitt', type: 'PERSON', name: 'Karoline Leavitt', aliases: ['Leavitt'], roles: [role('White House Press Secretary', 'press-secretary', 'USA', '2025-01-20')], sources: src },
      { id: 'person:no-kwang-chol', type: 'PERSON', name: 'No Kwang-chol', aliases: ['No Kwang Chol', 'Ro Kwang-chol'], roles: [role('Minister of National Defence of North Korea', 'defence-minister', 'PRK', '2024-10')], sources: src },
      { id: 'person:alexander-fomin', type: 'PERSON', name: 'Alexander Fomin', aliases: ['Fomin'], roles: [role('Deputy Minister of Defence of Russia', 'deputy-defence-minister', 'RUS', '2017-01-23')], sources: src },
      { id: 'conflict:russia-ukraine-war', type: 'CONFLICT', name: 'the Russo-Ukrainian War', aliases: ['Russo-Ukrainian war', 'the war in Ukraine', 'war in Ukraine', 'the Russia-Ukraine war'], start: '2014-02-20', end: null, parties: ['country:RUS', 'country:UKR'], sources: src },
      { id: 'conflict:russian-invasion-of-ukraine', type: 'CONFLICT', name: 'the full-scale invasion of Ukraine', aliases: ['full-scale invasion', 'the full-scale invasion'], start: '2022-02-24', end: null, parent: 'conflict:russia-ukraine-war', parties: ['country:RUS', 'country:UKR'], sources: src },
      { id: 'conflict:syrian-civil-war', type: 'CONFLICT', name: 'the Syrian civil war', aliases: ['Syrian civil war', "Syria's civil war"], start: '2011-03-15', end: '2024-12-08', parties: ['country:SYR'], sources: src },
    ],
  }).entries,
);

export const TEST_RES: Resources = { kb: TEST_KB, checks: loadChecksLexicon() };

export interface PersonSpec {
  /** Every occurrence of each of these words becomes a name mention of the entity. */
  names: string[];
  kb?: string;
  type?: EntityType;
  /** A role phrase right before the `titled` name occurrence (its first occurrence). */
  title?: { words: string; role: string | null; org: string | null; deputy?: boolean; of?: string };
  titled?: string;
}

export interface AttrSpec {
  source?: string | null;
  /** Which occurrence of the source words (0 = first). */
  sourceAt?: number;
  entity?: string | null;
  cue: string;
  cueAt?: number;
  content: string[];
  type?: AttributionType;
  inHeadline?: boolean;
}

function occurrences(text: string, words: string): number[] {
  const out: number[] = [];
  if (!words) return out;
  for (let at = text.indexOf(words); at >= 0; at = text.indexOf(words, at + 1)) {
    const before = text[at - 1] ?? ' ';
    const after = text[at + words.length] ?? ' ';
    const wordy = /[\p{L}\p{N}]/u;
    if ((wordy.test(words[0]!) && wordy.test(before)) || (wordy.test(words[words.length - 1]!) && wordy.test(after))) continue;
    out.push(at);
  }
  return out;
}

function nth(text: string, words: string, n = 0): number {
  const at = occurrences(text, words)[n];
  if (at === undefined) throw new Error(`builder: "${words}" (#${n}) is not in the text`);
  return at;
}

export class DocBuilder {
  doc: Doc;
  private entities: Entity[] = [];
  private attributions: Attribution[] = [];
  private mentionCount = 0;

  constructor(input: string, published?: string, format?: 'text') {
    const { article } = readArticle(input, { ...(published ? { published } : {}), ...(format ? { format } : {}) });
    this.doc = tokensStage(textStage(article));
  }

  private mention(start: number, end: number, type: EntityType, kb: string[], title?: TitlePhrase): Mention {
    const toks = this.doc.tokens;
    const first = toks.findIndex((t) => t.end > start);
    let last = first;
    while (last < toks.length && toks[last]!.start < end) last++;
    const after = this.doc.norm.slice(end, end + 2);
    const m: Mention = {
      id: `m${++this.mentionCount}`,
      start,
      end,
      kind: 'name',
      type,
      first,
      last,
      sent: toks[first]?.sent ?? 0,
      kb,
      possessive: after === "'s",
      via: 'test',
    };
    if (title) m.title = title;
    return m;
  }

  person(id: string, spec: PersonSpec): this {
    const text = this.doc.article.text;
    const type = spec.type ?? 'PERSON';
    const kbIds = spec.kb ? [spec.kb] : [];
    const mentions: Mention[] = [];
    const taken: [number, number][] = [];
    for (const words of [...spec.names].sort((a, b) => b.length - a.length)) {
      for (const at of occurrences(text, words)) {
        if (taken.some(([s, e]) => at < e && at + words.length > s)) continue;
        taken.push([at, at + words.length]);
        let title: TitlePhrase | undefined;
        if (spec.title && words === (spec.titled ?? spec.names[0]) && !mentions.some((m) => m.title)) {
          const ts = text.lastIndexOf(spec.title.words, at);
          if (ts < 0) throw new Error(`builder: title "${spec.title.words}" not before "${words}"`);
          title = { start: ts, end: ts + spec.title.words.length, role: spec.title.role, org: spec.title.org, rank: null, deputy: spec.title.deputy ?? false, text: spec.title.words };
          if (spec.title.of) title.of = spec.title.of;
        }
        mentions.push(this.mention(at, at + words.length, type, kbIds, title));
      }
    }
    mentions.sort((a, b) => a.start - b.start);
    const kbEntry = spec.kb ? TEST_KB.get(spec.kb) : undefined;
    this.entities.push({
      id,
      name: kbEntry?.name ?? spec.names[0]!,
      type,
      kb: kbEntry ? { id: kbEntry.id, codes: kbEntry.codes, roles: (kbEntry.roles ?? []).map((r) => ({ title: r.title, role: r.role, org: r.org, from: r.from, to: r.to })) } : null,
      mentions,
    });
    return this;
  }

  /** The id of the entity's mention that covers these words (for TitlePhrase.of). */
  mentionId(entity: string, words: string): string {
    const text = this.doc.article.text;
    const e = this.entities.find((x) => x.id === entity);
    const m = e?.mentions.find((x) => text.slice(x.start, x.end) === words);
    if (!m) throw new Error(`builder: no mention "${words}" of ${entity}`);
    return m.id;
  }

  attr(spec: AttrSpec): this {
    const text = this.doc.article.text;
    const content = spec.content.map((c) => {
      const at = nth(text, c);
      return span(text, at, at + c.length);
    });
    const cueAt = nth(text, spec.cue, spec.cueAt ?? 0);
    let source = null;
    if (spec.source) {
      const at = nth(text, spec.source, spec.sourceAt ?? 0);
      source = { ...span(text, at, at + spec.source.length), entity: spec.entity ?? null };
    }
    this.attributions.push({
      id: `a${this.attributions.length + 1}`,
      type: spec.type ?? 'direct',
      source,
      cue: span(text, cueAt, cueAt + spec.cue.length),
      content,
      inHeadline: spec.inHeadline ?? false,
      via: 'test',
    });
    return this;
  }

  build(): Doc {
    const mentions = this.entities.flatMap((e) => e.mentions).sort((a, b) => a.start - b.start);
    return { ...this.doc, mentions, entities: this.entities, attributions: this.attributions };
  }

  findings(today = '2026-01-15'): Finding[] {
    return runChecks(this.build(), TEST_RES, {
      today,
      onError: (rule, err) => {
        throw new Error(`rule ${rule} threw: ${(err as Error).stack ?? String(err)}`);
      },
    });
  }
}

export function doc(input: string, published?: string, format?: 'text'): DocBuilder {
  return new DocBuilder(input, published, format);
}

/** The parts of a finding a table row pins: rule, severity, evidence texts; message words checked apart. */
export function brief(f: Finding): { rule: string; severity: string; evidence: string[] } {
  return { rule: f.rule, severity: f.severity, evidence: f.evidence.map((e) => e.text) };
}
