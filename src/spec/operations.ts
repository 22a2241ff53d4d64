import { escapeSegment, getAtPointer } from './pointer';
import type {
  MediaTypeObject,
  OperationObject,
  ParameterObject,
  ReferenceObject,
  ResponseObject,
  ServerObject,
  Spec,
} from './types';

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
  /** The path item that holds it (resolved when the path item is a `$ref`), and where that lives. */
  readonly pathItem: { readonly [key: string]: unknown };
  readonly pathItemPointer: string;
  /**
   * The path parts of the servers that serve it (operation, path item, then document level): `/v2` for
   * `https://api.example.com/v2`. Requests may be written with or without them.
   */
  readonly basePaths: readonly string[];
}

/** A documented response of an operation, and the key it was found under (`200`, `4XX`, `default`). */
export interface DocumentedResponse {
  readonly key: string;
  readonly pointer: string;
  readonly object: ResponseObject;
}

const operationsOf = new WeakMap<Spec, readonly Operation[]>();

/** Every operation of the spec, in document order: worked out once per loaded spec. */
export function listOperations(spec: Spec): readonly Operation[] {
  let operations = operationsOf.get(spec);
  if (!operations) {
    operations = Object.freeze(findOperations(spec));
    operationsOf.set(spec, operations);
  }
  return operations;
}

function findOperations(spec: Spec): Operation[] {
  const operations: Operation[] = [];
  const documentServers = spec.document.servers;
  for (const [template, raw] of Object.entries(spec.document.paths ?? {})) {
    const { value: item, pointer: itemPointer } = deref<{ readonly [key: string]: unknown }>(
      spec,
      raw,
      `/paths/${escapeSegment(template)}`,
    );
    if (item === null || typeof item !== 'object') continue;
    for (const method of METHODS) {
      const object = item[method] as OperationObject | undefined;
      if (!object) continue;
      const servers = [object.servers, item['servers'] as ServerObject[] | undefined, documentServers].find(
        (list) => Array.isArray(list) && list.length > 0,
      );
      operations.push({
        method,
        path: template,
        operationId: object.operationId,
        pointer: `${itemPointer}/${method}`,
        object,
        pathItem: item,
        pathItemPointer: itemPointer,
        basePaths: [...new Set((servers ?? []).map(basePath).filter((p) => p !== ''))],
      });
    }
  }
  return operations;
}

