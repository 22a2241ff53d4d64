import type http from 'node:http';

/** Headers that belong to one connection, not to the message: never forwarded (RFC 9110, 7.6.1). */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

/** The client's headers as it wrote them, for the target: its Host, and no hop-by-hop header. */
export function forwardedHeaders(raw: readonly string[], host: string): string[] {
  const out: string[] = [];
  const dropped = connectionTokens(raw);
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = (raw[i] ?? '').toLowerCase();
    if (name === 'host' || HOP_BY_HOP.has(name) || dropped.has(name)) continue;
    out.push(raw[i] ?? '', raw[i + 1] ?? '');
  }
  out.push('Host', host);
  return out;
}

/** The target's headers as it wrote them, for the client, without its hop-by-hop ones. */
export function passedHeaders(raw: readonly string[]): string[] {
  const out: string[] = [];
  const dropped = connectionTokens(raw);
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = (raw[i] ?? '').toLowerCase();
    if (HOP_BY_HOP.has(name) || dropped.has(name)) continue;
    out.push(raw[i] ?? '', raw[i + 1] ?? '');
  }
  return out;
}

/** Headers a `Connection` header names are hop-by-hop too. */
function connectionTokens(raw: readonly string[]): Set<string> {
  const tokens = new Set<string>();
  for (let i = 0; i + 1 < raw.length; i += 2) {
    if ((raw[i] ?? '').toLowerCase() !== 'connection') continue;
    for (const token of (raw[i + 1] ?? '').split(',')) tokens.add(token.trim().toLowerCase());
  }
  return tokens;
}

export function flatHeaders(headers: http.IncomingHttpHeaders): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}
