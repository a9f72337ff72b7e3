/**
 * A hand-built report over an invented article, with every layer filled and spans that overlap
 * (a name inside a quote, finding evidence over a headline quote), so the renderers can be tested
 * without waiting on the analysis stages.
 */
import { span, type Report, type Span } from '../src/types.js';

export const FIXTURE_TEXT = [
  'Putin: "Talks Are the Last Chance"',
  '',
  'Kremlin spokesman Dmitry Peskov said on Monday: "The talks are the last chance." He added that Russia would attend the talks in Istanbul.',
  '',
  'As the war enters its seventh year, officials said little had changed.',
].join('\n');

/** The span of the n-th occurrence (0-based) of `needle`. */
export function find(text: string, needle: string, n = 0): Span {
  let at = -1;
  for (let i = 0; i <= n; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`fixture: "${needle}" #${n} not found`);
  }
  return span(text, at, at + needle.length);
}

export function fixtureReport(text: string = FIXTURE_TEXT): Report {
  const t = text;
  const title = t.slice(0, t.indexOf('\n'));
  return {
    schema: 'wiretrace.report/1',
    article: {
      id: 'fixture',
      title,
      titleSpan: { start: 0, end: title.length },
      text: t,
      published: '2026-03-02',
      url: 'https://news.example/talks',
      source: 'Example Wire',
    },
    entities: [
      {
        id: 'e1',
        name: 'Dmitry Peskov',
        type: 'PERSON',
        kb: {
          id: 'dmitry-peskov',
          codes: ['RUSGOVMED'],
          roles: [{ title: 'Press Secretary of the President of Russia', role: 'press-secretary', org: 'RUS', from: '2012-05-22', to: null }],
        },
        mentions: [find(t, 'Dmitry Peskov'), find(t, 'He')],
      },
      {
        id: 'e2',
        name: 'Vladimir Putin',
        type: 'PERSON',
        kb: {
          id: 'vladimir-putin',
          codes: ['RUSGOV'],
          roles: [
            { title: 'Prime Minister of Russia', role: 'head-of-government', org: 'RUS', from: '2008-05-08', to: '2012-05-07' },
            { title: 'President of Russia', role: 'head-of-state', org: 'RUS', from: '2012-05-07', to: null },
          ],
        },
        mentions: [find(t, 'Putin')],
      },
      { id: 'e3', name: 'Russia', type: 'GPE', kb: { id: 'country:RUS', codes: ['RUS'], roles: [] }, mentions: [find(t, 'Russia')] },
      { id: 'e4', name: 'Istanbul', type: 'GPE', kb: null, mentions: [find(t, 'Istanbul')] },
    ],
    attributions: [
      {
        id: 'a1',
        type: 'direct',
        source: { ...find(t, 'Peskov'), entity: 'e1' },
        cue: find(t, 'said'),
        content: [find(t, 'The talks are the last chance.')],
        inHeadline: false,
        via: 'fixture',
      },
      {
        id: 'a2',
        type: 'indirect',
        source: { ...find(t, 'He'), entity: 'e1' },
        cue: find(t, 'added'),
        content: [find(t, 'that Russia would attend the talks in Istanbul')],
        inHeadline: false,
        via: 'fixture',
      },
      {
        id: 'a3',
        type: 'direct',
        source: { ...find(t, 'Putin'), entity: 'e2' },
        cue: find(t, ':'),
        content: [find(t, 'Talks Are the Last Chance')],
        inHeadline: true,
        via: 'fixture',
      },
      {
        id: 'a4',
        type: 'indirect',
        source: { ...find(t, 'officials'), entity: null },
        cue: find(t, 'said', 1),
        content: [find(t, 'little had changed')],
        inHeadline: false,
        via: 'fixture',
      },
    ],
    events: [
      {
        id: 'v1',
        code: '036',
        label: 'Express intent to meet or negotiate',
        goldstein: 4,
        actor1: { entity: 'e3', code: 'RUS' },
        actor2: { entity: null, code: null },
        location: { name: 'Istanbul', country: 'TUR', lat: 41.01, lon: 28.98 },
        date: null,
        evidence: find(t, 'Russia would attend the talks in Istanbul'),
        attribution: 'a2',
      },
    ],
    findings: [
      {
        id: 'f1',
        rule: 'vague-source',
        severity: 'low',
        message: 'The claim rests on unnamed "officials".',
        evidence: [find(t, 'officials said')],
      },
      {
        id: 'f2',
        rule: 'headline-misattribution',
        severity: 'high',
        message: "The headline puts these words in Vladimir Putin's mouth; the body attributes them to Dmitry Peskov, his press secretary.",
        evidence: [find(t, 'Putin: "Talks Are the Last Chance"'), find(t, '"The talks are the last chance."')],
      },
      {
        id: 'f3',
        rule: 'temporal-claim',
        severity: 'medium',
        message: 'On 2026-03-02 the war that began on 2022-02-24 was in its fifth year, not its seventh.',
        evidence: [find(t, 'enters its seventh year')],
      },
    ],
  };
}
