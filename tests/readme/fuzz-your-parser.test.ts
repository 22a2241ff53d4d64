import { activityLog, assertParser, invalidActivityLog } from 'activity-log-contract';
import fc from 'fast-check';
import { parseActivityLog } from './parseActivityLog'; // your parser: returns the log, throws an Error on bad input

test('parseActivityLog keeps every valid activity log', () => {
  fc.assert(fc.property(activityLog(), (log) => expect(parseActivityLog(structuredClone(log))).toEqual(log)));
});

test('parseActivityLog rejects every invalid one, whatever the violation', () => {
  // Each sample is a valid log with one labelled violation, e.g. "/activityLogItems/2/verb: required property removed".
  fc.assert(
    fc.property(invalidActivityLog(), ({ value }) => expect(() => parseActivityLog(value)).toThrow(Error)),
  );
});

test('parseActivityLog passes the whole harness: valid, invalid, additions, no non-Error throws, no hangs', async () => {
  // 200 runs a property; a call still running after 500 ms (an endless loop too) is stopped and reported.
  const properties = ['accepts-valid', 'rejects-invalid', 'tolerates-additions'] as const;
  await assertParser(parseActivityLog, { properties });
});
