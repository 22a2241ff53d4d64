import { parseActivityLog } from './correct';

/**
 * Wrong: its hand-written clean-up of every string forgets to step past a control character, so on any
 * string holding one it loops forever, synchronously: it never yields, never returns.
 */
export function parseActivityLog_spinsOnControlCharacter(input: unknown): unknown {
  const log = parseActivityLog(input);
  visitStrings(log, withoutControlCharacters);
  return log;
}

function withoutControlCharacters(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    if (text.charCodeAt(i) < 0x20) continue; // the bug: `i++` is missing here
    out += text[i];
    i++;
  }
  return out;
}

function visitStrings(value: unknown, visit: (text: string) => void): void {
  if (typeof value === 'string') visit(value);
  else if (value !== null && typeof value === 'object') {
    for (const item of Object.values(value)) visitStrings(item, visit);
  }
}
