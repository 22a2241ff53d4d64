import http from 'node:http';
import fc from 'fast-check';
import request from 'supertest';
import 'activity-log-contract/jest';
import { activityLog } from 'activity-log-contract';

// A stand-in for the service you test: it serves one activity log, as your code would.
const [log] = fc.sample(activityLog(), { numRuns: 1, seed: 42 });
const app = http.createServer((_request, response) => {
  response.writeHead(200, { 'content-type': 'application/json' });
  response.end(JSON.stringify(log));
});

test('GET /activity-logs/{id} answers as the spec says', async () => {
  const response = await request(app).get('/activity-logs/abc');
  expect(response).toSatisfyActivityLogSpec(); // status, content type and body, against the bundled spec
  expect(response.body).toMatchSpecSchema('ActivityLogResponse');
  expect({ ...response, status: 404 }).not.toSatisfyActivityLogSpec(); // 404 is not documented
});
