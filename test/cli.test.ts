/**
 * The command line, in-process through main(argv, io) with a fake Io, plus one run of the real
 * binary: output formats, inputs (files, folders, stdin) and the documented exit codes for bad input.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { main, type Io } from '../src/cli/main.js';
import { EXIT } from '../src/cli/exit-codes.js';
import type { Report } from '../src/types.js';
import { assertSpansValid, ROOT } from './helpers.js';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function run(args: string[], stdin = ''): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const io: Io = {
    stdout: (s) => void (stdout += s),
    stderr: (s) => void (stderr += s),
    readStdin: async () => Buffer.from(stdin),
    isTTY: false,
  };
  const code = await main(['node', 'wiretrace', ...args], io);
  return { code, stdout, stderr };
}

const dir = mkdtempSync(join(tmpdir(), 'wiretrace-cli-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));

function file(name: string, data: string | Uint8Array): string {
  const p = join(dir, name);
  writeFileSync(p, data);
  return p;
}

const ARTICLE = 'Council Approves New Bridge\n\n"We have waited ten years for this," the mayor said on Monday, adding that work would start in spring.\n';
const REPORT_KEYS = ['schema', 'article', 'entities', 'attributions', 'events', 'findings'];
const ARTICLE_KEYS = ['id', 'title', 'titleSpan', 'text', 'published', 'url', 'source'];

function assertReport(r: Report): void {
  assert.deepEqual(Object.keys(r), REPORT_KEYS);
  assert.equal(r.schema, 'wiretrace.report/1');
  assert.deepEqual(Object.keys(r.article), ARTICLE_KEYS);
  for (const k of ['entities', 'attributions', 'events', 'findings'] as const) assert.ok(Array.isArray(r[k]), k);
  assertSpansValid(r);
}

test('cli: --json prints exactly one wiretrace.report/1 object', async () => {
  const r = await run(['analyze', file('bridge.txt', ARTICLE), '--json', '--published', '2026-03-02']);
  assert.equal(r.code, EXIT.ok, r.stderr);
  assert.equal(r.stderr, '');
  const report = JSON.parse(r.stdout) as Report;
  assertReport(report);
  assert.equal(report.article.title, 'Council Approves New Bridge');
  assert.equal(report.article.published, '2026-03-02');
  assert.equal(report.article.text, ARTICLE);
});

test('cli: --jsonl over a folder prints one report per article, recursively, in name order', async () => {
  const folder = join(dir, 'corpus');
  mkdirSync(join(folder, 'sub'), { recursive: true });
  writeFileSync(join(folder, 'b.txt'), 'Second Headline\n\nThe mayor said the bridge would open.');
  writeFileSync(join(folder, 'a.json'), JSON.stringify({ title: 'First Headline', text: 'Officials said the port was closed.', published: '2026-05-01' }));
  writeFileSync(join(folder, 'sub', 'c.html'), '<html><head><title>Third Headline</title></head><body><article><h1>Third Headline</h1><p>The minister said talks would resume on Friday in Geneva.</p></article></body></html>');
  writeFileSync(join(folder, 'd.jsonl'), `${JSON.stringify({ title: 'Fourth Headline', text: 'A spokesman said nothing.' })}\n\n${JSON.stringify({ title: 'Fifth Headline', text: 'The council voted.' })}\n`);
  // not articles: a folder's README, hidden files, other extensions
  writeFileSync(join(folder, 'README.md'), '# About this folder');
  writeFileSync(join(folder, '.draft.txt'), 'Hidden Headline\n\nNot to be read.');
  writeFileSync(join(folder, 'notes.csv'), 'a,b\n1,2');
  const r = await run(['analyze', folder, '--jsonl']);
  assert.equal(r.code, EXIT.ok, r.stderr);
  const reports = r.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as Report);
  reports.forEach(assertReport);
  assert.deepEqual(
    reports.map((x) => [x.article.title, x.article.published]),
    [
      ['First Headline', '2026-05-01'],
      ['Second Headline', null],
      ['Fourth Headline', null],
      ['Fifth Headline', null],
      ['Third Headline', null],
    ],
  );
});

test('cli: --json over several inputs prints an array; --html with --jsonl keeps every article', async () => {
  const out = join(dir, 'both.html');
  const a = file('one.txt', ARTICLE);
  const b = file('two.txt', ARTICLE.replace('Council', 'Senate'));
  const arr = await run(['analyze', a, b, '--json']);
  assert.equal(arr.code, EXIT.ok, arr.stderr);
  assert.deepEqual((JSON.parse(arr.stdout) as Report[]).map((x) => x.article.title), ['Council Approves New Bridge', 'Senate Approves New Bridge']);
  const both = await run(['analyze', a, b, '--jsonl', '--html', out]);
  assert.equal(both.stdout.trimEnd().split('\n').length, 2);
  const { document } = parseHTML(readFileSync(out, 'utf8')) as unknown as { document: Document };
  assert.equal(document.querySelectorAll('section.report').length, 2);
});

test('cli: - reads the article from standard input', async () => {
  const r = await run(['analyze', '-', '--json'], ARTICLE);
  assert.equal(r.code, EXIT.ok, r.stderr);
  assert.equal((JSON.parse(r.stdout) as Report).article.text, ARTICLE);
});

test('cli: the terminal report is plain text when not on a TTY', async () => {
  const r = await run(['analyze', file('plain.txt', ARTICLE)]);
  assert.equal(r.code, EXIT.ok, r.stderr);
  assert.ok(r.stdout.startsWith('Council Approves New Bridge\ndate unknown · '), r.stdout);
  assert.match(r.stdout, /\nFINDINGS \(\d+\)\n/);
  assert.doesNotMatch(r.stdout, /\u001b\[/);
});

test('cli: --html writes one self-contained page', async () => {
  const out = join(dir, 'out.html');
  const r = await run(['analyze', file('page.txt', ARTICLE), '--html', out]);
  assert.equal(r.code, EXIT.ok, r.stderr);
  assert.equal(r.stdout, '');
  const { document } = parseHTML(readFileSync(out, 'utf8')) as unknown as { document: Document };
  assert.equal(document.querySelector('.text')!.textContent, ARTICLE);
  assert.equal(document.querySelectorAll('script').length, 1);
});

const big = (): Buffer => Buffer.alloc(20 * 1024 * 1024, 'The mayor said the bridge would open. ');

/** [what, args, exit code, a line stderr must contain, whether stdout has a report] */
const BAD_INPUT: [string, () => string[], number, RegExp, boolean][] = [
  ['a missing file', () => ['analyze', join(dir, 'nope.txt')], EXIT.input, /nope\.txt: cannot be read \(no such file\)/, false],
  ['an empty file', () => ['analyze', file('empty.txt', '')], EXIT.input, /empty\.txt: The input is empty/, false],
  ['empty standard input', () => ['analyze', '-'], EXIT.input, /^wiretrace: stdin: The input is empty/, false],
  ['a file of blank lines', () => ['analyze', file('blank.txt', '\n\n   \n')], EXIT.input, /blank\.txt: The input is empty/, false],
  ['a binary file', () => ['analyze', file('bin.txt', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13, 1, 2, 3]))], EXIT.input, /looks like a binary file/, false],
  ['a 20 MB file', () => ['analyze', file('huge.txt', big())], EXIT.input, /huge\.txt: The input is 20\.0 MB; the limit is 5\.0 MB \(raise it with --max-bytes\)/, false],
  ['a device', () => ['analyze', '/dev/zero'], EXIT.input, /not a file or a folder/, false],
  ['malformed JSON', () => ['analyze', file('bad.json', '{"title": "x", "text": ')], EXIT.input, /bad\.json: The input is not valid JSON/, false],
  ['JSON without text', () => ['analyze', file('notext.json', '{"title": "x"}')], EXIT.input, /needs a "text" string/, false],
  ['a bad --published', () => ['analyze', file('ok1.txt', ARTICLE), '--published', '2026-13-45'], EXIT.usage, /expected a date as YYYY-MM-DD/, false],
  ['an unknown option', () => ['analyze', file('ok2.txt', ARTICLE), '--colour'], EXIT.usage, /unknown option/, false],
  ['a missing --kb file', () => ['analyze', file('ok3.txt', ARTICLE), '--kb', join(dir, 'nokb.json')], EXIT.kb, /nokb\.json: cannot be read/, false],
  ['an invalid --kb file', () => ['analyze', file('ok4.txt', ARTICLE), '--kb', file('kb.json', '{"entries": [{"id": 7}]}')], EXIT.kb, /kb\.json: not a valid knowledge-base file/, false],
  ['a --kb file that is not JSON', () => ['analyze', file('ok5.txt', ARTICLE), '--kb', file('kb2.json', 'entries:')], EXIT.kb, /kb2\.json: not valid JSON/, false],
  // one bad input among good ones: the good one is still analysed, the exit code says something failed
  ['a missing file beside a good one', () => ['analyze', file('ok6.txt', ARTICLE), join(dir, 'gone.txt'), '--jsonl'], EXIT.input, /gone\.txt: cannot be read/, true],
];

