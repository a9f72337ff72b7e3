/**
 * The reference article's events (../shared, never copied into the repo): what the events issue
 * promises on it, and no event coded as fact from what "analysts suggest".
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { HAS_SHARED, analyzeText, readShared } from './helpers.js';
import type { Report, WireEvent } from '../src/types.js';

const skip = HAS_SHARED ? false : 'needs ../shared/examples';

let cached: Report | null = null;
function report(): Report {
  cached ??= analyzeText(readShared('examples/kursk-deminers.txt'), { published: '2025-07-01' });
  return cached;
}
const entityName = (id: string | null): string => report().entities.find((e) => e.id === id)?.name ?? '';
const find = (pred: (e: WireEvent) => boolean): WireEvent[] => report().events.filter(pred);

test('reference events: Russia (Peskov) thanks North Korea (051)', { skip }, () => {
  const thanks = find((e) => e.code === '051' && e.actor1.code === 'RUSGOV' && e.actor2.code === 'PRK');
  assert.ok(thanks.some((e) => entityName(e.actor1.entity) === 'Dmitry Peskov'), JSON.stringify(thanks.map((e) => e.actor1)));
});

test('reference events: North Korea gives Russia military aid (07x) in Kursk Oblast', { skip }, () => {
  const aid = find((e) => e.code.startsWith('07') && e.actor1.code === 'PRK' && (e.actor2.code ?? '').startsWith('RUS'));
  assert.ok(aid.some((e) => e.location?.name === 'Kursk Oblast' && e.location.lat !== null), JSON.stringify(aid.map((e) => [e.code, e.location])));
});

test('reference events: Goremykin (RUSGOVMIL) visits North Korea (042) in Pyongyang a week before publication', { skip }, () => {
  const visit = find((e) => e.code === '042' && e.actor1.code === 'RUSGOVMIL' && e.actor2.code === 'PRK');
  assert.equal(visit.length, 1);
  const v = visit[0]!;
  assert.equal(entityName(v.actor1.entity), 'Viktor Goremykin');
  assert.equal(v.location?.name, 'Pyongyang');
  assert.equal(v.date, '2025-06-24');
});

test('reference events: the Goremykin-No meeting (04x)', { skip }, () => {
  const meet = find((e) => e.code.startsWith('04') && e.code !== '042' && e.code !== '043' && e.actor1.code === 'RUSGOVMIL' && e.actor2.code === 'PRKGOVMIL');
  assert.ok(meet.length >= 1);
});

test('reference events: the troop deployment is reported by South Korea\'s intelligence agencies, not asserted', { skip }, () => {
  const troops = find((e) => (e.code === '154' || e.code.startsWith('07')) && (e.actor1.code ?? '').startsWith('PRK') && (e.actor2.code ?? '').startsWith('RUS') && e.attribution !== null);
  const by = troops.map((e) => report().attributions.find((a) => a.id === e.attribution));
  assert.ok(by.some((a) => a && /intelligence agencies/.test(a.source?.text ?? '') && /reported/.test(a.cue.text)), JSON.stringify(by));
});

test('reference events: nothing is coded from what analysts suggest', { skip }, () => {
  const analysts = report().attributions.filter((a) => /Analysts/.test(a.source?.text ?? ''));
  assert.ok(analysts.length >= 1);
  const inside = report().events.filter((e) => analysts.some((a) => a.content.some((c) => e.evidence.start >= c.start && e.evidence.end <= c.end)));
  // an event inside their words carries their attribution: it is not the article's own assertion
  for (const e of inside) assert.ok(analysts.some((a) => a.id === e.attribution), JSON.stringify(e));
});
