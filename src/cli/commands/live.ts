import { readFileSync } from 'node:fs';
import { STATUS_CODES } from 'node:http';
import path from 'node:path';
import {
  DEFAULT_RETRY_POLICY,
  DEFAULT_SERVER,
  isLoopback,
  LIVE_DEFAULTS,
  type LiveExchange,
  type LiveFinding,
  type LiveOutcome,
  type LiveReport,
  LOOPBACK_ONLY_ENV,
  type ProbeKind,
  resolveServer,
  runLive,
  ServerChoiceError,
  writeRecordings,
} from '../../live';
import { shownId } from '../../live/shownId';
import { makeDirectory } from '../../makeDirectory';
import {
  outcomeOf,
  type ReportEntry,
  type ReportSection,
  renderJson,
  renderJunit,
  renderSections,
  renderSummary,
  summarize,
} from '../../report';
import { getValidator, type Rule } from '../../validation';
import { parseCommandArgs, REPORT_OPTIONS, reportFormat, specFileOption } from '../args';
import { type Command, type CommandContext, ExitCode, UsageError } from '../command';
import { writeReportFile } from '../output';
import { secretFromEnv } from '../secretFromEnv';

/** The rules of the live gate, in report order, with the requests each one judges. */
const RULES: readonly { rule: Rule; kinds: readonly ProbeKind[] }[] = [
  { rule: 'provider_reachable', kinds: ['read', 'no_credentials', 'wrong_credentials', 'unknown_version'] },
  { rule: 'response_schema_conformance', kinds: ['read'] },
  {
    rule: 'status_code_documented',
    kinds: ['read', 'no_credentials', 'wrong_credentials', 'unknown_version'],
  },
  { rule: 'content_type_conformance', kinds: ['read'] },
  { rule: 'auth_enforced', kinds: ['no_credentials', 'wrong_credentials'] },
  { rule: 'version_header', kinds: ['read', 'unknown_version'] },
  { rule: 'not_a_server_error', kinds: ['read', 'no_credentials', 'wrong_credentials', 'unknown_version'] },
  { rule: 'response_time', kinds: ['read', 'no_credentials', 'wrong_credentials', 'unknown_version'] },
];

/** URI Too Long, Request Header Fields Too Large: what a server answers to a request line it cannot take. */
const ID_REFUSED_STATUSES: ReadonlySet<number> = new Set([414, 431]);

const EXIT: Record<LiveOutcome, number> = {
  passed: ExitCode.ok,
  violation: ExitCode.violation,
  credentials_rejected: ExitCode.usage,
  unreachable: ExitCode.unreachable,
};

const VERDICT: Record<LiveOutcome, string> = {
  passed: 'passed',
  violation: 'contract violation',
  credentials_rejected:
    'the provider refused SEQUENCE_CLIENT_ID/SEQUENCE_CLIENT_SECRET with 401: check the credentials',
  unreachable: 'provider unreachable, or still failing after retries',
};

