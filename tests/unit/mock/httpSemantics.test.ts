import { writeFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { type RunningMock, startMock } from '../../../src/mock';
import { loadSpec } from '../../../src/spec';
import { scratchDir } from '../../support/scratch';

/** Status, headers and the bytes that came, read with node:http (fetch hides a body a 204 should not have). */
function raw(
  url: string,
  method: string,
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method }, (response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => {
        body += chunk.toString('utf8');
      });
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body }),
      );
    });
    request.on('error', reject);
    request.end();
  });
}

describe('mock: HEAD and bodiless statuses', () => {
  let mock: RunningMock;
  beforeAll(async () => {
    const file = path.join(scratchDir('mock-http'), 'things.yaml');
    writeFileSync(
      file,
      [
        'openapi: 3.0.3',
        'info: { title: things, version: 1.0.0 }',
        'paths:',
        '  /things/{id}:',
        '    parameters: [{ name: id, in: path, required: true, schema: { type: string } }]',
        '    get:',
        '      responses:',
        "        '200':",
        '          description: ok',
        '          content: { application/json: { schema: { type: object, properties: { id: { type: string } } } } }',
        '    delete:',
        "      responses: { '204': { description: gone } }",
      ].join('\n'),
    );
    mock = await startMock({ spec: loadSpec(file), port: 0, seed: 2 });
  });
  afterAll(() => mock.close());

  it('answers HEAD as GET, without the body but with its length', async () => {
    const get = await raw(`${mock.url}/things/a`, 'GET');
    const head = await raw(`${mock.url}/things/a`, 'HEAD');
    expect([head.status, head.body, head.headers['content-length']]).toEqual([
      200,
      '',
      String(Buffer.byteLength(get.body)),
    ]);
  });

  it('sends a 204 without Content-Length or body', async () => {
    const gone = await raw(`${mock.url}/things/a`, 'DELETE');
    expect([gone.status, gone.headers['content-length'], gone.body]).toEqual([204, undefined, '']);
  });
});
