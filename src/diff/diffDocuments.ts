import { convertSpec, listOperations, type Operation, type Spec } from '../spec';
import { compareParameters, compareRequestBodies } from './compareRequests';
import { compareResponses } from './compareResponses';
import { compareSecurity } from './compareSecurity';
import type { DocumentChange } from './DocumentChange';
import type { OperationScope } from './operationScope';
import type { DocumentSide } from './schemaView';

/**
 * Every change from `oldSpec` to `newSpec` that a consumer can feel, judged on the two documents' schema
 * models: operations, request parameters, request bodies, security, and per response status and media type
 * the body schema and the headers. Changes that only reword, reorder or move schemas are not changes.
 *
 * @example diffDocuments(loadSpec('spec/old.yaml'), loadSpec('spec/new.yaml')).filter((c) => c.severity === 'breaking')
 */
export function diffDocuments(oldSpec: Spec, newSpec: Spec): DocumentChange[] {
  const old: DocumentSide = { spec: oldSpec, model: convertSpec(oldSpec) };
  const next: DocumentSide = { spec: newSpec, model: convertSpec(newSpec) };
  const changes: DocumentChange[] = [];
  const newOperations = new Map(listOperations(newSpec).map((op) => [operationKey(op), op]));
  const matched = new Set<string>();
  for (const before of listOperations(oldSpec)) {
    const key = operationKey(before);
    const after = newOperations.get(key);
    if (after === undefined) {
      changes.push({
        kind: 'api-path-removed',
        severity: 'breaking',
        operation: operationName(before),
        where: 'operation',
        pointer: '',
        message: 'the operation is no longer documented',
        old: oldSpec.locate(before.pointer),
        new: newSpec.locate('/paths'),
      });
      continue;
    }
    matched.add(key);
    compareOperation({ old, new: next, changes, operation: operationName(after) }, before, after);
  }
  for (const [key, after] of newOperations) {
    if (matched.has(key)) continue;
    changes.push({
      kind: 'api-path-added',
      severity: 'safe',
      operation: operationName(after),
      where: 'operation',
      pointer: '',
      message: 'a new operation',
      old: oldSpec.locate('/paths'),
      new: newSpec.locate(after.pointer),
    });
  }
  return changes;
}

/** Path parameters are matched by place, not name: `/logs/{id}` and `/logs/{logId}` are one path. */
function operationKey(operation: Operation): string {
  return `${operation.method} ${operation.path.replace(/\{[^}]*\}/g, '{}')}`;
}

function operationName(operation: Operation): string {
  return `${operation.method.toUpperCase()} ${operation.path}`;
}

function compareOperation(scope: OperationScope, before: Operation, after: Operation): void {
  compareSecurity(scope, before, after);
  compareParameters(scope, before, after);
  compareRequestBodies(scope, before, after);
  compareResponses(scope, before, after);
}
