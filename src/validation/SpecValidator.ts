import type { ErrorObject, ValidateFunction } from 'ajv';
import {
  type ConvertedSpec,
  convertSpec,
  createOperationMatcher,
  escapeSegment,
  findResponse,
  forEachSchema,
  type Operation,
  type SchemaSite,
  type Spec,
  SpecError,
} from '../spec';
import { createAjv } from './createAjv';
import {
  addUndocumentedKeywords,
  documentedTwin,
  twinEntry,
  type UndocumentedProperty,
} from './documentedTwin';
import type { Finding, ValidationResult } from './Finding';

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
  /**
   * Applied to a value before a finding quotes it (and before the quote is cut to length), e.g. to keep
   * credentials a provider echoed out of messages. The value itself is validated as received.
   */
  readonly redact?: (text: string) => string;
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
  /** Compiles every schema now; throws a `SpecError` naming a schema that is not valid JSON Schema. */
  compileAll(): void;
  /**
   * What Ajv's strict mode said of our conversions (it never refuses a document for them): empty when the
   * conversion is clean; tests keep it so.
   */
  readonly lint: readonly string[];
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
  const lint: string[] = [];
  const logger = { log: () => {}, warn: (message: unknown) => lint.push(String(message)), error: () => {} };
  // Both instances hold the documented twins only (see documentedTwin): the fast one stops at the first
  // error and answers "is it valid, and what is undocumented?"; the full one reports every error, and runs
  // only when the answer is "invalid".
  const undocumented: UndocumentedProperty[] = [];
  const ownProperties = declaresPrototypeNames(converted);
  const full = createAjv({
    allErrors: true,
    verbose: true,
    inlineRefs: false,
    strict: 'log',
    logger,
    ownProperties,
  });
  const fast = createAjv({ allErrors: false, strict: 'log', logger, ownProperties });
  addUndocumentedKeywords(full, undocumented);
  addUndocumentedKeywords(fast, undocumented);
  // Ajv's schemaPath is relative to whichever schema it compiled as a root; the failing schema object
  // itself (`parentSchema`, kept by identity) says exactly where in the spec the keyword lives.
  const specPointerOf = new WeakMap<object, string>();
  for (const site of converted.sites) {
    const twin = documentedTwin(site, converted, specPointerOf);
    try {
      full.addSchema(twin);
      fast.addSchema(twin);
    } catch (error) {
      // Ajv checks each schema against its meta-schema as it is added: `type: strin`, `minLength: -3`.
      const location = spec.locate(site.pointer);
      const detail = (error as Error).message.replace(/^schema is invalid: /, '').replace(/\bdata\//g, '');
      throw new SpecError(`schema ${location.path} is not valid JSON Schema: ${detail}`, {
        file: spec.file,
        line: location.line,
        pointer: site.pointer,
        cause: error,
      });
    }
  }

  interface Compiled {
    readonly site: SchemaSite;
    readonly suffix: string;
    readonly fast: ValidateFunction;
    full?: ValidateFunction;
  }
  const compiled = new Map<string, Compiled>();
  const compile = (ajv: typeof fast, site: SchemaSite, suffix: string): ValidateFunction => {
    try {
      return ajv.compile(twinEntry(site, converted, suffix));
    } catch (error) {
      const location = spec.locate(site.pointer);
      throw new SpecError(`schema ${location.path} cannot be compiled: ${(error as Error).message}`, {
        file: spec.file,
        line: location.line,
        pointer: site.pointer,
        cause: error,
      });
    }
  };
  const prepare = (site: SchemaSite, suffix: string): Compiled => {
    const key = `${site.id}#${suffix}`;
    let entry = compiled.get(key);
    if (!entry) {
      entry = { site, suffix, fast: compile(fast, site, suffix) };
      compiled.set(key, entry);
    }
    return entry;
  };

  const check = (validators: Compiled, value: unknown, options: ValidateOptions): Finding[] => {
    undocumented.length = 0;
    if (validators.fast(value)) {
      return undocumented.length === 0 ? [] : undocumentedFindings(undocumented, options);
    }
    validators.full ??= compile(full, validators.site, validators.suffix);
    undocumented.length = 0;
    validators.full(value);
    const errors = (validators.full.errors ?? []).map((error) => toFinding(error, validators.site, options));
    // An anyOf/oneOf branch that failed evaluated nothing, so under a choice an object holding an error may
    // look undocumented when it is not: there, its properties are only judged when it holds none.
    const judged = !choosesBetweenSchemas(validators.site.id)
      ? undocumented
      : undocumented.filter(({ pointer }) => {
          const parent = pointer.slice(0, pointer.lastIndexOf('/'));
          return !errors.some((e) => e.pointer === parent || e.pointer.startsWith(`${parent}/`));
        });
    return [...errors, ...undocumentedFindings(judged, options)];
  };

  const choices = new Map<string, boolean>();
  /** Whether a site, or a schema it refers to, chooses between schemas (anyOf, oneOf, if, discriminator). */
  const choosesBetweenSchemas = (id: string): boolean => {
    const known = choices.get(id);
    if (known !== undefined) return known;
    choices.set(id, false);
    let found = false;
    const refs: string[] = [];
    forEachSchema(converted.site(id)?.schema, (node) => {
      if (['anyOf', 'oneOf', 'if', 'discriminator'].some((k) => k in node)) found = true;
      if (typeof node['$ref'] === 'string') refs.push(node['$ref']);
    });
    found ||= refs.some(choosesBetweenSchemas);
    choices.set(id, found);
    return found;
  };

  const undocumentedFindings = (
    found: readonly UndocumentedProperty[],
    options: ValidateOptions,
  ): Finding[] => {
    const strict = options.strict === true;
    const seen = new Set<string>();
    const findings: Finding[] = [];
    // Shallow before deep, as a person reads the body (one property, the common case, needs no sorting).
    const ordered =
      found.length === 1 ? found : [...found].sort((a, b) => depth(a.pointer) - depth(b.pointer));
    for (const { pointer, documentedAt } of ordered) {
      if (seen.has(pointer)) continue;
      seen.add(pointer);
      const property = pointer
        .slice(pointer.lastIndexOf('/') + 1)
        .replace(/~1/g, '/')
        .replace(/~0/g, '~');
      findings.push({
        rule: 'response_schema_conformance',
        severity: strict ? 'error' : 'warning',
        pointer,
        keyword: 'additionalProperties',
        message: `property '${property}' is not documented in the spec${strict ? '' : ' (allowed, but an early sign of drift)'}`,
        spec: spec.locate(documentedAt),
      });
    }
    return findings;
  };

  const toFinding = (error: ErrorObject, site: SchemaSite, options: ValidateOptions): Finding => {
    const owner = error.parentSchema ? specPointerOf.get(error.parentSchema) : undefined;
    const schemaPointer =
      owner === undefined ? converted.specPointer(error.schemaPath, site) : `${owner}/${error.keyword}`;
    return {
      rule: 'response_schema_conformance',
      severity: 'error',
      pointer: error.instancePath,
      keyword: error.keyword,
      message: describeError(error, options.redact ?? ((text) => text)),
      spec: spec.locate(schemaPointer),
    };
  };

  const matchOperation = createOperationMatcher(spec);
  /** What a response with this operation, status and content type must satisfy: worked out once, then cached. */
  type Judgement =
    | { readonly findings: readonly Finding[]; readonly body?: undefined }
    | { readonly findings: readonly Finding[]; readonly body: Compiled; readonly missingBody: Finding };
  type Plan = Judgement & { readonly label: string };
  // Operation, then status, then content type: found without building a key for every response.
  const plans = new Map<Operation, Map<number, Map<string, Plan>>>();

  return {
    spec,
    converted,
    lint,
    compileAll() {
      for (const site of converted.sites) prepare(site, '');
    },
    validateSchema(schema, value, options = {}) {
      const pointer = schema.startsWith('/') ? schema : `/components/schemas/${escapeSegment(schema)}`;
      const found = converted.locateSchema(pointer);
      if (!found) throw new Error(`No schema '${schema}' in ${spec.file}`);
      return check(prepare(found.site, found.suffix), value, options);
    },
    validateResponse(response, options = {}) {
      const operation = matchOperation(response.method, response.path);
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
      const plan = planFor(operation, response.status, headerValue(response.headers, 'content-type'));
      return result(plan.label, response.status, checkResponse(plan, response, options));
    },
  };

  function planFor(operation: Operation, status: number, contentType: string | undefined): Plan {
    let byStatus = plans.get(operation);
    if (!byStatus) {
      byStatus = new Map();
      plans.set(operation, byStatus);
    }
    let byType = byStatus.get(status);
    if (!byType) {
      byType = new Map();
      byStatus.set(status, byType);
    }
    let plan = byType.get(contentType ?? '');
    if (!plan) {
      // Statuses and content types come from the wire; a bound keeps a hostile variety from growing the cache.
      if (byStatus.size > 1000) byStatus.clear();
      if (byType.size > 1000) byType.clear();
      plan = { label: label(operation), ...makePlan(operation, status, contentType) };
      byType.set(contentType ?? '', plan);
    }
    return plan;
  }

  function makePlan(operation: Operation, status: number, received: string | undefined): Judgement {
    const documented = findResponse(spec, operation, status);
    if (!documented) {
      const statuses = Object.keys(operation.object.responses).join(', ');
      return {
        findings: [
          {
            rule: 'status_code_documented',
            severity: 'error',
            pointer: '',
            keyword: 'responses',
            message: `status ${status} is not documented for ${label(operation)} (documented: ${statuses})`,
            spec: spec.locate(`${operation.pointer}/responses`),
          },
        ],
      };
    }
    const mediaTypes = Object.keys(documented.object.content ?? {});
    if (mediaTypes.length === 0) return { findings: [] };
    let mediaType = mediaTypes.find((m) => /json/i.test(m)) ?? mediaTypes[0] ?? '';
    if (received !== undefined) {
      const matched = mostSpecificMatch(mediaTypes, received);
      if (!matched) {
        return {
          findings: [
            {
              rule: 'content_type_conformance',
              severity: 'error',
              pointer: '',
              keyword: 'content',
              message: `content type '${received}' is not documented for ${status} (documented: ${mediaTypes.join(', ')})`,
              spec: spec.locate(`${documented.pointer}/content`),
            },
          ],
        };
      }
      mediaType = matched;
    }
    const site = converted.siteAt(`${documented.pointer}/content/${escapeSegment(mediaType)}/schema`);
    if (!site) return { findings: [] };
    return {
      findings: [],
      body: prepare(site, ''),
      missingBody: {
        rule: 'response_schema_conformance',
        severity: 'error',
        pointer: '',
        keyword: 'content',
        message: `a ${status} response must have a ${mediaType} body, and this one has none`,
        spec: spec.locate(`${documented.pointer}/content`),
      },
    };
  }

  function checkResponse(plan: Plan, response: HttpResponse, options: ValidateOptions): Finding[] {
    if (!plan.body) return [...plan.findings];
    if (response.body === undefined) return [plan.missingBody];
    return check(plan.body, response.body, options);
  }
}

