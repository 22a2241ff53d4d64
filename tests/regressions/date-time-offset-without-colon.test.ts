import { describeDateTimeRegression } from '../support/dateTimeRegression';

// RFC 3339 §5.6: time-numoffset = ("+" / "-") time-hour ":" time-minute; ajv-formats makes the colon optional.
describeDateTimeRegression('an offset without its colon', [
  '2024-01-01T10:00:00+0100',
  '2024-01-01T10:00:00-0530',
]);
