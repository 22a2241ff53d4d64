import {
  MatchersV3,
  type V3Request as V4Request,
  type V3Response as V4Response,
} from '@pact-foundation/pact';
import {
  defaultOperation,
  deref,
  escapeSegment,
  findResponse,
  type MediaTypeObject,
  type Operation,
  operationParameters,
  type SchemaObject,
  type Spec,
} from '../spec';
import { bodyMatcher, type FieldSelection } from './bodyMatcher';
import { ACTIVITY_LOG_ID_PARAM, PROVIDER_STATES, type ProviderState } from './providerStates';

/** One interaction of the consumer pact, as data: the consumer test registers it, the checks read it. */
export interface ActivityLogInteraction {
  readonly description: string;
  readonly providerState: ProviderState;
  readonly stateParams: { readonly [ACTIVITY_LOG_ID_PARAM]: string };
  readonly request: V4Request;
  readonly response: V4Response;
}

/** Placeholder credentials the consumer tests send; a verifier's request filter swaps in real ones. */
export const PACT_EXAMPLE_CREDENTIALS = {
  clientId: 'example-client-id',
  clientSecret: 'example-client-secret',
};
/** Credentials the provider must refuse (the 401 interaction); the request filter leaves them alone. */
export const PACT_INVALID_CREDENTIALS = {
  clientId: 'invalid-client-id',
  clientSecret: 'invalid-client-secret',
};

const JSON_MEDIA_TYPE = 'application/json';

/**
 * The interactions our consumer relies on, derived from the spec's default operation: a 200 with every
 * documented field, a 200 with only the required ones, and a 401 for refused credentials.
 *
 * @example for (const i of activityLogInteractions(loadSpec())) console.log(i.description);
 */
export function activityLogInteractions(spec: Spec): ActivityLogInteraction[] {
  const operation = defaultOperation(spec);
  const ok = findResponse(spec, operation, 200);
  const media = ok?.object.content?.[JSON_MEDIA_TYPE];
  if (!ok || !media?.schema) {
    throw new Error(`${spec.file}: ${label(operation)} documents no ${JSON_MEDIA_TYPE} body for 200`);
  }
  const schemaPointer = `${ok.pointer}/content/${escapeSegment(JSON_MEDIA_TYPE)}/schema`;
  const example = mediaExample(spec, media, schemaPointer);
  const exampleId = (example as { id?: unknown } | undefined)?.id;
  if (typeof exampleId !== 'string') {
    throw new Error(`${spec.file}: the 200 example of ${label(operation)} has no string 'id' to request`);
  }
  const stateParams = { [ACTIVITY_LOG_ID_PARAM]: exampleId };
  const okResponse = (select: FieldSelection): V4Response => ({
    status: 200,
    // The media type, with or without parameters such as charset.
    headers: { 'Content-Type': MatchersV3.regex('^application/json(;.*)?$', JSON_MEDIA_TYPE) },
    body: bodyMatcher(spec, media.schema as SchemaObject, example, select, schemaPointer),
  });

  return [
    {
      description: 'a request for an activity log with every documented field',
      providerState: PROVIDER_STATES.fullActivityLog,
      stateParams,
      request: request(spec, operation, exampleId, PACT_EXAMPLE_CREDENTIALS),
      response: okResponse('all'),
    },
    {
      description: 'a request for an activity log with only its required fields',
      providerState: PROVIDER_STATES.requiredOnlyActivityLog,
      stateParams,
      request: request(spec, operation, exampleId, PACT_EXAMPLE_CREDENTIALS),
      response: okResponse('required'),
    },
    {
      description: 'a request for an activity log without valid credentials',
      providerState: PROVIDER_STATES.invalidCredentials,
      stateParams,
      request: request(spec, operation, exampleId, PACT_INVALID_CREDENTIALS),
      response: { status: 401 },
    },
  ];
}

function request(
  spec: Spec,
  operation: Operation,
  exampleId: string,
  credentials: { clientId: string; clientSecret: string },
): V4Request {
  const [before, after] = operation.path.split('{id}') as [string, string | undefined];
  if (after === undefined) throw new Error(`${spec.file}: ${label(operation)} has no {id} path parameter`);
  const headers: Record<string, unknown> = {};
  for (const parameter of operationParameters(spec, operation)) {
    if (parameter.in !== 'header') continue;
    const schema = deref<SchemaObject>(spec, parameter.schema ?? {}, '').value;
    const enumValues = schema['enum'];
    if (parameter.name.toLowerCase() === 'authorization') {
      const basic = Buffer.from(`${credentials.clientId}:${credentials.clientSecret}`).toString('base64');
      // Any string, as the spec says; the example is placeholder credentials, never real ones.
      headers[parameter.name] = MatchersV3.string(`Basic ${basic}`);
    } else if (Array.isArray(enumValues) && enumValues.length === 1) {
      // A one-value enum (sequence-version: 2024-07-30) is pinned exactly: the consumer sends that version.
      headers[parameter.name] = String(enumValues[0]);
    } else if (parameter.required) {
      throw new Error(`${spec.file}: no rule to fill the required header '${parameter.name}'`);
    }
  }
  return {
    method: operation.method.toUpperCase(),
    // The id comes from the provider state, so a verifier against a real sandbox can substitute a real one.
    path: MatchersV3.fromProviderState(
      `${before}\${${ACTIVITY_LOG_ID_PARAM}}${after}`,
      `${before}${encodeURIComponent(exampleId)}${after}`,
    ),
    headers: headers as NonNullable<V4Request['headers']>,
  };
}

/** The spec's example of a response body: the media type's `example`, its first `examples` entry, the schema's. */
function mediaExample(spec: Spec, media: MediaTypeObject, schemaPointer: string): unknown {
  if (media.example !== undefined) return media.example;
  const first = Object.values(media.examples ?? {})[0];
  if (first?.value !== undefined) return first.value;
  const raw = media.schema as SchemaObject;
  if (raw['example'] !== undefined) return raw['example'];
  return deref<SchemaObject>(spec, raw, schemaPointer).value['example'];
}

function label(operation: Operation): string {
  return `${operation.method.toUpperCase()} ${operation.path}`;
}
