/**
 * User KB files (`--kb FILE`): an entry adds, replaces or (with "merge": true) extends shipped
 * entries; a broken file fails with a message that names the file, the entry, the field and what
 * was expected.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadResources, loadResourcesWithKb } from '../src/resources.js';
import { KbFileError } from '../src/kb/load.js';
import { readKbFile } from '../src/kb/user-files.js';
import { main, type Io } from '../src/cli/main.js';
import { openStore } from '../src/store/db.js';
import { ingest } from '../src/corpus/ingest.js';
import { allReports } from '../src/corpus/queries.js';
import type { Report } from '../src/types.js';

const dir = mkdtempSync(join(tmpdir(), 'wiretrace-kb-'));
const file = (name: string, body: unknown): string => {
  const path = join(dir, name);
  writeFileSync(path, typeof body === 'string' ? body : JSON.stringify(body));
  return path;
};

const SRC = ['test fixture'];

test('a user file adds a person, replaces an entry and extends another', async () => {
  const path = file('valid.json', {
    entries: [
      {
        id: 'person:jane-roe',
        type: 'PERSON',
        name: 'Jane Roe',
        aliases: ['J. Roe'],
        roles: [{ title: 'Minister of Defence of Ruritania', role: 'defence-minister', org: 'RUR', from: '2025-03', to: null }],
        sources: SRC,
      },
      { id: 'org:kcna', type: 'ORG', name: 'KCNA Watch Desk', aliases: [], orgKind: 'news-agency', sources: SRC },
      { id: 'person:dmitry-peskov', type: 'PERSON', name: 'Dmitry Peskov', aliases: ['D. S. Peskov'], merge: true, sources: SRC },
    ],
  });
  const kb = (await loadResourcesWithKb([path])).kb;
  assert.deepEqual(kb.holdersOf('defence-minister', 'RUR', '2025-06-01').map((h) => h.id), ['person:jane-roe']);
  assert.deepEqual(kb.lookup('J. Roe').map((e) => e.id), ['person:jane-roe']);
  assert.equal(kb.get('org:kcna')?.name, 'KCNA Watch Desk');
  assert.deepEqual(kb.lookup('Korean Central News Agency'), [], 'a replaced entry keeps none of its old names');
  const peskov = kb.get('person:dmitry-peskov')!;
  assert.ok(peskov.aliases.includes('D. S. Peskov') && peskov.aliases.includes('Dmitri Peskov'), 'merge keeps the old aliases and adds the new');
  assert.ok(peskov.roles?.some((r) => r.role === 'press-secretary'), 'merge keeps the roles');
  assert.ok(peskov.sources.includes('test fixture'));
  assert.equal(peskov.merge, undefined);
  assert.equal(loadResources().kb.get('person:jane-roe'), undefined, 'the shared resources are untouched');
});

/** Loads one file and returns the error message. */
function failure(path: string): string {
  try {
    readKbFile(path);
  } catch (e) {
    assert.ok(e instanceof KbFileError, `not a KbFileError: ${String(e)}`);
    return e.message;
  }
  assert.fail(`${path} loaded without an error`);
}

