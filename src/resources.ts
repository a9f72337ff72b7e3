/**
 * Everything the pipeline reads besides the article: the knowledge base, lexicons and models.
 * Loaded once from data files shipped in the package, frozen, and shared by every article.
 */
import { Kb } from './kb/index.js';
import { loadKbFiles } from './kb/load.js';

export { DATA_DIR, readDataJson } from './data-dir.js';

export interface Resources {
  kb: Kb;
}

export interface ResourceOptions {
  /** Extra KB files (`--kb`), applied after the shipped ones in order. */
  kbFiles?: string[];
}

let cached: Resources | null = null;

export function loadResources(opts: ResourceOptions = {}): Resources {
  const extra = opts.kbFiles ?? [];
  if (extra.length === 0 && cached) return cached;
  const kb = new Kb(loadKbFiles(extra));
  const res = Object.freeze({ kb });
  if (extra.length === 0) cached = res;
  return res;
}
