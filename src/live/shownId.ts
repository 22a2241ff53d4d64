import { createHash } from 'node:crypto';

/** Ids up to this length are shown whole; real ones are UUIDs (36 characters). */
export const SHOWN_ID_LENGTH = 80;
/** How much of a longer id is shown, before its length and digest. */
const SHOWN_ID_START = 20;

/**
 * An id as output shows it: whole when short, else its start, its length and a digest (two long ids
 * that start alike stay apart), so that a report stays bounded whatever the input. `encode` is applied
 * to the shown start only (`encodeURIComponent` in paths).
 *
 * @example shownId('x'.repeat(100_000)) // 'xxxxxxxxxxxxxxxxxxxx…(100000 characters, sha256 d69e6898)'
 */
export function shownId(id: string, encode: (text: string) => string = (text) => text): string {
  if (id.length <= SHOWN_ID_LENGTH) return encode(id);
  // Cut between code points: half a surrogate pair would not even encode.
  const start = id.slice(0, SHOWN_ID_START).replace(/[\uD800-\uDBFF]$/, '');
  const digest = createHash('sha256').update(id).digest('hex').slice(0, 8);
  return `${encode(start)}…(${id.length} characters, sha256 ${digest})`;
}
