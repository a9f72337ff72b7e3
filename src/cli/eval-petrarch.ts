/**
 * `wiretrace eval petrarch RECORDS.xml [--dicts DIR] [--jsonl]`: PETRARCH's unit-test records as a
 * test suite for the event coder. Dictionaries named in the records' <Environment> are read from
 * --dicts (default: the records' folder).
 */
import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { EXIT } from './exit-codes.js';
import type { Io } from './main.js';
import { DictError } from '../events/dict/lines.js';
import { loadLexicon } from '../events/lexicon.js';
import { scoreRecords } from '../events/petrarch-eval.js';
import { readRecords } from '../events/records.js';

interface Options {
  dicts?: string;
  jsonl?: boolean;
  json?: boolean;
  failures?: boolean;
}

const pct = (r: number, n: number): string => (n === 0 ? '-' : `${((100 * r) / n).toFixed(1)}%`);

export function registerEvalPetrarch(program: Command, io: Io, setExit: (code: number) => void): void {
  const evalCmd = program.commands.find((c) => c.name() === 'eval') ?? program.command('eval');
  evalCmd
    .command('petrarch')
    .description("Code PETRARCH unit-test records from their raw text and report the share coded exactly right.")
    .argument('<records>', 'a PETRARCH unit-test XML file (e.g. PETR.UnitTest.given.xml)')
    .option('--dicts <dir>', "folder with the dictionaries the records' <Environment> names (default: the records' folder)")
    .option('--jsonl', 'print one line per record: {"id", "events": [{"source", "target", "code"}]}')
    .option('--json', 'print the figures as JSON')
    .option('--failures', 'also list the records coded wrongly, with what was expected')
    .action((file: string, opts: Options) => {
      let xml: string;
      try {
        xml = readFileSync(file, 'utf8');
      } catch (e) {
        io.stderr(`wiretrace: cannot read ${file}: ${(e as Error).message}\n`);
        setExit(EXIT.input);
        return;
      }
      const set = readRecords(xml);
      const dir = resolve(opts.dicts ?? dirname(file));
      if (!set.verbfile || set.actorfiles.length === 0) {
        io.stderr(`wiretrace: ${file} has no <Environment> naming a <Verbfile> and an <Actorfile>.\n`);
        setExit(EXIT.input);
        return;
      }
      let lex;
      try {
        lex = loadLexicon(dir, {
          verbs: [set.verbfile],
          actors: set.actorfiles,
          agents: set.agentfiles,
          discards: set.discardfiles,
        });
      } catch (e) {
        const msg = e instanceof DictError ? e.message : (e as Error).message;
        io.stderr(`wiretrace: ${msg}\n`);
        setExit(EXIT.input);
        return;
      }
      const score = scoreRecords(set.records, lex);
      if (opts.jsonl) {
        for (const r of score.results) io.stdout(JSON.stringify({ id: r.record.id, events: r.events }) + '\n');
        return;
      }
      if (opts.json) {
        io.stdout(JSON.stringify({ categories: score.scored, overall: score.total, all: score.all }, null, 2) + '\n');
        return;
      }
      const lines = ['PETRARCH unit records coded exactly right (records PETRARCH runs, sentence="true"):'];
      for (const c of score.scored) lines.push(`  ${c.category.padEnd(12)} ${String(c.right).padStart(4)}/${String(c.records).padEnd(4)} ${pct(c.right, c.records)}`);
      lines.push(`  ${'overall'.padEnd(12)} ${String(score.total.right).padStart(4)}/${String(score.total.records).padEnd(4)} ${pct(score.total.right, score.total.records)}`);
      lines.push(`  ${'all records'.padEnd(12)} ${String(score.all.right).padStart(4)}/${String(score.all.records).padEnd(4)} ${pct(score.all.right, score.all.records)} (including sentence="false")`);
      if (opts.failures) {
        const fmt = (es: { source: string; target: string; code: string }[]): string =>
          es.length ? es.map((e) => `${e.source} ${e.target} ${e.code}`).join('; ') : 'no events';
        for (const r of score.results) {
          if (r.right) continue;
          lines.push(`\n${r.record.id}${r.record.enabled ? '' : ' (sentence="false")'}: ${r.record.text}`);
          lines.push(`  expected: ${fmt(r.record.expected)}${r.record.error ? ` (${r.record.error})` : ''}`);
          lines.push(`  coded:    ${fmt(r.events)}`);
        }
      }
      io.stdout(lines.join('\n') + '\n');
    });
}
