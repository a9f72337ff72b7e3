import { test } from 'node:test';
import assert from 'node:assert/strict';
import { brief, doc } from './checks-builder.js';
import type { Finding } from '../src/types.js';

const only = (fs: Finding[], rule: string): Finding[] => fs.filter((f) => f.rule === rule);

test('headline-misattribution: a spokesman\'s words given to the president, relation from the article\'s apposition', () => {
  const b = doc(
    'Trump: "We Will Reopen Every Port to American Grain"\n\n' +
      'President Donald Trump\'s press secretary, Karoline Leavitt, spoke on Monday. "We will reopen every port to grain," Leavitt told reporters.',
    '2025-06-02',
  )
    .person('e1', { names: ['Donald Trump', 'Trump'], kb: 'person:donald-trump' })
    .person('e2', { names: ['Karoline Leavitt', 'Leavitt'], kb: 'person:karoline-leavitt' })
    .attr({ source: 'Trump', entity: 'e1', cue: ':', content: ['We Will Reopen Every Port to American Grain'], inHeadline: true })
    .attr({ source: 'Leavitt', sourceAt: 1, entity: 'e2', cue: 'told', content: ['We will reopen every port to grain,'] });
  const fs = only(b.findings(), 'headline-misattribution');
  assert.deepEqual(fs.map(brief), [
    {
      rule: 'headline-misattribution',
      severity: 'high',
      evidence: ['Trump', 'We Will Reopen Every Port to American Grain', 'Leavitt', 'We will reopen every port to grain,'],
    },
  ]);
  assert.equal(fs[0]!.message, "The headline puts these words in Donald Trump's mouth; the body attributes them to Karoline Leavitt, Trump's press secretary.");
});

test('headline-misattribution: the relation comes from the KB when the article gives none', () => {
  const b = doc('Putin: \'Talks Will Go On Without Preconditions\'\n\n"The talks will go on without preconditions," Dmitry Peskov said on Friday.', '2025-03-07')
    .person('e1', { names: ['Putin'], kb: 'person:vladimir-putin' })
    .person('e2', { names: ['Dmitry Peskov'], kb: 'person:dmitry-peskov' })
    .attr({ source: 'Putin', entity: 'e1', cue: ':', content: ['Talks Will Go On Without Preconditions'], inHeadline: true })
    .attr({ source: 'Dmitry Peskov', entity: 'e2', cue: 'said', content: ['The talks will go on without preconditions,'] });
  const fs = only(b.findings(), 'headline-misattribution');
  assert.equal(fs.length, 1);
  assert.equal(fs[0]!.message, "The headline puts these words in Vladimir Putin's mouth; the body attributes them to Dmitry Peskov, Putin's press secretary.");
});

// False positives, each a row of its own.
const faithful: [string, string, (b: ReturnType<typeof doc>) => ReturnType<typeof doc>][] = [
  [
    // the body gives the words to the same person, named by surname only
    'same speaker',
    'Putin: \'We Will Not Abandon Our Partners\'\n\n"We will not abandon our partners," Putin told the council.',
    (b) =>
      b
        .person('e1', { names: ['Putin'], kb: 'person:vladimir-putin' })
        .attr({ source: 'Putin', entity: 'e1', cue: ':', content: ['We Will Not Abandon Our Partners'], inHeadline: true })
        .attr({ source: 'Putin', sourceAt: 1, entity: 'e1', cue: 'told', content: ['We will not abandon our partners,'] }),
  ],
  [
    // a second speaker repeats the words, but the headline's speaker said them too
    'both said it',
    'Trump: "A Great Deal for Farmers"\n\n"A great deal for farmers," Leavitt said. Trump later called it "a great deal for farmers" too.',
    (b) =>
      b
        .person('e1', { names: ['Trump'], kb: 'person:donald-trump' })
        .person('e2', { names: ['Leavitt'], kb: 'person:karoline-leavitt' })
        .attr({ source: 'Trump', entity: 'e1', cue: ':', content: ['A Great Deal for Farmers'], inHeadline: true })
        .attr({ source: 'Leavitt', entity: 'e2', cue: 'said', content: ['A great deal for farmers,'] })
        .attr({ source: 'Trump', sourceAt: 1, entity: 'e1', cue: 'called', content: ['a great deal for farmers'], type: 'mixed' }),
  ],
  [
    // different words: the body's quote by another person is not the headline's
    'different words',
    'Putin: \'Sanctions Have Failed\'\n\n"The harvest was a record," Peskov said.',
    (b) =>
      b
        .person('e1', { names: ['Putin'], kb: 'person:vladimir-putin' })
        .person('e2', { names: ['Peskov'], kb: 'person:dmitry-peskov' })
        .attr({ source: 'Putin', entity: 'e1', cue: ':', content: ['Sanctions Have Failed'], inHeadline: true })
        .attr({ source: 'Peskov', entity: 'e2', cue: 'said', content: ['The harvest was a record,'] }),
  ],
  [
    // a headline quote with no speaker cannot be misattributed
    'no headline speaker',
    '\'The Harvest Will Be Shared Fairly\', Kremlin Says\n\n"The harvest will be shared fairly," Peskov said.',
    (b) =>
      b
        .person('e2', { names: ['Peskov'], kb: 'person:dmitry-peskov' })
        .attr({ source: 'Peskov', entity: 'e2', cue: 'said', content: ['The harvest will be shared fairly,'] }),
  ],
];