export const live: Command = {
  name: 'live',
  help: `Usage: activity-log-contract live [options]

Calls GET /activity-logs/{id} on a running provider (the sandbox by default) for each id, plus three
probes with the first id (no credentials, wrong credentials, an unknown sequence-version), and checks
every answer against the spec. Only GET requests, ever.

Rules: provider_reachable, response_schema_conformance, status_code_documented,
content_type_conformance, auth_enforced, version_header, not_a_server_error, response_time.

Credentials come from SEQUENCE_CLIENT_ID and SEQUENCE_CLIENT_SECRET (sent as Basic auth). They never
appear in output, reports or recordings; reproductions say "$SEQUENCE_CLIENT_ID:$SEQUENCE_CLIENT_SECRET".

Options:
  --server <name|url>     SANDBOX (default), PRODUCTION (needs --allow-production), another server
                          of the spec by its description, or an http(s) base URL
  --allow-production      allow running against the PRODUCTION server
  --id <id>               an activity log id to read (repeatable)
  --ids-file <file>       ids, one a line (# comments and blank lines ignored)
                          (without --id or --ids-file: SEQUENCE_ACTIVITY_LOG_IDS, comma or space separated)
  --spec <file>           OpenAPI 3.0 or 3.1 document (default: the bundled spec)
  --strict                undocumented properties are failures, not warnings
  --timeout-ms <n>        per request, redirects and body included (default: ${LIVE_DEFAULTS.timeoutMs})
  --retries <n>           retries on 429/502/503/504 and connection errors, with exponential backoff,
                          jitter and Retry-After (default: ${DEFAULT_RETRY_POLICY.retries})
  --rps <n>               requests started per second at most (default: ${LIVE_DEFAULTS.rps})
  --concurrency <n>       requests in flight at most (default: ${LIVE_DEFAULTS.concurrency})
  --max-response-ms <n>   slower answers get a response_time warning (default: ${LIVE_DEFAULTS.maxResponseMs})
  --skip-probes           read the ids only: no auth or version probes
  --record <dir>          write each answer as a recording envelope (what 'validate' reads)
  --format human|json     report on stdout (default: human)
  --junit <file>          also write a JUnit XML report (a testsuite per rule)
  -h, --help              this help

Exit codes: 0 passed, 1 a contract violation, 2 a usage or configuration error (credentials refused,
or an id the server cannot take with 414/431, included), 3 the provider could not be reached or still
failed after retries. A violation wins over 3.`,

  async run(args, context) {
    const { values, positionals } = parseCommandArgs(args, {
      ...REPORT_OPTIONS,
      server: { type: 'string', default: DEFAULT_SERVER },
      'allow-production': { type: 'boolean', default: false },
      id: { type: 'string', multiple: true },
      'ids-file': { type: 'string' },
      'timeout-ms': { type: 'string' },
      retries: { type: 'string' },
      rps: { type: 'string' },
      concurrency: { type: 'string' },
      'max-response-ms': { type: 'string' },
      'skip-probes': { type: 'boolean', default: false },
      record: { type: 'string' },
    });
    if (values.help) {
      context.stdout.write(`${this.help}\n`);
      return ExitCode.ok;
    }
    if (positionals.length > 0) throw new UsageError(`live takes no arguments, got '${positionals[0]}'`);
    const format = reportFormat(values.format);
    const validator = getValidator(specFileOption(values.spec, context.cwd));
    const { spec } = validator;

    let baseUrl: string;
    try {
      baseUrl = resolveServer(spec, values.server, values['allow-production']);
    } catch (error) {
      if (error instanceof ServerChoiceError) throw new UsageError(error.message);
      throw error;
    }
    if (context.env[LOOPBACK_ONLY_ENV] === 'true' && !isLoopback(baseUrl)) {
      throw new UsageError(`refusing ${baseUrl}: ${LOOPBACK_ONLY_ENV}=true allows loopback hosts only`);
    }
    const clientId = context.env['SEQUENCE_CLIENT_ID'] ?? '';
    const clientSecret = secretFromEnv(context.env, 'SEQUENCE_CLIENT_SECRET') ?? '';
    if (clientId === '' || clientSecret === '') {
      throw new UsageError(
        'set SEQUENCE_CLIENT_ID and SEQUENCE_CLIENT_SECRET (in CI: from the secret store)',
      );
    }
    const ids = readIds(context, values.id, values['ids-file']);
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

    const report = await runLive({
      spec,
      validator,
      baseUrl,
      ids,
      credentials: { clientId, clientSecret },
      strict: values.strict === true,
      timeoutMs: positiveInteger('--timeout-ms', values['timeout-ms'], LIVE_DEFAULTS.timeoutMs),
      retry: { retries: positiveInteger('--retries', values.retries, DEFAULT_RETRY_POLICY.retries, 0) },
      rps: positiveNumber('--rps', values.rps, LIVE_DEFAULTS.rps),
      concurrency: positiveInteger('--concurrency', values.concurrency, LIVE_DEFAULTS.concurrency),
      maxResponseMs: positiveInteger(
        '--max-response-ms',
        values['max-response-ms'],
        LIVE_DEFAULTS.maxResponseMs,
      ),
      probes: values['skip-probes'] !== true,
    });

    const tooLong = report.exchanges.find(
      (e) => e.kind === 'read' && e.status !== undefined && ID_REFUSED_STATUSES.has(e.status),
    );
    if (tooLong?.status !== undefined) {
      // Not the provider breaking the contract: a request it cannot take, for an id of the caller's.
      throw new UsageError(
        `the server cannot take the id '${shownId(tooLong.id)}': it answered ${tooLong.status} ${STATUS_CODES[tooLong.status]}; check --id, --ids-file or SEQUENCE_ACTIVITY_LOG_IDS`,
      );
    }
    const sections = liveSections(report);
    const requests = report.exchanges.map((exchange) => entryFor(exchange, findingsOf(report, exchange)));
    const summary = summarize(requests);
    if (format === 'human') {
      context.stdout.write(`live: ${report.operation} on ${report.server}\n`);
      context.stdout.write(renderSections(sections));
      context.stdout.write(`${renderSummary('live', summary)}: ${VERDICT[report.outcome]}\n`);
    } else {
      // The shared report document, plus what only a live run knows: server, outcome, each request.
      const document = {
        command: 'live',
        server: report.server,
        operation: report.operation,
        outcome: report.outcome,
        summary,
        sections,
        requests: report.exchanges.map(({ recording: _recording, ...exchange }) => ({
          ...exchange,
          id: shownId(exchange.id),
        })),
      };
      context.stdout.write(renderJson(document));
    }
    if (values.junit) {
      await writeReportFile(context.cwd, values.junit, renderJunit('activity-log-contract live', sections));
    }
    if (recordDir !== undefined) writeRecordings(recordDir, report.exchanges);
    return EXIT[report.outcome];
  },
};

