import type { FormatDefinition } from 'ajv';
import { dateTimeFormat } from './dateTime';

/** Formats whose ajv-formats definition is replaced by an exact one. */
export const exactFormats: Readonly<Record<string, FormatDefinition<string>>> = {
  'date-time': dateTimeFormat,
};