/** How deep a JSON pointer goes: its number of segments. */
function depth(pointer: string): number {
  let count = 0;
  for (let at = pointer.indexOf('/'); at !== -1; at = pointer.indexOf('/', at + 1)) count++;
  return count;
}

/**
 * Whether a schema names a property the object prototype has (`constructor`, `toString`). Ajv reads
 * `data.name !== undefined`, so to it such a property is always there, unless it is told to ask for own
 * properties: a lookup more for every property read, paid only by the documents that need it.
 */
function declaresPrototypeNames(converted: ConvertedSpec): boolean {
  let found = false;
  for (const site of converted.sites) {
    forEachSchema(site.schema, (node) => {
      const names = [
        ...Object.keys((node['properties'] as object | undefined) ?? {}),
        ...(Array.isArray(node['required']) ? (node['required'] as unknown[]) : []),
      ];
      if (names.some((name) => typeof name === 'string' && name in Object.prototype)) found = true;
    });
    if (found) return true;
  }
  return false;
}

function result(operation: string | undefined, status: number, findings: Finding[]): ValidationResult {
  let valid = true;
  for (let i = 0; i < findings.length && valid; i++) if (findings[i]?.severity === 'error') valid = false;
  return { valid, operation, status, findings };
}

function label(operation: Operation): string {
  return `${operation.method.toUpperCase()} ${operation.path}`;
}

