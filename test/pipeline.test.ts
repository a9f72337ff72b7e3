import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeText, analyzeTextDoc, assertSpansValid } from './helpers.js';
import { readTokensWink, renewReaderAfter } from '../src/tokens/wink.js';

test('tokens keep offsets into the original text, curly quotes included', () => {
  const doc = analyzeTextDoc('Talks resume\n\n‘We are ready,’ the minister said on Tuesday.');
  for (const t of doc.tokens) assert.equal(t.text, doc.article.text.slice(t.start, t.end));
  assert.deepEqual(
    doc.tokens.map((t) => t.text),
    ['Talks', 'resume', '‘', 'We', 'are', 'ready', ',', '’', 'the', 'minister', 'said', 'on', 'Tuesday', '.'],
  );
});

test('sentences never cross a paragraph break', () => {
  const doc = analyzeTextDoc('Title line\n\nFirst paragraph without a full stop\n\nSecond paragraph here.');
  assert.deepEqual(
    doc.sentences.map((s) => doc.article.text.slice(s.start, s.end)),
    ['Title line', 'First paragraph without a full stop', 'Second paragraph here.'],
  );
});

test('the report is wiretrace.report/1 with valid spans', () => {
  const r = analyzeText('A title\n\nThe mayor said the bridge would reopen.', { published: '2026-01-05' });
  assert.equal(r.schema, 'wiretrace.report/1');
  assert.equal(r.article.title, 'A title');
  assert.deepEqual(r.article.titleSpan, { start: 0, end: 7 });
  assert.equal(r.article.published, '2026-01-05');
  assert.deepEqual(r.events, []);
  assertSpansValid(r);
});

test('renewing the wink-nlp reader, the fast tagger\'s teacher (it keeps every new word it meets), changes no token, tag or sentence', () => {
  const texts = [
    'Minister Oleksandr Kubrakov said 14,250 tonnes left Odesa on Tuesday. Nobody in Zaporizhzhia believed it.',
    '“We will sign,” Gen. Park Jae-won told reporters in Busan, citing 3,718 containers.',
    'Minister Oleksandr Kubrakov said 14,250 tonnes left Odesa on Tuesday. Nobody in Zaporizhzhia believed it.',
  ];
  const shape = (text: string): string => {
    const r = readTokensWink(text);
    return JSON.stringify([Array.from(r.start.subarray(0, r.n)), Array.from(r.end.subarray(0, r.n)), Array.from(r.pos.subarray(0, r.n)), Array.from(r.flags.subarray(0, r.n))]);
  };
  const before = texts.map(shape);
  renewReaderAfter(1);
  try {
    assert.deepEqual(texts.map(shape), before);
  } finally {
    renewReaderAfter();
  }
});

test('an article is cut into the same tokens whatever the process read before it', () => {
  const later = 'Port talks\n\nMr. Vasylchuk’s threats to close the port worried shippers.';
  const alone = analyzeTextDoc(later).tokens.map((t) => t.text);
  // wink-nlp remembers "Vasylchuk’s" as a word after reading it before a full stop
  analyzeTextDoc('Grain deal\n\nThe final word was Vasylchuk’s.');
  const after = analyzeTextDoc(later).tokens.map((t) => t.text);
  assert.deepEqual(after, alone);
  assert.deepEqual(alone.slice(0, 6), ['Port', 'talks', 'Mr.', 'Vasylchuk', '’s', 'threats']);
});
