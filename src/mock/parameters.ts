import {
  escapeSegment,
  getAtPointer,
  type Operation,
  operationParameterPointers,
  type ParameterObject,
  pathParameterValues,
  type Spec,
} from '../spec';
import type { SpecValidator } from '../validation';

/** One parameter of an operation as the mock checks it: where it goes and the spec pointer of its schema. */
export interface ParameterRule {
  readonly name: string;
  readonly in: ParameterObject['in'];
  readonly required: boolean;
  /** `…/parameters/1/schema` (or the schema of its one `content` type); `undefined` when it has none. */
  readonly schema: string | undefined;
}

/** The values a request gives its parameters, by location. */
export interface RequestValues {
  readonly path: Readonly<Record<string, string>>;
  readonly query: URLSearchParams;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
}

/**
 * The operation's parameters (path-level ones included, `$ref`s followed), less the headers the auth check
 * reads: those answer 401, not 400.
 */
export function parameterRules(
  spec: Spec,
  operation: Operation,
  authHeaders: ReadonlySet<string>,
): ParameterRule[] {
  return operationParameterPointers(spec, operation).flatMap((pointer) => {
    const parameter = getAtPointer(spec.document, pointer) as ParameterObject;
    if (parameter.in === 'header' && authHeaders.has(parameter.name.toLowerCase())) return [];
    const contentType = Object.keys(parameter.content ?? {})[0];
    const schema =
      parameter.schema !== undefined
        ? `${pointer}/schema`
        : contentType !== undefined
          ? `${pointer}/content/${escapeSegment(contentType)}/schema`
          : undefined;
    return [{ name: parameter.name, in: parameter.in, required: parameter.required === true, schema }];
  });
}

/**
 * Why the request's parameters break the operation (a required one missing, a value outside its schema:
 * `sequence-version` outside its enum), in one line; `undefined` when they do not.
 */
export function parameterProblem(
  rules: readonly ParameterRule[],
  request: RequestValues,
  validator: SpecValidator,
): string | undefined {
  for (const rule of rules) {
    const value = parameterValue(rule, request);
    const where = `${rule.in} parameter ${rule.name}`;
    if (value === undefined) {
      if (rule.required) return `the required ${where} is missing`;
      continue;
    }
    if (rule.schema === undefined) continue;
    const schema = rule.schema;
    const errorsFor = (candidate: unknown) =>
      validator.validateSchema(schema, candidate).filter((f) => f.severity === 'error');
    let errors = errorsFor(value);
    // Parameters travel as text: `7` may stand for an integer, `true` for a boolean, `[1,2]` for JSON.
    const parsed = parseJson(value);
    if (errors.length > 0 && parsed !== undefined) errors = errorsFor(parsed.value);
    const [first] = errors;
    if (first) return `${where} ${JSON.stringify(value)} breaks the spec: ${first.message}`;
  }
  return undefined;
}

function parameterValue(rule: ParameterRule, request: RequestValues): string | undefined {
  if (rule.in === 'path') return request.path[rule.name];
  if (rule.in === 'query') return request.query.get(rule.name) ?? undefined;
  if (rule.in === 'header') {
    const value = request.headers[rule.name.toLowerCase()];
    return Array.isArray(value) ? value.join(', ') : value;
  }
  return cookieValue(request.headers['cookie'], rule.name);
}

/** The value of one cookie in a `Cookie` header, `undefined` when absent. */
export function cookieValue(header: string | string[] | undefined, name: string): string | undefined {
  for (const pair of (Array.isArray(header) ? header.join(';') : (header ?? '')).split(';')) {
    const [key, ...rest] = pair.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return undefined;
}

function parseJson(text: string): { value: unknown } | undefined {
  try {
    return { value: JSON.parse(text) };
  } catch {
    return undefined;
  }
}

/**
 * The path parameters' values in a concrete request path, decoded (see `pathParameterValues`); `undefined`
 * when the path does not fit the template or a value is not valid percent-encoding.
 */
export function pathValues(operation: Operation, path: string): Record<string, string> | undefined {
  const raw = pathParameterValues(operation, path);
  if (!raw) return undefined;
  try {
    return Object.fromEntries(Object.entries(raw).map(([name, value]) => [name, decodeURIComponent(value)]));
  } catch {
    return undefined;
  }
}
