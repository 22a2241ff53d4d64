import { escapeSegment, getAtPointer } from './pointer';
import type { OperationObject, ParameterObject, ReferenceObject, ResponseObject, Spec } from './types';

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
export type HttpMethod = (typeof METHODS)[number];

/** One operation of the spec, with where it lives. */
export interface Operation {
  readonly method: HttpMethod;
  /** The path template as the spec writes it: `/activity-logs/{id}`. */
  readonly path: string;
  readonly operationId: string | undefined;
  readonly pointer: string;
  readonly object: OperationObject;
}

/** A documented response of an operation, and the key it was found under (`200`, `4XX`, `default`). */
export interface DocumentedResponse {
  readonly key: string;
  readonly pointer: string;
  readonly object: ResponseObject;
}

export function listOperations(spec: Spec): Operation[] {
  const operations: Operation[] = [];
  for (const [template, item] of Object.entries(spec.document.paths)) {
    for (const method of METHODS) {
      const object = item[method] as OperationObject | undefined;
      if (!object) continue;
      operations.push({
        method,
        path: template,
        operationId: object.operationId,
        pointer: `/paths/${escapeSegment(template)}/${method}`,
        object,
      });
    }
  }
  return operations;
}

/**
 * The operation serving `method` and `path`; `path` may be concrete (`/activity-logs/abc`, query ignored)
 * or the template itself. Literal templates win over templated ones, as OpenAPI requires.
 */
export function findOperation(spec: Spec, method: string, path: string): Operation | undefined {
  return createOperationMatcher(spec)(method, path);
}

/** `findOperation` for one spec, with its path templates compiled once: for validating many responses. */
export function createOperationMatcher(spec: Spec): (method: string, path: string) => Operation | undefined {
  const byMethod = new Map<string, { op: Operation; pattern: RegExp }[]>();
  for (const op of listOperations(spec)) {
    const list = byMethod.get(op.method) ?? [];
    list.push({ op, pattern: templateToRegExp(op.path) });
    byMethod.set(op.method, list);
  }
  return (method, path) => {
    const candidates = byMethod.get(method.toLowerCase());
    if (!candidates) return undefined;
    const query = path.indexOf('?');
    const bare = query === -1 ? path : path.slice(0, query);
    for (const { op } of candidates) if (op.path === bare) return op;
    for (const { op, pattern } of candidates) if (pattern.test(bare)) return op;
    return undefined;
  };
}

/** The operation used for bare recordings and by the CLI when none is named: the first GET in the spec. */
export function defaultOperation(spec: Spec): Operation {
  const operations = listOperations(spec);
  const operation = operations.find((op) => op.method === 'get') ?? operations[0];
  if (!operation) throw new Error(`${spec.file} documents no operation`);
  return operation;
}

/** The response documented for `status`: the exact code, then its range (`2XX`), then `default`. */
export function findResponse(
  spec: Spec,
  operation: Operation,
  status: number,
): DocumentedResponse | undefined {
  const responses = operation.object.responses;
  for (const key of [String(status), `${String(status)[0]}XX`, `${String(status)[0]}xx`, 'default']) {
    const found = responses[key];
    if (found === undefined) continue;
    const pointer = `${operation.pointer}/responses/${escapeSegment(key)}`;
    const resolved = deref<ResponseObject>(spec, found, pointer);
    return { key, pointer: resolved.pointer, object: resolved.value };
  }
  return undefined;
}

/** The parameters of an operation, path-level ones included, references resolved. */
export function operationParameters(spec: Spec, operation: Operation): ParameterObject[] {
  const pathItem = spec.document.paths[operation.path] ?? {};
  const shared = (pathItem['parameters'] ?? []) as (ParameterObject | ReferenceObject)[];
  const own = operation.object.parameters ?? [];
  const byKey = new Map<string, ParameterObject>();
  for (const p of [...shared, ...own]) {
    const { value } = deref<ParameterObject>(spec, p, '');
    byKey.set(`${value.in}:${value.name.toLowerCase()}`, value);
  }
  return [...byKey.values()];
}

/** Follows a local `$ref` (once checked by `loadSpec`, it always resolves). */
export function deref<T>(
  spec: Spec,
  value: T | ReferenceObject,
  pointer: string,
): { value: T; pointer: string } {
  let current: unknown = value;
  let at = pointer;
  for (let hops = 0; isReference(current) && hops < 32; hops++) {
    at = decodeURIComponent(current.$ref.slice(1));
    current = getAtPointer(spec.document, at);
  }
  return { value: current as T, pointer: at };
}

function isReference(value: unknown): value is ReferenceObject {
  return (
    typeof value === 'object' && value !== null && typeof (value as { $ref?: unknown }).$ref === 'string'
  );
}

function templateToRegExp(template: string): RegExp {
  const source = template
    .split(/(\{[^}]+\})/)
    .map((part) => (part.startsWith('{') ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}$`);
}
