/**
 * `npm run eval:peers [DIR]`: wiretrace and a peer side by side on a PolNeAR folder (default
 * ../shared/data/polnear/dev), same protocol (src/eval/). The peer is compromise's `quotations()`
 * with a plain speaker pattern: the verb of saying and the name or pronoun right after the quote
 * (`“…,” said Lopez` / `“…,” Lopez said`) or right before it (`Lopez said: “…”`). compromise finds
 * direct quotes only, so its rows show what a quote finder alone reaches.
 */
import { join } from 'node:path';
import nlp from 'compromise';
import { loadResources } from '../src/resources.js';
import { analyzeDoc } from '../src/pipeline.js';
import { evaluatePolnear, type EvalResult } from '../src/eval/polnear.js';
import type { PredictedAttribution } from '../src/eval/score.js';
import { DATA_DIR } from '../src/data-dir.js';
import type { Article, Range } from '../src/types.js';

const VERB = '(said|says|say|told|tells|added|adds|asked|wrote|writes|explained|stated|declared|argued|noted|insisted|warned|replied|continued|recalled|tweeted)';
const NAME = "((?:[A-Z][\\w.'’-]*)(?: [A-Z][\\w.'’-]*){0,3}|he|she|they|we|I|the [a-z]+(?: [a-z]+)?)";
/** After the quote: `, said Lopez` / `, Lopez said` / ` he said`. Bounded repeats only. */
const AFTER_VERB_NAME = new RegExp(`^[\\s,]{0,3}${VERB} ${NAME}`);
const AFTER_NAME_VERB = new RegExp(`^[\\s,]{0,3}${NAME} ${VERB}\\b`);
/** Before the quote: `Lopez said: ` / `Lopez told reporters, `. */
const BEFORE = new RegExp(`${NAME} ${VERB}(?: [a-z]+){0,2}[,:]?\\s{0,2}$`);

interface Found {
  text: string;
  offset: { start: number; length: number };
}

function compromisePredict(article: Article): PredictedAttribution[] {
  const text = article.text;
  const out: PredictedAttribution[] = [];
  let from = 0;
  for (const q of nlp(text).quotations().json({ offset: true }) as Found[]) {
    // Find the quote in the text at or after the reported offset (compromise's offsets may skip a mark).
    const at = text.indexOf(q.text.trim(), Math.max(from, q.offset.start - 3));
    if (at < 0) continue;
    const content: Range = { start: at, end: at + q.text.trim().length };
    from = content.end;
    const after = text.slice(content.end, content.end + 60);
    const before = text.slice(Math.max(0, content.start - 60), content.start);
    let m = AFTER_VERB_NAME.exec(after);
    if (m) {
      const v = content.end + after.indexOf(m[1]!);
      const s = content.end + m.index + m[0].length - m[2]!.length;
      out.push({ cue: { start: v, end: v + m[1]!.length }, source: { start: s, end: s + m[2]!.length }, content: [content] });
      continue;
    }
    m = AFTER_NAME_VERB.exec(after);
    if (m) {
      const s = content.end + after.indexOf(m[1]!);
      const v = content.end + m.index + m[0].length - m[2]!.length;
      out.push({ cue: { start: v, end: v + m[2]!.length }, source: { start: s, end: s + m[1]!.length }, content: [content] });
      continue;
    }
    m = BEFORE.exec(before);
    if (m) {
      const base = content.start - before.length + m.index;
      out.push({ cue: { start: base + m[1]!.length + 1, end: base + m[1]!.length + 1 + m[2]!.length }, source: { start: base, end: base + m[1]!.length }, content: [content] });
    }
  }
  return out;
}

const dir = process.argv[2] ?? join(DATA_DIR, '..', '..', 'shared', 'data', 'polnear', 'dev');
const res = loadResources();
const rows: Array<[string, EvalResult]> = [
  ['wiretrace', evaluatePolnear(dir, (a) => analyzeDoc(a, res).attributions)],
  ['compromise quotations() + speaker pattern', evaluatePolnear(dir, compromisePredict)],
];

const pct = (x: number): string => (100 * x).toFixed(1).padStart(5);
const head = ['system', 'src ex', 'src ov', 'cue ex', 'cue ov', 'cnt ex', 'cnt ov', 'whole', 'spkr'];
console.log(`PolNeAR ${dir}: F1 per role (exact / overlap), whole attribution F1, direct-quote speaker accuracy\n`);
console.log(head.map((h, i) => (i === 0 ? h.padEnd(44) : h.padStart(7))).join(''));
for (const [name, r] of rows) {
  const cells = [
    r.roles.source.exact.f1, r.roles.source.overlap.f1, r.roles.cue.exact.f1, r.roles.cue.overlap.f1,
    r.roles.content.exact.f1, r.roles.content.overlap.f1, r.whole.f1, r.speakerAccuracy.accuracy,
  ];
  console.log(name.padEnd(44) + cells.map((c) => pct(c).padStart(7)).join(''));
}
