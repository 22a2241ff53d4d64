import type { Operation, ParameterObject } from '../spec';
import { type CurlAuth, curlCommand } from './curl';
import type { ProbeKind } from './LiveReport';
import type { Credentials, Redactor } from './redact';
import { shownId } from './shownId';

/** A pair the provider cannot know: the `auth_enforced` probe expects it refused. */
export const WRONG_CREDENTIALS = {
  user: 'activity-log-contract-probe',
  password: 'not-a-valid-secret',
} as const;
/** A version no provider documents: the `version_header` probe expects it refused as the spec says. */
export const UNKNOWN_VERSION = '1970-01-01';

/** One request the gate sends, ready to go: URL, headers, and how to show and reproduce it. */
export interface Probe {
  readonly kind: ProbeKind;
  readonly id: string;
  /** The concrete path (`/activity-logs/abc`), as recordings carry it. */
  readonly path: string;
  readonly url: string;
  /** `GET /activity-logs/abc (no credentials)`, redacted. */
  readonly label: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly reproduction: string;
}

/** The operation's version header: its name, the version to send, all it allows, its spec pointer. */
export interface VersionHeader {
  readonly name: string;
  readonly value: string;
  readonly allowed: readonly string[];
  readonly pointer: string;
}

/**
 * The read of each id, then (unless `withProbes` is false) the probes made with the first id: no
 * credentials, wrong credentials, and an unknown version when the spec documents a version header.
 */
export function buildProbes(options: {
  readonly operation: Operation;
  readonly parameters: readonly ParameterObject[];
  readonly version: VersionHeader | undefined;
  readonly baseUrl: string;
  readonly ids: readonly string[];
  readonly credentials: Credentials;
  readonly redact: Redactor;
  readonly withProbes: boolean;
}): Probe[] {
  const { operation, parameters, version, credentials, redact } = options;
  const basic = (user: string, password: string) =>
    `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
  const probe = (kind: ProbeKind, id: string): Probe => {
    const base = options.baseUrl.replace(/\/$/, '');
    const path = concretePath(operation, parameters, encodeURIComponent(id));
    const url = `${base}${path}`;
    // What output shows: an id of any length would make every line that quotes it as long.
    const shownPath = concretePath(operation, parameters, shownId(id, encodeURIComponent));
    const shown: Record<string, string> = {};
    if (version) shown[version.name] = kind === 'unknown_version' ? UNKNOWN_VERSION : version.value;
    const headers: Record<string, string> = { accept: 'application/json', ...shown };
    let auth: CurlAuth = 'environment';
    if (kind === 'no_credentials') auth = 'none';
    else if (kind === 'wrong_credentials') {
      auth = WRONG_CREDENTIALS;
      headers['authorization'] = basic(WRONG_CREDENTIALS.user, WRONG_CREDENTIALS.password);
    } else headers['authorization'] = basic(credentials.clientId, credentials.clientSecret);
    const suffix = {
      read: '',
      no_credentials: ' (no credentials)',
      wrong_credentials: ' (wrong credentials)',
      unknown_version: ` (${version?.name}: ${UNKNOWN_VERSION})`,
    }[kind];
    return {
      kind,
      id,
      path,
      url,
      label: redact(`GET ${shownPath}${suffix}`),
      headers,
      reproduction: redact(curlCommand(`${base}${shownPath}`, shown, auth)),
    };
  };

  const [first] = options.ids;
  const probes = options.ids.map((id) => probe('read', id));
  if (first !== undefined && options.withProbes) {
    probes.push(probe('no_credentials', first), probe('wrong_credentials', first));
    if (version) probes.push(probe('unknown_version', first));
  }
  return probes;
}

/** The header parameter of the operation named like `*version*` with an enum: `sequence-version` here. */
export function versionHeader(
  operation: Operation,
  parameters: readonly ParameterObject[],
): VersionHeader | undefined {
  const parameter = parameters.find((p) => p.in === 'header' && /version/i.test(p.name));
  const allowed = (parameter?.schema?.['enum'] as unknown[] | undefined)?.filter(
    (v): v is string => typeof v === 'string',
  );
  const value = allowed?.[allowed.length - 1];
  if (!parameter || !allowed || value === undefined) return undefined;
  const index = (operation.object.parameters ?? []).findIndex(
    (p) => 'name' in p && p.name === parameter.name,
  );
  const pointer = index >= 0 ? `${operation.pointer}/parameters/${index}` : operation.pointer;
  return { name: parameter.name.toLowerCase(), value, allowed, pointer };
}

/** The operation's path with `segment` (an id, already encoded) for each path parameter. */
function concretePath(operation: Operation, parameters: readonly ParameterObject[], segment: string): string {
  const pathParameters = parameters.filter((p) => p.in === 'path');
  let path = operation.path;
  for (const p of pathParameters) path = path.split(`{${p.name}}`).join(segment);
  return path;
}
