/**
 * Shared reading of PETRARCH dictionary files: comments (`#`, `<!-- … -->`), blank lines, and an
 * error type that names the file and line of a malformed entry.
 */

export class DictError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    message: string,
  ) {
    super(`${file}:${line}: ${message}`);
    this.name = 'DictError';
  }
}

export interface DictLine {
  /** 1-based line number in the file. */
  no: number;
  /** The line without its comment, right-trimmed; leading tabs kept (date restrictions use them). */
  text: string;
}

/**
 * Strips a `#` comment. A `#` right after `[` or another `#` belongs to a code such as `[###]`.
 */
export function stripHash(line: string): string {
  const first = line.indexOf('#');
  if (first < 0) return line;
  for (let i = first; i < line.length; i++) {
    if (line[i] !== '#') continue;
    const prev = i > 0 ? line[i - 1] : '';
    if (prev === '[' || prev === '#') continue;
    return line.slice(0, i);
  }
  return line;
}

/** The non-blank, non-comment lines of a dictionary file. */
export function dictLines(text: string): DictLine[] {
  const out: DictLine[] = [];
  const lines = text.split(/\r?\n/);
  let inXml = false;
  for (let k = 0; k < lines.length; k++) {
    let raw = lines[k]!;
    if (inXml) {
      const end = raw.indexOf('-->');
      if (end < 0) continue;
      inXml = false;
      raw = raw.slice(end + 3);
    }
    const c0 = raw.charCodeAt(0);
    if (c0 === 35 /* # */) continue;
    const trimmed = c0 === 32 || c0 === 9 ? raw.trim() : raw;
    // XML-style comment lines (`<!-- … -->`, `<! -- … -->`) open with '<'.
    if (trimmed.startsWith('<')) {
      if (!trimmed.includes('>')) inXml = true;
      else if (trimmed.startsWith('<!--') && !trimmed.includes('-->')) inXml = true;
      continue;
    }
    const body = stripHash(raw).trimEnd();
    if (body.length === 0 || body.trim() === '') continue;
    out.push({ no: k + 1, text: body });
  }
  return out;
}

/** Upper-cased words of a phrase string: blanks and underscores both separate words. */
export function phraseWords(s: string): string[] {
  return s
    .toUpperCase()
    .split(/[\s_]+/)
    .filter((w) => w.length > 0);
}

/** Regular English plural of a noun (PETRARCH's rule: S, IES after consonant+Y, ES after SS). */
export function regularPlural(w: string): string {
  if (/[^AEIOU]Y$/.test(w)) return w.slice(0, -1) + 'IES';
  if (/(SS|X|CH|SH)$/.test(w)) return w + 'ES';
  return w + 'S';
}