for (const [name, text, layers] of faithful) {
  test(`headline-misattribution: no finding when ${name}`, () => {
    assert.deepEqual(only(layers(doc(text, '2025-06-02')).findings(), 'headline-misattribution'), []);
  });
}

test('headline-quote-altered: words swapped and added are listed', () => {
  const b = doc(
    'Minister: \'Poland Will Send Tanks to Kharkiv Region Next Month\'\n\n' +
      '"Our allies will send tanks next month," the minister said on Tuesday.',
    '2025-06-02',
  ).attr({ source: 'the minister', cue: 'said', content: ['Our allies will send tanks next month,'] });
  const fs = only(b.findings(), 'headline-quote-altered');
  assert.deepEqual(fs.map(brief), [
    { rule: 'headline-quote-altered', severity: 'medium', evidence: ['Poland Will Send Tanks to Kharkiv Region Next Month', 'Our allies will send tanks next month,'] },
  ]);
  assert.equal(
    fs[0]!.message,
    'The headline\'s quote is not the body\'s: it says "Poland Will" where the body\'s quote says "Our allies will"; and it adds "to Kharkiv Region", which the body\'s quote does not contain.',
  );
});

test('headline-quote-altered: a dropped negation is a change', () => {
  const b = doc('Governor: "We Will Evacuate the City"\n\n"We will not evacuate the city," the governor said.', '2025-06-02').attr({
    source: 'the governor',
    cue: 'said',
    content: ['We will not evacuate the city,'],
  });
  const fs = only(b.findings(), 'headline-quote-altered');
  assert.equal(fs.length, 1);
  assert.equal(fs[0]!.message, 'The headline\'s quote is not the body\'s: it drops "not", which the body\'s quote has.');
});

test('headline-quote-altered: found from the quote marks alone when no attribution was made', () => {
  const fs = only(doc('\'Bridges to Crimea Will Fall\', Says Commander\n\n\'Every bridge will fall,\' the commander said.', '2025-06-02').findings(), 'headline-quote-altered');
  assert.equal(fs.length, 1);
  assert.equal(fs[0]!.message, 'The headline\'s quote is not the body\'s: it adds "to Crimea", which the body\'s quote does not contain.');
  assert.deepEqual(fs[0]!.evidence.map((e) => e.text), ['Bridges to Crimea Will Fall', 'Every bridge will fall,']);
});

const notAltered: [string, string, string][] = [
  // the headline shortens with an ellipsis
  ['ellipsis', 'PM: "We Thank ... the Rescue Teams"\n\n"We thank the volunteers from the region and the rescue teams," the prime minister said.', 'We thank the volunteers from the region and the rescue teams,'],
  // filler words dropped, case and quote style changed
  ['filler dropped', 'Mayor: \u2018Bridge Will Reopen in May\u2019\n\n\u201cThe bridge will reopen in May,\u201d the mayor said.', '\u201cThe bridge will reopen in May,\u201d'],
  // the headline quotes a part of a longer quote word for word
  ['exact excerpt', 'Envoy: "No Ceasefire Without Guarantees"\n\n"There will be no ceasefire without guarantees, and everyone knows it," the envoy said.', 'There will be no ceasefire without guarantees, and everyone knows it,'],
];

for (const [name, text, content] of notAltered) {
  test(`headline-quote-altered: no finding for ${name}`, () => {
    const b = doc(text, '2025-06-02').attr({ source: null, cue: 'said', content: [content] });
    assert.deepEqual(only(b.findings(), 'headline-quote-altered'), []);
  });
}

test('headline-quote-altered: a one-word scare quote is not compared', () => {
  const fs = doc('Kremlin Calls Talks \'Useful\'\n\n"The talks were not useful at all," a diplomat said.', '2025-06-02').findings();
  assert.deepEqual(only(fs, 'headline-quote-altered'), []);
});
