/** JSON Pointer (RFC 6901) helpers, used for instance paths and spec locations alike. */

export function escapeSegment(segment: string | number): string {
  return String(segment).replace(/~/g, '~0').replace(/\//g, '~1');
}

export function unescapeSegment(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** `['paths', '/a/{id}']` → `/paths/~1a~1{id}` */
export function toPointer(segments: readonly (string | number)[]): string {
  return segments.map((s) => `/${escapeSegment(s)}`).join('');
}

/** `/paths/~1a~1{id}` → `['paths', '/a/{id}']`; `''` → `[]` */
export function fromPointer(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) throw new Error(`Not a JSON pointer: ${pointer}`);
  return pointer.slice(1).split('/').map(unescapeSegment);
}

/** The value at `pointer` inside `root`, or `undefined`; only own properties are followed. */
export function getAtPointer(root: unknown, pointer: string): unknown {
  let current: unknown = root;
  for (const segment of fromPointer(pointer)) {
    if (current === null || typeof current !== 'object') return undefined;
    if (!Object.hasOwn(current, segment)) return undefined;
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}

/** The dotted form people read in docs: `components.schemas.X.required`. */
export function toDottedPath(pointer: string): string {
  return fromPointer(pointer).join('.');
}
