/**
 * Entities: coreference and KB linking on sentences written for these tests. Each row gives the
 * whole expected entity list (name, KB id or null, mention texts in order).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeText, HAS_SHARED, readShared } from './helpers.js';

type Row = [why: string, text: string, expected: [name: string, kb: string | null, mentions: string[]][]];

const rows: Row[] = [
  [
    'a surname joins the full name; a title before the name and "his" join too',
    'Talks in Ankara\n\nForeign Minister Sergei Lavrov met his Turkish counterpart on Monday. Lavrov said the talks were useful.',
    [
      ['Ankara', 'city:ankara', ['Ankara']],
      ['Sergei Lavrov', 'person:sergei-lavrov', ['Foreign Minister', 'Sergei Lavrov', 'his', 'Lavrov']],
      ['Türkiye', 'country:TUR', ['Turkish']],
    ],
  ],
  [
    'a person the KB does not know is still one entity; adjectives join their country',
    'Drone strike\n\nOleksandr Kovalenko, a military analyst in Kyiv, said the strike was planned for weeks. Kovalenko added that Ukrainian drones had hit the depot before, and Ukraine would not stop.',
    [
      ['Oleksandr Kovalenko', null, ['Oleksandr Kovalenko', 'Kovalenko']],
      ['Kyiv', 'city:kyiv', ['Kyiv']],
      ['Ukraine', 'country:UKR', ['Ukrainian', 'Ukraine']],
    ],
  ],
  [
    'bare "Korea" takes the Korea the article is about (here the South)',
    'Seoul election\n\nSouth Korea votes on Wednesday. Voters in South Korea say the economy matters most; Korea has never had such a close race.',
    [
      ['Seoul', 'city:seoul', ['Seoul']],
      ['South Korea', 'country:KOR', ['South Korea', 'South Korea', 'Korea']],
    ],
  ],
  [
    'a title with its country and no name links to the post holder on the publication date',
    'Statement\n\nRussia’s foreign minister said on Monday that the talks had failed.',
    [
      ['Russia', 'country:RUS', ['Russia']],
      ['Sergei Lavrov', 'person:sergei-lavrov', ['foreign minister']],
    ],
  ],
  [
    '"its" goes to the organisation that leads the sentence',
    'Sanctions\n\nThe European Union said its sanctions would stay in place, and Germany agreed.',
    [
      ['European Union', 'org:eu', ['European Union', 'its']],
      ['Germany', 'country:DEU', ['Germany']],
    ],
  ],
  [
    'false positive: pronouns with nothing to refer to make no entity',
    'Weather\n\nHe said the weather was fine. It rained anyway.',
    [],
  ],
  [
    'a shared surname goes to the person named last, not the first one',
    'Two statements\n\nKim Jong Un inspected a factory. Kim Yo Jong issued a statement. Kim said nothing more.',
    [
      ['Kim Jong Un', 'person:kim-jong-un', ['Kim Jong Un']],
      ['Kim Yo Jong', 'person:kim-yo-jong', ['Kim Yo Jong', 'Kim']],
    ],
  ],
];

for (const [why, text, expected] of rows) {
  test(`entities: ${why}`, () => {
    const r = analyzeText(text, { published: '2025-07-01' });
    const got = r.entities.map((e) => [e.name, e.kb?.id ?? null, e.mentions.map((m) => m.text)]);
    assert.deepEqual(got, expected);
  });
}

test('entities: the reference article links every name the issue lists', { skip: !HAS_SHARED }, () => {
  const r = analyzeText(readShared('examples/kursk-deminers.txt'), { published: '2025-07-01' });
  const byKb = new Map(r.entities.filter((e) => e.kb).map((e) => [e.kb!.id, e]));
  for (const id of [
    'person:vladimir-putin',
    'person:dmitry-peskov',
    'country:RUS',
    'country:PRK',
    'region:RU-KRS',
    'city:pyongyang',
    'person:viktor-goremykin',
    'org:rus-mod',
    'country:KOR',
    'city:seoul',
    'city:moscow',
    'country:UKR',
  ]) {
    assert.ok(byKb.has(id), `${id} is linked`);
  }
  // "our friends from Korea" is North Korea
  const prk = byKb.get('country:PRK')!;
  assert.ok(prk.mentions.some((m) => m.text === 'Korea'));
  // Kursk Oblast is a region of Russia; Peskov is the president's press secretary on the date
  assert.equal(byKb.get('region:RU-KRS')!.kb!.country, 'RUS');
  assert.ok(byKb.get('person:dmitry-peskov')!.kb!.roles.some((x) => x.role === 'press-secretary' && x.org === 'RUS' && x.to === null));
  // Goremykin is written "Victor" and named by the KB as Viktor
  const gor = byKb.get('person:viktor-goremykin')!;
  assert.equal(gor.name, 'Viktor Goremykin');
  assert.ok(gor.mentions.some((m) => m.text === 'Victor Goremykin'));
  // "General No Gwansik" is one person, not linked to the KB holder of the post
  const no = r.entities.filter((e) => e.name === 'No Gwansik');
  assert.equal(no.length, 1);
  assert.equal(no[0]!.kb, null);
});
