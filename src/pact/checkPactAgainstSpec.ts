import {
  escapeSegment,
  findOperation,
  getAtPointer,
  type Operation,
  operationParameterPointers,
  type ParameterObject,
  pathParameterValues,
  type Spec,
} from '../spec';
import { type Finding, parameterProblem, type SpecValidator } from '../validation';
import type { PactDocument, PactHttpInteraction } from './readPact';

/** How one interaction of a pact fares against the spec. */
export interface PactInteractionCheck {
  readonly description: string;
  readonly providerStates: readonly string[];
  /** `GET /activity-logs/{id}`, or `undefined` when the spec documents no such operation. */
  readonly operation: string | undefined;
  readonly status: number;
  readonly findings: readonly Finding[];
}

export interface PactCheckResult {
  readonly consumer: string;
  readonly provider: string;
  /** True when no interaction has an error finding. */
  readonly valid: boolean;
  readonly interactions: readonly PactInteractionCheck[];
  /** Non-HTTP interactions, which an OpenAPI document cannot judge. */
  readonly skipped: readonly string[];
}

// Headers HTTP itself governs; OpenAPI 3.0 says parameters named so are ignored, so they need no documenting.
const TRANSPORT_HEADERS = new Set([
  'accept',
  'content-type',
  'content-length',
  'host',
  'user-agent',
  'connection',
]);

/**
 * Checks every HTTP interaction of a pact against the spec, with our validators: the request (method,
 * path, path parameters, headers, query, body) must be one the spec documents, and the response (status,
 * content type, body) must satisfy the spec's schema for that status. Findings are returned, never thrown.
 *
 * @example checkPactAgainstSpec(readPactFile('pacts/a-b.json'), getValidator()).valid
 */
export function checkPactAgainstSpec(
  pact: PactDocument,
  validator: SpecValidator,
  options: { readonly strict?: boolean } = {},
): PactCheckResult {
  const interactions = pact.interactions.map((interaction): PactInteractionCheck => {
    const { request, response } = interaction;
    const result = validator.validateResponse(
      {
        method: request.method,
        path: request.path,
        status: response.status,
        headers: response.headers,
        body: response.body,
      },
      { strict: options.strict === true },
    );
    const operation = findOperation(validator.spec, request.method, request.path);
    const requestFindings = operation ? checkRequest(validator, operation, interaction) : [];
    return {
      description: interaction.description,
      providerStates: interaction.providerStates,
      operation: result.operation,
      status: response.status,
      findings: [...requestFindings, ...result.findings],
    };
  });
  return {
    consumer: pact.consumer,
    provider: pact.provider,
    valid: interactions.every((i) => !i.findings.some((f) => f.severity === 'error')),
    interactions,
    skipped: pact.skipped,
  };
}

interface LocatedParameter {
  readonly parameter: ParameterObject;
  readonly pointer: string;
}

function checkRequest(
  validator: SpecValidator,
  operation: Operation,
  interaction: PactHttpInteraction,
): Finding[] {
  const { spec } = validator;
  const { request } = interaction;
  const findings: Finding[] = [];
  const label = `${operation.method.toUpperCase()} ${operation.path}`;
  const parameters = locatedParameters(spec, operation);
  const finding = (
    pointer: string,
    keyword: string,
    message: string,
    at: string,
    severity: Finding['severity'] = 'error',
  ) =>
    findings.push({
      rule: 'request_conformance',
      severity,
      pointer,
      keyword,
      message,
      spec: spec.locate(at),
    });

  const pathValues = Object.fromEntries(
    Object.entries(pathParameterValues(operation, request.path.split('?')[0] ?? request.path) ?? {}).map(
      ([name, value]) => [name, safeDecode(value)],
    ),
  );
  const headerNames = new Map(Object.keys(request.headers).map((name) => [name.toLowerCase(), name]));
  for (const located of parameters) {
    const { parameter, pointer } = located;
    const where = `/request/${parameter.in === 'header' ? 'headers' : parameter.in}/${escapeSegment(parameter.name)}`;
    let values: readonly string[] | undefined;
    if (parameter.in === 'path')
      values = pathValues[parameter.name] === undefined ? undefined : [pathValues[parameter.name] as string];
    else if (parameter.in === 'header') {
      const actual = headerNames.get(parameter.name.toLowerCase());
      values = actual === undefined ? undefined : [request.headers[actual] as string];
    } else if (parameter.in === 'query') values = request.query[parameter.name];
    else continue;
    if (values === undefined) {
      if (parameter.required) {
        finding(
          where,
          'required',
          `the request lacks the ${parameter.in} parameter '${parameter.name}' that ${label} requires`,
          pointer,
        );
      }
      continue;
    }
    // Every occurrence at once: `tags=a&tags=b` is one array parameter, read as its style says.
    const problem = parameterProblem(validator, pointer, values);
    if (problem) {
      // The validator names the value it refused for some keywords; for the others, say what came.
      const got = problem.message.includes(', got ') ? '' : `, got ${JSON.stringify(problem.text)}`;
      finding(
        where,
        'schema',
        `${parameter.in} parameter '${parameter.name}' ${problem.message}${got}`,
        `${pointer}/schema`,
      );
    }
  }

  const documentedHeaders = new Set(
    parameters.filter((p) => p.parameter.in === 'header').map((p) => p.parameter.name.toLowerCase()),
  );
  for (const name of Object.keys(request.headers)) {
    if (documentedHeaders.has(name.toLowerCase()) || TRANSPORT_HEADERS.has(name.toLowerCase())) continue;
    finding(
      `/request/headers/${escapeSegment(name)}`,
      'parameters',
      `header '${name}' is not documented for ${label}`,
      `${operation.pointer}/parameters`,
      'warning',
    );
  }
  const documentedQuery = new Set(
    parameters.filter((p) => p.parameter.in === 'query').map((p) => p.parameter.name),
  );
  for (const name of Object.keys(request.query)) {
    if (documentedQuery.has(name)) continue;
    finding(
      `/request/query/${escapeSegment(name)}`,
      'parameters',
      `query parameter '${name}' is not documented for ${label}`,
      `${operation.pointer}/parameters`,
    );
  }
  const hasBody = request.body !== undefined && request.body !== null && request.body !== '';
  if (hasBody && (operation.object as { requestBody?: unknown }).requestBody === undefined) {
    finding(
      '/request/body',
      'requestBody',
      `the request has a body, and ${label} documents none`,
      operation.pointer,
    );
  }
  return findings;
}

/** The operation's parameters with their spec pointers; operation-level ones override path-level ones. */
function locatedParameters(spec: Spec, operation: Operation): LocatedParameter[] {
  return operationParameterPointers(spec, operation).map((pointer) => ({
    parameter: getAtPointer(spec.document, pointer) as ParameterObject,
    pointer,
  }));
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
