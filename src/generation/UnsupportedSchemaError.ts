import { escapeSegment } from '../spec/pointer';

/** A schema the generators cannot honour: the keyword and where it is, never silent garbage. */
export class UnsupportedSchemaError extends Error {
  override readonly name = 'UnsupportedSchemaError';
  /** The keyword refused (`not`, `patternProperties`, …) or the one whose value cannot be generated. */
  readonly keyword: string;
  /** Spec pointer of the schema holding it, e.g. `/components/schemas/X/properties/y`. */
  readonly schemaPath: string;

  constructor(keyword: string, schemaPath: string, detail?: string) {
    super(
      `cannot generate values for ${schemaPath || '/'}: ${detail ?? `unsupported keyword '${keyword}'`} (at ${schemaPath}/${escapeSegment(keyword)})`,
    );
    this.keyword = keyword;
    this.schemaPath = schemaPath;
  }
}
