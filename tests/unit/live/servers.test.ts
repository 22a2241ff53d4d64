import { resolveServer } from '../../../src/live';
import { loadSpec } from '../../../src/spec';

const spec = loadSpec();

describe('resolveServer', () => {
  it("names the spec's servers by description, case-insensitively", () => {
    expect(resolveServer(spec, 'SANDBOX', false)).toBe('https://sandbox.sequencehq.com');
    expect(resolveServer(spec, 'sandbox', false)).toBe('https://sandbox.sequencehq.com');
  });

  it('refuses PRODUCTION unless allowed, by name or by URL', () => {
    expect(() => resolveServer(spec, 'PRODUCTION', false)).toThrow(
      'refusing to run against PRODUCTION (https://eu.sequencehq.com); the live gate is meant for the sandbox. Pass --allow-production to do it anyway.',
    );
    expect(() => resolveServer(spec, 'https://eu.sequencehq.com/', false)).toThrow(
      'refusing to run against PRODUCTION',
    );
    expect(resolveServer(spec, 'PRODUCTION', true)).toBe('https://eu.sequencehq.com');
  });

  it('takes an http(s) base URL, keeping its path', () => {
    expect(resolveServer(spec, 'http://127.0.0.1:4010/', false)).toBe('http://127.0.0.1:4010');
    expect(resolveServer(spec, 'http://127.0.0.1:4010/api/', false)).toBe('http://127.0.0.1:4010/api');
  });

  it('refuses anything else with a message naming the choices', () => {
    expect(() => resolveServer(spec, 'STAGING', false)).toThrow(
      "--server 'STAGING' is neither a server of spec/activity-stream.2024-07-30.yaml (E2E, DEV, SANDBOX, PRODUCTION) nor an http(s) URL",
    );
    expect(() => resolveServer(spec, 'ftp://127.0.0.1', false)).toThrow("must be an http(s) URL, got 'ftp:'");
    expect(() => resolveServer(spec, 'http://127.0.0.1/?x=1', false)).toThrow('without query or fragment');
  });

  it('refuses credentials in the URL, without echoing them', () => {
    let message = '';
    try {
      resolveServer(spec, 'http://user:hunter2@127.0.0.1', false);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toBe(
      '--server must not carry credentials; set SEQUENCE_CLIENT_ID and SEQUENCE_CLIENT_SECRET instead',
    );
  });
});
