import { renderFinding } from '../report';
import { DEFAULT_SPEC_FILE } from '../spec';
import { type Finding, getValidator, type HttpResponse } from '../validation';
import { fromFetchResponse, fromResponseObject, isFetchResponse, type ResponseLike } from './toHttpResponse';
import { trackJudgement } from './unawaitedJudgements';

export interface MatcherOptions {
  /** The OpenAPI document to check against (default: the bundled spec). */
  readonly spec?: string;
  /** Undocumented properties fail instead of being ignored. */
  readonly strict?: boolean;
}

interface MatcherResult {
  pass: boolean;
  message(): string;
}

/**
 * `expect(response).toSatisfyActivityLogSpec()`: status documented, content type documented, body valid.
 * Synchronous for plain, axios and supertest responses; a fetch `Response` returns a promise (`await expect(…)`).
 */
export function toSatisfyActivityLogSpec(
  this: { isNot?: boolean },
  received: ResponseLike,
  options: MatcherOptions = {},
): MatcherResult | Promise<MatcherResult> {
  const specFile = options.spec ?? DEFAULT_SPEC_FILE;
  if (isThenable(received)) {
    // Its outcome is no longer anyone's to handle: a rejected fetch must not end the run later.
    received.then(undefined, () => undefined);
    return {
      // A misuse fails with `.not` as well.
      pass: this.isNot === true,
      message: () =>
        'toSatisfyActivityLogSpec received a Promise, not a response: `await` it first, as in ' +
        '`expect(await fetch(url)).toSatisfyActivityLogSpec()` or `await expect(fetch(url)).resolves.toSatisfyActivityLogSpec()`',
    };
  }
  if (isFetchResponse(received)) {
    if (received.bodyUsed) {
      return {
        pass: false,
        message: () =>
          'the fetch Response given to toSatisfyActivityLogSpec has had its body read already: pass it before ' +
          'calling .json()/.text(), or pass { status, headers, body } with the body you read',
      };
    }
    const judgement = fromFetchResponse(received, specFile).then((r) => judgeResponse(r, options));
    // Unawaited, this would fail after the test; see `failUnawaitedJudgements`.
    return trackJudgement(
      judgement,
      { pass: this.isNot !== true, message: () => '' },
      toSatisfyActivityLogSpec,
    );
  }
  if (
    received === null ||
    typeof received !== 'object' ||
    typeof (received as { status?: unknown }).status !== 'number'
  ) {
    return {
      pass: false,
      message: () =>
        `expected an HTTP response ({status, headers, body}, a fetch Response, or an axios/supertest response), received ${trim(received)}`,
    };
  }
  return judgeResponse(fromResponseObject(received as Record<string, unknown>, specFile), options);
}

/** `expect(body).toMatchSpecSchema('ActivityLogResponse')`: a value against one component schema. */
export function toMatchSpecSchema(
  received: unknown,
  schema: string,
  options: MatcherOptions = {},
): MatcherResult {
  const validator = getValidator(options.spec ?? DEFAULT_SPEC_FILE);
  const findings = validator.validateSchema(schema, received, { strict: options.strict === true });
  const errors = findings.filter((f) => f.severity === 'error');
  const pass = errors.length === 0;
  return {
    pass,
    message: () =>
      pass
        ? `expected value not to match schema '${schema}' of ${validator.spec.file}, but it does.\n\nReceived: ${trim(received)}`
        : `expected value to match schema '${schema}' of ${validator.spec.file}:\n\n${describe(errors)}\n\nReceived: ${trim(received)}`,
  };
}

function judgeResponse(response: HttpResponse, options: MatcherOptions): MatcherResult {
  const validator = getValidator(options.spec ?? DEFAULT_SPEC_FILE);
  const result = validator.validateResponse(response, { strict: options.strict === true });
  const errors = result.findings.filter((f) => f.severity === 'error');
  const what = `${result.operation ?? `${response.method} ${response.path}`} → ${response.status}`;
  return {
    pass: result.valid,
    message: () =>
      result.valid
        ? `expected response not to satisfy ${what} in ${validator.spec.file}, but it does.\n\nReceived body: ${trim(response.body)}`
        : `expected response to satisfy ${what} in ${validator.spec.file}:\n\n${describe(errors)}\n\nReceived body: ${trim(response.body)}`,
  };
}

function describe(findings: readonly Finding[]): string {
  return findings.flatMap(renderFinding).join('\n');
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    (typeof value === 'object' || typeof value === 'function') &&
    value !== null &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}

/** What was received, cut to a size that reads well in a test failure. */
function trim(value: unknown, max = 800): string {
  let text: string;
  try {
    text = JSON.stringify(value, null, 2) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > max ? `${text.slice(0, max)}\n… (${text.length - max} more characters)` : text;
}

/** The matchers, for `expect.extend(activityLogMatchers)` where importing `activity-log-contract/jest` does not fit. */
export const activityLogMatchers = { toSatisfyActivityLogSpec, toMatchSpecSchema };
