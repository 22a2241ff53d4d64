import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { makeDirectory } from '../makeDirectory';
import type { Recording } from '../validation';
import type { LiveExchange } from './LiveReport';
import { type Redactor, redactValue } from './redact';

/** Response headers worth keeping; everything else (cookies, tokens, tracing ids) stays out of files. */
export const RECORDED_HEADERS: readonly string[] = [
  'content-type',
  'sequence-version',
  'retry-after',
  'cache-control',
];

/** A redacted recording of a response: allow-listed headers only, credentials scrubbed from the body. */
export function toRecording(
  request: { method: string; path: string },
  response: { status: number; headers: Readonly<Record<string, string>>; body: unknown },
  redact: Redactor,
): Recording {
  const headers: Record<string, string> = {};
  for (const name of RECORDED_HEADERS) {
    const value = response.headers[name];
    if (value !== undefined) headers[name] = redact(value);
  }
  return {
    request: { method: request.method, path: redact(request.path) },
    response: {
      status: response.status,
      headers,
      ...(response.body === undefined ? {} : { body: redactValue(response.body, redact) }),
    },
  };
}

/**
 * Writes each exchange that got a response to `dir` as `NNN-<kind>-<id>.json`; returns the files written.
 *
 * @example writeRecordings('recordings', report.exchanges) // ['recordings/001-read-abc.json', …]
 */
export function writeRecordings(dir: string, exchanges: readonly LiveExchange[]): string[] {
  makeDirectory(dir);
  const written: string[] = [];
  for (const [index, exchange] of exchanges.entries()) {
    if (!exchange.recording) continue;
    const slug = `${exchange.kind}-${exchange.id}`.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 80);
    const file = path.join(dir, `${String(index + 1).padStart(3, '0')}-${slug}.json`);
    writeFileSync(file, `${JSON.stringify(exchange.recording, null, 2)}\n`);
    written.push(file);
  }
  return written;
}
