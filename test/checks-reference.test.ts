/**
 * The reference article (../shared, never copied into the repo) through the whole pipeline: the
 * findings the project promises on it, and none against the officials it names correctly.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { HAS_SHARED, analyzeText, assertSpansValid, readShared } from './helpers.js';
import type { Finding, Report } from '../src/types.js';

const skip = HAS_SHARED ? false : 'needs ../shared/examples';

let cached: Report | null = null;
function report(): Report {
  cached ??= analyzeText(readShared('examples/kursk-deminers.txt'), { published: '2025-07-01' });
  return cached;
}
const byRule = (rule: string): Finding[] => report().findings.filter((f) => f.rule === rule);
const evidence = (f: Finding): string => f.evidence.map((e) => e.text).join(' | ');

test('reference: the headline gives the press secretary\'s words to the president', { skip }, () => {
  const fs = byRule('headline-misattribution');
  assert.equal(fs.length, 1);
  const f = fs[0]!;
  assert.equal(f.severity, 'high');
  assert.match(f.message, /Putin/);
  assert.match(f.message, /Peskov, Putin's press secretary/);
  assert.match(evidence(f), /Putin/);
  assert.match(evidence(f), /Peskov/);
});

test('reference: the headline\'s quote is not the body\'s', { skip }, () => {
  const fs = byRule('headline-quote-altered');
  assert.equal(fs.length, 1);
  assert.equal(fs[0]!.severity, 'medium');
  assert.match(fs[0]!.message, /"North Korea" where the body's quote says "our friends from Korea"/);
  assert.match(fs[0]!.message, /adds "in Kursk Oblast"/);
});

test('reference: the North Korean defence minister is not the KB\'s holder', { skip }, () => {
  const fs = [...byRule('role-holder-mismatch'), ...byRule('unknown-official')];
  assert.equal(fs.length, 1);
  assert.match(fs[0]!.message, /No Gwansik/);
  assert.match(fs[0]!.message, /No Kwang[- ][Cc]hol/);
  assert.match(evidence(fs[0]!), /No Gwansik/);
});

test('reference: the war is not in its eighth year on the publication date', { skip }, () => {
  const fs = byRule('temporal-claim');
  assert.equal(fs.length, 1);
  assert.equal(fs[0]!.severity, 'medium');
  assert.match(fs[0]!.message, /eighth year/);
  assert.match(fs[0]!.message, /12th year/);
  assert.match(fs[0]!.message, /4th year/);
});

test('reference: vague sources', { skip }, () => {
  const texts = byRule('vague-source').map(evidence);
  assert.ok(texts.includes('Analysts suggest'), texts.join(', '));
  assert.ok(texts.some((t) => /interpreted/.test(t)), texts.join(', '));
});

test('reference: no finding against officials named with their real posts', { skip }, () => {
  const against = report().findings.filter((f) => /Peskov|Goremykin/.test(evidence(f)) && f.rule !== 'headline-misattribution');
  assert.deepEqual(against, []);
  assert.deepEqual(
    report().findings.filter((f) => f.rule === 'role-holder-mismatch' || f.rule === 'unknown-official').filter((f) => !/No Gwansik/.test(f.message)),
    [],
  );
  assertSpansValid(report());
  assert.deepEqual(report().findings.map((f) => f.id), report().findings.map((_, k) => `f${k + 1}`));
});