test('broken user files fail with the file, entry, field and expectation', () => {
  const rows: [string, unknown, string[]][] = [
    [
      'bad-id.json',
      { entries: [{ id: 'Person Jane', type: 'PERSON', name: 'Jane', sources: SRC }] },
      ['bad-id.json', 'entry 0 (Person Jane), field id', 'an id like "person:dmitry-peskov"'],
    ],
    ['no-sources.json', { entries: [{ id: 'person:jane', type: 'PERSON', name: 'Jane' }] }, ['entry 0 (person:jane), field sources: missing (required)']],
    [
      'bad-date.json',
      { entries: [{ id: 'person:jane', type: 'PERSON', name: 'Jane', sources: SRC, roles: [{ title: 'x', role: 'spokesperson', org: 'RUS', from: '2024-13-01', to: null }] }] },
      ['entry 0 (person:jane), field roles.0.from', 'YYYY-MM-DD', '"2024-13-01"'],
    ],
    [
      'backwards.json',
      { entries: [{ id: 'person:jane', type: 'PERSON', name: 'Jane', sources: SRC, roles: [{ title: 'x', role: 'spokesperson', org: 'RUS', from: '2024-05', to: '2023' }] }] },
      ['field roles.0.to: ends (2023) before it starts (2024-05)'],
    ],
    ['wrong-type.json', { entries: [{ id: 'person:jane', type: 'GPE', name: 'Jane', sources: SRC }] }, ['field type: a "person:" id holds PERSON, not GPE']],
    ['typo.json', { entries: [{ id: 'person:jane', type: 'PERSON', name: 'Jane', alias: ['J'], sources: SRC }] }, ['entry 0 (person:jane)', 'alias']],
    [
      'twice.json',
      { entries: [{ id: 'person:jane', type: 'PERSON', name: 'Jane', sources: SRC }, { id: 'person:jane', type: 'PERSON', name: 'Jane', sources: SRC }] },
      ['entry 1 (person:jane) repeats the id of entry 0'],
    ],
    ['no-entries.json', { people: [] }, ['entries: missing (required)']],
    ['malformed.json', '{"entries": [', ['malformed.json: not valid JSON']],
  ];
  for (const [name, body, parts] of rows) {
    const message = failure(file(name, body));
    for (const p of parts) assert.ok(message.includes(p), `${name}: "${p}" not in:\n${message}`);
  }
  assert.match(failure(join(dir, 'missing.json')), /missing\.json: cannot be read \(ENOENT\)/);
});

// The user file reaches every way in: `analyze --kb` in this thread, and `ingest --kb` in a worker
// thread, which loads the schema on its own (a plain analysis never imports zod).
const ROE_KB = { entries: [{ id: 'person:jane-roe', type: 'PERSON', name: 'Jane Roe', roles: [{ title: 'Minister of Defence of Ruritania', role: 'defence-minister', org: 'RUR', from: '2025-03', to: null }], sources: SRC }] };
const ROE_TEXT = 'Ruritania buys patrol boats\n\nJane Roe, the defence minister, said on Tuesday that the navy would get four new patrol boats next year.\n';
const roeKbId = (r: Report): string | undefined => r.entities.find((e) => e.name === 'Jane Roe')?.kb?.id;

test('analyze --kb links a name to the user entry; without it the name stays unlinked', async () => {
  const kbPath = file('roe-analyze.json', ROE_KB);
  const article = file('roe.txt', ROE_TEXT);
  const analyze = async (args: string[]): Promise<Report> => {
    let out = '';
    const io: Io = { stdout: (s) => (out += s), stderr: () => {}, readStdin: async () => Buffer.alloc(0), isTTY: false };
    assert.equal(await main(['node', 'wiretrace', 'analyze', article, '--json', ...args], io), 0);
    return JSON.parse(out) as Report;
  };
  assert.equal(roeKbId(await analyze(['--kb', kbPath])), 'person:jane-roe');
  assert.equal(roeKbId(await analyze([])), undefined);
});

test('ingest --kb in a worker thread links the name, and a broken file stops the ingest', async () => {
  const kbPath = file('roe-ingest.json', ROE_KB);
  const article = file('roe-ingest.txt', ROE_TEXT);
  const path = join(dir, 'roe.db');
  const db = openStore(path);
  try {
    await ingest({ db, dbPath: path, inputs: [article], kbFiles: [kbPath], workers: 1 });
    assert.deepEqual([...allReports(db)].map((r) => roeKbId(r.report)), ['person:jane-roe']);
    const broken = file('roe-broken.json', { entries: [{ id: 'person:jane-roe', type: 'PERSON', name: 'Jane Roe' }] });
    await assert.rejects(ingest({ db, dbPath: path, inputs: [file('roe-2.txt', `${ROE_TEXT}\nA second article.\n`)], kbFiles: [broken], workers: 1 }), /roe-broken\.json: not a valid knowledge-base file/);
  } finally {
    db.close();
  }
});
