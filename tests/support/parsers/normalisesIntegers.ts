import { parseActivityLog } from './correct';

/**
 * Wrong: reads the JSON text, then "normalises" every integer with `parseInt(String(n), 10)`; `String(1e21)`
 * is `'1e+21'`, which `parseInt` reads as 1, so a big number in `metadata` comes back as another.
 */
export function parseActivityLogText_normalisesIntegers(text: unknown): unknown {
  const value: unknown = JSON.parse(text as string, (_key, item: unknown) =>
    typeof item === 'number' && Number.isInteger(item) ? Number.parseInt(String(item), 10) : item,
  );
  return parseActivityLog(value);
}
