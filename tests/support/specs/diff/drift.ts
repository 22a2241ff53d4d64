import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';
import { DEFAULT_SPEC_FILE, parseSpec, type Spec } from '../../../../src/spec';

// Drifted copies of the bundled document, made by mutating a clone: each test pair says in code what changed.

/** The bundled document as plain data (JSON-compatible YAML, as the suite loads it). */
// biome-ignore lint/suspicious/noExplicitAny: documents are mutated freely by the tests that drift them
export type Doc = any;

const BUNDLED = readFileSync(DEFAULT_SPEC_FILE, 'utf8');

/** A fresh clone of the bundled document. */
export function bundledDoc(): Doc {
  return yaml.load(BUNDLED, { schema: yaml.JSON_SCHEMA });
}

/** The bundled document after `mutate`, as text. */
export function driftedText(mutate: (doc: Doc) => void): string {
  const doc = bundledDoc();
  mutate(doc);
  return yaml.dump(doc, { noRefs: true, lineWidth: 120 });
}

/** The bundled document after `mutate`, loaded and checked like any document (`file` names it in locations). */
export function drifted(mutate: (doc: Doc) => void, file = 'new.yaml'): Spec {
  return parseSpec(driftedText(mutate), file);
}

/** Writes the drifted document to `dir/name` and returns its path. */
export function writeDrifted(dir: string, name: string, mutate: (doc: Doc) => void): string {
  const file = path.join(dir, name);
  writeFileSync(file, driftedText(mutate));
  return file;
}

/** Shortcuts into the bundled document. */
export const schemas = (doc: Doc) => doc.components.schemas;
export const getOperation = (doc: Doc) => doc.paths['/activity-logs/{id}'].get;
export const ok = (doc: Doc) => getOperation(doc).responses['200'];