for (const [what, args, code, message, hasReport] of BAD_INPUT) {
  test(`cli: ${what} exits ${code} with a clear message`, async () => {
    const r = await run(args());
    assert.equal(r.code, code, `${r.stderr}\n${r.stdout.slice(0, 200)}`);
    assert.match(r.stderr, message);
    assert.doesNotMatch(r.stderr, /internal error|    at /, 'no stack trace');
    if (hasReport) assertReport(JSON.parse(r.stdout.trim()) as Report);
    else if (code !== EXIT.ok) assert.equal(r.stdout, '');
  });
}

test('cli: invalid UTF-8 is read with a warning and the replacement characters kept', async () => {
  const bytes = Buffer.concat([Buffer.from('Port Reopens\n\nThe harbour master said the quay was '), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from(' ready.\n')]);
  const r = await run(['analyze', file('latin.txt', bytes), '--json']);
  assert.equal(r.code, EXIT.ok, r.stderr);
  assert.match(r.stderr, /latin\.txt: The input is not valid UTF-8: 3 invalid byte sequence\(s\) were replaced with U\+FFFD/);
  const report = JSON.parse(r.stdout) as Report;
  assert.equal(report.article.text, 'Port Reopens\n\nThe harbour master said the quay was \uFFFD\uFFFD\uFFFD ready.\n');
  assertReport(report);
});

