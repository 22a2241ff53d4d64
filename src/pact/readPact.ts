import { readFileSync } from 'node:fs';
import { PactFileError } from './PactFileError';

/** One HTTP interaction of a pact, in the shape every Pact specification version (2 to 4) reduces to. */
export interface PactHttpInteraction {
  readonly description: string;
  readonly providerStates: readonly string[];
  readonly request: {
    readonly method: string;
    readonly path: string;
    readonly query: Readonly<Record<string, readonly string[]>>;
    readonly headers: Readonly<Record<string, string>>;
    readonly body: unknown;
  };
  readonly response: {
    readonly status: number;
    readonly headers: Readonly<Record<string, string>>;
    /** The parsed body; `undefined` when the interaction has none. */
    readonly body: unknown;
  };
}

export interface PactDocument {
  readonly consumer: string;
  readonly provider: string;
  readonly specification: string;
  readonly interactions: readonly PactHttpInteraction[];
  /** Interactions that are not HTTP (messages, plugins): not checkable against an OpenAPI document. */
  readonly skipped: readonly string[];
}

/** Reads and normalizes a pact file; throws a `PactFileError` when it is unreadable or not a pact. */
export function readPactFile(file: string): PactDocument {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new PactFileError(
      `cannot read the pact (${(error as NodeJS.ErrnoException).code ?? error})`,
      file,
      error,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new PactFileError(`not JSON: ${(error as Error).message}`, file, error);
  }
  return normalizePact(json, file);
}

/** Normalizes parsed pact JSON (V2, V3 or V4); `file` only names it in errors. */
export function normalizePact(json: unknown, file: string): PactDocument {
  const pact = asRecord(json);
  const interactions = pact?.['interactions'];
  if (!pact || !Array.isArray(interactions)) {
    throw new PactFileError('not a pact file: it has no "interactions" array', file);
  }
  const metadata = asRecord(pact['metadata']);
  const version =
    asRecord(metadata?.['pactSpecification'])?.['version'] ??
    asRecord(metadata?.['pact-specification'])?.['version'] ??
    metadata?.['pactSpecificationVersion'] ??
    'unknown';
  const http: PactHttpInteraction[] = [];
  const skipped: string[] = [];
  for (const [index, raw] of interactions.entries()) {
    const interaction = asRecord(raw);
    const description = String(interaction?.['description'] ?? `interaction ${index}`);
    const type = interaction?.['type'];
    if (type !== undefined && type !== 'Synchronous/HTTP') {
      skipped.push(`${description} (${String(type)})`);
      continue;
    }
    const request = asRecord(interaction?.['request']);
    const response = asRecord(interaction?.['response']);
    if (!interaction || !request || !response) {
      throw new PactFileError(`interaction ${index} ("${description}") has no request or response`, file);
    }
    const responseHeaders = headerMap(response['headers']);
    const bodyContentType = asRecord(response['body'])?.['contentType'];
    if (typeof bodyContentType === 'string' && !hasHeader(responseHeaders, 'content-type')) {
      responseHeaders['Content-Type'] = bodyContentType;
    }
    http.push({
      description,
      providerStates: providerStates(interaction),
      request: {
        method: String(request['method'] ?? 'GET').toUpperCase(),
        path: String(request['path'] ?? '/'),
        query: queryMap(request['query']),
        headers: headerMap(request['headers']),
        body: bodyOf(request['body']),
      },
      response: {
        status: Number(response['status'] ?? 200),
        headers: responseHeaders,
        body: bodyOf(response['body']),
      },
    });
  }
  return {
    consumer: String(asRecord(pact['consumer'])?.['name'] ?? 'unknown consumer'),
    provider: String(asRecord(pact['provider'])?.['name'] ?? 'unknown provider'),
    specification: String(version),
    interactions: http,
    skipped,
  };
}

function providerStates(interaction: Record<string, unknown>): string[] {
  const states = interaction['providerStates'];
  if (Array.isArray(states)) return states.map((s) => String(asRecord(s)?.['name'] ?? s));
  const state = interaction['providerState'] ?? interaction['provider_state'];
  return typeof state === 'string' ? [state] : [];
}

/** V4 wraps bodies as `{content, contentType, encoded}`; V2/V3 hold the JSON itself. */
function bodyOf(body: unknown): unknown {
  const wrapped = asRecord(body);
  if (!wrapped || !('content' in wrapped) || !('contentType' in wrapped)) return body;
  const { content, contentType, encoded } = wrapped;
  if (encoded === false || encoded === undefined) return content;
  const text = Buffer.from(String(content), 'base64').toString('utf8');
  if (!/json/i.test(String(contentType))) return text;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function headerMap(headers: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(asRecord(headers) ?? {})) {
    out[name] = Array.isArray(value) ? value.map(String).join(', ') : String(value);
  }
  return out;
}

function queryMap(query: unknown): Record<string, string[]> {
  if (typeof query === 'string') {
    const out: Record<string, string[]> = {};
    for (const [name, value] of new URLSearchParams(query)) out[name] = [...(out[name] ?? []), value];
    return out;
  }
  const out: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(asRecord(query) ?? {})) {
    out[name] = Array.isArray(value) ? value.map(String) : [String(value)];
  }
  return out;
}

function hasHeader(headers: Record<string, string>, name: string): boolean {
  return Object.keys(headers).some((key) => key.toLowerCase() === name);
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}
