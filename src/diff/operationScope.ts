import { fromPointer } from '../spec';
import type { ComparisonScope, Direction } from './compareSchemas';
import type { DocumentChange } from './DocumentChange';
import type { DocumentSide } from './schemaView';

/** One operation present in both documents, and where its changes go. */
export interface OperationScope {
  readonly old: DocumentSide;
  readonly new: DocumentSide;
  readonly changes: DocumentChange[];
  readonly operation: string;
}

/** Records a change, located in both documents. */
export function push(
  scope: OperationScope,
  change: Omit<DocumentChange, 'operation' | 'old' | 'new'>,
  oldPointer: string,
  newPointer: string,
): void {
  scope.changes.push({
    ...change,
    operation: scope.operation,
    old: scope.old.spec.locate(oldPointer),
    new: scope.new.spec.locate(newPointer),
  });
}

/** The scope a schema comparison of this operation records into. */
export function schemaScope(
  scope: OperationScope,
  direction: Direction,
  prefix: string,
  where: string,
): ComparisonScope {
  return { ...scope, direction, prefix, where };
}

/** The schema a spec pointer holds, as the model converted it; an absent schema accepts anything. */
export function schemaAt(side: DocumentSide, pointer: string): unknown {
  return side.model.siteAt(pointer)?.schema ?? true;
}

/** `application/json` from a media type's pointer (`…/content/application~1json`). */
export function mediaKey(mediaPointer: string): string {
  return (fromPointer(mediaPointer).at(-1) ?? '').toLowerCase();
}
