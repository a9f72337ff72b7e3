import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeText, analyzeTextDoc, assertSpansValid } from './helpers.js';

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
