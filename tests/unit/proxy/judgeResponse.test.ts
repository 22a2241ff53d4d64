import { gzipSync } from 'node:zlib';
import { judgeResponse } from '../../../src/proxy';
import { getValidator } from '../../../src/validation';
import { exampleActivityLog } from '../../support/sandboxDouble';

const validator = getValidator();
const options = { strict: false, redact: (text: string) => text };
const json = { 'content-type': 'application/json' };
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
    expect(judge(200, { ...json, 'content-encoding': 'gzip' }, broken).findings.length).toBeGreaterThan(0);
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
