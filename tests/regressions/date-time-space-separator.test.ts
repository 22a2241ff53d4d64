import { describeDateTimeRegression } from '../support/dateTimeRegression';

// RFC 3339 §5.6: date-time = full-date "T" full-time; ajv-formats splits on /t|\s/i.
describeDateTimeRegression('a space or other whitespace instead of T', [
  '2024-01-01 10:00:00Z',
  '2024-01-01\t10:00:00Z',
  '2024-01-01\n10:00:00Z',
  '2024-01-01\u00a010:00:00Z',
  '2024-01-01\u200310:00:00Z',
]);
