import { writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  createRedactor,
  isLoopback,
  LOOPBACK_ONLY_ENV,
  type Redactor,
  resolveServer,
  ServerChoiceError,
} from '../../live';
import { makeDirectory } from '../../makeDirectory';
import { createProxy, type ProxyExchange, type ProxyOutcome, type ProxyTally } from '../../proxy';
import {
  addToSummary,
  emptySummary,
  FindingGroups,
  formatCount,
  outcomeOf,
  type ReportEntry,
  renderEntry,
  renderGroupedFindings,
  renderSummary,
  type Summary,
} from '../../report';
import { ListenError, serveUntilStopped } from '../../serve';
import { getValidator } from '../../validation';
import { parseCommandArgs, REPORT_OPTIONS, reportFormat, specFileOption } from '../args';
import { type Command, type CommandContext, ExitCode, UsageError } from '../command';
import { JunitFile } from '../output';
import { secretFromEnv } from '../secretFromEnv';
import { stopOnProcessSignals } from '../stopOnProcessSignals';
import { GROUPED_LISTING } from '../validateReport';

const EXIT: Record<ProxyOutcome, number> = {
  passed: ExitCode.ok,
  violation: ExitCode.violation,
  unreachable: ExitCode.unreachable,
};

const VERDICT: Record<ProxyOutcome, (tally: ProxyTally) => string> = {
  passed: () => 'passed',
  violation: () => 'contract violation',
  // A target that cut an answer off has sent its head: the client got that answer cut off, not a 502.
  unreachable: ({ unreachable, exchanges }) =>
    `the target could not be reached for ${formatCount(unreachable)} of ${formatCount(exchanges)} request${exchanges === 1 ? '' : 's'} (the client got a 502, or the answer cut off where the target cut it)`,
};

const KIND_NOTE: Record<ProxyExchange['kind'], string> = {
  answered: '',
  unreachable: 'target unreachable',
  refused: 'not forwarded',
  abandoned: 'client gone',
};

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'TRACE']);

export const proxy: Command = {
  name: 'proxy',
  help: `Usage: activity-log-contract proxy --target <name|url> [options]

Listens on HOST:PORT and forwards every request to the target, passing each answer back unchanged and
as it streams; when an answer's body ends, it is checked against the spec (operation, documented
status, content type, body schema). Point your service at the proxy and run its tests.

The first line on stdout is 'listening on http://HOST:PORT'. Each request is logged on stderr as its
answer completes, with its findings and their spec lines. On SIGINT or SIGTERM the proxy lets requests
in flight finish (up to 5 s), then prints a summary on stdout (findings grouped as 'validate' groups them).

Only GET is forwarded unless --allow-methods says otherwise; other methods are answered 405 (and a
warning). A target that cannot be reached is answered 502 with a plain-text reason. Credentials your
service sends pass through to the target; they, and SEQUENCE_CLIENT_ID/SECRET when set, never appear in
the log, the report or recordings.

Options:
  --target <name|url>     SANDBOX, PRODUCTION (needs --allow-production), another server of the
                          spec by its description, or an http(s) base URL (required)
  --allow-production      allow forwarding to the PRODUCTION server
  --port <n>              port to listen on (default: 0, a free one; see the first line)
  --host <host>           address to listen on (default: 127.0.0.1)
  --allow-methods <list>  methods to forward besides GET, comma separated (repeatable): POST,DELETE
  --spec <file>           OpenAPI 3.0 or 3.1 document (default: the bundled spec)
  --strict                undocumented properties are failures, not warnings
  --record <dir>          write each answer as a redacted recording envelope (what 'validate' reads)
  --format human|json     summary on stdout (default: human)
  --junit <file>          also write a JUnit XML report when stopped
  -h, --help              this help

Exit codes (when stopped): 0 every answer passed, 1 an answer broke the spec, 2 a usage error (bad
option, port in use) or a recording that could not be written, 3 the target could not be reached for a
request and nothing broke the spec.`,

  run(args, context) {
    return runProxy(args, context, context.signal);
  },
};

/**
 * `proxy` until `stop` aborts; without a `stop`, until the process gets SIGINT or SIGTERM. Tests pass
 * their own signal to run it in-process.
 */
