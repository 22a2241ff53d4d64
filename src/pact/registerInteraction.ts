import type { PactV4 } from '@pact-foundation/pact';
// The builder's type-state interfaces are not re-exported from the package root (type-only import).
import type { V4InteractionWithResponse } from '@pact-foundation/pact/src/v4/http/types';
import type { ActivityLogInteraction } from './activityLogInteractions';

/**
 * Adds a derived interaction to a `PactV4` and returns it ready for `executeTest`, so the compiler still
 * refuses a test before the request and the response exist.
 *
 * @example await registerInteraction(pact, interaction).executeTest(async (server) => { … });
 */
export function registerInteraction(
  pact: PactV4,
  definition: ActivityLogInteraction,
): V4InteractionWithResponse {
  const { request, response } = definition;
  return pact
    .addInteraction()
    .given(definition.providerState, { ...definition.stateParams })
    .uponReceiving(definition.description)
    .withRequest(request.method, request.path, (builder) => {
      if (request.headers) builder.headers(request.headers);
    })
    .willRespondWith(response.status, (builder) => {
      if (response.headers) builder.headers(response.headers);
      if (response.body !== undefined) builder.jsonBody(response.body);
    });
}