/** One section per rule: each request that rule judges, with that rule's findings only. */
export function liveSections(report: LiveReport): ReportSection[] {
  return RULES.map(({ rule, kinds }) => ({
    name: rule,
    entries: report.exchanges
      .map((exchange) => ({
        exchange,
        findings: findingsOf(report, exchange).filter((f) => f.rule === rule),
      }))
      .filter(
        ({ exchange, findings }) =>
          findings.length > 0 || (kinds.includes(exchange.kind) && judged(rule, exchange)),
      )
      .map(({ exchange, findings }) => entryFor(exchange, findings)),
  })).filter((section) => section.entries.length > 0);
}

/** Only `provider_reachable` judges a request that got no usable answer. */
function judged(rule: Rule, exchange: LiveExchange): boolean {
  return rule === 'provider_reachable' || !exchange.unreachable;
}

function findingsOf(report: LiveReport, exchange: LiveExchange): LiveFinding[] {
  return report.findings.filter((f) => f.request === exchange.request);
}

function entryFor(exchange: LiveExchange, findings: readonly LiveFinding[]): ReportEntry {
  return {
    source: exchange.request,
    title: exchange.status === undefined ? '→ no answer' : `→ ${exchange.status}`,
    outcome: outcomeOf(findings),
    findings,
    reproduction: exchange.reproduction,
  };
}

function readIds(context: CommandContext, flags: string[] | undefined, file: string | undefined): string[] {
  const ids = [...(flags ?? [])];
  if (file !== undefined) {
    let text: string;
    try {
      text = readFileSync(path.resolve(context.cwd, file), 'utf8');
    } catch (error) {
      throw new UsageError(`cannot read --ids-file ${file}: ${(error as NodeJS.ErrnoException).code}`);
    }
    for (const line of text.split(/\r?\n/)) {
      const id = line.replace(/#.*$/, '').trim();
      if (id !== '') ids.push(id);
    }
  }
  if (flags === undefined && file === undefined) {
    ids.push(...(context.env['SEQUENCE_ACTIVITY_LOG_IDS'] ?? '').split(/[\s,]+/).filter((id) => id !== ''));
  }
  const cleaned = [...new Set(ids.map((id) => id.trim()).filter((id) => id !== ''))];
  if (cleaned.length === 0) {
    throw new UsageError('no activity log id: give --id, --ids-file or SEQUENCE_ACTIVITY_LOG_IDS');
  }
  return cleaned;
}

function positiveInteger(flag: string, value: string | undefined, fallback: number, min = 1): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < min) {
    throw new UsageError(`${flag} must be an integer of at least ${min}, not '${value}'`);
  }
  return n;
}

function positiveNumber(flag: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n <= 0) {
    throw new UsageError(`${flag} must be a number above 0, not '${value}'`);
  }
  return n;
}
