/** One request as the mock (or a proxy) saw it: what its log line says. */
export interface RequestLogEntry {
  readonly method: string;
  /** The path and query, credentials in the query already replaced (see `pathForLog`). */
  readonly path: string;
  /** `undefined` when no status line was sent (the connection was cut first). */
  readonly status: number | undefined;
  /** The fault applied, written as the `Prefer` value that asks for it; `undefined` for none. */
  readonly fault: string | undefined;
  readonly ms: number;
  /** Why the request was refused (401, 400, 404…), or the label of the violation an `invalid` body holds. */
  readonly detail?: string | undefined;
  /** When the request arrived (epoch ms): lets a test measure the gap between a 429 and its retry. */
  readonly startedAt: number;
}

/**
 * The log line of one request: method, path, status (`---` when none was sent), fault, duration, then
 * the detail if any. It never holds a header, so never a credential; the caller redacts query values
 * that carry one (`pathForLog`).
 *
 * @example formatRequestLine({ method: 'GET', path: '/activity-logs/a', status: 429, fault: 'code=429, retry-after=1', ms: 2.4, startedAt: 0 }) // 'GET /activity-logs/a 429 fault=code=429,retry-after=1 2ms'
 */
export function formatRequestLine(entry: RequestLogEntry): string {
  const fault = entry.fault === undefined ? 'none' : entry.fault.replace(/,\s*/g, ',');
  const line = `${entry.method} ${entry.path} ${entry.status ?? '---'} fault=${fault} ${Math.round(entry.ms)}ms`;
  return entry.detail === undefined ? line : `${line}: ${entry.detail}`;
}
