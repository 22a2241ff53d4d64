import type { ErrorObject, ValidateFunction } from 'ajv';
import {
  type ConvertedSpec,
  convertSpec,
  escapeSegment,
  findOperation,
  findResponse,
  forEachSchema,
  type MediaTypeObject,
  type Operation,
  type SchemaSite,
  type Spec,
  SpecError,
  toPointer,
} from '../spec';
import { createAjv } from './createAjv';
import type { Finding, ValidationResult } from './Finding';
import { fromStrictId, STRICT_ID_PREFIX, strictTwin } from './strictTwin';

/** An HTTP response as recorded or received: what `validateResponse` checks. */
export interface HttpResponse {
  readonly method: string;
  /** The concrete request path (`/activity-logs/abc`) or the spec's template. */
  readonly path: string;
  readonly status: number;
  readonly headers?: Readonly<Record<string, string | readonly string[] | undefined>>;
  /** The parsed JSON body; `undefined` when there was none. */
  readonly body?: unknown;
}

export interface ValidateOptions {
  /** Undocumented properties become errors instead of warnings. */
  readonly strict?: boolean;
}

/** Validators compiled once from one spec. */
export interface SpecValidator {
  readonly spec: Spec;
  readonly converted: ConvertedSpec;
  /** Checks status, content type and body of a response against the operation it answers. */
  validateResponse(response: HttpResponse, options?: ValidateOptions): ValidationResult;
  /**
   * Checks a value against a schema of the spec: a component name (`ActivityLogResponse`), or the spec
   * pointer of any schema (`/components/schemas/X/properties/y`).
   */
  validateSchema(schema: string, value: unknown, options?: ValidateOptions): Finding[];
  /** Compiles every schema now; throws a `SpecError` naming the schema Ajv's strict mode refuses. */
  compileAll(): void;
}

/**
 * Compiles the spec's schemas (lazily, each once) into validators.
 *
 * @example
 * const validator = createValidator(loadSpec());
 * validator.validateResponse({ method: 'GET', path: '/activity-logs/1', status: 200, body }).valid
 */