export async function runProxy(
  args: readonly string[],
  context: CommandContext,
  stop?: AbortSignal,
): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    ...REPORT_OPTIONS,
    target: { type: 'string' },
    'allow-production': { type: 'boolean', default: false },
    port: { type: 'string', default: '0' },
    host: { type: 'string', default: '127.0.0.1' },
    'allow-methods': { type: 'string', multiple: true },
    record: { type: 'string' },
  });
  if (values.help) {
    context.stdout.write(`${proxy.help}\n`);
    return ExitCode.ok;
  }
  if (positionals.length > 0) throw new UsageError(`proxy takes no arguments, got '${positionals[0]}'`);
  if (values.target === undefined)
    throw new UsageError('--target is required: SANDBOX or an http(s) base URL');
  const format = reportFormat(values.format);
  const port = portOption(values.port);
  const allowMethods = methodsOption(values['allow-methods']);
  const validator = getValidator(specFileOption(values.spec, context.cwd));
  const { spec } = validator;
  let target: string;
  try {
    target = resolveServer(spec, values.target, values['allow-production']);
  } catch (error) {
    if (error instanceof ServerChoiceError)
      throw new UsageError(error.message.replace('--server', '--target'));
    throw error;
  }
  if (context.env[LOOPBACK_ONLY_ENV] === 'true' && !isLoopback(target)) {
    throw new UsageError(`refusing ${target}: ${LOOPBACK_ONLY_ENV}=true allows loopback hosts only`);
  }
  const recordDir = values.record === undefined ? undefined : path.resolve(context.cwd, values.record);
  if (recordDir !== undefined) {
    try {
      makeDirectory(recordDir);
    } catch (error) {
      throw new UsageError(
        `cannot write recordings to ${values.record}: ${(error as NodeJS.ErrnoException).code}`,
      );
    }
  }
  // Opened before listening, so that an unwritable report is said before any traffic.
  const junit =
    values.junit === undefined ? undefined : await JunitFile.open(context.cwd, values.junit, 'proxy');

  const report = new ProxyLog(context.stderr, junit);
  const recorder =
    recordDir === undefined ? undefined : new Recorder(recordDir, values.record ?? recordDir, context.stderr);
  const signals = stop === undefined ? stopOnProcessSignals() : undefined;
  const signal = stop ?? (signals as { signal: AbortSignal }).signal;
  const running = createProxy({
    spec,
    validator,
    target,
    strict: values.strict === true,
    allowMethods,
    redact: environmentRedactor(context.env),
    record: recordDir !== undefined,
    onExchange: (exchange) => {
      report.add(exchange);
      if (exchange.recording) recorder?.write(exchange);
    },
  });
  try {
    await serveUntilStopped(running.server, {
      host: values.host,
      port,
      signal,
      settle: () => running.settle(),
      onListening: (url) => context.stdout.write(`listening on ${url}\n`),
    });
    context.stderr.write(`proxy: stopped${typeof signal.reason === 'string' ? ` (${signal.reason})` : ''}\n`);
  } catch (error) {
    if (error instanceof ListenError) throw new UsageError(error.message);
    throw error;
  } finally {
    signals?.dispose();
  }
  const tally: ProxyTally = running.tally();

  const grouped = report.groups.result();
  const summary = report.summary;
  const verdict =
    tally.exchanges === 0
      ? 'no request came through the proxy (was the service pointed at it?)'
      : VERDICT[tally.outcome](tally);
  if (format === 'human') {
    const lines = [
      `proxy: ${formatCount(tally.exchanges)} request${tally.exchanges === 1 ? '' : 's'}, target ${target}`,
      ...renderGroupedFindings(grouped),
      `${renderSummary('proxy', summary)}: ${verdict}`,
      ...(recorder?.failure === undefined ? [] : [`proxy: ${recorder.failure}`]),
    ];
    context.stdout.write(lines.map((line) => `${line}\n`).join(''));
  } else {
    // validate's grouped document, plus what only the proxy knows: its target, outcome and counts.
    const { outcome, ...requests } = tally;
    const document = {
      command: 'proxy',
      target,
      outcome,
      requests,
      findings: 'grouped',
      sections: [{ name: 'proxy', findingCount: grouped.findings, groups: grouped.groups }],
      summary,
      ...(recorder?.failure === undefined ? {} : { recordingFailure: recorder.failure }),
    };
    context.stdout.write(`${JSON.stringify(document, null, 2)}\n`);
  }
  await report.close(grouped);
  // Recordings were asked for and some are missing: the run did not do its job, whatever the answers were.
  return recorder?.failure === undefined ? EXIT[tally.outcome] : ExitCode.usage;
}

/**
 * The run's log on stderr, one entry per request as its answer completes, and what the summary and the
 * JUnit report need: grouped findings (memory grows with groups, not requests) and the first entries.
 */
class ProxyLog {
  readonly groups = new FindingGroups();
  summary: Summary = emptySummary();
  private listed: Summary = emptySummary();
  private writes: Promise<void> = Promise.resolve();

