import type { Spec } from '../spec';

/** A `--server` value the gate cannot use: printed as a usage error (exit 2). */
export class ServerChoiceError extends Error {
  override readonly name = 'ServerChoiceError';
}

export const DEFAULT_SERVER = 'SANDBOX';
const PRODUCTION = 'PRODUCTION';

/**
 * The base URL for `--server`: a server named by its description in the spec's `servers` (`SANDBOX`,
 * `PRODUCTION`, …; case-insensitive) or an http(s) URL. Production, by name or by URL, needs
 * `allowProduction`: the gate is meant for the sandbox.
 *
 * @example resolveServer(spec, 'SANDBOX', false) // 'https://sandbox.sequencehq.com'
 */
export function resolveServer(spec: Spec, choice: string, allowProduction: boolean): string {
  const servers = spec.document.servers ?? [];
  const named = servers.find((s) => (s.description ?? '').toUpperCase() === choice.toUpperCase());
  const productionHosts = servers
    .filter((s) => (s.description ?? '').toUpperCase() === PRODUCTION)
    .map((s) => hostOf(s.url));
  let url: URL;
  if (named) {
    url = parseUrl(named.url, `the spec's ${named.description} server`);
  } else if (/^[a-z][a-z0-9+.-]*:/i.test(choice)) {
    url = parseUrl(choice, '--server');
  } else {
    const names = servers.map((s) => s.description).filter((d): d is string => !!d);
    throw new ServerChoiceError(
      `--server '${choice}' is neither a server of ${spec.file} (${names.join(', ')}) nor an http(s) URL`,
    );
  }
  // By host alone: production over http, on another port or under another path is still production.
  if (!allowProduction && productionHosts.includes(comparableHost(url))) {
    throw new ServerChoiceError(
      `refusing to run against PRODUCTION (${url.origin}); the gate is meant for the sandbox. ` +
        'Pass --allow-production to do it anyway.',
    );
  }
  return url.href.replace(/\/$/, '');
}

function parseUrl(text: string, what: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new ServerChoiceError(`${what} is not a valid URL: '${text}'`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ServerChoiceError(`${what} must be an http(s) URL, got '${url.protocol}'`);
  }
  if (url.username !== '' || url.password !== '') {
    throw new ServerChoiceError(
      `${what} must not carry credentials; set SEQUENCE_CLIENT_ID and SEQUENCE_CLIENT_SECRET instead`,
    );
  }
  if (url.search !== '' || url.hash !== '') {
    throw new ServerChoiceError(`${what} must be a base URL without query or fragment`);
  }
  return url;
}

function hostOf(text: string): string | undefined {
  try {
    return comparableHost(new URL(text));
  } catch {
    return undefined;
  }
}

/**
 * A URL's host as DNS sees it. The URL parser already lowercases, percent-decodes, applies IDNA and
 * writes IPv4 in dotted decimal (`0x7f.1` is `127.0.0.1`); left are the trailing dot of a fully qualified
 * name and IPv4-mapped IPv6 (`[::ffff:7f00:1]`).
 */
function comparableHost(url: URL): string {
  const host = url.hostname.replace(/\.+$/, '');
  const mapped = /^\[::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})\]$/.exec(host);
  if (!mapped) return host;
  const high = Number.parseInt(mapped[1] ?? '0', 16);
  const low = Number.parseInt(mapped[2] ?? '0', 16);
  return [high >> 8, high & 255, low >> 8, low & 255].join('.');
}
