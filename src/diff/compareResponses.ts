import {
  deref,
  documentedResponses,
  escapeSegment,
  mediaTypes,
  type Operation,
  type ResponseObject,
  type Spec,
} from '../spec';
import { compareSchemas } from './compareSchemas';
import { mediaKey, type OperationScope, push, schemaAt, schemaScope } from './operationScope';

// What a new provider sends must still be read by an old client: statuses, media types, bodies and headers.

/** `200`, `2XX` and `default` (which may stand for a success) are what a client reads as success. */
function isSuccess(status: string): boolean {
  return /^2/.test(status) || status === 'default';
}

interface Documented {
  readonly pointer: string;
  readonly object: ResponseObject;
}

const byOperation = new WeakMap<Spec, Map<Operation, Map<string, Documented>>>();

/** An operation's documented responses by status key (`2xx` read as `2XX`), from the one walk of the spec. */
function responsesOf(spec: Spec, operation: Operation): Map<string, Documented> {
  let all = byOperation.get(spec);
  if (all === undefined) {
    all = new Map();
    for (const { operation: op, key, pointer, response } of documentedResponses(spec)) {
      const found = all.get(op) ?? new Map<string, Documented>();
      found.set(key.replace(/xx$/, 'XX'), { pointer, object: response });
      all.set(op, found);
    }
    byOperation.set(spec, all);
  }
  return all.get(operation) ?? new Map();
}

export function compareResponses(scope: OperationScope, before: Operation, after: Operation): void {
  const o = responsesOf(scope.old.spec, before);
  const n = responsesOf(scope.new.spec, after);
  for (const [status, response] of n) {
    const was = o.get(status);
    if (was === undefined) {
      const success = isSuccess(status);
      // A new `default` documents what may already come (an error, mostly): a client should look, not break.
      const severity = status === 'default' ? 'warning' : success ? 'breaking' : 'safe';
      push(
        scope,
        {
          kind: success ? 'response-success-status-added' : 'response-non-success-status-added',
          severity,
          where: status,
          pointer: '',
          message: `status ${status} is now documented${severity === 'breaking' ? ': a client written for the old document does not expect it' : ''}`,
        },
        `${before.pointer}/responses`,
        response.pointer,
      );
      continue;
    }
    compareResponse(scope, status, was, response);
  }
  for (const [status, response] of o) {
    if (n.has(status)) continue;
    push(
      scope,
      {
        kind: isSuccess(status) ? 'response-success-status-removed' : 'response-non-success-status-removed',
        severity: 'warning',
        where: status,
        pointer: '',
        message: `status ${status} is no longer documented`,
      },
      response.pointer,
      `${after.pointer}/responses`,
    );
  }
}

function compareResponse(
  scope: OperationScope,
  status: string,
  before: { pointer: string; object: ResponseObject },
  after: { pointer: string; object: ResponseObject },
): void {
  const success = isSuccess(status);
  const newMedia = new Map(
    mediaTypes(after.object.content, after.pointer).map((m) => [mediaKey(m.pointer), m]),
  );
  const oldMedia = new Map(
    mediaTypes(before.object.content, before.pointer).map((m) => [mediaKey(m.pointer), m]),
  );
  for (const [type, media] of newMedia) {
    const was = oldMedia.get(type);
    if (was === undefined) {
      push(
        scope,
        {
          kind: 'response-media-type-added',
          severity: success ? 'breaking' : 'safe',
          where: `${status} ${type}`,
          pointer: '',
          message: `${status} responses may now be ${type}`,
        },
        `${before.pointer}/content`,
        media.pointer,
      );
      continue;
    }
    compareSchemas(
      schemaScope(scope, 'response', 'response', `${status} ${type}`),
      schemaAt(scope.old, `${was.pointer}/schema`),
      schemaAt(scope.new, `${media.pointer}/schema`),
    );
  }
  for (const [type, media] of oldMedia) {
    if (newMedia.has(type)) continue;
    // A success that no longer has any body: a client written for the old document reads one.
    const bodyGone = /^2/.test(status) && newMedia.size === 0;
    push(
      scope,
      {
        kind: 'response-media-type-removed',
        severity: bodyGone ? 'breaking' : 'warning',
        where: `${status} ${type}`,
        pointer: '',
        message: `${status} responses are no longer documented as ${type}${bodyGone ? ', and have no body now' : ''}`,
      },
      media.pointer,
      `${after.pointer}/content`,
    );
  }
  compareHeaders(scope, status, before, after);
}

function headersOf(
  spec: Spec,
  response: { pointer: string; object: ResponseObject },
): Map<string, { name: string; pointer: string; required: boolean }> {
  const found = new Map<string, { name: string; pointer: string; required: boolean }>();
  for (const [name, raw] of Object.entries(response.object.headers ?? {})) {
    // Content-Type is described by the media types, not by a header (OpenAPI says to ignore it).
    if (name.toLowerCase() === 'content-type') continue;
    const header = deref<{ required?: boolean }>(
      spec,
      raw as object,
      `${response.pointer}/headers/${escapeSegment(name)}`,
    );
    found.set(name.toLowerCase(), {
      name,
      pointer: header.pointer,
      required: header.value?.required === true,
    });
  }
  return found;
}

function compareHeaders(
  scope: OperationScope,
  status: string,
  before: { pointer: string; object: ResponseObject },
  after: { pointer: string; object: ResponseObject },
): void {
  const o = headersOf(scope.old.spec, before);
  const n = headersOf(scope.new.spec, after);
  for (const [key, header] of o) {
    const now = n.get(key);
    const where = `${status} header ${header.name}`;
    if (now === undefined) {
      push(
        scope,
        {
          kind: 'response-header-removed',
          severity: 'breaking',
          where,
          pointer: '',
          message: `response header ${header.name} is no longer documented`,
        },
        header.pointer,
        `${after.pointer}/headers`,
      );
      continue;
    }
    if (header.required && !now.required) {
      push(
        scope,
        {
          kind: 'response-header-became-optional',
          severity: 'breaking',
          where,
          pointer: '',
          message: `response header ${header.name} may now be absent`,
        },
        `${header.pointer}/required`,
        `${now.pointer}/required`,
      );
    }
    compareSchemas(
      schemaScope(scope, 'response', 'response-header', where),
      schemaAt(scope.old, `${header.pointer}/schema`),
      schemaAt(scope.new, `${now.pointer}/schema`),
    );
  }
  for (const [key, header] of n) {
    if (o.has(key)) continue;
    push(
      scope,
      {
        kind: 'response-header-added',
        severity: 'safe',
        where: `${status} header ${header.name}`,
        pointer: '',
        message: `response header ${header.name} is now documented`,
      },
      `${before.pointer}/headers`,
      header.pointer,
    );
  }
}
