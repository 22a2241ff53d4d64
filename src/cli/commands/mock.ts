import { createServer } from 'node:http';
import type { Credentials } from '../../live';
import {
  createMock,
  DEFAULT_FAULTS,
  describeFault,
  type Fault,
  FaultSyntaxError,
  formatRequestLine,
  MOCK_DEFAULTS,
  PREFER_TOKENS,
  parseFault,
} from '../../mock';
import { ListenError, serveUntilStopped } from '../../serve';
import { listOperations } from '../../spec';
import { getValidator } from '../../validation';
import { joinNegativeNumbers, parseCommandArgs, specFileOption } from '../args';
import { type Command, ExitCode, UsageError } from '../command';
import { secretFromEnv } from '../secretFromEnv';
import { stopOnProcessSignals } from '../stopOnProcessSignals';

const OPTIONS = {
  spec: { type: 'string' },
  port: { type: 'string' },
  host: { type: 'string', default: MOCK_DEFAULTS.host },
  seed: { type: 'string' },
  'undocumented-rate': { type: 'string' },
  'fault-rate': { type: 'string' },
  fault: { type: 'string', multiple: true },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

export const mock: Command = {
  name: 'mock',
  help: `Usage: activity-log-contract mock [options]

Serves every operation of the spec on a local port for a consumer's own tests: a well-formed request
gets the documented success status with a generated valid body (the same path and seed, the same body;
the id in the path is the body's id), a request without accepted credentials 401, a missing or
out-of-enum header or parameter (a sequence-version the spec does not list) 400.

The first line on stdout is 'listening on http://HOST:PORT'; one line per request follows on stderr
(method, path, status, fault, ms; never a credential). SIGINT or SIGTERM stops it.

Credentials: with SEQUENCE_CLIENT_ID and SEQUENCE_CLIENT_SECRET set (as 'live' reads them), only that
Basic pair is accepted; with neither set, any well-formed Basic pair.

Faults on request, with a Prefer header (tokens combine: 'Prefer: code=429, retry-after=0'):
${PREFER_TOKENS.map((t) => wrap(`  ${t.token.padEnd(22)} ${t.does}`, 25)).join('\n')}
An invalid body is labelled in the x-mock-violation, x-mock-violation-kind and -pointer headers.

Options:
  --spec <file>         OpenAPI 3.0 or 3.1 document (default: the bundled spec)
  --port <n>            port to listen on; 0 picks a free one (default: ${MOCK_DEFAULTS.port})
  --host <host>         address to listen on (default: ${MOCK_DEFAULTS.host})
  --seed <s>            an integer: the same seed and path give the same body (default: 0)
  --undocumented-rate <r>
                        the chance, 0 to 1, that an object the spec leaves open gets 1 to 3
                        properties the spec does not list (default 0.25); 0 serves spec-exact bodies
  --fault-rate <r>      the share of well-formed requests, 0 to 1, that get a fault (seeded; default 0)
${wrap(`  --fault <prefer>      a fault --fault-rate draws from, written as a Prefer value (repeatable; default: ${DEFAULT_FAULTS.map(describeFault).join(' | ')})`, 24)}
  -h, --help            this help

Exit codes: 0 stopped by SIGINT/SIGTERM, 2 a usage error, a broken spec, or a port it cannot listen on.`,

  async run(args, context) {
    const { values, positionals } = parseCommandArgs(joinNegativeNumbers(args, ['--seed']), OPTIONS);
    if (values.help) {
      context.stdout.write(`${this.help}\n`);
      return ExitCode.ok;
    }
    if (positionals.length > 0) throw new UsageError(`mock takes no arguments, got '${positionals[0]}'`);
    const port = portNumber(values.port);
    const seed = seedNumber(values.seed);
    const faultRate = rate('--fault-rate', values['fault-rate']);
    const undocumented = values['undocumented-rate'];
    const faults = (values.fault ?? []).map(faultOption);
    const credentials = acceptedCredentials(context.env);
    const validator = getValidator(specFileOption(values.spec, context.cwd));
    const { spec } = validator;

    const served = createMock({
      spec,
      validator,
      seed,
      faultRate,
      faults: faults.length > 0 ? faults : DEFAULT_FAULTS,
      ...(undocumented === undefined
        ? {}
        : { generation: { extraPropertyRate: rate('--undocumented-rate', undocumented) } }),
      ...(credentials ? { credentials } : {}),
      log: (entry) => context.stderr.write(`${formatRequestLine(entry)}\n`),
    });
    const processStop = context.signal ? undefined : stopOnProcessSignals();
    const signal = context.signal ?? (processStop as ReturnType<typeof stopOnProcessSignals>).signal;
    signal.addEventListener('abort', () => served.stop(), { once: true });
    const operations = listOperations(spec).length;
    try {
      await serveUntilStopped(createServer(served.handle), {
        host: values.host,
        port,
        signal,
        onListening: (url) => {
          context.stdout.write(`listening on ${url}\n`);
          context.stderr.write(
            `mock: ${operations} operation${operations === 1 ? '' : 's'} of ${spec.file}, seed ${seed}, ` +
              `${credentials ? 'accepting SEQUENCE_CLIENT_ID/SECRET only' : 'accepting any Basic pair'}` +
              `${faultRate > 0 ? `, fault rate ${faultRate}` : ''}\n`,
          );
        },
      });
    } catch (error) {
      if (error instanceof ListenError) throw new UsageError(error.message);
      throw error;
    } finally {
      processStop?.dispose();
    }
    context.stderr.write(`mock: stopped${typeof signal.reason === 'string' ? ` (${signal.reason})` : ''}\n`);
    return ExitCode.ok;
  },
};

/** Wraps a help line at 100 columns, continuation lines indented to `indent`. */
function wrap(line: string, indent: number): string {
  const lines: string[] = [];
  let current = '';
  for (const word of line.split(/(?<=\S) (?=\S)/)) {
    if (current !== '' && current.length + 1 + word.length > 100) {
      lines.push(current);
      current = ' '.repeat(indent) + word;
    } else current = current === '' ? word : `${current} ${word}`;
  }
  return [...lines, current].join('\n');
}

function acceptedCredentials(env: NodeJS.ProcessEnv): Credentials | undefined {
  const clientId = env['SEQUENCE_CLIENT_ID'] || undefined;
  const clientSecret = secretFromEnv(env, 'SEQUENCE_CLIENT_SECRET');
  if (clientId === undefined && clientSecret === undefined) return undefined;
  if (clientId === undefined || clientSecret === undefined) {
    throw new UsageError(
      'set both SEQUENCE_CLIENT_ID and SEQUENCE_CLIENT_SECRET (only that pair is accepted) or neither (any Basic pair is)',
    );
  }
  return { clientId, clientSecret };
}

function faultOption(raw: string): Fault {
  try {
    const fault = parseFault(raw);
    if (fault) return fault;
  } catch (error) {
    if (error instanceof FaultSyntaxError) throw new UsageError(`--fault '${raw}': ${error.message}`);
    throw error;
  }
  throw new UsageError(`--fault '${raw}' asks for no fault`);
}

function portNumber(raw: string | undefined): number {
  if (raw === undefined) return MOCK_DEFAULTS.port;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value > 65_535)
    throw new UsageError(`--port must be an integer from 0 to 65535 (0 picks a free one), not '${raw}'`);
  return value;
}

function seedNumber(raw: string | undefined): number {
  if (raw === undefined) return 0;
  const value = Number(raw);
  if (!/^-?\d+$/.test(raw) || value < -(2 ** 31) || value > 2 ** 31 - 1)
    throw new UsageError(`--seed must be an integer between -2147483648 and 2147483647, not '${raw}'`);
  return value;
}

function rate(flag: string, raw: string | undefined): number {
  if (raw === undefined) return 0;
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(value) || value < 0 || value > 1)
    throw new UsageError(`${flag} must be a number from 0 to 1, such as 0.1, not '${raw}'`);
  return value;
}