  constructor(
    private readonly stderr: NodeJS.WritableStream,
    private readonly junit: JunitFile | undefined,
  ) {}

  add(exchange: ProxyExchange): void {
    const entry = entryFor(exchange, true);
    this.summary = addToSummary(this.summary, entry.outcome);
    this.groups.add(entry.source, entry.findings);
    this.stderr.write(`${renderEntry(entry)}\n`);
    const failing = entry.outcome === 'failed';
    const listed = failing ? this.listed.failed : this.listed.passed + this.listed.warned;
    if (this.junit && listed < (failing ? GROUPED_LISTING.failing : GROUPED_LISTING.passing)) {
      this.listed = addToSummary(this.listed, entry.outcome);
      const junit = this.junit;
      const named = entryFor(exchange, false);
      this.writes = this.writes.then(() => junit.add(named, GROUPED_LISTING.findingsPerTestcase));
    }
  }

  async close(grouped: ReturnType<FindingGroups['result']>): Promise<void> {
    await this.writes;
    if (!this.junit) return;
    const rest = this.summary.checked - this.listed.checked;
    if (rest > 0) {
      const failing = this.summary.failed - this.listed.failed;
      await this.junit.addRemainder({
        name: `${formatCount(rest)} more requests`,
        failure:
          failing === 0
            ? undefined
            : `${formatCount(failing)} more requests did not pass; the output groups every finding`,
        output: renderGroupedFindings(grouped).join('\n'),
      });
    }
    await this.junit.close('activity-log-contract proxy');
  }
}

/** The request as the log shows it; `timed` adds its duration (left out of JUnit names, which must not vary). */
function entryFor(exchange: ProxyExchange, timed: boolean): ReportEntry {
  const status = exchange.status === undefined ? 'no answer' : String(exchange.status);
  const notes = [
    ...(timed ? [`${exchange.elapsedMs} ms`] : []),
    ...(exchange.kind === 'answered' ? [] : [KIND_NOTE[exchange.kind]]),
  ];
  return {
    source: `#${exchange.sequence} ${exchange.request}`,
    title: `→ ${status}${notes.length > 0 ? ` (${notes.join(', ')})` : ''}`,
    outcome: outcomeOf(exchange.findings),
    findings: exchange.findings,
  };
}

/**
 * Writes each answered exchange's recording. A write that fails (the folder removed, the disk full) is said
 * once on stderr and remembered; the proxy goes on forwarding, since the consumer's tests are mid-run.
 */
class Recorder {
  private failed = 0;
  private reason = '';

  constructor(
    private readonly dir: string,
    private readonly shown: string,
    private readonly stderr: NodeJS.WritableStream,
  ) {}

  write(exchange: ProxyExchange): void {
    const slug = exchange.request.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 80);
    const file = path.join(this.dir, `${String(exchange.sequence).padStart(4, '0')}-${slug}.json`);
    try {
      writeFileSync(file, `${JSON.stringify(exchange.recording, null, 2)}\n`);
    } catch (error) {
      const { code, message } = error as NodeJS.ErrnoException;
      if (this.failed++ === 0) {
        this.reason = code ?? message;
        this.stderr.write(
          `proxy: cannot write recordings to ${this.shown} (${this.reason}); still forwarding, and the run will exit 2\n`,
        );
      }
    }
  }

  /** Why recordings are missing, for the summary; `undefined` when every one was written. */
  get failure(): string | undefined {
    if (this.failed === 0) return undefined;
    return `${formatCount(this.failed)} recording${this.failed === 1 ? '' : 's'} could not be written to ${this.shown} (${this.reason})`;
  }
}

/** The environment's credentials, when set, are kept out of output too (the service may use the same). */
function environmentRedactor(env: NodeJS.ProcessEnv): Redactor | undefined {
  const clientSecret = secretFromEnv(env, 'SEQUENCE_CLIENT_SECRET');
  if (clientSecret === undefined) return undefined;
  return createRedactor({ clientId: env['SEQUENCE_CLIENT_ID'] ?? '', clientSecret });
}

function portOption(value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value.trim()) || port > 65_535) {
    throw new UsageError(`--port must be a whole number from 0 to 65535 (0: a free port), not '${value}'`);
  }
  return port;
}

function methodsOption(values: readonly string[] | undefined): string[] {
  const methods = (values ?? [])
    .flatMap((v) => v.split(','))
    .map((m) => m.trim().toUpperCase())
    .filter((m) => m !== '');
  const unknown = methods.find((m) => !METHODS.has(m));
  if (unknown !== undefined) {
    throw new UsageError(`--allow-methods: '${unknown}' is not an HTTP method (${[...METHODS].join(', ')})`);
  }
  return methods;
}