test('cli: unbalanced quotes and hostile HTML give reports, not crashes', async () => {
  const unbalanced = file('quotes.txt', 'Talks Stall\n\n"We will not sign, the minister said.\n\nHe added: “never “ever ‘ and left» «\n\n"""');
  const hostile = file(
    'hostile.html',
    '<html><head><title>Harbour <b>news</b></title><script>alert(1)</script></head><body><article><h1>Harbour news</h1><p>The mayor said <img src=x onerror=alert(2)> the quay <a href="javascript:alert(3)">was</a> ready.</p><style>p{}</style></body>',
  );
  const r = await run(['analyze', unbalanced, hostile, '--jsonl']);
  assert.equal(r.code, EXIT.ok, r.stderr);
  const [a, b] = r.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as Report);
  assertReport(a!);
  assertReport(b!);
  // markup inside <title> is text by the HTML rules (and is escaped again in the HTML report)
  assert.equal(b!.article.text, 'Harbour <b>news</b>\n\nThe mayor said the quay was ready.');
});

test('cli: --help lists the exit codes and exits 0', async () => {
  const r = await run(['analyze', '--help']);
  assert.equal(r.code, EXIT.ok);
  assert.match(r.stdout, /Exit codes:\n {2}0 {2}success/);
});

test('cli: the real binary reads stdin and sets its exit code', () => {
  const bin = join(ROOT, 'bin', 'wiretrace.js');
  const ok = spawnSync(process.execPath, [bin, 'analyze', '-', '--json'], { input: ARTICLE, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  assert.equal(ok.status, EXIT.ok, ok.stderr);
  assertReport(JSON.parse(ok.stdout) as Report);
});

test('cli: standard input larger than --max-bytes is refused without reading it all', () => {
  const bin = join(ROOT, 'bin', 'wiretrace.js');
  const r = spawnSync(process.execPath, [bin, 'analyze', '-', '--max-bytes', '100000'], { input: Buffer.alloc(3_000_000, 'word '), encoding: 'utf8' });
  assert.equal(r.status, EXIT.input, r.stderr);
  assert.match(r.stderr, /^wiretrace: stdin: The input is more than 0\.1 MB; the limit is 0\.1 MB \(raise it with --max-bytes\)/);
});

test('cli: --fail-on exits 5 only when a finding at or above the severity is reported', async () => {
  const example = join(ROOT, 'examples', 'harbour-talks.txt');
  const high = await run(['analyze', example, '--published', '2026-03-02', '--fail-on', 'high', '--json']);
  assert.ok((JSON.parse(high.stdout) as Report).findings.some((f) => f.severity === 'high'), 'the example has a high finding');
  assert.equal(high.code, EXIT.findings);
  // the bridge article has no finding at all
  const clean = await run(['analyze', file('clean.txt', ARTICLE), '--fail-on', 'info', '--json']);
  assert.deepEqual((JSON.parse(clean.stdout) as Report).findings, []);
  assert.equal(clean.code, EXIT.ok);
  const bad = await run(['analyze', file('clean2.txt', ARTICLE), '--fail-on', 'severe']);
  assert.equal(bad.code, EXIT.usage);
});

test('a reader that stops early (| head) ends the run quietly: no stack trace, no error exit', async () => {
  const { spawn } = await import('node:child_process');
  const bin = join(ROOT, 'bin', 'wiretrace.js');
  const dir = mkdtempSync(join(tmpdir(), 'wt-pipe-'));
  try {
    for (let i = 0; i < 40; i++) writeFileSync(join(dir, `a${i}.txt`), `Talks resume ${i}\n\n“We are ready,” the minister said on Tuesday in Kyiv.\n`);
    const child = spawn(process.execPath, [bin, 'analyze', dir, '--jsonl'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    // read the first line, then close the pipe as `head -1` does
    await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
    child.stdout.destroy();
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    assert.doesNotMatch(err, /EPIPE|at .*\.js:\d+/);
    assert.equal(code, 0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
