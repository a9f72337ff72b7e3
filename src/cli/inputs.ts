/**
 * Turning CLI arguments into inputs: files, folders (recursively, article extensions only),
 * `.jsonl` files (one JSON article a line) and `-` for standard input.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { tooLargeMessage, type InputFormat } from '../ingest/index.js';

export interface InputItem {
  name: string;
  data: Uint8Array | string;
  format?: InputFormat;
}

const EXT_FORMAT: Record<string, InputFormat> = {
  '.txt': 'text',
  '.text': 'text',
  '.md': 'text',
  '.html': 'html',
  '.htm': 'html',
  '.xhtml': 'html',
  '.json': 'json',
};

function walk(dir: string, out: string[], depth = 0): void {
  if (depth > 32) return;
  for (const name of readdirSync(dir).sort()) {
    // Hidden files, and a folder's own README/LICENSE/CHANGELOG, are not articles.
    if (name.startsWith('.') || /^(readme|license|licence|changelog|notice)(\.|$)/i.test(name)) continue;
    const p = join(dir, name);
    const st = statSync(p);
    if (st.isDirectory()) walk(p, out, depth + 1);
    else if (st.isFile() && (extname(name).toLowerCase() in EXT_FORMAT || extname(name).toLowerCase() === '.jsonl')) out.push(p);
  }
}

function linesOf(name: string, data: Buffer): InputItem[] {
  const items: InputItem[] = [];
  const text = data.toString('utf8');
  let n = 0;
  for (const line of text.split('\n')) {
    n++;
    if (line.trim()) items.push({ name: `${name}:${n}`, data: line, format: 'json' });
  }
  return items;
}

export async function collectInputs(
  args: string[],
  readStdin: (limit?: number) => Promise<Buffer>,
  fail: (message: string) => void,
  maxBytes = Number.POSITIVE_INFINITY,
): Promise<InputItem[]> {
  const items: InputItem[] = [];
  for (const arg of args) {
    if (arg === '-') {
      items.push({ name: 'stdin', data: await readStdin(maxBytes) });
      continue;
    }
    let files: string[];
    try {
      const st = statSync(arg);
      if (st.isDirectory()) {
        files = [];
        walk(arg, files);
        if (files.length === 0) fail(`${arg}: no article files (.txt, .html, .json, .jsonl) in this folder.`);
      } else if (st.isCharacterDevice() || st.isBlockDevice() || st.isSocket()) {
        // /dev/zero and friends never end; a named pipe (FIFO) does, so it is read like a file.
        fail(`${arg}: not a file or a folder (a device or socket cannot be read as an article).`);
        continue;
      } else files = [arg];
    } catch (e) {
      fail(`${arg}: cannot be read (${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}).`);
      continue;
    }
    for (const f of files) {
      const ext = extname(f).toLowerCase();
      let data: Buffer;
      try {
        // Refuse an oversized article before reading it into memory (.jsonl lines are checked one by one later).
        const size = statSync(f).size;
        if (ext !== '.jsonl' && size > maxBytes) {
          fail(`${f}: ${tooLargeMessage(size, maxBytes)}`);
          continue;
        }
        data = readFileSync(f);
      } catch (e) {
        fail(`${f}: cannot be read (${(e as Error).message}).`);
        continue;
      }
      if (ext === '.jsonl') items.push(...linesOf(f, data));
      else {
        const format = EXT_FORMAT[ext];
        items.push(format ? { name: f, data, format } : { name: f, data });
      }
    }
  }
  return items;
}
