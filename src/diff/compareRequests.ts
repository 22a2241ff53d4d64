import {
  deref,
  getAtPointer,
  mediaTypes,
  type Operation,
  operationParameterPointers,
  type ParameterObject,
  type Spec,
} from '../spec';
import { compareSchemas } from './compareSchemas';
import { mediaKey, type OperationScope, push, schemaAt, schemaScope } from './operationScope';

// What an old client sends must still be taken: parameters and request bodies, compared in the request direction.

function parametersOf(
  spec: Spec,
  operation: Operation,
): Map<string, { pointer: string; object: ParameterObject }> {
  const found = new Map<string, { pointer: string; object: ParameterObject }>();
  for (const pointer of operationParameterPointers(spec, operation)) {
    const object = getAtPointer(spec.document, pointer) as ParameterObject;
    const name = object.in === 'header' ? object.name.toLowerCase() : object.name;
    // Path parameters are positional: renaming `{id}` to `{logId}` changes no request.
    const key =
      object.in === 'path' ? `path:${pathIndex(operation.path, object.name)}` : `${object.in}:${name}`;
    found.set(key, { pointer, object });
  }
  return found;
}

function pathIndex(template: string, name: string): number {
  const names: string[] = template.match(/\{[^}]*\}/g) ?? [];
  return names.indexOf(`{${name}}`);
}

export function compareParameters(scope: OperationScope, before: Operation, after: Operation): void {
  const o = parametersOf(scope.old.spec, before);
  const n = parametersOf(scope.new.spec, after);
  for (const [key, { pointer, object }] of n) {
    const was = o.get(key);
    const where = `${object.in} parameter ${object.name}`;
    if (was === undefined) {
      const required = object.required === true;
      push(
        scope,
        {
          kind: required ? 'new-required-request-parameter' : 'new-optional-request-parameter',
          severity: required ? 'breaking' : 'safe',
          where,
          pointer: '',
          message: `${required ? 'required' : 'optional'} ${where} added${required ? ': requests without it are refused' : ''}`,
        },
        `${before.pointer}/parameters`,
        pointer,
      );
      continue;
    }
    // A path parameter is always required, whatever `required` says: it cannot become optional.
    const required = object.required === true;
    if ((was.object.required === true) !== required && (required || object.in !== 'path')) {
      const now = required ? 'required' : 'optional';
      push(
        scope,
        {
          kind: `request-parameter-became-${now}`,
          severity: required ? 'breaking' : 'safe',
          where,
          pointer: '',
          message: `${where} is now ${now}`,
        },
        `${was.pointer}/required`,
        `${pointer}/required`,
      );
    }
    compareSchemas(
      schemaScope(scope, 'request', 'request-parameter', where),
      schemaAt(scope.old, parameterSchemaPointer(was)),
      schemaAt(scope.new, parameterSchemaPointer({ pointer, object })),
    );
  }
  for (const [key, { pointer, object }] of o) {
    if (n.has(key)) continue;
    push(
      scope,
      {
        kind: 'request-parameter-removed',
        severity: 'warning',
        where: `${object.in} parameter ${object.name}`,
        pointer: '',
        message: `${object.in} parameter ${object.name} is no longer documented: the provider may ignore or refuse it`,
      },
      pointer,
      `${after.pointer}/parameters`,
    );
  }
}

/** A parameter's schema: `schema`, or the one media type of `content`. */
function parameterSchemaPointer(parameter: { pointer: string; object: ParameterObject }): string {
  if (parameter.object.schema !== undefined) return `${parameter.pointer}/schema`;
  const [media] = mediaTypes(parameter.object.content, parameter.pointer);
  return media === undefined ? `${parameter.pointer}/schema` : `${media.pointer}/schema`;
}

function requestBodyOf(
  spec: Spec,
  operation: Operation,
): { pointer: string; required: boolean; content: unknown } | undefined {
  const raw = (operation.object as { requestBody?: object }).requestBody;
  if (raw === undefined) return undefined;
  const body = deref<{ required?: boolean; content?: unknown }>(
    spec,
    raw,
    `${operation.pointer}/requestBody`,
  );
  return { pointer: body.pointer, required: body.value?.required === true, content: body.value?.content };
}

export function compareRequestBodies(scope: OperationScope, before: Operation, after: Operation): void {
  const o = requestBodyOf(scope.old.spec, before);
  const n = requestBodyOf(scope.new.spec, after);
  if (n === undefined) return;
  if (o === undefined) {
    push(
      scope,
      {
        kind: n.required ? 'request-body-added-required' : 'request-body-added-optional',
        severity: n.required ? 'breaking' : 'safe',
        where: 'request body',
        pointer: '',
        message: `a ${n.required ? 'required' : 'optional'} request body is now documented`,
      },
      before.pointer,
      n.pointer,
    );
    return;
  }
  if (!o.required && n.required) {
    push(
      scope,
      {
        kind: 'request-body-became-required',
        severity: 'breaking',
        where: 'request body',
        pointer: '',
        message: 'the request body is now required',
      },
      o.pointer,
      `${n.pointer}/required`,
    );
  }
  const newMedia = new Map(mediaTypes(n.content, n.pointer).map((m) => [mediaKey(m.pointer), m]));
  for (const media of mediaTypes(o.content, o.pointer)) {
    const type = mediaKey(media.pointer);
    const match = newMedia.get(type);
    if (match === undefined) {
      push(
        scope,
        {
          kind: 'request-body-media-type-removed',
          severity: 'breaking',
          where: `request body ${type}`,
          pointer: '',
          message: `request bodies of ${type} are no longer accepted`,
        },
        media.pointer,
        `${n.pointer}/content`,
      );
      continue;
    }
    compareSchemas(
      schemaScope(scope, 'request', 'request', `request body ${type}`),
      schemaAt(scope.old, `${media.pointer}/schema`),
      schemaAt(scope.new, `${match.pointer}/schema`),
    );
  }
}
