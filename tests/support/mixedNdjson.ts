import { readFileSync } from 'node:fs';
import path from 'node:path';

const body = JSON.parse(
  readFileSync(path.resolve(__dirname, '../../contracts/recorded/spec-example.json'), 'utf8'),
) as Record<string, unknown>;

/** NDJSON of the spec example: good lines, with broken, blank, CRLF, undocumented and invalid ones amid them. */
export function mixedNdjson(lines: number): string {
  const out: string[] = [];
  for (let i = 0; i < lines; i++) {
    if (i % 97 === 5) out.push('{"id": "cut off');
    else if (i % 89 === 7) out.push('');
    else if (i % 83 === 11) out.push(`${JSON.stringify(body)}\r`);
    else if (i % 13 === 0) out.push(JSON.stringify({ ...body, region: 'eu' }));
    else if (i % 31 === 0) out.push(JSON.stringify({ ...body, createdAt: 1700000000 }));
    else out.push(JSON.stringify({ ...body, id: `log-${i}` }));
  }
  return `${out.join('\n')}\n`;
}