/** The path part of a server URL, its variables at their defaults: `https://x.io/{v}/api` → `/v1/api`. */
export function basePath(server: ServerObject): string {
  const variables = (server.variables ?? {}) as Record<string, { default?: unknown }>;
  const url = server.url.replace(/\{([^}]+)\}/g, (_, name: string) => String(variables[name]?.default ?? ''));
  const path = url.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, '').replace(/^\/\/[^/]*/, '');
  const bare = path.split(/[?#]/)[0] ?? '';
  return bare.replace(/\/+$/, '');
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
  interface Candidate {
    readonly op: Operation;
    readonly exact: (form: string) => boolean;
    readonly templated: (form: string) => boolean;
  }
  const byMethod = new Map<string, Candidate[]>();
  for (const op of listOperations(spec)) {
    const list = byMethod.get(op.method) ?? [];
    const { pattern } = compileTemplate(op.path);
    list.push({ op, exact: (form) => form === op.path, templated: (form) => pattern.test(form) });
    byMethod.set(op.method, list);
    byMethod.set(op.method.toUpperCase(), list);
  }
  // The request path as written, or without a server base path the operation is served under. It runs for
  // every response validated: no array, no closure made per call.
  const servedAs = (op: Operation, bare: string, accepts: (form: string) => boolean): boolean => {
    if (accepts(bare)) return true;
    for (const base of op.basePaths)
      if (bare.startsWith(base) && bare[base.length] === '/' && accepts(bare.slice(base.length))) return true;
    return false;
  };
  // The last answer: recordings of one operation (bare bodies, a CLI run) ask the same question in a row.
  let last: { method: string; path: string; op: Operation | undefined } | undefined;
  return (method, path) => {
    if (last !== undefined && last.path === path && last.method === method) return last.op;
    const candidates = byMethod.get(method) ?? byMethod.get(method.toLowerCase());
    if (!candidates) return undefined;
    const bare = withoutQuery(path);
    let found: Operation | undefined;
    for (const { op, exact } of candidates) if (!found && servedAs(op, bare, exact)) found = op;
    for (const { op, templated } of candidates) if (!found && servedAs(op, bare, templated)) found = op;
    last = { method, path, op: found };
    return found;
  };
}

/** A request path without its query or fragment (no regex: it runs for every response validated). */
function withoutQuery(path: string): string {
  let end = path.indexOf('?');
  const hash = path.indexOf('#');
  if (hash !== -1 && (end === -1 || hash < end)) end = hash;
  return end === -1 ? path : path.slice(0, end);
}

/** The operation used for bare recordings and by the CLI when none is named: the first GET in the spec. */
export function defaultOperation(spec: Spec): Operation {
  const operation = findDefaultOperation(spec);
  if (!operation) throw new Error(`${spec.file} documents no operation`);
  return operation;
}

/** `defaultOperation`, or `undefined` when the spec documents no operation. */
export function findDefaultOperation(spec: Spec): Operation | undefined {
  const operations = listOperations(spec);
  return operations.find((op) => op.method === 'get') ?? operations[0];
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
  return operationParameterPointers(spec, operation).map(
    (pointer) => getAtPointer(spec.document, pointer) as ParameterObject,
  );
}

/**
 * Where each parameter of an operation lives, references followed: path-level ones first, and an
 * operation-level one overrides a path-level one of the same name and location.
 */
export function operationParameterPointers(spec: Spec, operation: Operation): string[] {
  const byKey = new Map<string, string>();
  const add = (list: unknown, base: string) => {
    if (!Array.isArray(list)) return;
    for (const [index, raw] of list.entries()) {
      const { value, pointer } = deref<ParameterObject>(
        spec,
        raw as ParameterObject,
        `${base}/parameters/${index}`,
      );
      if (!value || typeof value !== 'object' || typeof value.name !== 'string') continue;
      byKey.set(`${value.in}:${value.in === 'header' ? value.name.toLowerCase() : value.name}`, pointer);
    }
  };
  add(operation.pathItem['parameters'], operation.pathItemPointer);
  add(operation.object.parameters, operation.pointer);
  return [...byKey.values()];
}

/**
 * Every documented response of the spec's operations, `$ref`s followed, with the media types it declares:
 * the one walk that both the schema model and the examples read.
 */
export function* documentedResponses(spec: Spec): Generator<{
  readonly operation: Operation;
  /** The key it is documented under: `200`, `2XX`, `default`. */
  readonly key: string;
  readonly pointer: string;
  readonly response: ResponseObject;
  readonly media: readonly { readonly pointer: string; readonly object: MediaTypeObject }[];
}> {
  for (const operation of listOperations(spec)) {
    for (const [status, raw] of Object.entries(operation.object.responses ?? {})) {
      const { value, pointer } = deref<ResponseObject>(
        spec,
        raw,
        `${operation.pointer}/responses/${escapeSegment(status)}`,
      );
      if (!value || typeof value !== 'object') continue;
      yield { operation, key: status, pointer, response: value, media: mediaTypes(value.content, pointer) };
    }
  }
}

/** The media type objects of a `content` map, each with its pointer (`{base}/content/{type}`). */
export function mediaTypes(
  content: unknown,
  base: string,
): { readonly pointer: string; readonly object: MediaTypeObject }[] {
  return Object.entries((content ?? {}) as Record<string, MediaTypeObject>)
    .filter(([, media]) => media && typeof media === 'object')
    .map(([type, media]) => ({ pointer: `${base}/content/${escapeSegment(type)}`, object: media }));
}

/** Follows a local `$ref` (once checked by `loadSpec`, it always resolves). */
export function deref<T>(
  spec: Spec,
  value: T | ReferenceObject,
  pointer: string,
): { value: T; pointer: string } {
  let current: unknown = value;
  let at = pointer;
  for (let hops = 0; isReference(current) && current.$ref.startsWith('#') && hops < 32; hops++) {
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

/** A path template as a regex that matches a concrete path, its groups the parameters named in `names`. */
function compileTemplate(template: string): { readonly pattern: RegExp; readonly names: readonly string[] } {
  const names: string[] = [];
  const source = template
    .split(/(\{[^}]+\})/)
    .map((part) => {
      if (!part.startsWith('{')) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      names.push(part.slice(1, -1));
      return '([^/]+)';
    })
    .join('');
  return { pattern: new RegExp(`^${source}$`), names };
}

/**
 * The path parameters' values in a concrete request path (`/activity-logs/abc` → `{ id: 'abc' }`), with or
 * without the operation's server base path, as written (still percent-encoded); `undefined` when the path
 * does not fit the operation's template.
 */
export function pathParameterValues(operation: Operation, path: string): Record<string, string> | undefined {
  const { pattern, names } = compileTemplate(operation.path);
  const forms = [
    path,
    ...operation.basePaths.filter((b) => path.startsWith(`${b}/`)).map((b) => path.slice(b.length)),
  ];
  for (const form of forms) {
    const match = pattern.exec(form);
    if (match) return Object.fromEntries(names.map((name, i) => [name, match[i + 1] ?? '']));
  }
  return undefined;
}
