import { MatchersV3 } from '@pact-foundation/pact';
import {
  activityLogInteractions,
  bodyMatcher,
  PROVIDER_STATES,
  RFC3339_DATE_TIME_PATTERN,
} from '../../../src/pact';
import { loadSpec, parseSpec } from '../../../src/spec';
import { createValidator } from '../../../src/validation';

const spec = loadSpec();
const validator = createValidator(spec);
const interactions = activityLogInteractions(spec);
function byState(state: string) {
  const found = interactions.find((i) => i.providerState === state);
  if (!found) throw new Error(`no interaction for '${state}'`);
  return found;
}

describe('activityLogInteractions', () => {
  it('derives one interaction per provider state', () => {
    expect(interactions.map((i) => i.providerState).sort()).toEqual(Object.values(PROVIDER_STATES).sort());
  });

  it('gives full and required-only example bodies that satisfy the spec, every optional field only in the full one', () => {
    const full = MatchersV3.reify(byState(PROVIDER_STATES.fullActivityLog).response.body) as Record<
      string,
      unknown
    >;
    const minimal = MatchersV3.reify(
      byState(PROVIDER_STATES.requiredOnlyActivityLog).response.body,
    ) as Record<string, unknown>;
    for (const body of [full, minimal]) {
      expect(
        validator.validateResponse({ method: 'GET', path: '/activity-logs/x', status: 200, body }).findings,
      ).toEqual([]);
    }
    expect(Object.keys(full).sort()).toEqual(
      Object.keys(
        spec.document.components?.schemas?.['ActivityLogResponse']?.['properties'] as object,
      ).sort(),
    );
    expect(Object.keys(minimal).sort()).toEqual(
      ((spec.document.components?.schemas?.['ActivityLogResponse']?.['required'] ?? []) as string[])
        .slice()
        .sort(),
    );
    const [item] = minimal['activityLogItems'] as Record<string, unknown>[];
    expect(item).not.toHaveProperty('activityLogTarget');
    expect(item?.['activityLogActor']).toEqual({
      entityType: 'USER',
      id: '550e8400-e29b-41d4-a716-446655440000',
    });
  });

  it('pins strings by type, date-times by the RFC 3339 regex and arrays with the spec minimum (0)', () => {
    const body = byState(PROVIDER_STATES.fullActivityLog).response.body as Record<
      string,
      Record<string, unknown>
    >;
    expect(body['id']).toEqual({
      'pact:matcher:type': 'type',
      value: 'aa0e8400-e29b-41d4-a716-446655440005',
    });
    expect(body['createdAt']).toMatchObject({
      'pact:matcher:type': 'regex',
      regex: RFC3339_DATE_TIME_PATTERN,
    });
    expect(body['activityLogItems']).toMatchObject({ 'pact:matcher:type': 'type', min: 0 });
    // No UUID regex anywhere: ids are plain strings in the spec.
    expect(JSON.stringify(body)).not.toMatch(/\[0-9a-f\]\{8\}|uuid/i);
  });

  it('takes the request path id from the provider state and pins the one documented API version', () => {
    const request = byState(PROVIDER_STATES.fullActivityLog).request;
    expect(request.path).toMatchObject({
      'pact:matcher:type': 'type',
      'pact:generator:type': 'ProviderState',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a Pact provider-state expression, not a JS template
      expression: '/activity-logs/${activityLogId}',
    });
    expect(request.headers).toMatchObject({ 'sequence-version': '2024-07-30' });
  });

  it('follows the spec: a new enum and a new required field show up without code changes', () => {
    const changed = parseSpec(
      JSON.stringify({
        ...spec.document,
        components: {
          schemas: {
            ...spec.document.components?.schemas,
            ActivityLogActorResponse: {
              type: 'object',
              required: ['id', 'entityType', 'role'],
              properties: {
                id: { type: 'string', example: 'a' },
                entityType: { type: 'string', enum: ['USER', 'API_KEY'], example: 'USER' },
                role: { type: 'integer', example: 3 },
              },
            },
          },
        },
      }),
      'changed.json',
    );
    const body = activityLogInteractions(changed)[1]?.response.body as {
      activityLogItems: { value: { activityLogActor: Record<string, unknown> }[] };
    };
    const actor = body.activityLogItems.value[0]?.activityLogActor ?? {};
    expect(actor['entityType']).toMatchObject({ 'pact:matcher:type': 'regex', regex: '^(USER|API_KEY)$' });
    expect(actor['role']).toMatchObject({ 'pact:matcher:type': 'integer', value: 3 });
  });
});

describe('bodyMatcher', () => {
  it('refuses a property it has no example for, naming where', () => {
    expect(() =>
      bodyMatcher(
        spec,
        { type: 'object', required: ['x'], properties: { x: { type: 'string' } } },
        {},
        'all',
        '/s',
      ),
    ).toThrow(/no example to pin for the schema at \/s\/properties\/x/);
  });

  it('refuses schema composition rather than pinning one branch', () => {
    expect(() => bodyMatcher(spec, { oneOf: [{ type: 'string' }] }, 'a', 'all', '/s')).toThrow(
      /'oneOf' at \/s/,
    );
  });
});
