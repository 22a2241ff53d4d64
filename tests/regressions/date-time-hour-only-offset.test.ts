import { describeDateTimeRegression } from '../support/dateTimeRegression';

// RFC 3339 §5.6: the offset's minutes are required; ajv-formats makes them optional.
describeDateTimeRegression('an offset of hours only', ['2024-01-01T10:00:00+01', '2024-01-01T10:00:00-05']);