function headerValue(headers: HttpResponse['headers'], name: string): string | undefined {
  if (!headers) return undefined;
  for (const key in headers) {
    if (key.length !== name.length || key.toLowerCase() !== name) continue;
    const value = headers[key];
    return Array.isArray(value) ? value.join(', ') : (value as string | undefined);
  }
  return undefined;
}

/** The documented media type that serves `received`: an exact one before `type/*`, before `*\/*`. */
function mostSpecificMatch(documented: readonly string[], received: string): string | undefined {
  const matching = documented.filter((m) => mediaTypeMatches(m, received));
  const wildcards = (m: string) => (m.match(/\*/g) ?? []).length;
  return matching.sort((a, b) => wildcards(a) - wildcards(b))[0];
}

/** `application/json; charset=utf-8` matches `application/json`; `application/*` and `*\/*` match by range. */
function mediaTypeMatches(documented: string, received: string): boolean {
  const essence = (s: string) => (s.split(';')[0] ?? '').trim().toLowerCase();
  const [dType, dSub] = essence(documented).split('/');
  const [rType, rSub] = essence(received).split('/');
  return (dType === '*' || dType === rType) && (dSub === '*' || dSub === rSub);
}

function describeError(error: ErrorObject, redact: (text: string) => string): string {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'enum':
      return `must be one of ${(params['allowedValues'] as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'type':
      return `${error.message ?? 'is invalid'}, got ${preview(error.data, redact)}${looksLikeJsonText(error.data) ? ' (JSON text: was the body recorded as a string instead of parsed?)' : ''}`;
    case 'discriminator': {
      const tag = String(params['tag']);
      if (
        params['error'] === 'tag' &&
        error.data !== null &&
        typeof error.data === 'object' &&
        !(tag in error.data)
      ) {
        return `must have the property '${tag}' that says which schema it is`;
      }
      const branches =
        (error.parentSchema as { oneOf?: { properties?: Record<string, unknown> }[] } | undefined)?.oneOf ??
        [];
      const allowed = branches.flatMap((b) => {
        const pinned = b.properties?.[tag] as { const?: unknown; enum?: unknown[] } | undefined;
        return pinned?.enum ?? (pinned && 'const' in pinned ? [pinned.const] : []);
      });
      return `'${tag}' must be one of ${allowed.map((v) => JSON.stringify(v)).join(', ')}, got ${preview(params['tagValue'], redact)}`;
    }
    case 'format':
    case 'pattern':
    case 'const':
      return `${error.message ?? 'is invalid'}, got ${preview(error.data, redact)}`;
    default:
      return error.message ?? `fails '${error.keyword}'`;
  }
}

function preview(value: unknown, redact: (text: string) => string): string {
  if (value === undefined) return 'nothing';
  let text: string;
  try {
    text = redact(JSON.stringify(value) ?? String(value));
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

function looksLikeJsonText(value: unknown): boolean {
  if (typeof value !== 'string' || !/^\s*[[{]/.test(value)) return false;
  try {
    return typeof JSON.parse(value) === 'object';
  } catch {
    return false;
  }
}
