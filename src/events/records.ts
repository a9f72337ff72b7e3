/**
 * PETRARCH unit-test records (`<Validation>` XML): the environment (which dictionaries), and each
 * `<Sentence>` with its date, category, text and expected `<EventCoding>`s. `<Parse>` is ignored:
 * wiretrace codes from the raw text. A small tolerant reader: the files are flat and regular.
 */

export interface ExpectedEvent {
  source: string;
  target: string;
  code: string;
}

export interface UnitRecord {
  id: string;
  category: string;
  /** YYYYMMDD as a number. */
  date: number | null;
  /** PETRARCH's own flag: sentence="false" marks records it does not implement. */
  enabled: boolean;
  text: string;
  /** Expected events; empty for `noevents` and for discards/errors. */
  expected: ExpectedEvent[];
  /** `error="…"` when the record expects one (e.g. "storydiscard"). */
  error: string | null;
}

export interface RecordSet {
  verbfile: string | null;
  actorfiles: string[];
  agentfiles: string[];
  discardfiles: string[];
  records: UnitRecord[];
}

function unescapeXml(s: string): string {
  return s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&amp;/g, '&');
}

function attrs(s: string): Record<string, string> {
  const out: Record<string, string> = {};
  const re = /([A-Za-z_][\w-]*)\s*=\s*("([^"]*)"|'([^']*)')/g;
  for (let m = re.exec(s); m; m = re.exec(s)) out[m[1]!.toLowerCase()] = unescapeXml(m[3] ?? m[4] ?? '');
  return out;
}

function tagTexts(xml: string, tag: string): string[] {
  const out: string[] = [];
  const re = new RegExp(`<${tag}\\b[^>]*>([\\s\\S]*?)</${tag}>`, 'g');
  for (let m = re.exec(xml); m; m = re.exec(xml)) out.push(unescapeXml(m[1]!.trim()));
  return out;
}

export function readRecords(xml: string): RecordSet {
  const noComments = xml.replace(/<!--[\s\S]*?-->/g, '');
  const env = /<Environment>([\s\S]*?)<\/Environment>/.exec(noComments)?.[1] ?? '';
  const records: UnitRecord[] = [];
  const re = /<Sentence\b([^>]*)>([\s\S]*?)<\/Sentence>/g;
  for (let m = re.exec(noComments); m; m = re.exec(noComments)) {
    const a = attrs(m[1]!);
    const body = m[2]!.replace(/<Parse>[\s\S]*?<\/Parse>/g, '');
    const expected: ExpectedEvent[] = [];
    let error: string | null = null;
    const codings = /<EventCoding\b([^>]*)>/g;
    for (let c = codings.exec(body); c; c = codings.exec(body)) {
      const ca = attrs(c[1]!);
      if (ca['error']) error = ca['error'];
      if (ca['noevents'] || ca['error']) continue;
      expected.push({
        source: (ca['sourcecode'] ?? '---').toUpperCase(),
        target: (ca['targetcode'] ?? '---').toUpperCase(),
        code: (ca['eventcode'] ?? '').toUpperCase(),
      });
    }
    const text = (/<Text>([\s\S]*?)<\/Text>/.exec(body)?.[1] ?? '').replace(/\s+/g, ' ').trim();
    const d = (a['date'] ?? '').trim();
    records.push({
      id: a['id'] ?? `record-${records.length + 1}`,
      category: a['category'] ?? 'NONE',
      date: /^\d{8}$/.test(d) ? Number(d) : null,
      enabled: (a['sentence'] ?? 'true').toLowerCase() !== 'false',
      text: unescapeXml(text),
      expected,
      error,
    });
  }
  const first = (t: string): string | null => tagTexts(env, t)[0] ?? null;
  return {
    verbfile: first('Verbfile'),
    actorfiles: tagTexts(env, 'Actorfile'),
    agentfiles: tagTexts(env, 'Agentfile'),
    discardfiles: tagTexts(env, 'Discardfile'),
    records,
  };
}
