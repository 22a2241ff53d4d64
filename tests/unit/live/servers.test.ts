import { resolveServer } from '../../../src/live';
import { loadSpec, type Spec } from '../../../src/spec';

const spec = loadSpec();

/** The bundled spec with other `servers`, to put production on an IP literal. */
function withServers(servers: { url: string; description: string }[]): Spec {
  return { ...spec, document: { ...spec.document, servers } };
}

describe('resolveServer', () => {
  it("names the spec's servers by description, case-insensitively", () => {
    expect(resolveServer(spec, 'SANDBOX', false)).toBe('https://sandbox.sequencehq.com');
    expect(resolveServer(spec, 'sandbox', false)).toBe('https://sandbox.sequencehq.com');
  });

  it('refuses PRODUCTION unless allowed, by name or by URL', () => {
    expect(() => resolveServer(spec, 'PRODUCTION', false)).toThrow(
      'refusing to run against PRODUCTION (https://eu.sequencehq.com); the gate is meant for the sandbox. Pass --allow-production to do it anyway.',
    );
    expect(() => resolveServer(spec, 'https://eu.sequencehq.com/', false)).toThrow(
      'refusing to run against PRODUCTION',
    );
    expect(resolveServer(spec, 'PRODUCTION', true)).toBe('https://eu.sequencehq.com');
  });

  it.each([
    'https://eu.sequencehq.com.',
    'http://eu.sequencehq.com',
    'HTTP://EU.SequenceHQ.COM/',
    'https://eu.sequencehq.com:443',
    'http://eu.sequencehq.com:443',
    'https://eu.sequencehq.com:8443/v1',
    'https://eu.sequencehq.com../',
    'https://eu.sequencehq%2Ecom',
    'https://eu%2esequencehq.com.',
    'https://\uff45\uff55.sequencehq.com',
  ])('refuses PRODUCTION written as %s: hosts are compared, not spellings', (choice) => {
    expect(() => resolveServer(spec, choice, false)).toThrow('refusing to run against PRODUCTION');
    expect(resolveServer(spec, choice, true)).toMatch(/^https?:\/\//);
  });

  it('tells IP literals of a production server on an address, in any spelling the URL parser accepts', () => {
    const ipSpec = withServers([
      { url: 'http://10.0.0.7', description: 'PRODUCTION' },
      { url: 'http://[2001:db8::1]', description: 'PRODUCTION' },
      { url: 'http://127.0.0.1:4010', description: 'SANDBOX' },
    ]);
    for (const choice of [
      'http://10.0.0.7.',
      'http://0x0a.0.0.7',
      'http://167772167',
      'https://[::ffff:10.0.0.7]',
      'http://[::ffff:a00:7]:8080',
      'http://[2001:0db8:0:0:0:0:0:1]',
    ]) {
      expect(() => resolveServer(ipSpec, choice, false)).toThrow('refusing to run against PRODUCTION');
    }
    expect(resolveServer(ipSpec, 'SANDBOX', false)).toBe('http://127.0.0.1:4010');
    expect(resolveServer(ipSpec, 'http://10.0.0.8', false)).toBe('http://10.0.0.8');
  });

  it('still takes hosts that only look like production', () => {
    expect(resolveServer(spec, 'https://eu.sequencehq.com.example', false)).toBe(
      'https://eu.sequencehq.com.example',
    );
    expect(resolveServer(spec, 'https://sandbox.sequencehq.com.', false)).toBe(
      'https://sandbox.sequencehq.com.',
    );
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
