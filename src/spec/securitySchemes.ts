import { deref } from './operations';
import { escapeSegment } from './pointer';
import type { Spec } from './types';

/** A security scheme as the document declares it (`type`, `scheme`, `in`, `name`…), its `$ref` followed. */
export type SecuritySchemeObject = Readonly<Record<string, unknown>>;

/**
 * The document's security schemes by name, each `$ref` followed: the one reader for the mock's auth rules
 * and the proxy's redaction of API keys.
 *
 * @example securitySchemes(spec).get('basicAuth') // { type: 'http', scheme: 'basic' }
 */
export function securitySchemes(spec: Spec): ReadonlyMap<string, SecuritySchemeObject> {
  const components = spec.document.components as { securitySchemes?: Record<string, unknown> } | undefined;
  const schemes = new Map<string, SecuritySchemeObject>();
  for (const [name, raw] of Object.entries(components?.securitySchemes ?? {})) {
    if (raw === null || typeof raw !== 'object') continue;
    const pointer = `/components/securitySchemes/${escapeSegment(name)}`;
    const { value } = deref<SecuritySchemeObject>(spec, raw as SecuritySchemeObject, pointer);
    if (value !== null && typeof value === 'object') schemes.set(name, value);
  }
  return schemes;
}

/**
 * The names of the `apiKey` schemes sent `in` a header (lower case), the query or a cookie.
 *
 * @example apiKeyNames(spec, 'query') // ['api_key']
 */
export function apiKeyNames(spec: Spec, where: 'header' | 'query' | 'cookie'): string[] {
  return [...securitySchemes(spec).values()].flatMap((scheme) => {
    if (scheme['type'] !== 'apiKey' || scheme['in'] !== where || typeof scheme['name'] !== 'string')
      return [];
    return [where === 'header' ? scheme['name'].toLowerCase() : scheme['name']];
  });
}
