/** The parts of an OpenAPI 3.0 or 3.1 document this suite reads; everything else passes through untouched. */

export type SchemaObject = { readonly [keyword: string]: unknown };

export interface ReferenceObject {
  readonly $ref: string;
}

export interface MediaTypeObject {
  readonly schema?: SchemaObject;
  readonly example?: unknown;
  readonly examples?: { readonly [name: string]: { readonly value?: unknown; readonly summary?: string } };
}

export interface ResponseObject {
  readonly description?: string;
  readonly content?: { readonly [mediaType: string]: MediaTypeObject };
  readonly headers?: { readonly [name: string]: unknown };
}

export interface ParameterObject {
  readonly name: string;
  readonly in: 'path' | 'query' | 'header' | 'cookie';
  readonly required?: boolean;
  readonly schema?: SchemaObject;
  readonly content?: { readonly [mediaType: string]: MediaTypeObject };
}

export interface OperationObject {
  readonly operationId?: string;
  readonly servers?: readonly ServerObject[];
  readonly summary?: string;
  readonly parameters?: readonly (ParameterObject | ReferenceObject)[];
  readonly responses: { readonly [status: string]: ResponseObject | ReferenceObject };
}

export interface ServerObject {
  readonly url: string;
  readonly description?: string;
  readonly variables?: { readonly [name: string]: { readonly default?: string } };
}

export interface OpenApiDocument {
  readonly openapi: string;
  readonly info: { readonly title: string; readonly version: string };
  readonly servers?: readonly ServerObject[];
  /** Required in 3.0, optional in 3.1 (a document of webhooks or components only). */
  readonly paths?: { readonly [path: string]: { readonly [key: string]: unknown } };
  readonly components?: { readonly schemas?: { readonly [name: string]: SchemaObject } };
}

/** Where something lives in the spec: a JSON pointer, its dotted form, and its line in the YAML file. */
export interface SpecLocation {
  readonly pointer: string;
  readonly path: string;
  readonly file: string;
  readonly line: number | undefined;
}

/** A loaded, checked OpenAPI document. */
export interface Spec {
  /** The file as the user named it (relative to the working directory when inside it). */
  readonly file: string;
  /** The schema dialect: 3.0's (nullable, boolean exclusive bounds) or 3.1's (JSON Schema 2020-12). */
  readonly version: '3.0' | '3.1';
  readonly document: OpenApiDocument;
  /** The spec location of a pointer; a pointer the YAML does not spell out maps to its nearest ancestor's line. */
  locate(pointer: string): SpecLocation;
}
