/**
 * Short place names the press uses for more than one country: the article's own subject decides
 * ("our friends from Korea" in a story about North Korea is North Korea). Data in data/ambiguous-places.json.
 */
import { readDataJson } from '../data-dir.js';

interface AmbiguousFile {
  places: Record<string, string[]>;
}

export const AMBIGUOUS_PLACES: Readonly<Record<string, readonly string[]>> = Object.freeze(
  readDataJson<AmbiguousFile>('ambiguous-places.json').places,
);
