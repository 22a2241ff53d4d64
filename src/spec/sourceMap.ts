import { isMap, isPair, isScalar, isSeq, LineCounter, type Node, parseDocument } from 'yaml';
import { escapeSegment } from './pointer';

/**
 * Maps JSON pointers into a YAML document to 1-based line numbers.
 * js-yaml (which loads the values) exposes no node positions, so the `yaml` package's AST is read for lines only.
 */
export function buildLineMap(source: string): Map<string, number> {
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter, keepSourceTokens: false });
  const lines = new Map<string, number>();
  const lineOf = (offset: number): number => lineCounter.linePos(offset).line;

  const visit = (node: unknown, pointer: string): void => {
    if (isMap(node)) {
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
        const child = `${pointer}/${escapeSegment(key)}`;
        const keyRange = (pair.key as Node | null)?.range;
        if (keyRange) lines.set(child, lineOf(keyRange[0]));
        visit(pair.value, child);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, index) => {
        const child = `${pointer}/${index}`;
        const range = (item as Node | null)?.range;
        if (range) lines.set(child, lineOf(range[0]));
        visit(item, child);
      });
    }
  };
  const rootRange = (doc.contents as Node | null)?.range;
  if (rootRange) lines.set('', lineOf(rootRange[0]));
  visit(doc.contents, '');
  return lines;
}
