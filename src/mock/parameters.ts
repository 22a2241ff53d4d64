import {
  getAtPointer,
  type Operation,
  operationParameterPointers,
  type ParameterObject,
  pathParameterValues,
  type Spec,
} from '../spec';
import { parameterProblem, type SpecValidator } from '../validation';

/** One parameter of an operation as the mock checks it: where it goes and its pointer in the spec. */
export interface ParameterRule {
  readonly name: string;
  readonly in: ParameterObject['in'];
  readonly required: boolean;
  /** `…/parameters/1`, the parameter object (its `$ref` followed). */
  readonly pointer: string;
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
    return [{ name: parameter.name, in: parameter.in, required: parameter.required === true, pointer }];
  });
}

/**
 * Why the request's parameters break the operation (a required one missing, a value outside its schema:
 * `sequence-version` outside its enum), in one line; `undefined` when they do not. Values are read as their
 * `style`/`explode` say, by the checker the pact check uses too.
 */
export function parametersProblem(
  rules: readonly ParameterRule[],
  request: RequestValues,
  validator: SpecValidator,
): string | undefined {
  for (const rule of rules) {
    const values = parameterValues(rule, request);
    const where = `${rule.in} parameter ${rule.name}`;
    if (values.length === 0) {
      if (rule.required) return `the required ${where} is missing`;
      continue;
    }
    const problem = parameterProblem(validator, rule.pointer, values);
    if (problem) return `${where} ${JSON.stringify(problem.text)} breaks the spec: ${problem.message}`;
  }
  return undefined;
}

function parameterValues(rule: ParameterRule, request: RequestValues): string[] {
  if (rule.in === 'path')
    return request.path[rule.name] === undefined ? [] : [request.path[rule.name] as string];
  if (rule.in === 'query') return request.query.getAll(rule.name);
  const value =
    rule.in === 'header'
      ? request.headers[rule.name.toLowerCase()]
      : cookieValue(request.headers['cookie'], rule.name);
  if (value === undefined) return [];
  return [Array.isArray(value) ? value.join(', ') : value];
}

/** The value of one cookie in a `Cookie` header, `undefined` when absent. */
export function cookieValue(header: string | string[] | undefined, name: string): string | undefined {
  for (const pair of (Array.isArray(header) ? header.join(';') : (header ?? '')).split(';')) {
    const [key, ...rest] = pair.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return undefined;
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
