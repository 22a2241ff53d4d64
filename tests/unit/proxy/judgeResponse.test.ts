import { gzipSync } from 'node:zlib';
import { judgeReceived } from '../../../src/live/checks';
import { judgeResponse } from '../../../src/proxy';
import { defaultOperation, findResponse } from '../../../src/spec';
import { getValidator } from '../../../src/validation';
import { exampleActivityLog } from '../../support/sandboxDouble';

const validator = getValidator();
const options = { strict: false, redact: (text: string) => text };
const json = { 'content-type': 'application/json' };
const documented200 = findResponse(validator.spec, defaultOperation(validator.spec), 200);
const log = Buffer.from(JSON.stringify(exampleActivityLog('log-1')));

function judge(status: number, headers: Record<string, string>, body: Buffer | undefined) {
  return judgeResponse(
    validator,
    { method: 'GET', path: '/activity-logs/log-1', status, headers, body },
    options,
  );
}

describe('judgeResponse', () => {
  it('passes the spec example as a 200 JSON body', () => {
    expect(judge(200, json, log).findings).toEqual([]);
  });

  it('reads a gzip body the way the client does before judging it', () => {
    expect(judge(200, { ...json, 'content-encoding': 'gzip' }, gzipSync(log)).findings).toEqual([]);
    const broken = gzipSync(Buffer.from(JSON.stringify({ id: 1 })));
    // Judged, not waved through as "not validated": the schema's own findings, as errors.
    const findings = judge(200, { ...json, 'content-encoding': 'gzip' }, broken).findings;
    expect(findings).toContainEqual(
      expect.objectContaining({ rule: 'response_schema_conformance', severity: 'error', pointer: '/id' }),
    );
    expect(findings.filter((f) => f.keyword === 'unchecked')).toEqual([]);
  });

  it('says a body with an encoding it cannot read was not validated (a warning, not a verdict)', () => {
    const [finding] = judge(200, { ...json, 'content-encoding': 'zstd' }, log).findings;
    expect(finding).toMatchObject({ severity: 'warning', message: expect.stringContaining("'zstd'") });
  });

  it('fails a body that is not the JSON its documented type promises, with the spec line', () => {
    const [finding] = judge(200, json, Buffer.from('<html>oops</html>')).findings;
    expect(finding).toMatchObject({ severity: 'error', keyword: 'json', spec: { line: 54 } });
  });

  it('fails a body without a Content-Type', () => {
    const rules = judge(200, {}, log).findings.map((f) => f.rule);
    expect(rules).toEqual(['content_type_conformance']);
  });

  it('says what live says of a body of an undocumented media type: both findings, same words', () => {
    const headers = { 'content-type': 'text/plain' };
    const body = 'plain words';
    const proxied = judge(200, headers, Buffer.from(body)).findings;
    const received = judgeReceived(
      validator,
      { method: 'GET', path: '/activity-logs/log-1', status: 200, headers, body },
      documented200,
      options,
    ).findings;
    expect(proxied.map((f) => [f.rule, f.message])).toEqual([
      ['content_type_conformance', expect.stringContaining('text/plain')],
      ['response_schema_conformance', 'expected application/json, got text/plain: plain words'],
    ]);
    expect(proxied).toEqual(received);
  });

  it('fails a status the spec does not document and passes one it does', () => {
    expect(judge(404, json, Buffer.from('{}')).findings.map((f) => f.rule)).toEqual([
      'status_code_documented',
    ]);
    expect(judge(401, {}, Buffer.alloc(0)).findings).toEqual([]);
  });

  it('says a body too large to keep was not validated', () => {
    const [finding] = judge(200, json, undefined).findings;
    expect(finding).toMatchObject({ severity: 'warning', keyword: 'unchecked' });
  });
});
