import { findDefaultOperation, type Spec } from '../spec';
import type { HttpResponse } from './SpecValidator';

/** The envelope `validate` reads and the live recorder writes. */
export interface Recording {
  readonly request: { readonly method: string; readonly path: string };
  readonly response: {
    readonly status: number;
    readonly headers?: Readonly<Record<string, string>>;
    readonly body?: unknown;
  };
}

/** A recording that cannot be read as a response: a message, never an exception. */
export interface RecordingProblem {
  readonly problem: string;
}

/**
 * Reads a recording: an envelope `{request: {method, path}, response: {status, headers, body}}`, or a bare
 * JSON body, taken as the 200 response of the spec's default operation (its first GET).
 *
 * @example parseRecording({ id: 'a', … }, spec) // → { method: 'GET', path: '/activity-logs/{id}', status: 200, body }
 */
export function parseRecording(value: unknown, spec: Spec): HttpResponse | RecordingProblem {
  // A case of contracts/rejected/ holds its recording: `validate contracts/rejected/` shows why each fails.
  if (isRejectedCase(value)) return parseRecording(value.recording, spec);
  if (!isEnvelope(value)) {
    const operation = bareBodyOperation(spec);
    if (!operation) {
      return {
        problem: `a bare body needs an operation to be checked against, and ${spec.file} documents none: record an envelope {request, response}`,
      };
    }
    return { method: operation.method, path: operation.path, status: 200, body: value };
  }
  const { request, response } = value as {
    request: Record<string, unknown>;
    response: Record<string, unknown>;
  };
  const method = request['method'];
  const path = request['path'];
  const status = response['status'];
  const headers = response['headers'];
  if (typeof method !== 'string' || method === '')
    return { problem: 'recording envelope: request.method must be a string' };
  if (typeof path !== 'string' || !path.startsWith('/')) {
    return { problem: 'recording envelope: request.path must be a string starting with /' };
  }
  if (typeof status !== 'number' || !Number.isInteger(status) || status < 100 || status > 599) {
    return {
      problem: `recording envelope: response.status must be an HTTP status code, got ${JSON.stringify(status)}`,
    };
  }
  if (headers !== undefined && (headers === null || typeof headers !== 'object' || Array.isArray(headers))) {
    return { problem: 'recording envelope: response.headers must be an object of strings' };
  }
  // Built as a literal, not spread: a spread costs more than validating a small body.
  const received: { -readonly [K in keyof HttpResponse]: HttpResponse[K] } = { method, path, status };
  if (headers !== undefined) received.headers = headers as Record<string, string>;
  if (Object.hasOwn(response, 'body')) received.body = response['body'];
  return received;
}

const bareBodyOperations = new WeakMap<Spec, { readonly method: string; readonly path: string } | null>();

/** What a bare body answers: the spec's first GET (or first operation), method in capitals; null for none. */
function bareBodyOperation(spec: Spec): { readonly method: string; readonly path: string } | null {
  let found = bareBodyOperations.get(spec);
  if (found === undefined) {
    const operation = findDefaultOperation(spec);
    found = operation ? { method: operation.method.toUpperCase(), path: operation.path } : null;
    bareBodyOperations.set(spec, found);
  }
  return found;
}

export function isRecordingProblem(value: HttpResponse | RecordingProblem): value is RecordingProblem {
  return 'problem' in value;
}

function isRejectedCase(value: unknown): value is { recording: unknown } {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  return 'recording' in value && 'expect' in value && 'description' in value;
}

/** True for `{request: {…}, response: {…}}`. */
export function isEnvelope(value: unknown): boolean {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const { request, response } = value as Record<string, unknown>;
  return typeof request === 'object' && request !== null && typeof response === 'object' && response !== null;
}
