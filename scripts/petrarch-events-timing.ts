/**
 * Times the events stage alone over the PolNeAR dev texts (../shared): earlier stages are run once,
 * then eventsStage is timed over all articles after a warm-up pass, next to tokensStage timed in the
 * same run (the machine is shared: compare the ratio, not absolute numbers). Also times the first
 * load of the runtime dictionaries.
 *
 *   node dist/scripts/petrarch-events-timing.js [--passes N] [--interleave]
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readArticle } from '../src/ingest/index.js';
import { loadResources } from '../src/resources.js';
import { textStage } from '../src/text/index.js';
import { tokensStage } from '../src/tokens/index.js';
import { mentionsStage } from '../src/mentions/index.js';
import { entitiesStage } from '../src/entities/index.js';
import { attributionStage } from '../src/attribution/index.js';
import { eventsStage, runtimeLexicon } from '../src/events/index.js';
import { DATA_DIR } from '../src/data-dir.js';
import type { Doc } from '../src/types.js';

const dir = join(DATA_DIR, '..', '..', 'shared', 'data', 'polnear', 'dev', 'text');
if (!existsSync(dir)) {
  process.stderr.write('petrarch-events-timing: ../shared/data/polnear/dev/text not found\n');
  process.exit(3);
}
const passesArg = process.argv.indexOf('--passes');
const passes = passesArg >= 0 ? Math.max(1, Number(process.argv[passesArg + 1])) : 5;
const res = loadResources();
const t0 = performance.now();
runtimeLexicon();
const loadMs = performance.now() - t0;
const files = readdirSync(dir).filter((f) => f.endsWith('.txt')).sort();
const docs: Doc[] = files.map((f) => {
  const a = readArticle(readFileSync(join(dir, f)), { name: f }).article;
  return attributionStage(entitiesStage(mentionsStage(tokensStage(textStage(a)), res), res), res);
});
const texts = docs.map((d) => textStage(d.article));
for (const d of docs) eventsStage(d, res);
for (const t of texts) tokensStage(t);
let evMs = 0;
let tokMs = 0;
let events = 0;
// CPU time of this process (process.cpuUsage), not wall time, which waits for the shared cores.
// Stages are timed in blocks (all tokens, then all events) so that neither pays for the other's
// garbage collection; --interleave times them article by article instead.
const cpu = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const interleave = process.argv.includes('--interleave');
for (let p = 0; p < passes; p++) {
  if (interleave) {
    for (let k = 0; k < docs.length; k++) {
      let s = cpu();
      tokensStage(texts[k]!);
      tokMs += cpu() - s;
      s = cpu();
      events += eventsStage(docs[k]!, res).events.length;
      evMs += cpu() - s;
    }
    continue;
  }
  let s = cpu();
  for (const t of texts) tokensStage(t);
  tokMs += cpu() - s;
  s = cpu();
  for (const d of docs) events += eventsStage(d, res).events.length;
  evMs += cpu() - s;
}
const n = docs.length * passes;
process.stdout.write(
  `${docs.length} articles × ${passes} passes; dictionaries load ${loadMs.toFixed(0)} ms\n` +
    `events ${(evMs / n).toFixed(3)} ms CPU/article (${(events / passes).toFixed(0)} events/pass); ` +
    `tokens ${(tokMs / n).toFixed(3)} ms CPU/article; ratio events/tokens ${(evMs / tokMs).toFixed(2)}\n`,
);