export function createValidator(spec: Spec): SpecValidator {
  const converted = convertSpec(spec);
  // Reports every error; the fast instance stops at the first and only answers "is it clean?".
  const full = createAjv({ allErrors: true, verbose: true, inlineRefs: false });
  const fast = createAjv({ allErrors: false });
  // Ajv's schemaPath is relative to whichever schema it compiled as a root; the failing schema object
  // itself (`parentSchema`, kept by identity) says exactly where in the spec the keyword lives.
  const specPointerOf = new WeakMap<object, string>();
  for (const site of converted.sites) {
    const twin = strictTwin(site);
    for (const schema of [site.schema, twin]) {
      forEachSchema(schema, (node, visit) =>
        specPointerOf.set(node, `${site.pointer}${toPointer(visit.segments)}`),
      );
    }
    full.addSchema(site.schema);
    full.addSchema(twin);
    fast.addSchema(twin);
  }

  const compiled = new Map<string, ValidateFunction>();
  const compile = (ajv: typeof full, key: string, ref: string, site: SchemaSite): ValidateFunction => {
    const cacheKey = `${ajv === full ? 'full' : 'fast'} ${key}`;
    let fn = compiled.get(cacheKey);
    if (!fn) {
      try {
        fn = ajv.getSchema(ref) ?? ajv.compile({ $ref: ref });
      } catch (error) {
        const location = spec.locate(site.pointer);
        throw new SpecError(
          `schema ${location.path} is refused by Ajv's strict mode: ${(error as Error).message}`,
          {
            file: spec.file,
            line: location.line,
            pointer: site.pointer,
            cause: error,
          },
        );
      }
      compiled.set(cacheKey, fn);
    }
    return fn;
  };

  const check = (site: SchemaSite, suffix: string, value: unknown, strict: boolean): Finding[] => {
    const ref = `${site.id}${suffix ? `#${suffix}` : ''}`;
    const strictRef = `${STRICT_ID_PREFIX}${ref.slice('oas:'.length)}`;
    if (compile(fast, strictRef, strictRef, site)(value)) return [];
    const base = compile(full, ref, ref, site);
    const twin = compile(full, strictRef, strictRef, site);
    const findings: Finding[] = [];
    if (!base(value)) findings.push(...(base.errors ?? []).map((e) => toFinding(e, site, strict, false)));
    if (!twin(value)) {
      for (const error of twin.errors ?? []) {
        if (error.keyword === 'additionalProperties' && error.schemaPath.endsWith('/additionalProperties')) {
          const documented = !(base.errors ?? []).some(
            (b) => b.instancePath === error.instancePath && b.keyword === 'additionalProperties',
          );
          if (documented) findings.push(toFinding(error, site, strict, true));
        }
      }
    }
    return findings;
  };

  const toFinding = (
    error: ErrorObject,
    site: SchemaSite,
    strict: boolean,
    undocumented: boolean,
  ): Finding => {
    const owner = error.parentSchema ? specPointerOf.get(error.parentSchema) : undefined;
    const schemaPointer =
      owner === undefined
        ? converted.specPointer(fromStrictId(error.schemaPath), site)
        : `${owner}/${error.keyword}`;
    if (undocumented) {
      const property = String((error.params as { additionalProperty?: unknown }).additionalProperty);
      const propertiesPointer = schemaPointer.replace(/\/additionalProperties$/, '/properties');
      return {
        rule: 'response_schema_conformance',
        severity: strict ? 'error' : 'warning',
        pointer: `${error.instancePath}/${escapeSegment(property)}`,
        keyword: 'additionalProperties',
        message: `property '${property}' is not documented in the spec${strict ? '' : ' (allowed, but an early sign of drift)'}`,
        spec: spec.locate(propertiesPointer),
      };
    }
    return {
      rule: 'response_schema_conformance',
      severity: 'error',
      pointer: error.instancePath,
      keyword: error.keyword,
      message: describeError(error),
      spec: spec.locate(schemaPointer),
    };
  };

  const siteFor = (schema: string): { site: SchemaSite; suffix: string } => {
    const pointer = schema.startsWith('/') ? schema : `/components/schemas/${escapeSegment(schema)}`;
    const exact = converted.siteAt(pointer);
    if (exact) return { site: exact, suffix: '' };
    for (const site of converted.sites) {
      if (pointer.startsWith(`${site.pointer}/`)) return { site, suffix: pointer.slice(site.pointer.length) };
    }
    throw new Error(`No schema '${schema}' in ${spec.file}`);
  };

  return {
    spec,
    converted,
    compileAll() {
      for (const site of converted.sites) check(site, '', undefined, false);
    },
    validateSchema(schema, value, options = {}) {
      const { site, suffix } = siteFor(schema);
      return check(site, suffix, value, options.strict === true);
    },
    validateResponse(response, options = {}) {
      const operation = findOperation(spec, response.method, response.path);
      if (!operation) {
        return result(undefined, response.status, [
          {
            rule: 'operation_documented',
            severity: 'error',
            pointer: '',
            keyword: 'paths',
            message: `${response.method.toUpperCase()} ${response.path} matches no operation in the spec`,
            spec: spec.locate('/paths'),
          },
        ]);
      }
      return result(operation, response.status, checkResponse(operation, response, options.strict === true));
    },
  };

  function checkResponse(operation: Operation, response: HttpResponse, strict: boolean): Finding[] {
    const documented = findResponse(spec, operation, response.status);
    if (!documented) {
      const statuses = Object.keys(operation.object.responses).join(', ');
      return [
        {
          rule: 'status_code_documented',
          severity: 'error',
          pointer: '',
          keyword: 'responses',
          message: `status ${response.status} is not documented for ${label(operation)} (documented: ${statuses})`,
          spec: spec.locate(`${operation.pointer}/responses`),
        },
      ];
    }
    const content = documented.object.content ?? {};
    const mediaTypes = Object.keys(content);
    if (mediaTypes.length === 0) return [];

    const findings: Finding[] = [];
    const received = headerValue(response.headers, 'content-type');
    let mediaType = mediaTypes.find((m) => /json/i.test(m)) ?? mediaTypes[0] ?? '';
    if (received !== undefined) {
      const matched = mediaTypes.find((m) => mediaTypeMatches(m, received));
      if (matched) {
        mediaType = matched;
      } else {
        findings.push({
          rule: 'content_type_conformance',
          severity: 'error',
          pointer: '',
          keyword: 'content',
          message: `content type '${received}' is not documented for ${response.status} (documented: ${mediaTypes.join(', ')})`,
          spec: spec.locate(`${documented.pointer}/content`),
        });
        return findings;
      }
    }
    const schemaPointer = `${documented.pointer}/content/${escapeSegment(mediaType)}/schema`;
    const site = converted.siteAt(schemaPointer);
    if (!site || !(content[mediaType] as MediaTypeObject).schema) return findings;
    if (response.body === undefined) {
      findings.push({
        rule: 'response_schema_conformance',
        severity: 'error',
        pointer: '',
        keyword: 'content',
        message: `a ${response.status} response must have a ${mediaType} body, and this one has none`,
        spec: spec.locate(`${documented.pointer}/content`),
      });
      return findings;
    }
    findings.push(...check(site, '', response.body, strict));
    return findings;
  }
}

function result(operation: Operation | undefined, status: number, findings: Finding[]): ValidationResult {
  return {
    valid: !findings.some((f) => f.severity === 'error'),
    operation: operation && label(operation),
    status,
    findings,
  };
}

function label(operation: Operation): string {
  return `${operation.method.toUpperCase()} ${operation.path}`;
}

function headerValue(headers: HttpResponse['headers'], name: string): string | undefined {
  if (!headers) return undefined;
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== name) continue;
    return Array.isArray(value) ? value.join(', ') : (value as string | undefined);
  }
  return undefined;
}

/** `application/json; charset=utf-8` matches `application/json`; `application/*` and `*\/*` match by range. */
function mediaTypeMatches(documented: string, received: string): boolean {
  const essence = (s: string) => (s.split(';')[0] ?? '').trim().toLowerCase();
  const [dType, dSub] = essence(documented).split('/');
  const [rType, rSub] = essence(received).split('/');
  return (dType === '*' || dType === rType) && (dSub === '*' || dSub === rSub);
}

function describeError(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'enum':
      return `must be one of ${(params['allowedValues'] as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'format':
    case 'type':
    case 'pattern':
    case 'const':
      return `${error.message ?? 'is invalid'}, got ${preview(error.data)}`;
    default:
      return error.message ?? `fails '${error.keyword}'`;
  }
}

function preview(value: unknown): string {
  if (value === undefined) return 'nothing';
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    // Nested deeper than the stack allows: name the kind, not the content.
    text = '…';
  }
  const kind =
    value === null
      ? 'null'
      : Array.isArray(value)
        ? 'an array'
        : typeof value === 'object'
          ? 'an object'
          : typeof value;
  return text.length > 60
    ? `${kind} ${text.slice(0, 57)}…`
    : `${typeof value === 'object' && value !== null ? `${kind} ` : ''}${text}`;
}
