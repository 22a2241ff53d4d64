// Stands in for "your parser" in the README's fuzzing example: a correct one, so the example passes.
export { parseActivityLog } from '../support/parsers/correct';
