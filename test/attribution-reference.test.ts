/**
 * The reference article (../shared/examples/kursk-deminers.txt): the attributions the
 * "analyze" issue requires. Skipped without ../shared.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { HAS_SHARED, readShared } from './helpers.js';
import { readArticle } from '../src/ingest/index.js';
import { textStage } from '../src/text/index.js';
import { tokensStage } from '../src/tokens/index.js';
import { attributionStage } from '../src/attribution/index.js';
import { loadAttributionLexicon } from '../src/attribution/lexicon.js';
import type { Resources } from '../src/resources.js';
import type { Attribution } from '../src/types.js';

const res = { attribution: loadAttributionLexicon() } as unknown as Resources;
const attribute = (input: string): Attribution[] => attributionStage(tokensStage(textStage(readArticle(input).article)), res).attributions;

const find = (all: Attribution[], cue: string): Attribution | undefined => all.find((a) => a.cue.text === cue);

test('attribution: the reference article', { skip: !HAS_SHARED && 'needs ../shared' }, () => {
  const text = readShared('examples/kursk-deminers.txt');
  const all = attribute(text);

  const stated = find(all, 'stated');
  assert.ok(stated, 'Peskov stated');
  assert.equal(stated.type, 'direct');
  assert.equal(stated.source?.text, 'Peskov');
  assert.equal(stated.content.length, 2, 'one attribution across the paragraph break');
  assert.match(stated.content[0]!.text, /^‘We are grateful/);
  assert.match(stated.content[1]!.text, /this aid,’$/);

  // the whole appositive is the source, as PolNeAR marks it; entityFor still names Peskov
  assert.deepEqual([find(all, 'emphasized')?.type, find(all, 'emphasized')?.source?.text], ['indirect', 'President Vladimir Putin’s press secretary, Dmitry Peskov']);
  const acc = find(all, 'According to');
  assert.equal(acc?.source?.text, 'the Russian Ministry of Defense');
  assert.match(acc?.content.map((c) => c.text).join(' ') ?? '', /^the discussions focused on/);
  const gwansik = all.find((a) => a.type === 'mixed' && /No Gwansik/.test(a.source?.text ?? ''));
  assert.match(gwansik?.content.map((c) => c.text).join(' ') ?? '', /the symbolic importance of the visit.*‘strengthens/);
  // "highlighted …, stating that …" is one attribution, not the outer one and the nested one
  assert.equal(all.filter((a) => /No Gwansik/.test(a.source?.text ?? '')).length, 1);
  assert.equal(find(all, 'have reported')?.source?.text, 'South Korea’s intelligence agencies');
  assert.equal(find(all, 'suggest')?.source?.text, 'Analysts');
  for (const a of all) {
    assert.ok(!/^’s|’s$/.test(a.content.map((c) => c.text).join('')), `no attribution made from an apostrophe: ${a.id}`);
    assert.ok(!a.content.some((c) => /^‘battle brotherhood’$/.test(c.text)), 'scare quotes get no speaker');
  }
});

test('attribution: the reference headline is Putin’s colon attribution', { skip: !HAS_SHARED && 'needs ../shared' }, () => {
  const all = attribute(readShared('examples/kursk-deminers.txt'));
  const h = all.filter((a) => a.inHeadline);
  assert.equal(h.length, 1);
  assert.match(h[0]!.source?.text ?? '', /^(Russia’s )?Putin$/);
  assert.equal(h[0]!.cue.text, ':');
  assert.match(h[0]!.content[0]!.text, /^‘We Are Grateful.*This Aid’$/);
  assert.equal(all[0]!.id, 'a1');
});
